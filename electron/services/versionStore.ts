/**
 * How versions are kept (issue 15). A version is whole (a keyframe) or the record-level changes
 * (shared/history/delta.ts) that turn another version, its base (`base_id`), into it. A new
 * version is the changes from the one before it, until those changes since the last keyframe
 * would weigh more than a whole document: then it is whole. Reading any version costs at most
 * about two whole documents' worth of decoding. Dropping a version folds its changes into the
 * versions based on it (or makes them whole). Imported and re-keyed histories may chain the other
 * way (newest whole, older ones as changes back); reading follows `base_id` either way.
 */
import { ApiError } from '../../shared/errors';
import { applyDelta, deltaSchema, diffDocuments, isEmptyDelta, mergeDeltas, withCurrentFields, type Delta } from '../../shared/history/index';
import { copyWithFreshIds, mapReferenceProblem, RECORDS, type MapDocument } from '../../shared/records/index';
import { checkMap } from '../../shared/export/json';
import { anonymised } from '../../shared/prioritise/voting';
import type { Db } from '../store/db';
import { createVersionRepo, decodePayload, encodePayload, inflatePayload, type DbVersion, type DbVersionMeta } from '../store/versions';

type Payload = { full: MapDocument } | { delta: Delta };

/** The counts a version list shows, worked out over the document's tables. */
export function countsOf(doc: MapDocument): { note_count: number; pain_point_count: number; vote_count: number } {
  const tables = doc as unknown as Record<string, Record<string, unknown>[] | undefined>;
  const notes = tables['notes'] ?? [];
  const votes = tables['votes'] ?? [];
  return {
    note_count: notes.length,
    pain_point_count: notes.filter((n) => n['kind'] === 'pain_point').length,
    vote_count: votes.reduce((sum, v) => sum + (typeof v['count'] === 'number' ? (v['count'] as number) : 1), 0),
  };
}

export interface NewVersion {
  id: string;
  mapId: string;
  label: string | null;
  auto: boolean;
  reason: string;
  createdAt: number;
}

