import type { Lane, LaneKind, Stage } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { DbNote } from '../store/rows';
import { toLane, toStage } from '../store/rows';
import { requireMap, type ServiceContext } from './context';

/** Stages and lanes: the columns and rows of the journey frame. */
export function createStructureService(ctx: ServiceContext) {
  const { repos } = ctx;

  function requireStage(id: string) {
    const s = repos.getStage.get(id);
    if (!s) throw new ApiError('not_found', `No stage with id "${id}". It may have been deleted.`);
    return s;
  }
  function requireLane(id: string) {
    const l = repos.getLane.get(id);
    if (!l) throw new ApiError('not_found', `No lane with id "${id}". It may have been deleted.`);
    return l;
  }

  /** `ids` must name every stage (or lane) of the map exactly once. */
  function checkPermutation(kind: 'stage' | 'lane', current: string[], ids: string[]) {
    const same = ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id));
    if (!same) {
      throw new ApiError(
        'invalid_input',
        `ids: give every ${kind} of this map exactly once, in the new order (the map has ${current.length} ${kind}s).`,
      );
    }
  }

  /**
   * Notes of a deleted stage or lane are never deleted: they go back to the free board, placed
   * in a tidy grid to the right of everything else so they are easy to find.
   */
  function freeNotes(mapId: string, notes: DbNote[]) {
    if (notes.length === 0) return;
    const all = repos.notesOf.all(mapId);
    const freed = new Set(notes.map((n) => n.id));
    const others = all.filter((n) => !freed.has(n.id));
    const right = others.length ? Math.max(...others.map((n) => n.x + n.width)) + 120 : 0;
    const top = others.length ? Math.min(...others.map((n) => n.y)) : 0;
    const columns = Math.max(1, Math.ceil(Math.sqrt(notes.length)));
    const now = ctx.now();
    notes.forEach((n, i) => {
      const col = i % columns;
      const row = Math.floor(i / columns);
      repos.updateNote.run({
        ...n,
        stage_id: null,
        lane_id: null,
        x: right + col * (n.width + 20),
        y: top + row * (n.height + 20),
        updated_at: now,
      });
    });
  }

  return {
    'stages.create': (i: { mapId: string; name: string; description?: string; index?: number }): Stage => {
      requireMap(ctx, i.mapId);
      const stages = repos.stagesOf.all(i.mapId);
      const index = Math.min(i.index ?? stages.length, stages.length);
      const row = { id: ctx.newId(), map_id: i.mapId, name: i.name, description: i.description ?? '', position: index, emotion: null };
      stages.forEach((s, p) => repos.updateStage.run({ ...s, position: p < index ? p : p + 1 }));
      repos.insertStage.run(row);
      repos.touchMap.run(ctx.now(), i.mapId);
      return toStage(row);
    },

    'stages.update': (i: { id: string; name?: string; description?: string; emotion?: number | null }): Stage => {
      const s = requireStage(i.id);
      const next = {
        ...s,
        name: i.name ?? s.name,
        description: i.description ?? s.description,
        emotion: i.emotion === undefined ? s.emotion : i.emotion,
      };
      repos.updateStage.run(next);
      repos.touchMap.run(ctx.now(), s.map_id);
      return toStage(next);
    },

    'stages.reorder': ({ mapId, ids }: { mapId: string; ids: string[] }): Stage[] => {
      requireMap(ctx, mapId);
      const stages = repos.stagesOf.all(mapId);
      checkPermutation('stage', stages.map((s) => s.id), ids);
      const byId = new Map(stages.map((s) => [s.id, s]));
      const next = ids.map((id, position) => ({ ...byId.get(id)!, position }));
      next.forEach((s) => repos.updateStage.run(s));
      repos.touchMap.run(ctx.now(), mapId);
      return next.map(toStage);
    },

    'stages.delete': ({ id }: { id: string }) => {
      const s = requireStage(id);
      const notes = repos.notesOfStage.all(id);
      freeNotes(s.map_id, notes);
      repos.deleteStage.run(id);
      repos.stagesOf.all(s.map_id).forEach((x, position) => repos.updateStage.run({ ...x, position }));
      repos.touchMap.run(ctx.now(), s.map_id);
      return { id, freedNotes: notes.length };
    },

    'lanes.create': (i: { mapId: string; name: string; kind?: LaneKind; index?: number }): Lane => {
      requireMap(ctx, i.mapId);
      const lanes = repos.lanesOf.all(i.mapId);
      const index = Math.min(i.index ?? lanes.length, lanes.length);
      lanes.forEach((l, p) => repos.updateLane.run({ ...l, position: p < index ? p : p + 1 }));
      const row = { id: ctx.newId(), map_id: i.mapId, name: i.name, kind: i.kind ?? 'custom', position: index, collapsed: 0 };
      repos.insertLane.run(row);
      repos.touchMap.run(ctx.now(), i.mapId);
      return toLane(row);
    },

    'lanes.update': (i: { id: string; name?: string; kind?: LaneKind; collapsed?: boolean }): Lane => {
      const l = requireLane(i.id);
      const next = {
        ...l,
        name: i.name ?? l.name,
        kind: i.kind ?? l.kind,
        collapsed: i.collapsed === undefined ? l.collapsed : i.collapsed ? 1 : 0,
      };
      repos.updateLane.run(next);
      repos.touchMap.run(ctx.now(), l.map_id);
      return toLane(next);
    },

    'lanes.reorder': ({ mapId, ids }: { mapId: string; ids: string[] }): Lane[] => {
      requireMap(ctx, mapId);
      const lanes = repos.lanesOf.all(mapId);
      checkPermutation('lane', lanes.map((l) => l.id), ids);
      const byId = new Map(lanes.map((l) => [l.id, l]));
      const next = ids.map((id, position) => ({ ...byId.get(id)!, position }));
      next.forEach((l) => repos.updateLane.run(l));
      repos.touchMap.run(ctx.now(), mapId);
      return next.map(toLane);
    },

    'lanes.delete': ({ id }: { id: string }) => {
      const l = requireLane(id);
      const notes = repos.notesOfLane.all(id);
      freeNotes(l.map_id, notes);
      repos.deleteLane.run(id);
      repos.lanesOf.all(l.map_id).forEach((x, position) => repos.updateLane.run({ ...x, position }));
      repos.touchMap.run(ctx.now(), l.map_id);
      return { id, freedNotes: notes.length };
    },
  };
}
