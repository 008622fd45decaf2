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
import { migrate } from '../store/db';
import { createRepos } from '../store/repos';
import { fromNote, fromPersona } from '../store/rows';

/** "JBMP": marks a SQLite file as a Journeyboard map (PRAGMA application_id). */
export const JOURNEY_APPLICATION_ID = 0x4a424d50;
export const JOURNEY_MAX_BYTES = 200 * 1024 * 1024;

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

/**
 * Writes `map` as a .journey file at `dest`, atomically. `nativeBinding`: the store's build of
 * better-sqlite3 (Electron's), without which the main process would load Node's and fail.
 */
export function writeJourneyFile(map: JourneyMap, dest: string, options: { nativeBinding?: string } = {}): void {
  const tmp = tempBeside(dest);
  try {
    const out = new Database(tmp, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
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
    // Nothing half-written stays behind, not even SQLite's rollback journal (a full disk fails mid-write).
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}-journal`, { force: true });
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
