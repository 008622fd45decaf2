import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/index';
import { ERROR_STATUS } from '../../../shared/errors';
import { RESOURCES } from '../helpers';

let dir: string;
let core: Core;
let other: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-busy-'));
  // A short busy timeout, so the test does not wait the real five seconds.
  core = openCore({ dataDir: dir, resourcesDir: RESOURCES, busyTimeoutMs: 200 });
  // A second real connection to the same file: another program (or a stray sqlite3 shell).
  other = new Database(path.join(dir, 'journeyboard.sqlite'));
});
afterEach(() => {
  if (other.inTransaction) other.exec('ROLLBACK');
  other.close();
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const titles = () => (core.dispatch('maps.list', {}) as { ok: true; value: { title: string }[] }).value.map((m) => m.title);

describe('a store busy in another program', () => {
  it('answers `busy` (HTTP 503) with a message a person can act on, and changes nothing', () => {
    const created = core.dispatch('maps.create', { title: 'Before' });
    expect(created.ok).toBe(true);
    other.exec('BEGIN IMMEDIATE');

    const answer = core.dispatch('maps.create', { title: 'While busy' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'busy', message: 'The map store is busy in another program; try again in a moment. Nothing was changed.' },
    });
    expect(ERROR_STATUS.busy).toBe(503);
    // Every kind of write waits for the lock before it reads, so none fails halfway.
    const id = (created as { value: { id: string } }).value.id;
    expect(core.dispatch('maps.rename', { id, title: 'Renamed' })).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(core.dispatch('notes.create', { mapId: id, text: 'A note', x: 0, y: 0 })).toMatchObject({ ok: false, error: { code: 'busy' } });

    // Reading still works while the other program holds the write lock (WAL).
    expect(titles()).toEqual(['Before']);

    other.exec('COMMIT');
    expect(core.dispatch('maps.create', { title: 'Try again' }).ok).toBe(true);
    expect(titles().sort()).toEqual(['Before', 'Try again']);
  });

  it('waits for a lock that is released within the busy timeout, and the write goes through', async () => {
    other.close();
    core.close();
    core = openCore({ dataDir: dir, resourcesDir: RESOURCES, busyTimeoutMs: 30_000 });
    other = new Database(':memory:');
    // Another process takes the write lock, says so, and lets go after a moment.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(path.join(dir, 'journeyboard.sqlite'))});
         db.exec('BEGIN IMMEDIATE'); console.log('locked');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`,
      ],
      { cwd: path.resolve(import.meta.dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const answer = core.dispatch('maps.create', { title: 'Waited' });
    expect(answer.ok).toBe(true);
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(titles()).toEqual(['Waited']);
  });
});
