import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderInUseError, LOCK_FILE_NAME, lockDataFolder } from '../../../electron/store/lock';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-lock-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has run and exited (and been reaped): nothing runs under it now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function refusal(fn: () => unknown): FolderInUseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FolderInUseError) return err;
    throw err;
  }
  throw new Error('the folder was not refused');
}

describe('one owner per data folder', () => {
  it('writes who holds the folder, refuses a second owner in one line naming the folder, and frees it on release', () => {
    const lock = lockDataFolder(dir);
    const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number; hostname: string };
    expect(owner).toMatchObject({ pid: process.pid, hostname: os.hostname() });

    const err = refusal(() => lockDataFolder(dir));
    expect(err.message).toContain(dir);
    expect(err.message).toContain(`process ${process.pid}`);
    expect(err.message).not.toContain('\n');

    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    lock.release(); // twice is harmless
    lockDataFolder(dir).release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const pid = deadPid();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ app: 'Journeyboard', pid, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const lock = lockDataFolder(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    // Nothing is left beside it from the takeover.
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE_NAME]);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another program (a reused pid)', () => {
    // Our parent runs, but it did not start when the lock says: its start time differs.
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ app: 'Journeyboard', pid: process.ppid, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', procStart: '1' }),
    );
    if (process.platform === 'linux') lockDataFolder(dir).release();
    else expect(() => lockDataFolder(dir)).toThrow(FolderInUseError);
  });

  it('takes over an empty or unreadable lock file (a crash while it was written)', () => {
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), '');
    lockDataFolder(dir).release();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), '{"pid":');
    lockDataFolder(dir).release();
  });

  it('refuses a lock held by a live process, and one from another computer (a shared folder)', () => {
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ app: 'Journeyboard', pid: process.ppid, hostname: os.hostname(), startedAt: 'x' }));
    expect(refusal(() => lockDataFolder(dir)).message).toContain(`process ${process.ppid}`);
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ app: 'Journeyboard', pid: deadPid(), hostname: 'another-laptop', startedAt: 'x' }));
    const elsewhere = refusal(() => lockDataFolder(dir)).message;
    expect(elsewhere).toContain('on another-laptop');
    expect(elsewhere).toContain(`If it no longer runs there, delete ${path.join(dir, LOCK_FILE_NAME)}.`);
    expect(elsewhere).not.toContain('\n');
    // Neither was touched.
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).hostname).toBe('another-laptop');
  });

  it('does not remove a lock that someone else took over meanwhile', () => {
    const lock = lockDataFolder(dir);
    const other = JSON.stringify({ app: 'Journeyboard', pid: process.ppid, hostname: os.hostname(), startedAt: 'later' });
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), other);
    lock.release();
    expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).toBe(other);
  });
});
