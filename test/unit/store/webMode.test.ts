// The data folder in real web-mode processes (loopback, port 0): two processes on one folder, and a
// damaged store at start-up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupStore, listBackups } from '../../../electron/store/backup';
import { openDatabase } from '../../../electron/store/db';
import { LOCK_FILE_NAME } from '../../../electron/store/lock';
import { bundleWebServer, startWeb, type Exited, type WebProcess } from './webProcess';

let server: Awaited<ReturnType<typeof bundleWebServer>>;
let dataDir: string;
const running: WebProcess[] = [];

beforeAll(async () => {
  server = await bundleWebServer();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-two-'));
}, 60_000);
afterAll(async () => {
  for (const p of running) await p.kill9();
  server?.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function refused(): Promise<Exited> {
  try {
    running.push(await startWeb(server.entry, dataDir));
  } catch (err) {
    const exited = (err as { exited?: Exited }).exited;
    if (exited) return exited;
    throw err;
  }
  throw new Error('the second process started on a folder in use');
}

describe('one Journeyboard per data folder', () => {
  it('refuses a second process in one line naming the folder; after kill -9 of the first, a new start takes over', async () => {
    const first = await startWeb(server.entry, dataDir);
    running.push(first);
    const created = await first.call('maps.create', { title: 'Kickoff' });
    expect(created.ok).toBe(true);

    const second = await refused();
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toContain(`process ${first.child.pid}`);
    expect(second.stdout).toBe('');
    // The first is unharmed.
    expect((await first.call('maps.list', {})).ok).toBe(true);

    await first.kill9();
    // The killed process's lock is still there: nothing removed it.
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8')).pid).toBe(first.child.pid);

    const third = await startWeb(server.entry, dataDir);
    running.push(third);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8')).pid).toBe(third.child.pid);
    const list = await third.call('maps.list', {});
    expect((list.value as { title: string }[]).map((m) => m.title)).toEqual(['Kickoff']);

    // A clean stop releases the folder.
    expect(await third.stop()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 120_000);
});

describe('a damaged store at start-up in web mode', () => {
  it('is set aside byte for byte, the backup restored, and the person told: a printed line and a notice for the page', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-damaged-'));
    try {
      // A store with one map and a backup of it; then a second map, and the disk damages the file.
      const db = openDatabase(path.join(dir, 'journeyboard.sqlite'));
      db.prepare("INSERT INTO maps (id, title, created_at, updated_at) VALUES ('m1', 'Kickoff', 1, 1)").run();
      await backupStore(db, dir);
      db.prepare("INSERT INTO maps (id, title, created_at, updated_at) VALUES ('m2', 'Later', 2, 2)").run();
      db.close();
      const damaged = Buffer.alloc(4 * 4096, 0xa5);
      fs.writeFileSync(path.join(dir, 'journeyboard.sqlite'), damaged);

      const web = await startWeb(server.entry, dir);
      running.push(web);
      const aside = fs.readdirSync(dir).filter((n) => n.startsWith('journeyboard.sqlite.damaged-'));
      expect(aside).toHaveLength(1);
      expect(fs.readFileSync(path.join(dir, aside[0]!)).equals(damaged)).toBe(true);

      const printed = web.stderr().split('\n').filter((l) => l.includes('restored the backup'));
      expect(printed).toHaveLength(1);
      expect(printed[0]).toContain(path.join(dir, aside[0]!));
      const notices = await web.call('app.notices', {});
      expect(notices.value).toEqual([{ kind: 'error', message: expect.stringContaining(path.join(dir, aside[0]!)) }]);
      const list = await web.call('maps.list', {});
      expect((list.value as { title: string }[]).map((m) => m.title)).toEqual(['Kickoff']);
      expect(await web.stop()).toBe(0);
      // This start backed nothing up over the restored copy: the one backup is still the only one.
      expect(listBackups(dir)).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
