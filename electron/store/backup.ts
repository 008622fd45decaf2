/**
 * Rolling backups of the store with SQLite's online backup API, in `backups/` in the data folder:
 * each written to a temporary name and renamed when complete, the newest `keep` (10) kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './db';
import { fsyncPath } from './fsync';

export const BACKUP_DIR_NAME = 'backups';
export const KEEP_BACKUPS = 10;
/** Backups are taken at start-up and then at most this often, and only when something changed. */
export const BACKUP_INTERVAL_MS = 60 * 60 * 1000;

const BACKUP_NAME = /^journeyboard-(\d{8})-(\d{6})-(\d{3})\.sqlite$/;

export interface BackupOptions {
  keep?: number;
  now?: () => number;
  /** The Electron build of better-sqlite3, as for openDatabase. */
  nativeBinding?: string;
}

export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR_NAME);
}

function backupName(time: number): string {
  const iso = new Date(time).toISOString(); // 2026-11-29T22:04:44.123Z
  return `journeyboard-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}.sqlite`;
}

/** When a backup (by its file name) was taken, or null for a file that is not one. */
export function backupTime(file: string): number | null {
  const m = BACKUP_NAME.exec(path.basename(file));
  if (!m) return null;
  const [, d, t, ms] = m as unknown as [string, string, string, string];
  return Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6), +ms);
}

/** The backups in the data folder, newest first (full paths). */
export function listBackups(dataDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir(dataDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .reverse()
    .map((n) => path.join(backupDir(dataDir), n));
}

/**
 * Copies `db` (any open connection, read-only included) to a new backup, then removes all but the
 * newest `keep`. Resolves to the backup's path. On failure nothing half-written is left behind.
 */
export async function backupStore(db: Db, dataDir: string, options: BackupOptions = {}): Promise<string> {
  const dir = backupDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  // Names sort by time; two backups in one millisecond get the next free millisecond.
  let time = (options.now ?? Date.now)();
  while (fs.existsSync(path.join(dir, backupName(time)))) time++;
  const dest = path.join(dir, backupName(time));
  const tmp = `${dest}.tmp-${process.pid}`;
  try {
    await db.backup(tmp);
    // A backup is one self-contained file: out of WAL mode, so opening it (even read-only) leaves
    // no -wal/-shm beside it. Closing syncs it to disk before the rename makes it a backup.
    const copy = new Database(tmp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma('synchronous = FULL');
    } finally {
      copy.close();
    }
    fsyncPath(tmp, 'r+');
    fs.renameSync(tmp, dest);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  pruneBackups(dataDir, options.keep ?? KEEP_BACKUPS);
  return dest;
}

/** Removes all but the newest `keep` backups, and temporary files a crash left mid-backup. */
export function pruneBackups(dataDir: string, keep: number = KEEP_BACKUPS): void {
  for (const old of listBackups(dataDir).slice(keep)) fs.rmSync(old, { force: true });
  const dir = backupDir(dataDir);
  for (const name of fs.readdirSync(dir)) {
    const m = /^(journeyboard-.*\.sqlite)\.tmp-(\d+)$/.exec(name);
    if (m && !isRunning(Number(m[2]))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export interface BackupSchedule {
  stop(): void;
  /** Takes a backup now if anything changed since the last one (what the timer calls). */
  backupIfChanged(): Promise<string | null>;
}

/**
 * Every `intervalMs`, backs the store up if this connection changed anything since the last backup
 * (SQLite's `total_changes()`). The timer never keeps the process alive; failures are logged.
 */
export function scheduleBackups(db: Db, dataDir: string, options: BackupOptions & { intervalMs?: number } = {}): BackupSchedule {
  const changes = db.prepare('SELECT total_changes() AS n').pluck();
  let backedUpAt = changes.get() as number;
  let running: Promise<string | null> | null = null;
  let stopped = false;
  const backupIfChanged = (): Promise<string | null> => {
    if (stopped || !db.open) return Promise.resolve(null);
    if (running) return running;
    const n = changes.get() as number;
    if (n === backedUpAt) return Promise.resolve(null);
    running = backupStore(db, dataDir, options)
      .then((dest) => {
        backedUpAt = n;
        return dest;
      })
      .catch((err: unknown) => {
        if (db.open) console.error(`Journeyboard: the hourly backup in ${backupDir(dataDir)} failed:`, err);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void backupIfChanged(), options.intervalMs ?? BACKUP_INTERVAL_MS);
  timer.unref();
  return {
    backupIfChanged,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
