import type { Lane, LaneKind, Stage } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { FRAME_ORIGIN, freeBoardSlot, layoutFrame } from '../../shared/journey/index';
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
   * Notes of a deleted stage or lane are never deleted: they go back to the free board, in a tidy
   * block beside the frame as it will be without that stage or lane, clear of other free notes.
   */
  function freeNotes(mapId: string, freed: DbNote[], without: { stageId?: string; laneId?: string }) {
    if (freed.length === 0) return;
    const freedIds = new Set(freed.map((n) => n.id));
    const stages = repos.stagesOf.all(mapId).filter((s) => s.id !== without.stageId);
    const lanes = repos.lanesOf.all(mapId).filter((l) => l.id !== without.laneId);
    const others = repos.notesOf.all(mapId).filter((n) => !freedIds.has(n.id));
    const frame = layoutFrame({
      origin: FRAME_ORIGIN,
      stages: stages.map((s) => ({ id: s.id })),
      lanes: lanes.map((l) => ({ id: l.id, collapsed: l.collapsed === 1, kind: l.kind as LaneKind })),
      notes: others.map((n) => ({ id: n.id, stageId: n.stage_id, laneId: n.lane_id, width: n.width, height: n.height })),
    });
    const avoid = others.filter((n) => !n.stage_id || !n.lane_id).map((n) => ({ x: n.x, y: n.y, width: n.width, height: n.height }));
    const size = { width: Math.max(...freed.map((n) => n.width)), height: Math.max(...freed.map((n) => n.height)) };
    const slots = freeBoardSlot(frame, freed.length, size, { avoid });
    const now = ctx.now();
    freed.forEach((n, i) => {
      repos.updateNote.run({ ...n, stage_id: null, lane_id: null, x: slots[i]!.x, y: slots[i]!.y, updated_at: now });
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
      freeNotes(s.map_id, notes, { stageId: id });
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
      freeNotes(l.map_id, notes, { laneId: id });
      repos.deleteLane.run(id);
      repos.lanesOf.all(l.map_id).forEach((x, position) => repos.updateLane.run({ ...x, position }));
      repos.touchMap.run(ctx.now(), l.map_id);
      return { id, freedNotes: notes.length };
    },
  };
}
