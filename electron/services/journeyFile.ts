/**
 * The .journey file: one map in one SQLite database (SQLite as an application file format).
 *
 * Writing goes to a temporary file beside the target, which is synced and then renamed over it:
 * there is never a half-written .journey file. Reading a file someone hands us is
 * untrustedJourney.ts: off the main thread, and checked before any query.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { JourneyMap } from '../../shared/domain';
import { fsyncPath } from '../store/fsync';
import { migrate } from '../store/db';
import { createRepos } from '../store/repos';
import { fromMapHeader, fromRecord } from '../store/rows';
import { MAP_FILE_MAX_BYTES } from '../../shared/limits';
import { copyWithFreshIds, RECORDS, recordsOf } from '../../shared/records/index';
import { anonymised } from '../../shared/prioritise/voting';
import { anonymisedVersions, insertVersionRows, type VersionRow } from './versionStore';

/** "JBMP": marks a SQLite file as a Journeyboard map (PRAGMA application_id). */
export const JOURNEY_APPLICATION_ID = 0x4a424d50;
export const JOURNEY_MAX_BYTES = MAP_FILE_MAX_BYTES;

function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes `map` as a .journey file at `dest`, atomically. `nativeBinding`: the store's build of
 * better-sqlite3 (Electron's), without which the main process would load Node's and fail.
 */
export function writeJourneyFile(map: JourneyMap, dest: string, options: { nativeBinding?: string; history?: VersionRow[] } = {}): void {
  const tmp = tempBeside(dest);
  try {
    const out = new Database(tmp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      // A single self-contained file: no -wal or -shm sidecars.
      out.pragma('journal_mode = DELETE');
      out.pragma('foreign_keys = ON');
      migrate(out);
      out.pragma(`application_id = ${JOURNEY_APPLICATION_ID}`);
      // An anonymous round travels as counts per note: the file never says who voted.
      insertMap(out, anonymised(map));
      // The map's versions travel with it (issue 15), copied as they are stored.
      // Its versions too: an anonymous round in an earlier version names no one either.
      out.transaction(() => insertVersionRows(out, anonymisedVersions(options.history ?? [])))();
    } finally {
      out.close();
    }
    fsyncPath(tmp, 'r+');
    fs.renameSync(tmp, dest);
    if (process.platform !== 'win32') fsyncPath(path.dirname(dest));
  } catch (err) {
    // Nothing half-written stays behind, not even SQLite's rollback journal (a full disk fails mid-write).
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}-journal`, { force: true });
    throw err;
  }
}

/**
 * Inserts a whole map (ids as they are) into `db`, in one transaction: its header without the
 * references it holds (what they point at is not there yet), every record table in RECORDS order
 * (a table after those it points at), then the header's references.
 */
export function insertMap(db: Database.Database, map: JourneyMap): void {
  const repos = createRepos(db);
  db.transaction(() => {
    const header = fromMapHeader(map);
    repos.insertMap.run({ ...header, ...repos.mapRefs.none });
    for (const def of RECORDS) {
      const insert = repos.records[def.type].insert as { run(row: unknown): unknown };
      for (const record of recordsOf(map, def.type)) insert.run(fromRecord(def.type, record as never));
    }
    repos.mapRefs.set.run(header);
  })();
}

/**
 * A copy of `map` with fresh ids for the map and every record, every reference remapped (for
 * "Duplicate" and "keep both"). `ids`, when given, receives the old-to-new id map.
 */
export function withFreshIds(map: JourneyMap, newId: () => string, ids?: Map<string, string>): JourneyMap {
  const copy = copyWithFreshIds(map, newId);
  for (const [from, to] of copy.ids) ids?.set(from, to);
  return copy.map;
}