export function createVersionStore(db: Db) {
  const repo = createVersionRepo(db);
  // A version's document never changes (only how it is stored), so decoded documents are cached by id.
  const cache = new Map<string, MapDocument>();
  const remember = (id: string, doc: MapDocument) => {
    cache.delete(id);
    cache.set(id, doc);
    while (cache.size > 4) cache.delete(cache.keys().next().value!);
  };

  function payloadOf(row: Pick<DbVersion, 'payload'>): Payload {
    return decodePayload(row.payload) as Payload;
  }

  /** The whole document of a version. */
  function load(id: string): MapDocument {
    const hit = cache.get(id);
    if (hit) return hit;
    const chain: DbVersion[] = [];
    const seen = new Set<string>();
    let row = repo.get.get(id);
    if (!row) throw new ApiError('not_found', `No version with id "${id}". It may have been removed; open the History panel again.`);
    let doc: MapDocument | undefined;
    while (row) {
      if (seen.has(row.id)) throw new ApiError('internal', `The history of this map is damaged (version "${id}" leads back to itself).`);
      seen.add(row.id);
      const cached = cache.get(row.id);
      if (cached) {
        doc = cached;
        break;
      }
      chain.push(row);
      if (row.base_id === null) break;
      row = repo.get.get(row.base_id);
    }
    let i = chain.length - 1;
    if (!doc) {
      const head = payloadOf(chain[i]!);
      if (!('full' in head)) throw new ApiError('internal', `The history of this map is damaged (version "${id}" has no whole document to start from).`);
      doc = head.full;
      i--;
    }
    for (; i >= 0; i--) {
      const p = payloadOf(chain[i]!);
      doc = 'full' in p ? p.full : applyDelta(doc, p.delta);
    }
    // A version saved before a field existed reads with the field's default.
    doc = withCurrentFields(doc);
    remember(id, doc);
    return doc;
  }

  function setDelta(id: string, baseId: string, delta: Delta) {
    repo.setPayload.run({ id, base_id: baseId, ...encodePayload({ delta }) });
  }

  function setFull(id: string, doc: MapDocument) {
    repo.setPayload.run({ id, base_id: null, ...encodePayload({ full: doc }) });
  }

  /**
   * Saves `doc` as the map's newest version: as the changes from the version before it, or whole
   * (a keyframe) when the changes since the last whole version would weigh more than a whole
   * document. Saving costs reading the map and comparing it with the newest version (kept decoded
   * in memory), not encoding the whole map. With `skipIfSame`, nothing is saved when the document
   * is the newest version's: the answer is then that version.
   */
  function insertNewest(v: NewVersion, doc: MapDocument, skipIfSame: boolean): { row: DbVersionMeta; saved: boolean } {
    const metas = repo.metaOfMap.all(v.mapId);
    const prev = metas[0];
    const row = {
      id: v.id,
      map_id: v.mapId,
      label: v.label,
      auto: v.auto ? 1 : 0,
      reason: v.reason,
      created_at: v.createdAt,
      ...countsOf(doc),
    };
    let encoded: { payload: Buffer; raw_bytes: number } | null = null;
    if (prev) {
      const forward = diffDocuments(load(prev.id), doc);
      if (skipIfSame && isEmptyDelta(forward)) return { row: prev, saved: false };
      encoded = encodePayload({ delta: forward });
      // The changes a reader applies from the last whole version to reach this one.
      const byId = new Map(metas.map((m) => [m.id, m]));
      let chainBytes = encoded.payload.length;
      let at: DbVersionMeta | undefined = prev;
      const seen = new Set<string>();
      while (at && at.base_id !== null && !seen.has(at.id)) {
        seen.add(at.id);
        chainBytes += at.stored_bytes;
        at = byId.get(at.base_id);
      }
      if (!at || at.base_id !== null || chainBytes > at.stored_bytes) encoded = null;
    }
    if (encoded) repo.insert.run({ ...row, base_id: prev!.id, ...encoded });
    else repo.insert.run({ ...row, base_id: null, ...encodePayload({ full: doc }) });
    remember(v.id, doc);
    return { row: repo.meta.get(v.id)!, saved: true };
  }

  /** Removes a version; a version based on it takes its changes (or its whole document) over. */
  function remove(id: string) {
    const row = repo.get.get(id);
    if (!row) return;
    const children = repo.childrenOf.all(id);
    if (children.length) {
      const own = payloadOf(row);
      for (const child of children) {
        const p = payloadOf(child);
        if ('full' in p) continue;
        if ('full' in own) setFull(child.id, applyDelta(own.full, p.delta));
        else setDelta(child.id, row.base_id!, mergeDeltas(own.delta, p.delta));
      }
    }
    repo.delete.run(id);
    cache.delete(id);
  }

  /** Forgets every decoded document: version rows were written outside this store (an import). */
  function forget(): void {
    cache.clear();
  }

  return { repo, load, insertNewest, remove, forget };
}

export type VersionStore = ReturnType<typeof createVersionStore>;

/** A version row as it travels in a .journey file (its columns as they are). */
export type VersionRow = DbVersion;

/**
 * The versions read with a map from a .journey file, checked (untrustedJourney.ts), until the
 * import takes them in with the map (files.ts). Keyed by the map object the reader returned.
 */
export const historyOfFile = new WeakMap<MapDocument, VersionRow[]>();

/** Reads the documents of versions held in memory (rows of a file), each built once from its base. */
export function documentsOf(rows: VersionRow[]): (id: string) => MapDocument {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const docs = new Map<string, MapDocument>();
  const resolve = (id: string): MapDocument => {
    const known = docs.get(id);
    if (known) return known;
    const r = byId.get(id)!;
    const p = decodePayload(Buffer.from(r.payload)) as Payload;
    const doc = withCurrentFields('full' in p ? p.full : applyDelta(resolve(r.base_id!), p.delta));
    docs.set(id, doc);
    return doc;
  };
  return resolve;
}

