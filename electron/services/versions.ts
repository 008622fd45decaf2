/**
 * versions.* and maps.setStatus (issue 15): save, list, read, compare and restore versions of a
 * map, bring single notes back, and the map's living-document status. `saveAutoVersion` and
 * `saveHourlyVersion` are for other services (a workshop step's end, changes.apply).
 */
import { ApiError } from '../../shared/errors';
import type { MapSummary } from '../../shared/domain';
import { compareDocuments, notesBackChanges, versionsToDrop, type MapComparison, type VersionSummary } from '../../shared/history/index';
import { mapHeader, RECORDS, type MapDocument, type RecordType } from '../../shared/records/index';
import type { Db } from '../store/db';
import { fromMapHeader, fromRecord, readMap, toMapHeader, toRecord, type DbMap } from '../store/rows';
import type { DbVersionMeta } from '../store/versions';
import type { RecordStore } from './changes';
import { requireMap, type ServiceContext } from './context';
import { insertMap, withFreshIds } from './journeyFile';
import { copyTitle } from './maps';
import { createVersionStore, type VersionRow, type VersionStore } from './versionStore';

/** At most one automatic version an hour while a map changes. */
export const HOURLY_MS = 60 * 60 * 1000;

const stores = new WeakMap<Db, VersionStore>();
/** The version store of a database (one per connection, so its cache is shared by every service). */
export function versionStoreOf(db: Db): VersionStore {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = createVersionStore(db)));
  return s;
}

function toSummary(r: DbVersionMeta): VersionSummary {
  return {
    id: r.id,
    mapId: r.map_id,
    label: r.label,
    auto: r.auto === 1,
    reason: r.reason,
    createdAt: r.created_at,
    noteCount: r.note_count,
    painPointCount: r.pain_point_count,
    voteCount: r.vote_count,
    storedBytes: r.stored_bytes,
  };
}

/** Thins the map's automatic versions (shared/history/thinning.ts). */
function thin(ctx: ServiceContext, store: VersionStore, mapId: string) {
  const stamps = store.repo.metaOfMap.all(mapId).map((m) => ({ id: m.id, createdAt: m.created_at, labelled: m.auto === 0 }));
  for (const id of versionsToDropNow(stamps, ctx.now())) store.remove(id);
}

function versionsToDropNow(stamps: Parameters<typeof versionsToDrop>[0], now: number) {
  return versionsToDrop(stamps, now, -new Date(now).getTimezoneOffset());
}

function save(ctx: ServiceContext, mapId: string, o: { label: string | null; auto: boolean; reason: string }): { row: DbVersionMeta; saved: boolean } {
  requireMap(ctx, mapId);
  const store = versionStoreOf(ctx.db);
  const doc = readMap(ctx.repos, mapId)!;
  const result = store.insertNewest({ id: ctx.newId(), mapId, createdAt: ctx.now(), ...o }, doc, o.auto);
  if (result.saved) thin(ctx, store, mapId);
  return result;
}

/**
 * Saves the map as it is now as an automatic version, saying why (`reason`: "After the workshop
 * step “Vote”"). Nothing is saved when the map is as its newest version has it. Call it inside the
 * caller's transaction. Returns the version saved, or null.
 */
export function saveAutoVersion(ctx: ServiceContext, mapId: string, reason: string): VersionSummary | null {
  const r = save(ctx, mapId, { label: null, auto: true, reason: reason.slice(0, 200) });
  return r.saved ? toSummary(r.row) : null;
}

/**
 * Before a write to a map: when its newest version is more than an hour old (or it has none),
 * saves the map as it is before the write. One indexed read when nothing is due.
 */
export function saveHourlyVersion(ctx: ServiceContext, mapId: string): void {
  const newest = versionStoreOf(ctx.db).repo.newestTime.get(mapId)?.t ?? null;
  if (newest !== null && ctx.now() - newest < HOURLY_MS) return;
  if (!ctx.repos.getMap.get(mapId)) return;
  saveAutoVersion(ctx, mapId, 'Hourly, while the map changed');
}

function versionOf(ctx: ServiceContext, id: string, mapId?: string): DbVersionMeta {
  const meta = versionStoreOf(ctx.db).repo.meta.get(id);
  if (!meta || (mapId !== undefined && meta.map_id !== mapId)) {
    throw new ApiError('not_found', `No version with id "${id}"${mapId ? ' in this map' : ''}. It may have been removed; open the History panel again.`);
  }
  return meta;
}

const when = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
const nameOf = (v: DbVersionMeta) => (v.label ? `“${v.label}”` : `the version of ${when(v.created_at)} UTC`);

/** Header fields a restore leaves as they are: bookkeeping, the camera, and the living-document status. */
const HEADER_KEPT = new Set(['id', 'createdAt', 'updatedAt', 'camera', 'owner', 'reviewedAt', 'nextReviewAt']);

