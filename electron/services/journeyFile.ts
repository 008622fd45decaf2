/**
 * The .journey file: one map in one SQLite database (SQLite as an application file format).
 *
 * Writing goes to a temporary file beside the target, which is synced and then renamed over it:
 * there is never a half-written .journey file. Reading never touches the user's file: it is
 * copied, checked (size, header, application id, schema version, integrity, references, every
 * field), migrated if older, and only then handed over for a one-transaction import.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { JourneyMap } from '../../shared/domain';
import { checkMap } from '../../shared/export/json';
import { ApiError } from '../../shared/errors';
import { migrate, schemaVersion } from '../store/db';
import { LATEST_VERSION } from '../store/migrations/index';
import { createRepos } from '../store/repos';
import { fromNote, fromPersona, readMap } from '../store/rows';

/** "JBMP": marks a SQLite file as a Journeyboard map (PRAGMA application_id). */
export const JOURNEY_APPLICATION_ID = 0x4a424d50;
export const JOURNEY_MAX_BYTES = 200 * 1024 * 1024;
const SQLITE_HEADER = 'SQLite format 3\0';

function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

function fsyncPath(p: string, flags = 'r') {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `map` as a .journey file at `dest`, atomically. */
export function writeJourneyFile(map: JourneyMap, dest: string): void {
  const tmp = tempBeside(dest);
  try {
    const out = new Database(tmp);
    try {
      // A single self-contained file: no -wal or -shm sidecars.
      out.pragma('journal_mode = DELETE');
      out.pragma('foreign_keys = ON');
      migrate(out);
      out.pragma(`application_id = ${JOURNEY_APPLICATION_ID}`);
      insertMap(out, map);
    } finally {
      out.close();
    }
    fsyncPath(tmp, 'r+');
    fs.renameSync(tmp, dest);
    if (process.platform !== 'win32') fsyncPath(path.dirname(dest));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Inserts a whole map (ids as they are) into `db`, in one transaction. */
export function insertMap(db: Database.Database, map: JourneyMap): void {
  const repos = createRepos(db);
  db.transaction(() => {
    repos.insertMap.run({
      id: map.id,
      title: map.title,
      camera: map.camera ? JSON.stringify(map.camera) : null,
      persona_id: null,
      created_at: map.createdAt,
      updated_at: map.updatedAt,
    });
    for (const p of map.personas) repos.insertPersona.run(fromPersona(p));
    if (map.personaId) repos.setMapPersona.run(map.personaId, map.updatedAt, map.id);
    for (const s of map.stages) {
      repos.insertStage.run({ id: s.id, map_id: map.id, name: s.name, description: s.description, position: s.position, emotion: s.emotion });
    }
    for (const l of map.lanes) {
      repos.insertLane.run({ id: l.id, map_id: map.id, name: l.name, kind: l.kind, position: l.position, collapsed: l.collapsed ? 1 : 0 });
    }
    for (const n of map.notes) repos.insertNote.run(fromNote(n));
  })();
}

/** Reads every map of `db` (a .journey file holds exactly one). */
function readMaps(db: Database.Database): JourneyMap[] {
  const repos = createRepos(db);
  return db
    .prepare<[], { id: string }>('SELECT id FROM maps')
    .all()
    .map(({ id }) => readMap(repos, id)!);
}

const bad = (what: string) =>
  new ApiError('invalid_input', `This is not a usable Journeyboard map file: ${what}. Nothing was imported.`);

/**
 * Reads and checks a .journey file; returns its map. Throws an ApiError naming what is wrong:
 * too large, not SQLite, not Journeyboard, from a newer app, damaged, or inconsistent.
 */
export function readJourneyFile(file: string, scratchDir: string): JourneyMap {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new ApiError('not_found', `The file ${path.basename(file)} could not be read. Check that it still exists.`);
  }
  if (size > JOURNEY_MAX_BYTES) {
    throw new ApiError('too_large', `This file is ${Math.round(size / 1024 / 1024)} MB; Journeyboard opens map files up to 200 MB.`);
  }
  const fd = fs.openSync(file, 'r');
  const header = Buffer.alloc(16);
  fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (header.toString('latin1') !== SQLITE_HEADER) throw bad('it is not a Journeyboard map (not a SQLite database)');

  fs.mkdirSync(scratchDir, { recursive: true });
  const copy = path.join(scratchDir, `import-${randomBytes(6).toString('hex')}.journey`);
  fs.copyFileSync(file, copy);
  let db: Database.Database | null = null;
  try {
    try {
      db = new Database(copy);
      db.pragma('foreign_keys = ON');
      if (db.pragma('application_id', { simple: true }) !== JOURNEY_APPLICATION_ID) {
        throw bad('it is a SQLite database, but not one written by Journeyboard');
      }
      if (db.pragma('quick_check', { simple: true }) !== 'ok') throw bad('the file is damaged (SQLite integrity check failed)');
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw bad(`the file is damaged or truncated (${(err as Error).message})`);
    }
    const version = schemaVersion(db);
    if (version > LATEST_VERSION) {
      throw new ApiError(
        'newer_schema',
        `This map was saved by a newer Journeyboard (schema ${version}; this app knows up to ${LATEST_VERSION}). Update the app to open it.`,
      );
    }
    try {
      migrate(db);
    } catch (err) {
      throw bad(`it could not be brought up to date (${(err as Error).message})`);
    }
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw bad('some of its rows point at rows that are not there');
    const maps = readMaps(db);
    if (maps.length !== 1) throw bad(`it holds ${maps.length} maps instead of exactly one`);
    const map = maps[0]!;
    const checked = checkMap(map);
    if (!checked.ok) throw bad(checked.problem);
    return checked.map;
  } finally {
    db?.close();
    fs.rmSync(copy, { force: true });
  }
}

/** A copy of `map` with fresh ids everywhere (for "keep both"). */
export function withFreshIds(map: JourneyMap, newId: () => string): JourneyMap {
  const ids = new Map<string, string>();
  const fresh = (old: string) => {
    const next = newId();
    ids.set(old, next);
    return next;
  };
  const mapId = newId();
  const personas = map.personas.map((p) => ({ ...p, id: fresh(p.id), mapId }));
  const stages = map.stages.map((s) => ({ ...s, id: fresh(s.id), mapId }));
  const lanes = map.lanes.map((l) => ({ ...l, id: fresh(l.id), mapId }));
  const mapped = (old: string | null) => (old ? (ids.get(old) ?? null) : null);
  return {
    ...map,
    id: mapId,
    personaId: mapped(map.personaId),
    personas,
    stages,
    lanes,
    notes: map.notes.map((n) => ({
      ...n,
      id: newId(),
      mapId,
      stageId: mapped(n.stageId),
      laneId: mapped(n.laneId),
      personaIds: n.personaIds.map((p) => ids.get(p)).filter((p): p is string => Boolean(p)),
    })),
  };
}