/**
 * The versions as a file carries them: in each, an anonymous round's votes are counts per note
 * that name no one, as in the map itself (journeyFile.ts). Rows with nothing to hide are returned
 * as they are; otherwise the chain is written again, newest whole and each older one as the
 * changes back from the next, under the same ids.
 */
export function anonymisedVersions(rows: VersionRow[]): VersionRow[] {
  if (rows.length === 0) return rows;
  const load = documentsOf(rows);
  const docs = new Map(rows.map((r) => [r.id, load(r.id)]));
  const hidden = new Map([...docs].map(([id, doc]) => [id, anonymised(doc)]));
  if ([...hidden].every(([id, doc]) => doc === docs.get(id))) return rows;
  let newer: { id: string; doc: MapDocument } | null = null;
  const out: VersionRow[] = [];
  for (const r of [...rows].sort((a, b) => b.created_at - a.created_at)) {
    const doc = hidden.get(r.id)!;
    const encoded = newer ? encodePayload({ delta: diffDocuments(newer.doc, doc) }) : encodePayload({ full: doc });
    out.push({ ...r, base_id: newer ? newer.id : null, ...encoded });
    newer = { id: r.id, doc };
  }
  return out.reverse();
}

/**
 * Puts version rows in the store as they are (a .journey import, or the file's copy), oldest first.
 * Call inside a transaction: a version's base is a newer one, so the foreign key is checked at commit.
 */
export function insertVersionRows(db: Db, rows: VersionRow[]): void {
  if (!rows.length) return;
  const repo = createVersionRepo(db);
  db.pragma('defer_foreign_keys = ON');
  for (const r of [...rows].sort((a, b) => a.created_at - b.created_at)) repo.insert.run({ ...r, payload: Buffer.from(r.payload) });
}

/**
 * Checks versions read from an untrusted file against the map they came with: each belongs to the
 * map, ids are unique, every base is one of them and no chain loops, every payload inflates within
 * `budget` bytes in all (a decompression bomb stops there), parses, and every document it gives
 * passes the same checks as a map (fields, references). Returns the rows oldest first, or a sentence.
 */
export function checkFileVersions(rows: VersionRow[], mapId: string, budgetBytes: number): { ok: true } | { ok: false; problem: string } {
  const byId = new Map<string, VersionRow>();
  for (const r of rows) {
    if (byId.has(r.id)) return { ok: false, problem: `the version id "${r.id}" is used twice` };
    if (r.map_id !== mapId) return { ok: false, problem: `version "${r.id}" belongs to another map` };
    byId.set(r.id, r);
  }
  let budget = budgetBytes;
  const docs = new Map<string, MapDocument>();
  const decode = (r: VersionRow): Payload => {
    let raw: Buffer;
    try {
      raw = inflatePayload(Buffer.from(r.payload), budget);
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new Error(code === 'ERR_BUFFER_TOO_LARGE' ? `version "${r.id}" unpacks to more than a map's history may hold` : `version "${r.id}" is damaged (it does not unpack)`);
    }
    budget -= raw.length;
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new Error(`version "${r.id}" is damaged (it does not read as JSON)`);
    }
    const v = value as Record<string, unknown> | null;
    if (v && typeof v === 'object' && 'full' in v) {
      const checked = checkMap(v['full']);
      if (!checked.ok) throw new Error(`version "${r.id}": ${checked.problem}`);
      if (checked.map.id !== mapId) throw new Error(`version "${r.id}" is a version of another map`);
      return { full: checked.map };
    }
    const parsed = deltaSchema.safeParse(v?.['delta']);
    if (!parsed.success) throw new Error(`version "${r.id}" is damaged (its changes do not read as a map's records)`);
    return { delta: parsed.data as Delta };
  };
  const resolve = (id: string, depth: number): MapDocument => {
    const known = docs.get(id);
    if (known) return known;
    if (depth > rows.length) throw new Error(`version "${id}" leads back to itself`);
    const r = byId.get(id)!;
    const p = decode(r);
    let doc: MapDocument;
    if ('full' in p) doc = p.full;
    else {
      if (r.base_id === null || !byId.has(r.base_id)) throw new Error(`version "${r.id}" is based on a version that is not in the file`);
      doc = applyDelta(resolve(r.base_id, depth + 1), p.delta);
      // The records the changes touch, whole again, pass their schema and rules; every reference resolves.
      const problem = touchedRecordProblem(doc, p.delta) ?? mapReferenceProblem(doc);
      if (problem) throw new Error(`version "${r.id}": ${problem}`);
    }
    docs.set(id, doc);
    return doc;
  };
  try {
    // Newest first: each older version is then one step from a document already read.
    for (const r of [...rows].reverse()) {
      if (r.base_id !== null && !byId.has(r.base_id)) return { ok: false, problem: `version "${r.id}" is based on a version that is not in the file` };
      resolve(r.id, 0);
      // Keep memory bounded: only the documents read last are kept.
      while (docs.size > 8) docs.delete(docs.keys().next().value!);
    }
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
  return { ok: true };
}

