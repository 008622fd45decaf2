/**
 * Stages and lanes: the columns and rows of the journey frame. Each method builds its changes with
 * the same pure builders the board commits (shared/board/structureEdits: positions renumbered,
 * freed notes placed beside the frame, never deleted) and applies them through the record layer,
 * so the checks, references and timestamps are those of every other write.
 */
import type { Lane, LaneKind, Stage } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import {
  deleteLaneChanges,
  deleteStageChanges,
  insertChanges,
  reorderChanges,
  type NewRecord,
  type StructureView,
} from '../../shared/board/structureEdits';
import { editableOf, type Change, type RecordType, type StoredRecord } from '../../shared/records/index';
import { toRecord } from '../store/rows';
import type { RecordStore } from './changes';
import { requireMap, type ServiceContext } from './context';

export function createStructureService(ctx: ServiceContext, records: RecordStore) {
  const { repos } = ctx;

  /** The map's records as the builders read them (notes only when the change frees some). */
  function viewOf(mapId: string, withNotes: boolean): StructureView {
    const all = <T extends RecordType>(type: T) =>
      repos.records[type].ofMap.all(mapId).map((row) => editableOf(type, toRecord(type, row as never) as StoredRecord<T>));
    const notes = withNotes ? all('note') : [];
    return { stages: all('stage'), lanes: all('lane'), personas: [], notes };
  }

  /** The stored record of a type by id, or not_found. */
  function requireOwn(type: 'stage' | 'lane', id: string): { mapId: string } {
    const row = repos.records[type].get.get(id) as { map_id: string } | undefined;
    if (!row) throw new ApiError('not_found', `No ${type} with id "${id}". It may have been deleted.`);
    return { mapId: row.map_id };
  }

  function applyAll(mapId: string, changes: readonly Change[], where: string): void {
    for (const c of changes) records.apply(mapId, c, where);
    repos.touchMap.run(ctx.now(), mapId);
  }

  function stored<T extends 'stage' | 'lane'>(type: T, id: string): StoredRecord<T> {
    return toRecord(type, repos.records[type].get.get(id) as never) as StoredRecord<T>;
  }

  /** `ids` must name every stage (or lane) of the map exactly once. */
  function checkPermutation(kind: 'stage' | 'lane', current: readonly { id: string }[], ids: string[]) {
    const have = new Set(current.map((r) => r.id));
    if (ids.length !== have.size || new Set(ids).size !== ids.length || !ids.every((id) => have.has(id))) {
      throw new ApiError('invalid_input', `ids: give every ${kind} of this map exactly once, in the new order (the map has ${have.size} ${kind}s).`);
    }
  }

  function create<T extends 'stage' | 'lane'>(type: T, mapId: string, fields: Record<string, unknown> & { name: string }, index?: number) {
    requireMap(ctx, mapId);
    const id = ctx.newId();
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as NewRecord<T>;
    applyAll(mapId, insertChanges(viewOf(mapId, false), type, id, given, index), type);
    return stored(type, id);
  }

  function update<T extends 'stage' | 'lane'>(type: T, id: string, patch: Record<string, unknown>) {
    const { mapId } = requireOwn(type, id);
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    applyAll(mapId, [{ type, op: 'update', id, patch: given } as Change], type);
    return stored(type, id);
  }

  function reorder<T extends 'stage' | 'lane'>(type: T, mapId: string, ids: string[]) {
    requireMap(ctx, mapId);
    const view = viewOf(mapId, false);
    checkPermutation(type, type === 'stage' ? view.stages : view.lanes, ids);
    applyAll(mapId, reorderChanges(view, type, ids), type);
    return ids.map((id) => stored(type, id));
  }

  function remove(type: 'stage' | 'lane', id: string) {
    const { mapId } = requireOwn(type, id);
    const view = viewOf(mapId, true);
    const changes = type === 'stage' ? deleteStageChanges(view, id) : deleteLaneChanges(view, id);
    applyAll(mapId, changes, type);
    return { id, freedNotes: changes.filter((c) => c.type === 'note').length };
  }

  return {
    'stages.create': (i: { mapId: string; name: string; description?: string; index?: number }): Stage =>
      create('stage', i.mapId, { name: i.name, description: i.description }, i.index),
    'stages.update': ({ id, ...patch }: { id: string } & Partial<Pick<Stage, 'name' | 'description' | 'emotion'>>): Stage => update('stage', id, patch),
    'stages.reorder': ({ mapId, ids }: { mapId: string; ids: string[] }): Stage[] => reorder('stage', mapId, ids),
    'stages.delete': ({ id }: { id: string }) => remove('stage', id),

    'lanes.create': (i: { mapId: string; name: string; kind?: LaneKind; index?: number }): Lane =>
      create('lane', i.mapId, { name: i.name, kind: i.kind }, i.index),
    'lanes.update': ({ id, ...patch }: { id: string } & Partial<Pick<Lane, 'name' | 'kind' | 'collapsed'>>): Lane => update('lane', id, patch),
    'lanes.reorder': ({ mapId, ids }: { mapId: string; ids: string[] }): Lane[] => reorder('lane', mapId, ids),
    'lanes.delete': ({ id }: { id: string }) => remove('lane', id),
  };
}
