import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../shared/errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a prebuilt better_sqlite3.node (the Electron build); the Node build is used otherwise. */
  nativeBinding?: string;
  readonly?: boolean;
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating if needed) a Journeyboard database and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);
    if (!options.readonly) migrate(db);
    else assertNotFromTheFuture(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertNotFromTheFuture(db: Db): void {
  const version = schemaVersion(db);
  if (version > LATEST_VERSION) {
    throw new ApiError(
      'newer_schema',
      `This data was made by a newer Journeyboard (schema ${version}; this app knows up to ${LATEST_VERSION}). Update the app to open it.`,
    );
  }
}

/**
 * Runs every migration newer than the database, each in its own transaction that also sets
 * `user_version`, so a failure leaves the database at the last good version. A database from a
 * newer app is refused untouched.
 */
export function migrate(db: Db, upTo: number = LATEST_VERSION): void {
  assertNotFromTheFuture(db);
  for (const m of MIGRATIONS) {
    if (m.version > upTo) break;
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