/** Why a record a delta put or patched is not a valid record once whole, or null. */
function touchedRecordProblem(doc: MapDocument, delta: Delta): string | null {
  for (const def of RECORDS) {
    const change = delta.tables[def.table];
    if (!change) continue;
    const touched = new Set([...(change.put ?? []), ...(change.patch ?? [])].map((r) => r['id'] as string));
    if (!touched.size) continue;
    for (const record of (doc as unknown as Record<string, Record<string, unknown>[]>)[def.table] ?? []) {
      if (!touched.has(record['id'] as string)) continue;
      const parsed = def.stored.safeParse(record);
      if (!parsed.success) return `${def.type} "${String(record['id'])}" does not check (${parsed.error.issues[0]?.message ?? 'invalid'})`;
      const rule = (def as { check?: (v: Record<string, unknown>) => string | null }).check?.(record);
      if (rule) return `${def.type} "${String(record['id'])}": ${rule}`;
    }
  }
  return null;
}

/**
 * The versions of `rows` again for a copy of their map with fresh ids (`ids`: old to new, extended
 * with fresh ids for records the map no longer has), newest whole and each older one as the
 * changes back from the next, so "keep both" keeps the history too.
 */
export function rekeyVersions(
  rows: VersionRow[],
  load: (id: string) => MapDocument,
  ids: Map<string, string>,
  newId: () => string,
): VersionRow[] {
  const newestFirst = [...rows].sort((a, b) => b.created_at - a.created_at);
  const out: VersionRow[] = [];
  let newer: { id: string; doc: MapDocument } | null = null;
  for (const r of newestFirst) {
    const doc = rekeyDocument(load(r.id), ids, newId);
    const id = newId();
    const base = newer;
    const encoded = base ? encodePayload({ delta: diffDocuments(base.doc, doc) }) : encodePayload({ full: doc });
    out.push({ ...r, id, map_id: doc.id, base_id: base ? base.id : null, ...encoded });
    newer = { id, doc };
  }
  return out.reverse();
}

/** `doc` with every id through `ids`, adding a fresh id for any not there yet. */
function rekeyDocument(doc: MapDocument, ids: Map<string, string>, newId: () => string): MapDocument {
  const fresh = copyWithFreshIds(doc, () => '');
  // copyWithFreshIds gives the id map it used; replace its placeholder ids by the shared map's.
  const mapping = new Map<string, string>();
  for (const old of fresh.ids.keys()) {
    if (!ids.has(old)) ids.set(old, newId());
    mapping.set(old, ids.get(old)!);
  }
  return copyWithFreshIds(doc, (() => {
    const order = [...fresh.ids.keys()];
    let i = 0;
    return () => mapping.get(order[i++]!)!;
  })()).map;
}
