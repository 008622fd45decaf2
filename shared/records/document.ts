/**
 * A whole map as one document, worked on through the list of record tables: its schema (for the
 * JSON export and .journey readers), its reference check, and a copy with fresh ids. A new record
 * table is one entry in RECORDS; nothing here changes.
 */
import { z } from 'zod';
import { BATCH_MAX, BATCH_MAX_LABEL } from '../limits';
import { mapHeader, RECORDS, recordDef, refIds, type MapDocument, type RecordRef, type RecordType } from './records';

/**
 * A whole map as the API returns it; unknown keys are dropped, not refused (forward compatible). A
 * table an older app did not have (a map exported before participants existed) reads as empty.
 */
export const mapDocumentSchema = mapHeader.stored.extend(
  Object.fromEntries(
    RECORDS.map((r) => [
      r.table,
      z
        .array(r.stored)
        .max(BATCH_MAX, `a map can hold at most ${BATCH_MAX_LABEL} ${r.table}; this one has more`)
        .default(() => []),
    ]),
  ) as { [D in (typeof RECORDS)[number] as D['table']]: z.ZodDefault<z.ZodArray<D['stored']>> },
);

/** Every record of the map with its type, in table order. */
function* allRecords(map: MapDocument): Generator<{ type: RecordType; record: { id: string; mapId: string } & Record<string, unknown> }> {
  for (const def of RECORDS) {
    for (const record of map[def.table] as unknown as ({ id: string; mapId: string } & Record<string, unknown>)[]) {
      yield { type: def.type, record };
    }
  }
}

/** The fields of a record (or the map header) that point at other records. */
function refsOf(refs: Readonly<Partial<Record<string, RecordRef>>>): [string, RecordRef][] {
  return Object.entries(refs).filter((e): e is [string, RecordRef] => e[1] !== undefined);
}

/** Why a map cannot be taken in, or null when it can: ids unique, every record in this map, every reference resolves. */
export function mapReferenceProblem(map: MapDocument): string | null {
  const typeOf = new Map<string, RecordType | 'map'>([[map.id, 'map']]);
  for (const { type, record } of allRecords(map)) {
    if (typeOf.has(record.id)) return `the id "${record.id}" is used twice`;
    typeOf.set(record.id, type);
    if (record.mapId !== map.id) return `${type} "${record.id}" belongs to another map`;
    const problem = recordDef[type].check?.(record);
    if (problem) return `${type} "${record.id}": ${problem}`;
  }
  for (const def of RECORDS) {
    const unique = def.unique;
    if (!unique) continue;
    const seen = new Map<string, string>();
    for (const record of map[def.table] as unknown as Record<string, unknown>[]) {
      const key = JSON.stringify(unique.map((field) => record[field]));
      const other = seen.get(key);
      if (other !== undefined) return `${def.type} "${String(record['id'])}" has the same ${unique.join(' and ')} as ${def.type} "${other}"; there may be only one`;
      seen.set(key, String(record['id']));
    }
  }
  const header = map as unknown as Record<string, unknown>;
  for (const [field, ref] of refsOf(mapHeader.refs)) {
    const missing = refIds(header[field]).find((target) => typeOf.get(target) !== ref.to);
    if (missing) return `the map's ${ref.to} "${missing}" is not in the file`;
  }
  for (const { type, record } of allRecords(map)) {
    for (const [field, ref] of refsOf(recordDef[type].refs)) {
      const missing = refIds(record[field]).find((target) => typeOf.get(target) !== ref.to);
      if (missing) return `${type} "${record.id}" ${ref.says} ${ref.to} "${missing}", which is not in the file`;
    }
  }
  return null;
}

/**
 * A copy of `map` with a fresh id for the map and for every record, and `ids`, the old-to-new id
 * map. Every reference (a single id or a list) is remapped through it; one that pointed at nothing
 * in the map is dropped (null, or left out of its list).
 */
export function copyWithFreshIds(map: MapDocument, newId: () => string): { map: MapDocument; ids: Map<string, string> } {
  const ids = new Map<string, string>([[map.id, newId()]]);
  for (const { record } of allRecords(map)) ids.set(record.id, newId());
  const mapId = ids.get(map.id)!;
  const remap = (value: unknown, ref: RecordRef | undefined): unknown => {
    if (!ref) return value;
    if (Array.isArray(value)) return (value as string[]).map((v) => ids.get(v)).filter((v): v is string => v !== undefined);
    return typeof value === 'string' ? (ids.get(value) ?? null) : value;
  };
  const copy = (record: Record<string, unknown>, refs: Readonly<Partial<Record<string, RecordRef>>>) =>
    Object.fromEntries(Object.entries(record).map(([key, value]) => [key, remap(value, refs[key])]));

  const out = { ...copy(map as unknown as Record<string, unknown>, mapHeader.refs), id: mapId } as Record<string, unknown>;
  for (const def of RECORDS) {
    out[def.table] = (map[def.table] as unknown as ({ id: string } & Record<string, unknown>)[]).map((r) => ({
      ...copy(r, def.refs),
      id: ids.get(r.id)!,
      mapId,
    }));
  }
  return { map: out as unknown as MapDocument, ids };
}
