/**
 * Opening a data folder the safe way, the one start-up path for web mode and the desktop app:
 * take the folder's lock, check the store, set a damaged one aside and restore the newest good
 * backup, back up before the first write, open the API core, and keep backing up while maps change.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StartupNotice } from '../../shared/api';
import { backupDir, backupStore, BACKUP_INTERVAL_MS, KEEP_BACKUPS, scheduleBackups, type BackupOptions, type BackupSchedule } from '../store/backup';
import { lockDataFolder } from '../store/lock';
import { checkStore, describeTime, isCorruption, restoreNewestBackup, setAside } from '../store/recovery';
import { DATA_FILE_NAME, openCore, type Core, type CoreOptions } from './index';

export { FolderInUseError } from '../store/lock';

export interface DataFolderOptions extends Omit<CoreOptions, 'dataDir' | 'notices' | 'onClose'> {
  /** Backups kept in backups/ (10). */
  keepBackups?: number;
  /** How often to back up while maps change (an hour). */
  backupIntervalMs?: number;
  /** Whether the page shows the start-up notices (`app.notices`); the desktop app shows a dialog instead. */
  pageNotices?: boolean;
}

export interface DataFolder {
  /** The API core. Its `close()` also stops the backups and releases the folder's lock. */
  core: Core;
  /** What happened at start-up that the person must be told (empty when all was well). */
  notices: StartupNotice[];
}

/**
 * Opens `dataDir` for this process alone. Throws FolderInUseError (one line naming the folder)
 * when another Journeyboard holds it, and any other error when the store cannot be opened at all;
 * the lock is released on every failure.
 */
export async function openDataFolder(dataDir: string, options: DataFolderOptions): Promise<DataFolder> {
  const lock = lockDataFolder(dataDir);
  let schedule: BackupSchedule | undefined;
  try {
    const now = options.now ?? Date.now;
    const file = path.join(dataDir, DATA_FILE_NAME);
    const notices: StartupNotice[] = [];
    const keep = options.keepBackups ?? KEEP_BACKUPS;

    const state = checkStore(file, options.nativeBinding);
    if (state.state === 'damaged') notices.push(recover(file, dataDir, state.reason, now(), options.nativeBinding));
    else if (state.state === 'ok') await backupBeforeFirstWrite(file, dataDir, { keep, now, ...binding(options.nativeBinding) });

    const coreOptions = (extra: StartupNotice[]): CoreOptions => ({
      ...options,
      dataDir,
      notices: options.pageNotices === false ? [] : [...notices, ...extra],
      onClose: () => {
        schedule?.stop();
        lock.release();
      },
    });
    let core: Core;
    try {
      core = openCore(coreOptions([]));
    } catch (err) {
      // quick_check does not read every page of every index: opening (migrations) can still find damage.
      if (!isCorruption(err)) throw err;
      notices.push(recover(file, dataDir, (err as Error).message, now(), options.nativeBinding));
      core = openCore(coreOptions([]));
    }
    schedule = scheduleBackups(core.db, dataDir, { keep, now, intervalMs: options.backupIntervalMs ?? BACKUP_INTERVAL_MS, ...binding(options.nativeBinding) });
    for (const n of notices) console.error(`Journeyboard: ${n.message}`);
    return { core, notices };
  } catch (err) {
    schedule?.stop();
    lock.release();
    throw err;
  }
}

/** Backs the store up through a read-only connection, before migrations or the person write to it. */
async function backupBeforeFirstWrite(file: string, dataDir: string, options: BackupOptions): Promise<void> {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...binding(options.nativeBinding) });
  try {
    await backupStore(db, dataDir, options);
  } catch (err) {
    // No backup is not a reason to refuse the person their maps: say so and go on.
    console.error(`Journeyboard: could not back up ${file} to ${backupDir(dataDir)}:`, err);
  } finally {
    db.close();
  }
}

/** Sets the damaged store aside and restores the newest good backup; returns what to tell the person. */
function recover(file: string, dataDir: string, reason: string, time: number, nativeBinding?: string): StartupNotice {
  console.error(`Journeyboard: ${file} is damaged (${reason}).`);
  const aside = setAside(file, time);
  const restored = restoreNewestBackup(file, dataDir, nativeBinding);
  if (restored) {
    return {
      kind: 'error',
      message:
        `The map store was damaged, so Journeyboard restored the backup from ${describeTime(restored.takenAt)}. ` +
        `Changes made after that time are not in it. The damaged file is kept, untouched, at ${aside}.`,
    };
  }
  return {
    kind: 'error',
    message:
      `The map store was damaged and there is no backup to restore, so Journeyboard started with no maps. ` +
      `The damaged file is kept, untouched, at ${aside}.`,
  };
}

const binding = (nativeBinding: string | undefined) => (nativeBinding ? { nativeBinding } : {});
