/**
 * One owner per data folder: a lock file, `journeyboard.lock`, created exclusively (`wx`) and
 * holding the owner's pid, host and start. A lock whose process is gone (killed, crashed) is stale
 * and taken over; a live one refuses the second process with one line naming the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE_NAME = 'journeyboard.lock';

interface LockOwner {
  app: 'Journeyboard';
  pid: number;
  hostname: string;
  /** ISO time the owning process started. */
  startedAt: string;
  /** Linux: the process's start in clock ticks since boot (/proc/<pid>/stat), so a reused pid is not mistaken for the owner. */
  procStart?: string;
}

export interface FolderLock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** A second Journeyboard on a folder in use. The message is one line, naming the folder. */
export class FolderInUseError extends Error {
  readonly code = 'folder_in_use';
  constructor(message: string) {
    super(message);
    this.name = 'FolderInUseError';
  }
}

/** Lock files this process holds, so a lock naming our own pid is recognised as ours, not stale. */
const held = new Set<string>();

/** The start of process `pid` in clock ticks since boot (Linux only; undefined elsewhere or when gone). */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; field 22 is starttime.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function describeOwner(owner: LockOwner): string {
  const where = owner.hostname === os.hostname() ? '' : ` on ${owner.hostname}`;
  return `process ${owner.pid}${where}, started ${owner.startedAt}`;
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return null;
    return { app: 'Journeyboard', pid: parsed.pid, hostname: parsed.hostname, startedAt: String(parsed.startedAt ?? 'at an unknown time'), ...(parsed.procStart ? { procStart: String(parsed.procStart) } : {}) };
  } catch {
    return null;
  }
}

/** Whether the process that wrote `owner` still runs. A lock from another host is assumed live. */
function ownerIsAlive(owner: LockOwner, file: string): boolean {
  if (owner.hostname !== os.hostname()) return true;
  if (owner.pid === process.pid) return held.has(file);
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user; only ESRCH means it is gone.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  if (owner.procStart !== undefined) {
    const now = processStart(owner.pid);
    if (now !== undefined && now !== owner.procStart) return false; // the pid was reused
  }
  return true;
}

function ownerRecord(): LockOwner {
  const procStart = processStart(process.pid);
  return {
    app: 'Journeyboard',
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    ...(procStart ? { procStart } : {}),
  };
}

/** Creates the lock file exclusively; false if it exists. The content is complete before anyone can read a partial one for long. */
function tryCreate(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the data folder's lock, or throws FolderInUseError when another live Journeyboard holds
 * it. A stale lock (its process is gone) is moved aside and replaced. Released by `release()` and,
 * as a last resort, when this process exits.
 */
export function lockDataFolder(dir: string): FolderLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE_NAME);
  const owner = ownerRecord();
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(file, owner)) break;
    const current = readOwner(file);
    if (current === null) {
      // Empty or unreadable: another process may be between creating and writing it. Give it a
      // moment; a file still unreadable after that was left by a crash and is stale.
      if (attempt < 10) {
        sleep(50);
        continue;
      }
    } else if (ownerIsAlive(current, file)) {
      // From another computer (a shared folder) we cannot tell whether it still runs: say how to free it.
      const elsewhere = current.hostname === os.hostname() ? '' : ` If it no longer runs there, delete ${file}.`;
      throw new FolderInUseError(
        `Journeyboard is already using the data folder ${dir} (${describeOwner(current)}). Close that Journeyboard first, or start this one with another folder (--data-dir).${elsewhere}`,
      );
    }
    if (attempt > 20) throw new Error(`Journeyboard could not take over the stale lock ${file}. Delete it if no Journeyboard is running, then start again.`);
    takeOverStale(file, current);
  }
  held.add(file);
  const onExit = () => releaseIfOurs(file, owner);
  process.once('exit', onExit);
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      releaseIfOurs(file, owner);
      held.delete(file);
    },
  };
}

/**
 * Moves a stale lock aside and removes it. If another process took it over in between, what we
 * moved is its fresh lock: it is put back (link never overwrites) and the next attempt sees it live.
 */
function takeOverStale(file: string, stale: LockOwner | null): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it: retry
    throw err;
  }
  const moved = readOwner(aside);
  const same = stale === null ? moved === null : moved !== null && moved.pid === stale.pid && moved.startedAt === stale.startedAt;
  if (!same) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // A third process created one meanwhile: it wins, and the next attempt sees it.
    }
  }
  fs.rmSync(aside, { force: true });
}

function releaseIfOurs(file: string, owner: LockOwner): void {
  const current = readOwner(file);
  if (current && current.pid === owner.pid && current.startedAt === owner.startedAt && current.hostname === owner.hostname) {
    fs.rmSync(file, { force: true });
  }
}
