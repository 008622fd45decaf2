// Two Journeyboard processes on one data folder: real web-mode processes, loopback, port 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
