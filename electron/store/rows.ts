/**
 * Row types (what SQLite stores) and mappers to the domain model (what the API returns), all
 * derived from the record registry (shared/records): a field `stageId` is the column `stage_id`; a
 * list or an object is a JSON text column; a boolean is 0/1. The domain never sees rows.
 */
import type { z } from 'zod';
import type { Camera, JourneyMap, Lane, Note, Persona, Stage } from '../../shared/domain';
import {
  mapHeader,
  RECORDS,
  recordDef,
  type MapHeader,
  type RecordType,
  type StoredRecord,
} from '../../shared/records/records';
import type { Repos } from './repos';

/** `stageId` -> `stage_id`. */
type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;
/** How SQLite holds a value: booleans as 0/1, lists and objects as JSON text. */
type ColumnValue<V> = V extends boolean ? number : V extends readonly unknown[] ? string : V extends object ? string : V;
/** The row of a record type, derived from its domain type. */
export type Row<R> = { [K in keyof R & string as Snake<K>]: ColumnValue<R[K]> };

export type DbMap = Row<MapHeader>;
export type DbStage = Row<Stage>;
export type DbLane = Row<Lane>;
export type DbNote = Row<Note>;
export type DbPersona = Row<Persona>;
export type DbRecord<T extends RecordType> = Row<StoredRecord<T>>;

export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

type Storage = 'plain' | 'json' | 'bool';

export interface Column {
  field: string;
  column: string;
  storage: Storage;
  schema: z.ZodType;
}

/** How a field's schema is stored: looks through optional/nullable/default to the value's type. */
function storageOf(schema: z.ZodType): Storage {
  let s = schema as unknown as { def: { type: string; innerType?: unknown } };
  while (s.def.innerType && ['optional', 'nullable', 'default', 'readonly'].includes(s.def.type)) {
    s = s.def.innerType as typeof s;
  }
  if (s.def.type === 'boolean') return 'bool';
  if (s.def.type === 'array' || s.def.type === 'object' || s.def.type === 'record') return 'json';
  return 'plain';
}

function columnsOfShape(shape: Record<string, z.ZodType>): Column[] {
  return Object.entries(shape).map(([field, schema]) => ({ field, column: columnName(field), storage: storageOf(schema), schema }));
}

/** Every column of each record table (id, map_id, the fields, timestamps), and of the maps table. */
export const RECORD_COLUMNS = Object.fromEntries(
  RECORDS.map((r) => [r.type, columnsOfShape(r.stored.shape as Record<string, z.ZodType>)]),
) as Record<RecordType, Column[]>;
export const MAP_COLUMNS = columnsOfShape(mapHeader.stored.shape as Record<string, z.ZodType>);

/** A JSON column read back: anything unreadable reads as empty (a list) or null, rather than failing the whole map. */
function readJson(text: unknown, c: Column): unknown {
  let v: unknown = null;
  try {
    v = typeof text === 'string' ? JSON.parse(text) : null;
  } catch {
    v = null;
  }
  const parsed = c.schema.safeParse(v);
  if (parsed.success) return parsed.data;
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string');
  return c.storage === 'json' && storageIsList(c) ? [] : null;
}

function storageIsList(c: Column): boolean {
  return c.schema.safeParse([]).success;
}

function fromColumns<R>(columns: Column[], row: Record<string, unknown>): R {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = row[c.column];
    out[c.field] = c.storage === 'plain' ? v : c.storage === 'bool' ? v === 1 : readJson(v, c);
  }
  return out as R;
}

function toColumns<Db>(columns: Column[], value: Record<string, unknown>): Db {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = value[c.field];
    out[c.column] = c.storage === 'plain' ? v : c.storage === 'bool' ? (v ? 1 : 0) : v === null || v === undefined ? null : JSON.stringify(v);
  }
  return out as Db;
}

/** A stored row as the domain record. */
export function toRecord<T extends RecordType>(type: T, row: DbRecord<T>): StoredRecord<T> {
  return fromColumns(RECORD_COLUMNS[type], row as Record<string, unknown>);
}

/** A domain record as its row. */
export function fromRecord<T extends RecordType>(type: T, record: StoredRecord<T>): DbRecord<T> {
  return toColumns(RECORD_COLUMNS[type], record as Record<string, unknown>);
}

export const toPersona = (r: DbPersona): Persona => toRecord('persona', r);
export const fromPersona = (p: Persona): DbPersona => fromRecord('persona', p);
export const toStage = (r: DbStage): Stage => toRecord('stage', r);
export const fromStage = (s: Stage): DbStage => fromRecord('stage', s);
export const toLane = (r: DbLane): Lane => toRecord('lane', r);
export const fromLane = (l: Lane): DbLane => fromRecord('lane', l);
export const toNote = (r: DbNote): Note => toRecord('note', r);
export const fromNote = (n: Note): DbNote => fromRecord('note', n);
export const toMapHeader = (r: DbMap): MapHeader => fromColumns(MAP_COLUMNS, r as Record<string, unknown>);
export const fromMapHeader = (m: MapHeader): DbMap => toColumns(MAP_COLUMNS, m as Record<string, unknown>);

export function parseCamera(json: string | null): Camera | null {
  return readJson(json, MAP_COLUMNS.find((c) => c.field === 'camera')!) as Camera | null;
}

/** A whole map from its header row and each table's rows (in their order). */
export function mapFromRows(header: DbMap, rows: { [T in RecordType as (typeof recordDef)[T]['table']]: DbRecord<T>[] }): JourneyMap {
  const map: Record<string, unknown> = { ...toMapHeader(header) };
  for (const def of RECORDS) {
    map[def.table] = (rows[def.table] as DbRecord<RecordType>[]).map((r) => toRecord(def.type, r));
  }
  return map as JourneyMap;
}

/** The whole map with this id, as the API returns it, or null when there is none. */
export function readMap(repos: Repos, id: string): JourneyMap | null {
  const m = repos.getMap.get(id);
  if (!m) return null;
  const rows = Object.fromEntries(RECORDS.map((def) => [def.table, repos.records[def.type].ofMap.all(id)]));
  return mapFromRows(m, rows as Parameters<typeof mapFromRows>[1]);
}
