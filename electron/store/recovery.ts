/**
 * Start-up checks of the store: a file that SQLite cannot read or that fails `quick_check` is
 * damaged. A damaged store is renamed aside untouched (with its -wal and -shm), never deleted, and
 * the newest backup that passes `quick_check` is copied into its place.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupTime, listBackups } from './backup';
import { fsyncPath } from './fsync';

export type StoreState = { state: 'missing' } | { state: 'ok' } | { state: 'damaged'; reason: string };

/** SQLite's words for a file that is not (or no longer) a sound database. */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}

/**
 * Runs `quick_check` on a database file through a read-only connection, so a damaged file is
 * never written to. Errors that are not about the file's contents (permissions, a busy lock) are
 * thrown, not reported as damage.
 */
export function checkStore(file: string, nativeBinding?: string): StoreState {
  if (!fs.existsSync(file)) return { state: 'missing' };
  if (fs.statSync(file).size === 0) return { state: 'ok' }; // SQLite's empty database
  // A read-only connection to a WAL-mode file creates an empty -wal and -shm: those are removed
  // again after, so the check leaves the folder as it found it.
  const hadSideFiles = ['-wal', '-shm'].map((suffix) => fs.existsSync(file + suffix));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? { state: 'ok' } : { state: 'damaged', reason: problems.slice(0, 3).join('; ') };
  } catch (err) {
    if (isCorruption(err)) return { state: 'damaged', reason: (err as Error).message };
    throw err;
  } finally {
    db?.close();
    if (!hadSideFiles[0] && !hadSideFiles[1] && fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size === 0) {
      for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  }
}

/** `2026-11-29T22-04-44-123Z`: a timestamp that is safe in a file name on every system. */
export function fileStamp(time: number): string {
  return new Date(time).toISOString().replace(/[:.]/g, '-');
}

/**
 * Renames `file` (and its -wal, -shm) to `<file>.damaged-<time>`, leaving every byte as it was.
 * Returns the new path of the database file.
 */
export function setAside(file: string, time: number): string {
  let aside = `${file}.damaged-${fileStamp(time)}`;
  for (let n = 2; fs.existsSync(aside); n++) aside = `${file}.damaged-${fileStamp(time)}-${n}`;
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

export interface Restored {
  backup: string;
  /** When the backup was taken (from its name). */
  takenAt: number;
}

/**
 * Copies the newest backup that passes `quick_check` to `file` (which must not exist): checked as
 * a copy under a temporary name, then renamed into place. Null when no good backup exists.
 */
export function restoreNewestBackup(file: string, dataDir: string, nativeBinding?: string): Restored | null {
  for (const backup of listBackups(dataDir)) {
    const tmp = `${file}.restoring-${process.pid}`;
    try {
      fs.copyFileSync(backup, tmp);
      if (checkStore(tmp, nativeBinding).state !== 'ok') {
        console.error(`Journeyboard: the backup ${backup} is damaged too; trying an older one.`);
        continue;
      }
      fsyncPath(tmp, 'r+');
      fs.renameSync(tmp, file);
      return { backup, takenAt: backupTime(backup) ?? fs.statSync(backup).mtimeMs };
    } catch (err) {
      console.error(`Journeyboard: could not restore ${backup}:`, err);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true });
    }
  }
  return null;
}

/** A time for a person: "29 Nov 2026, 22:04" in the computer's time zone. */
export function describeTime(time: number): string {
  return new Date(time).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Where a path sits, for messages: the folder and the name. */
export function inFolder(file: string): string {
  return `${path.basename(file)} in ${path.dirname(file)}`;
}
