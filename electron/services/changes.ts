/**
 * The record layer: create, update and delete any record type the same way, with the same checks
 * (the record is in this map, its references resolve, a new id is free), and `changes.apply`, which
 * runs a batch of such changes in one transaction. The per-type methods (notes.*, personas.*) are
 * built on the same three operations.
 */
import { ApiError } from '../../shared/errors';
import {
  mapHeader,
  RECORDS,
  recordDef,
  refIds,
  type Change,
  type MapChange,
  type RecordPatch,
  type RecordType,
  type RecordValue,
  type StoredRecord,
} from '../../shared/records/index';
import { columnName, fromRecord, toRecord, type DbRecord } from '../store/rows';
import { requireMap, type ServiceContext } from './context';
import { createVoteRules } from './voteRules';
import { saveHourlyVersion } from './versions';

/** Where a problem is, for its message: "notes[2]", "changes[7]", "note". */
export type Where = string;

export function createRecordStore(ctx: ServiceContext) {
  const { repos, db } = ctx;
  /** Dot-voting rules (budgets, closed rounds, what a round covers), on every path that writes a vote. */
  const voteRules = createVoteRules(ctx);
  /** For each field of the map header that points at a record: clears it where it points at a given id. */
  const clearHeaderRef = Object.entries(mapHeader.refs).map(([field, ref]) => ({
    to: ref!.to,
    run: db.prepare<[number, string, string]>(
      `UPDATE maps SET ${columnName(field)} = NULL, updated_at = ? WHERE id = ? AND ${columnName(field)} = ?`,
    ),
  }));

  /** For each header field a `map` change may patch (mapHeader.editable): its UPDATE. */
  const setHeaderField = new Map(
    (mapHeader.editable as readonly string[]).map((field) => [
      field,
      db.prepare<[unknown, number, string]>(`UPDATE maps SET ${columnName(field)} = ?, updated_at = ? WHERE id = ?`),
    ]),
  );

  /**
   * A change to the map header (its editable fields: the persona it is for). The change names this
   * map; every record a field points at must be in it.
   */
  function updateHeader(mapId: string, c: MapChange, where: Where): void {
    if (c.id !== mapId) throw new ApiError('not_found', `${where}: this batch is for map "${mapId}"; a map change must name that map, not "${c.id}".`);
    const now = ctx.now();
    for (const [field, value] of Object.entries(c.patch)) {
      if (value === undefined) continue;
      const ref = mapHeader.refs[field];
      for (const target of ref ? refIds(value) : []) {
        const row = repos.records[ref!.to as RecordType].get.get(target) as { map_id: string } | undefined;
        if (!row || row.map_id !== mapId) {
          throw new ApiError('not_found', `${where}: patch.${field}: no ${ref!.to} "${target}" in this map; choose one of this map's ${ref!.to}s or null.`);
        }
      }
      setHeaderField.get(field)!.run(value, now, mapId);
    }
  }

  /** For each record type with a `unique` key: the other record of the map with the same values. */
  const sameKey = new Map(
    RECORDS.filter((def) => def.unique).map((def) => [
      def.type as RecordType,
      {
        fields: def.unique!,
        find: db.prepare<unknown[], { id: string }>(
          `SELECT id FROM ${def.table} WHERE map_id = ? AND ${def.unique!.map((f) => `${columnName(f)} IS ?`).join(' AND ')} AND id <> ? LIMIT 1`,
        ),
      },
    ]),
  );

  /** A record whose `unique` fields match another record of the map: conflict, naming that record. */
  function checkUnique(type: RecordType, mapId: string, id: string, value: Record<string, unknown>, where: Where) {
    const key = sameKey.get(type);
    if (!key) return;
    const other = key.find.get(mapId, ...key.fields.map((f) => value[f]), id);
    if (other) throw new ApiError('conflict', `${where}: ${type} "${other.id}" already has this ${key.fields.join(' and ')}; there may be only one. Change that one instead.`);
  }

  /** The stored row of `type` with this id in this map, or not_found. */
  function requireRecord<T extends RecordType>(type: T, mapId: string, id: string, where: Where): DbRecord<T> {
    const row = repos.records[type].get.get(id) as (DbRecord<T> & { map_id: string }) | undefined;
    if (!row || row.map_id !== mapId) throw new ApiError('not_found', `${where}: no ${type} "${id}" in this map. It may have been deleted.`);
    return row;
  }

  /** Every record a value points at must be in the same map (not_found otherwise). */
  function checkRefs(type: RecordType, mapId: string, value: Record<string, unknown>, where: Where) {
    for (const [field, ref] of Object.entries(recordDef[type].refs)) {
      if (!ref || value[field] === undefined) continue;
      for (const target of refIds(value[field])) {
        const row = repos.records[ref.to as RecordType].get.get(target) as { map_id: string } | undefined;
        if (!row || row.map_id !== mapId) throw new ApiError('not_found', `${where}: no ${ref.to} "${target}" in this map.`);
      }
    }
  }

  /** A record's rule across fields (recordDef.check), as an invalid_input naming the record. */
  function checkRecord(type: RecordType, value: Record<string, unknown>, where: Where) {
    const problem = recordDef[type].check?.(value);
    if (problem) throw new ApiError('invalid_input', `${where}: ${problem}.`);
  }

  function create<T extends RecordType>(type: T, mapId: string, id: string, value: RecordValue<T>, where: Where): StoredRecord<T> {
    for (const def of RECORDS) {
      if (repos.records[def.type].get.get(id)) {
        throw new ApiError('conflict', `${where}: a ${def.type} with id "${id}" already exists.`);
      }
    }
    checkRefs(type, mapId, value, where);
    checkRecord(type, value as Record<string, unknown>, where);
    checkUnique(type, mapId, id, value as Record<string, unknown>, where);
    if (type === 'vote') voteRules.beforeCreate(value as RecordValue<'vote'>, where);
    const now = ctx.now();
    const record = {
      id,
      mapId,
      ...value,
      ...(recordDef[type].timestamps ? { createdAt: now, updatedAt: now } : {}),
    } as unknown as StoredRecord<T>;
    (repos.records[type].insert as { run(row: DbRecord<T>): unknown }).run(fromRecord(type, record));
    return record;
  }

  function update<T extends RecordType>(type: T, mapId: string, id: string, patch: RecordPatch<T>, where: Where): StoredRecord<T> {
    const row = requireRecord(type, mapId, id, where);
    checkRefs(type, mapId, patch, where);
    const next = { ...toRecord(type, row) } as Record<string, unknown>;
    for (const [key, v] of Object.entries(patch)) if (v !== undefined) next[key] = v;
    checkRecord(type, next, where);
    checkUnique(type, mapId, id, next, where);
    if (type === 'vote') voteRules.beforeUpdate(id, toRecord('vote', row as DbRecord<'vote'>), next as RecordValue<'vote'>, where);
    if (recordDef[type].timestamps) next['updatedAt'] = ctx.now();
    (repos.records[type].update as { run(row: DbRecord<T>): unknown }).run(fromRecord(type, next as StoredRecord<T>));
    return next as StoredRecord<T>;
  }

  /**
   * Deletes a record. Whatever pointed at it lets go: a note's stageId or laneId becomes null, a
   * persona tag is removed from every note, the map stops being for a deleted persona. A record
   * whose ref says `onDelete: 'cascade'` goes with it instead (a vote with its note, round or
   * participant; a metric with its stage), and so on down. Returns how many records let go of it
   * (`freed`) and how many went with it (`cascaded`).
   */
  function remove(type: RecordType, mapId: string, id: string, where: Where, withParent = false): { freed: number; cascaded: number } {
    const row = requireRecord(type, mapId, id, where);
    // A vote taken back on its own obeys the round's rules; one going with its note, round or participant does not.
    if (type === 'vote' && !withParent) voteRules.beforeDelete(toRecord('vote', row as DbRecord<'vote'>), where);
    const now = ctx.now();
    let freed = 0;
    let cascaded = 0;
    for (const def of RECORDS) {
      for (const [field, ref] of Object.entries(def.refs)) {
        if (ref?.to !== type) continue;
        const statements = repos.records[def.type];
        if (ref.onDelete === 'cascade') {
          for (const row of statements.pointingAt[field]!.all({ mapId, id })) {
            const dependent = (row as { id: string }).id;
            if (!statements.get.get(dependent)) continue; // gone already, with another of its refs
            cascaded += 1 + remove(def.type, mapId, dependent, where, true).cascaded;
          }
          continue;
        }
        for (const row of statements.pointingAt[field]!.all({ mapId, id })) {
          const record = toRecord(def.type, row as never) as Record<string, unknown>;
          const v = record[field];
          record[field] = Array.isArray(v) ? v.filter((x) => x !== id) : null;
          if (def.timestamps) record['updatedAt'] = now;
          (statements.update as { run(row: unknown): unknown }).run(fromRecord(def.type, record as never));
          freed++;
        }
      }
    }
    for (const clear of clearHeaderRef) if (clear.to === type) clear.run.run(now, mapId, id);
    repos.records[type].delete.run(id);
    return { freed, cascaded };
  }

  /** Applies one change; `where` names it in a message. */
  function apply(mapId: string, c: Change, where: Where): void {
    if (c.type === 'map') updateHeader(mapId, c, where);
    else if (c.op === 'create') create(c.type, mapId, c.id, c.value as RecordValue<typeof c.type>, where);
    else if (c.op === 'update') update(c.type, mapId, c.id, c.patch as RecordPatch<typeof c.type>, where);
    else remove(c.type, mapId, c.id, where);
  }

  return { requireRecord, create, update, remove, apply, inBatch: voteRules.inBatch };
}

export type RecordStore = ReturnType<typeof createRecordStore>;

export function createChangeService(ctx: ServiceContext, store: RecordStore) {
  return {
    /**
     * Applies every change in order, in the caller's transaction: all or nothing. A failure names
     * the change by its position (`index`) and says what is wrong with it.
     */
    'changes.apply': ({ mapId, changes }: { mapId: string; changes: Change[] }) => {
      requireMap(ctx, mapId);
      // The map as it was before this editing hour, kept as an automatic version (issue 15).
      saveHourlyVersion(ctx, mapId);
      store.inBatch(changes, () =>
        changes.forEach((c, index) => {
          const where = `changes[${index}] (${c.op} ${c.type} "${c.id}")`;
          try {
            store.apply(mapId, c, where);
          } catch (err) {
            if (err instanceof ApiError) throw new ApiError(err.code, err.message, index);
            const code = (err as { code?: unknown })?.code;
            if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
              throw new ApiError('invalid_input', `${where}: the store refused it (${(err as Error).message}).`, index);
            }
            throw err;
          }
        }),
      );
      ctx.repos.touchMap.run(ctx.now(), mapId);
      return { applied: changes.length };
    },
  };
}
