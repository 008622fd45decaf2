// A full disk is named as such and leaves nothing half-written; scratch/ is swept at start-up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../../electron/services/index';
import type { JourneyMap } from '../../../shared/domain';
import { RESOURCES } from '../helpers';

const FULL = 'The disk is full: free some space and try again.';

let dir: string;
let core: Core;
let map: JourneyMap;

function ok<T>(answer: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!answer.ok) throw new Error(`unexpected failure: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

const noteCount = () => core.db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
const scratch = () => path.join(dir, 'scratch');
const scratchFiles = () => (fs.existsSync(scratch()) ? fs.readdirSync(scratch()) : []);

/** An error as Node's fs gives it when the disk is full. */
function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-full-'));
  core = openCore({ dataDir: dir, resourcesDir: RESOURCES });
  map = ok<JourneyMap>(core.dispatch('maps.create', { title: 'Bank', template: 'bank-account-opening' }));
});
afterEach(() => {
  vi.restoreAllMocks();
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('the store (SQLITE_FULL, made real with max_page_count): named as such, and nothing of the write is kept', () => {
    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages + 2}`);
    const before = noteCount();
    const notes = Array.from({ length: 300 }, (_, i) => ({ text: `${i} ${'x'.repeat(4000)}`, x: i, y: 0 }));

    const answer = core.dispatch('notes.createMany', { mapId: map.id, notes });
    expect(answer).toEqual({ ok: false, error: { code: 'disk_full', message: `${FULL} Nothing was changed.` } });
    expect(noteCount()).toBe(before);

    // Space again: the same write goes through whole.
    core.db.pragma('max_page_count = 1073741823');
    expect(core.dispatch('notes.createMany', { mapId: map.id, notes }).ok).toBe(true);
    expect(noteCount()).toBe(before + 300);
  });

  it('saving a .journey file (ENOSPC on sync): named as such, and no file or temporary file is left', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw enospc();
    });
    const answer = core.exportJourney(map.id, path.join(out, 'bank.journey'));
    expect(answer).toEqual({ ok: false, error: { code: 'disk_full', message: `${FULL} No file was written.` } });
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('an upload that does not fit in scratch/ (ENOSPC half way): named as such, no part left, store unchanged', async () => {
    const file = path.join(dir, 'bank.journey');
    expect(core.exportJourney(map.id, file).ok).toBe(true);
    const base64 = fs.readFileSync(file).toString('base64');
    ok(core.dispatch('maps.delete', { id: map.id }));
    const realWrite = fs.promises.writeFile;
    vi.spyOn(fs.promises, 'writeFile').mockImplementationOnce(async (target, data) => {
      await realWrite(target, (data as Buffer).subarray(0, 100)); // Part of it got written...
      throw enospc(); // ...then the disk was full.
    });

    const answer = await core.dispatchAsync('files.importJourney', { base64 });
    expect(answer).toEqual({ ok: false, error: { code: 'disk_full', message: `${FULL} Nothing was imported.` } });
    expect(scratchFiles()).toEqual([]);
    expect(ok<unknown[]>(core.dispatch('maps.list', {}))).toEqual([]);
  });

  it('copying a file to open into scratch/ (ENOSPC half way): named as such, no part left, store unchanged', async () => {
    const file = path.join(dir, 'bank.journey');
    expect(core.exportJourney(map.id, file).ok).toBe(true);
    ok(core.dispatch('maps.delete', { id: map.id }));
    vi.spyOn(fs.promises, 'copyFile').mockImplementationOnce(async (_from, to) => {
      await fs.promises.writeFile(to, 'SQLite format 3\0 partial');
      throw enospc();
    });

    expect(await core.importJourney(file)).toEqual({ ok: false, error: { code: 'disk_full', message: `${FULL} Nothing was imported.` } });
    expect(scratchFiles()).toEqual([]);
    expect(ok<unknown[]>(core.dispatch('maps.list', {}))).toEqual([]);
    // With room again, the same file opens.
    expect((await core.importJourney(file)).ok).toBe(true);
  });
});

describe('scratch/', () => {
  it('is swept at start-up: copies a crash left behind are removed, the rest of the folder is not touched', () => {
    core.close();
    fs.mkdirSync(path.join(scratch(), 'stale'), { recursive: true });
    for (const name of ['import-3f2a.journey', 'upload-id-1.journey', '.bank.journey.ab12.tmp', 'stale/inner.journey']) {
      fs.writeFileSync(path.join(scratch(), name), 'left by a crash');
    }
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'not scratch');

    core = openCore({ dataDir: dir, resourcesDir: RESOURCES });
    expect(scratchFiles()).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'keep.txt'), 'utf8')).toBe('not scratch');
    expect(ok<{ title: string }[]>(core.dispatch('maps.list', {})).map((m) => m.title)).toEqual(['Bank']);
  });

  it('keeps nothing after an import, good or refused', async () => {
    const file = path.join(dir, 'bank.journey');
    expect(core.exportJourney(map.id, file).ok).toBe(true);
    const base64 = fs.readFileSync(file).toString('base64');
    expect((await core.importJourney(file, 'copy')).ok).toBe(true);
    expect((await core.dispatchAsync('files.importJourney', { base64, onConflict: 'copy' })).ok).toBe(true);
    expect((await core.dispatchAsync('files.importJourney', { base64: Buffer.from('not a map').toString('base64') })).ok).toBe(false);
    expect(scratchFiles()).toEqual([]);
  });
});
