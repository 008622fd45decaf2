import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FolderInUseError, openDataFolder, type DataFolder } from '../../../electron/services/dataFolder';
import type { Core } from '../../../electron/services/index';
import { listBackups } from '../../../electron/store/backup';
import { LOCK_FILE_NAME } from '../../../electron/store/lock';
import type { StartupNotice } from '../../../shared/api';
import { RESOURCES } from '../helpers';

let dir: string;
let opened: DataFolder[] = [];
const STORE = 'journeyboard.sqlite';

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-folder-'));
  opened = [];
  // Recovery is also printed for the terminal; keep the test output to results.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  for (const f of opened) f.core.close();
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<DataFolder> {
  const folder = await openDataFolder(dir, { resourcesDir: RESOURCES });
  opened.push(folder);
  return folder;
}

function call<T>(core: Core, method: string, input: unknown): T {
  const r = core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const titles = (core: Core) => call<{ title: string }[]>(core, 'maps.list', {}).map((m) => m.title).sort();
const damagedFiles = () => fs.readdirSync(dir).filter((n) => n.startsWith(`${STORE}.damaged-`));

/** A store with one map, closed, and backed up by the next start, then a second map after it. */
async function storeWithBackup(): Promise<void> {
  let f = await open();
  call(f.core, 'maps.create', { title: 'Kickoff' });
  f.core.close();
  f = await open(); // backs up "Kickoff" before its first write
  call(f.core, 'maps.create', { title: 'After the backup' });
  f.core.close();
  expect(listBackups(dir)).toHaveLength(1);
}

/** Overwrites the store's pages after the first with noise, as a failing disk might. */
function damagePages(): Buffer {
  const bytes = fs.readFileSync(path.join(dir, STORE));
  const pageSize = bytes.readUInt16BE(16);
  for (let i = pageSize; i < bytes.length; i += 7) bytes[i] = (i * 31) & 0xff;
  fs.writeFileSync(path.join(dir, STORE), bytes);
  return bytes;
}

describe('opening a data folder', () => {
  it('holds the folder while open: a second open is refused naming the folder; closing frees it', async () => {
    const first = await open();
    expect(first.notices).toEqual([]);
    expect(call(first.core, 'app.notices', {})).toEqual([]);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);
    await expect(openDataFolder(dir, { resourcesDir: RESOURCES })).rejects.toThrow(FolderInUseError);
    await expect(openDataFolder(dir, { resourcesDir: RESOURCES })).rejects.toThrow(dir);
    first.core.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    expect(titles((await open()).core)).toEqual([]);
  });

  it('backs the store up at start-up, before anything writes to it', async () => {
    let f = await open();
    call(f.core, 'maps.create', { title: 'Kickoff' });
    f.core.close();
    expect(listBackups(dir)).toEqual([]); // a new, empty store has nothing to keep
    f = await open();
    const [backup] = listBackups(dir);
    const copy = new Database(backup!, { readonly: true });
    expect(copy.prepare('SELECT title FROM maps').pluck().all()).toEqual(['Kickoff']);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    f.core.close();
  });

  it('backs up again while maps change (hourly; shortened here), and not while nothing changes', async () => {
    const f = await openDataFolder(dir, { resourcesDir: RESOURCES, backupIntervalMs: 20 });
    opened.push(f);
    await new Promise((r) => setTimeout(r, 100));
    expect(listBackups(dir)).toEqual([]); // an empty new store, unchanged: nothing to keep
    call(f.core, 'maps.create', { title: 'Kickoff' });
    await vi.waitUntil(() => listBackups(dir).length === 1, { timeout: 10_000 });
    const copy = new Database(listBackups(dir)[0]!, { readonly: true });
    expect(copy.prepare('SELECT title FROM maps').pluck().all()).toEqual(['Kickoff']);
    copy.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(listBackups(dir)).toHaveLength(1);
  });

  it('sets a damaged store aside byte for byte, restores the newest good backup, and says so', async () => {
    await storeWithBackup();
    const damaged = damagePages();

    const f = await open();
    expect(titles(f.core)).toEqual(['Kickoff']);
    expect(damagedFiles()).toHaveLength(1);
    const aside = path.join(dir, damagedFiles()[0]!);
    expect(fs.readFileSync(aside).equals(damaged)).toBe(true);

    const notices = call<StartupNotice[]>(f.core, 'app.notices', {});
    expect(notices).toEqual(f.notices);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.kind).toBe('error');
    expect(notices[0]!.message).toMatch(/damaged.*restored the backup from/);
    expect(notices[0]!.message).toContain(aside);
    // The restored store is a sound one, and edits go on.
    call(f.core, 'maps.create', { title: 'Next' });
    expect(f.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('treats a file that is not a database at all the same way', async () => {
    await storeWithBackup();
    const garbage = Buffer.alloc(3 * 4096, 0x5a);
    fs.writeFileSync(path.join(dir, STORE), garbage);
    const f = await open();
    expect(titles(f.core)).toEqual(['Kickoff']);
    expect(fs.readFileSync(path.join(dir, damagedFiles()[0]!)).equals(garbage)).toBe(true);
  });

  it('skips a damaged backup for an older good one', async () => {
    await storeWithBackup();
    let f = await open(); // a second backup, of both maps
    f.core.close();
    const [newest, older] = listBackups(dir);
    const bytes = fs.readFileSync(newest!);
    bytes.fill(0x33, 100);
    fs.writeFileSync(newest!, bytes);
    damagePages();
    f = await open();
    expect(titles(f.core)).toEqual(['Kickoff']);
    expect(f.notices[0]!.message).toContain('restored the backup');
    expect(fs.existsSync(older!)).toBe(true);
  });

  it('with no backup at all, starts empty, says so, and keeps the damaged file', async () => {
    const f0 = await open();
    call(f0.core, 'maps.create', { title: 'Kickoff' });
    f0.core.close();
    const damaged = damagePages();

    const f = await open();
    expect(titles(f.core)).toEqual([]);
    expect(f.notices).toHaveLength(1);
    expect(f.notices[0]!.message).toMatch(/no backup to restore, so Journeyboard started with no maps/);
    expect(fs.readFileSync(path.join(dir, damagedFiles()[0]!)).equals(damaged)).toBe(true);
  });

  it('a store from a newer Journeyboard is not damage: it is refused untouched, and the folder freed', async () => {
    const f0 = await open();
    f0.core.close();
    const db = new Database(path.join(dir, STORE));
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(path.join(dir, STORE));
    await expect(openDataFolder(dir, { resourcesDir: RESOURCES })).rejects.toThrow(/newer Journeyboard/);
    expect(damagedFiles()).toEqual([]);
    expect(fs.readFileSync(path.join(dir, STORE)).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });
});
