/**
 * Record-level changes between two whole map documents, worked out over the record registry
 * (RECORDS): a new record table is covered as soon as it is listed there.
 *
 * A `Delta` turns one document into another: the header as it is in the other (when it differs),
 * and per table the records to put (whole, as stored) and the ids to delete. Versions are stored
 * as a whole document plus such deltas (electron/services/versions.ts).
 */
import { z } from 'zod';
import { mapHeader, RECORDS, type MapDocument } from '../records/records';

export interface TableDelta {
  /** Records the target document adds, whole. */
  put?: Record<string, unknown>[];
  /** Records both have that changed: the id and the fields as they are in the target. */
  patch?: Record<string, unknown>[];
  /** Ids of records the target document does not have. */
  del?: string[];
}

export interface Delta {
  /** The target's header (every field but the record tables), when it differs. */
  header?: Record<string, unknown>;
  tables: Record<string, TableDelta>;
}

type Rec = { id: string } & Record<string, unknown>;

/** Deep equality of JSON-like values (records as stored: numbers, strings, booleans, null, lists, plain objects). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

const TABLES = new Set<string>(RECORDS.map((r) => r.table));

/** The header of a document: every key that is not a record table. */
export function headerOf(doc: MapDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!TABLES.has(k)) out[k] = v;
  return out;
}

function tableOf(doc: MapDocument, table: string): Rec[] {
  return ((doc as unknown as Record<string, unknown>)[table] as Rec[] | undefined) ?? [];
}

/** The changes that turn `from` into `to`. */
export function diffDocuments(from: MapDocument, to: MapDocument): Delta {
  const delta: Delta = { tables: {} };
  const hFrom = headerOf(from);
  const hTo = headerOf(to);
  if (!same(hFrom, hTo)) delta.header = hTo;
  for (const def of RECORDS) {
    const before = new Map(tableOf(from, def.table).map((r) => [r.id, r]));
    const put: Rec[] = [];
    const patch: Rec[] = [];
    for (const r of tableOf(to, def.table)) {
      const old = before.get(r.id);
      before.delete(r.id);
      if (!old) put.push(r);
      else {
        let p: Rec | null = null;
        for (const key of Object.keys(r)) {
          if (!same(old[key], r[key])) (p ??= { id: r.id })[key] = r[key];
        }
        if (p) patch.push(p);
      }
    }
    const del = [...before.keys()];
    if (put.length || patch.length || del.length) delta.tables[def.table] = tableDelta(put, patch, del);
  }
  return delta;
}

function tableDelta(put: Rec[], patch: Rec[], del: string[]): TableDelta {
  return { ...(put.length ? { put } : {}), ...(patch.length ? { patch } : {}), ...(del.length ? { del } : {}) };
}

/** Whether a delta changes nothing. */
export function isEmptyDelta(delta: Delta): boolean {
  return delta.header === undefined && Object.keys(delta.tables).length === 0;
}

/** `orderBy` ("created_at, id") as record fields (["createdAt", "id"]). */
function orderFields(orderBy: string): string[] {
  return orderBy
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0]!.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()))
    .filter(Boolean);
}

function compareBy(fields: string[]) {
  return (a: Rec, b: Rec): number => {
    for (const f of fields) {
      const x = a[f] as string | number | null | undefined;
      const y = b[f] as string | number | null | undefined;
      if (x === y) continue;
      if (x === null || x === undefined) return -1;
      if (y === null || y === undefined) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** `doc` with `delta` applied (a new document; `doc` is not changed). Records keep the store's order. */
export function applyDelta(doc: MapDocument, delta: Delta): MapDocument {
  const out: Record<string, unknown> = delta.header ? { ...delta.header } : headerOf(doc);
  for (const def of RECORDS) {
    const rows = tableOf(doc, def.table);
    const change = delta.tables[def.table];
    if (!change) {
      out[def.table] = rows;
      continue;
    }
    const del = new Set(change.del ?? []);
    const put = new Map((change.put ?? []).map((r) => [r.id as string, r as Rec]));
    const patch = new Map((change.patch ?? []).map((r) => [r.id as string, r as Rec]));
    const next: Rec[] = [];
    for (const r of rows) {
      if (del.has(r.id)) continue;
      const p = put.get(r.id);
      if (p) put.delete(r.id);
      const q = patch.get(r.id);
      next.push(q ? { ...(p ?? r), ...q } : (p ?? r));
    }
    next.push(...put.values());
    if (change.put?.length || change.patch?.length) next.sort(compareBy(orderFields(def.orderBy)));
    out[def.table] = next;
  }
  return out as unknown as MapDocument;
}

/** One delta doing what applying `first` then `second` does. */
export function mergeDeltas(first: Delta, second: Delta): Delta {
  const out: Delta = { tables: {} };
  const header = second.header ?? first.header;
  if (header) out.header = header;
  for (const table of new Set([...Object.keys(first.tables), ...Object.keys(second.tables)])) {
    const put = new Map<string, Rec>();
    const patch = new Map<string, Rec>();
    const del = new Set<string>();
    for (const d of [first.tables[table], second.tables[table]]) {
      if (!d) continue;
      for (const id of d.del ?? []) {
        put.delete(id);
        patch.delete(id);
        del.add(id);
      }
      for (const r of (d.put ?? []) as Rec[]) {
        // A record deleted, then put back: the put replaces it whole.
        patch.delete(r.id);
        put.set(r.id, r);
      }
      for (const r of (d.patch ?? []) as Rec[]) {
        const whole = put.get(r.id);
        if (whole) put.set(r.id, { ...whole, ...r });
        else patch.set(r.id, { ...patch.get(r.id), ...r });
      }
    }
    // A put of an id the first delta deleted stays a delete plus a put: applying deletes, then puts.
    if (put.size || patch.size || del.size) out.tables[table] = tableDelta([...put.values()], [...patch.values()], [...del]);
  }
  return out;
}

const recordId = z.string().min(1).max(100);
const time = z.number().int().nonnegative();

/** Puts are whole stored records (older files take defaults); patches are some fields, with no defaults filled in. */
const tableDeltaSchema = (def: (typeof RECORDS)[number]) =>
  z.strictObject({
    put: z.array(def.stored).optional(),
    patch: z
      .array(def.patch.extend({ id: recordId, mapId: recordId.optional(), createdAt: time.optional(), updatedAt: time.optional() }))
      .optional(),
    del: z.array(recordId).optional(),
  });

/**
 * A delta read from a file: the header and every record checked against the registry's schemas
 * (the stored form, so older files take defaults); unknown tables are refused.
 */
export const deltaSchema = z.strictObject({
  header: mapHeader.stored.optional(),
  tables: z.strictObject(
    Object.fromEntries(RECORDS.map((r) => [r.table, tableDeltaSchema(r).optional()])) as Record<string, z.ZodOptional<z.ZodType>>,
  ),
});

/**
 * `doc` with every field a newer app added filled in with its default (a version saved before a
 * field existed reads like a map from an older file). Records already complete are kept as they are.
 */
export function withCurrentFields(doc: MapDocument): MapDocument {
  const out: Record<string, unknown> = { ...mapHeader.stored.parse(headerOf(doc)) };
  for (const def of RECORDS) {
    const defaults = Object.entries(def.defaults as Record<string, unknown>);
    out[def.table] = tableOf(doc, def.table).map((r) => {
      if (defaults.every(([k]) => k in r)) return r;
      const filled: Rec = { ...r };
      for (const [k, v] of defaults) if (!(k in filled)) filled[k] = Array.isArray(v) ? [...v] : v;
      return filled;
    });
  }
  return out as unknown as MapDocument;
}
