/**
 * What deleting a record does to the records pointing at it, as changes: the same rule the store
 * follows (electron/services/changes.ts `remove`), so an editor that holds the map (the board's
 * document) can apply it itself and undo it. A ref with `onDelete: 'cascade'` deletes the record
 * pointing (a vote goes with its note, round or participant); any other ref lets go (the field
 * becomes null, or the id leaves the list: an opportunity's link to a deleted pain point).
 */
import { mapHeader, RECORDS, refIds, type RecordType } from './records';
import type { Change } from './changes';

/**
 * Every record of a map by type and id (the board's `Records` fits), and optionally the map's
 * header by its id: a header field in `mapHeader.editable` lets go of a deleted record too (the
 * map stops being for a deleted persona), as a `map` change that undo reverses.
 */
export type RecordMaps = { readonly [T in RecordType]: ReadonlyMap<string, { id: string }> } & { readonly map?: ReadonlyMap<string, { id: string }> };

/** The header's editable fields that point at a record, with what they point at. */
const HEADER_REFS = (mapHeader.editable as readonly string[])
  .map((field) => [field, mapHeader.refs[field]] as const)
  .filter((e): e is readonly [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined);

type Loose = { id: string } & Record<string, unknown>;

/** Record types some ref points at: only their deletes can touch other records. */
const POINTED_AT = new Set<string>([...RECORDS.flatMap((def) => Object.values(def.refs).map((ref) => ref!.to)), ...HEADER_REFS.map(([, ref]) => ref.to)]);

/**
 * `changes` with, just before each delete, the changes it implies for the records pointing at the
 * deleted one (read from `records` as they are before the batch): deletes for those that go with
 * it (and, in turn, for what points at them), let-go updates for the others. A record the batch
 * deletes itself is left to that change. Without such deletes, `changes` itself is returned.
 */
export function cascadeDeletes(records: RecordMaps, changes: readonly Change[]): readonly Change[] {
  if (!changes.some((c) => c.op === 'delete' && POINTED_AT.has(c.type))) return changes;
  const key = (type: string, id: string) => `${type}:${id}`;
  /** type:id of every record deleted, by the batch or by a cascade -> the index of the change it goes before. */
  const deletedAt = new Map<string, number>();
  changes.forEach((c, i) => {
    if (c.op === 'delete' && !deletedAt.has(key(c.type, c.id))) deletedAt.set(key(c.type, c.id), i);
  });
  const before = new Map<number, Change[]>();
  const add = (at: number, c: Change) => {
    const list = before.get(at);
    if (list) list.push(c);
    else before.set(at, [c]);
  };

  let newly = new Set([...deletedAt.keys()].map((k) => k.slice(0, k.indexOf(':'))));
  while (newly.size > 0) {
    const next = new Set<string>();
    for (const def of RECORDS) {
      const refs = Object.entries(def.refs).filter(([, ref]) => ref && newly.has(ref.to)) as [string, { to: string; onDelete?: 'cascade' }][];
      if (refs.length === 0) continue;
      for (const record of (records[def.type] as ReadonlyMap<string, Loose>).values()) {
        if (deletedAt.has(key(def.type, record.id))) continue;
        let cascadeAt = Infinity;
        let letGoAt = Infinity;
        const patch: Record<string, unknown> = {};
        for (const [field, ref] of refs) {
          const value = record[field];
          const hits = refIds(value).filter((id) => deletedAt.has(key(ref.to, id)));
          if (hits.length === 0) continue;
          const at = Math.min(...hits.map((id) => deletedAt.get(key(ref.to, id))!));
          if (ref.onDelete === 'cascade') {
            cascadeAt = Math.min(cascadeAt, at);
          } else {
            letGoAt = Math.min(letGoAt, at);
            patch[field] = Array.isArray(value) ? value.filter((id) => !hits.includes(id as string)) : null;
          }
        }
        if (cascadeAt !== Infinity) {
          deletedAt.set(key(def.type, record.id), cascadeAt);
          add(cascadeAt, { type: def.type, op: 'delete', id: record.id } as Change);
          next.add(def.type);
        } else if (letGoAt !== Infinity) {
          add(letGoAt, { type: def.type, op: 'update', id: record.id, patch } as unknown as Change);
        }
      }
    }
    newly = next;
  }
  for (const header of (records.map?.values() ?? []) as Iterable<Loose>) {
    const patch: Record<string, unknown> = {};
    let at = Infinity;
    for (const [field, ref] of HEADER_REFS) {
      const target = header[field];
      if (typeof target !== 'string' || !deletedAt.has(key(ref.to, target))) continue;
      patch[field] = null;
      at = Math.min(at, deletedAt.get(key(ref.to, target))!);
    }
    if (at !== Infinity) add(at, { type: 'map', op: 'update', id: header.id, patch } as Change);
  }
  if (before.size === 0) return changes;
  const out: Change[] = [];
  changes.forEach((c, i) => {
    const extra = before.get(i);
    // What goes with a record is deleted before the records it points at, deepest first.
    if (extra) out.push(...extra.filter((e) => e.op === 'update'), ...extra.filter((e) => e.op === 'delete').reverse());
    out.push(c);
  });
  return out;
}