export function createVersionService(ctx: ServiceContext, records: RecordStore) {
  const { db, repos } = ctx;
  const store = versionStoreOf(db);
  const clear = RECORDS.map((def) => db.prepare<[string]>(`DELETE FROM ${def.table} WHERE map_id = ?`)).reverse();

  /** Puts `doc`'s records in place of the map's, keeping the map (and its versions). */
  function replaceContent(mapId: string, doc: MapDocument) {
    const current = toMapHeader(repos.getMap.get(mapId)!);
    const next: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(doc)) if (k in mapHeader.stored.shape && !HEADER_KEPT.has(k)) next[k] = v;
    next['updatedAt'] = ctx.now();
    for (const stmt of clear) stmt.run(mapId);
    const header = fromMapHeader(next as never) as DbMap;
    const cols = Object.keys(header).filter((c) => c !== 'id');
    db.prepare(`UPDATE maps SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...header, ...repos.mapRefs.none });
    for (const def of RECORDS) {
      const insert = repos.records[def.type].insert as { run(row: unknown): unknown };
      for (const r of (doc as unknown as Record<string, { mapId: string }[]>)[def.table] ?? []) {
        insert.run(fromRecordRow(def.type, { ...r, mapId }));
      }
    }
    repos.mapRefs.set.run(header);
  }

  return {
    'versions.save': ({ mapId, label }: { mapId: string; label: string }) => {
      const { row } = save(ctx, mapId, { label, auto: false, reason: 'Saved by hand' });
      return { id: row.id, label: row.label ?? label, createdAt: row.created_at };
    },

    'versions.list': ({ mapId }: { mapId: string }): VersionSummary[] => {
      requireMap(ctx, mapId);
      return store.repo.metaOfMap.all(mapId).map(toSummary);
    },

    'versions.get': ({ id }: { id: string }): { version: VersionSummary; map: MapDocument } => {
      const meta = versionOf(ctx, id);
      return { version: toSummary(meta), map: store.load(id) };
    },

    'versions.compare': ({ mapId, fromId, toId }: { mapId: string; fromId: string; toId: string | null }): MapComparison => {
      requireMap(ctx, mapId);
      versionOf(ctx, fromId, mapId);
      const from = store.load(fromId);
      const to = toId === null ? readMap(repos, mapId)! : (versionOf(ctx, toId, mapId), store.load(toId));
      return compareDocuments(from, to);
    },

    'versions.restore': ({ id, mode }: { id: string; mode: 'new' | 'over' }): MapSummary & { savedVersionId: string | null } => {
      const meta = versionOf(ctx, id);
      const doc = store.load(id);
      const now = ctx.now();
      if (mode === 'new') {
        const copy = { ...withFreshIds(doc, ctx.newId), createdAt: now, updatedAt: now };
        const current = repos.getMap.get(meta.map_id);
        copy.title = copyTitle(current?.title ?? doc.title);
        insertMap(db, copy);
        return { ...summary(copy.id), savedVersionId: null };
      }
      requireMap(ctx, meta.map_id);
      const before = saveAutoVersion(ctx, meta.map_id, `Before restoring ${nameOf(meta)}`);
      replaceContent(meta.map_id, doc);
      return { ...summary(meta.map_id), savedVersionId: before?.id ?? store.repo.newestOfMap.get(meta.map_id)?.id ?? null };
    },

    'versions.restoreNotes': ({ id, noteIds }: { id: string; noteIds: string[] }): { restored: number } => {
      const meta = versionOf(ctx, id);
      const mapId = meta.map_id;
      requireMap(ctx, mapId);
      const doc = store.load(id);
      const missing = noteIds.find((n) => !doc.notes.some((x) => x.id === n));
      if (missing) throw new ApiError('not_found', `Note "${missing}" is not in ${nameOf(meta)}. Choose notes from that version.`);
      const exists = (type: string, rid: string) => {
        const row = repos.records[type as RecordType]?.get.get(rid) as { map_id: string } | undefined;
        return row?.map_id === mapId;
      };
      const current = (nid: string) => {
        const row = repos.records.note.get.get(nid);
        return row && row.map_id === mapId ? (toRecord('note', row) as unknown as Record<string, unknown>) : undefined;
      };
      const changes = notesBackChanges(doc, noteIds, exists, current);
      changes.forEach((c, i) => records.apply(mapId, c, `notes[${i}]`));
      if (changes.length) repos.touchMap.run(ctx.now(), mapId);
      return { restored: changes.length };
    },

    'maps.setStatus': ({ id, ...status }: { id: string; owner?: string | null; reviewedAt?: string | null; nextReviewAt?: string | null }) => {
      requireMap(ctx, id);
      const header = toMapHeader(repos.getMap.get(id)!) as Record<string, unknown>;
      for (const [k, v] of Object.entries(status)) if (v !== undefined) header[k] = v === '' ? null : v;
      db.prepare('UPDATE maps SET owner = @owner, reviewed_at = @reviewedAt, next_review_at = @nextReviewAt WHERE id = @id').run({
        id,
        owner: (header['owner'] as string | null) ?? null,
        reviewedAt: (header['reviewedAt'] as string | null) ?? null,
        nextReviewAt: (header['nextReviewAt'] as string | null) ?? null,
      });
      return { id, owner: header['owner'] as string | null, reviewedAt: header['reviewedAt'] as string | null, nextReviewAt: header['nextReviewAt'] as string | null };
    },
  };

  function summary(id: string): MapSummary {
    const r = repos.mapSummary.get(id)!;
    return { id: r.id, title: r.title, noteCount: r.note_count, updatedAt: r.updated_at };
  }
}

function fromRecordRow(type: RecordType, record: unknown) {
  return fromRecord(type, record as never);
}

/** Every version row of a map as stored, oldest first (what a .journey file carries). */
export function versionRowsOf(db: Db, mapId: string): VersionRow[] {
  return versionStoreOf(db).repo.allOfMap.all(mapId);
}
