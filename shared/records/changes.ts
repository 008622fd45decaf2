/**
 * The one change type for every record: create (the record's editable fields in full), update
 * (some of them) or delete, named by type and id. `changes.apply` takes a batch of them; the board's
 * history and save queue carry them. Derived from the record registry: a new record type is a new
 * entry there, not here.
 */
import { z } from 'zod';
import { BATCH_MAX, BATCH_MAX_LABEL } from '../limits';
import { id } from './fields';
import { mapHeader, RECORDS, type RecordType, type RecordValue } from './records';

function changeSchemaOf<D extends (typeof RECORDS)[number]>(def: D) {
  const type = z.literal(def.type as D['type']);
  return z.discriminatedUnion('op', [
    z.strictObject({ type, op: z.literal('create'), id, value: def.value as D['value'] }),
    z.strictObject({ type, op: z.literal('update'), id, patch: def.patch as D['patch'] }),
    z.strictObject({ type, op: z.literal('delete'), id }),
  ]);
}

type SchemasOf<T extends readonly unknown[]> = {
  -readonly [K in keyof T]: T[K] extends (typeof RECORDS)[number] ? ReturnType<typeof changeSchemaOf<T[K]>> : never;
};
type ChangeSchemas = SchemasOf<typeof RECORDS>;

type HeaderEditable = (typeof mapHeader.editable)[number];

/** The map header's fields a change may patch (mapHeader.editable), any of them. */
export const mapPatchSchema = z.strictObject(
  Object.fromEntries(mapHeader.editable.map((field) => [field, mapHeader.fields[field]])) as Pick<typeof mapHeader.fields, HeaderEditable>,
).partial();
export type MapPatch = z.infer<typeof mapPatchSchema>;

/** A change to the map itself (its id is the map's): only an update, of the fields in mapHeader.editable. */
export const mapChangeSchema = z.strictObject({ type: z.literal('map'), op: z.literal('update'), id, patch: mapPatchSchema });
export type MapChange = z.infer<typeof mapChangeSchema>;

/** One change to one record of any type in RECORDS, or to the map header; invalid input names the field (`changes.3.patch.x: ...`). */
export const changeSchema = z.discriminatedUnion('type', [
  ...(RECORDS.map((def) => changeSchemaOf(def)) as unknown as ChangeSchemas),
  mapChangeSchema,
]);

export type Change = z.infer<typeof changeSchema>;
/** What a change names: a record type, or 'map' (the header). */
export type ChangeTarget = Change['type'];
/** A change to a record (not to the map header). */
export type RecordChange = Exclude<Change, MapChange>;
export type ChangeOf<T extends ChangeTarget> = Extract<Change, { type: T }>;
export type ChangeOp = Change['op'];

/** The input of `changes.apply`: one map, 1 to 50,000 changes, applied in order in one transaction. */
export const changesApplyInput = z.strictObject({
  mapId: id,
  changes: z
    .array(changeSchema)
    .min(1, 'give at least one change')
    .max(BATCH_MAX, `at most ${BATCH_MAX_LABEL} changes at once; split the batch`),
});

/** Builders that keep the type and value together (tests, the board). */
export const change = {
  create: <T extends RecordType>(type: T, recordId: string, value: RecordValue<T>) =>
    ({ type, op: 'create', id: recordId, value }) as unknown as ChangeOf<T>,
  update: <T extends RecordType>(type: T, recordId: string, patch: Partial<RecordValue<T>>) =>
    ({ type, op: 'update', id: recordId, patch }) as unknown as ChangeOf<T>,
  delete: <T extends RecordType>(type: T, recordId: string) => ({ type, op: 'delete', id: recordId }) as ChangeOf<T>,
  map: (mapId: string, patch: MapPatch): MapChange => ({ type: 'map', op: 'update', id: mapId, patch }),
};
