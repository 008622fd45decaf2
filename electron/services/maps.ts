import { ApiError } from '../../shared/errors';
import { DEFAULT_LANES, type MapTemplate } from '../../shared/templates';
import { NOTE_DEFAULT_SIZE, NOTE_KIND_OF_LANE, type JourneyMap, type Lane, type MapSummary, type Note, type Sentiment, type Stage } from '../../shared/domain';
import { newMapHeader, withDefaults } from '../../shared/records/index';
import { FRAME_ORIGIN, freeBoardSlot, layoutFrame, placementOf } from '../../shared/journey/index';
import type { MapSummaryRow } from '../store/repos';
import { fromLane, fromMapHeader, fromNote, fromStage, readMap } from '../store/rows';
import { requireMap, type ServiceContext } from './context';
import { insertMap, withFreshIds } from './journeyFile';
import { findTemplate, loadTemplates, summarise } from './templates';
import { insertDefaultAgenda } from './workshop';

function toSummary(r: MapSummaryRow): MapSummary {
  return { id: r.id, title: r.title, noteCount: r.note_count, updatedAt: r.updated_at, nextReviewAt: r.next_review_at };
}

export function createMapService(ctx: ServiceContext) {
  const { repos } = ctx;
  let templates: MapTemplate[] | null = null;
  const allTemplates = () => (templates ??= loadTemplates(ctx.resourcesDir));

  function get(id: string): JourneyMap {
    requireMap(ctx, id);
    return readMap(repos, id)!;
  }

  function summary(id: string): MapSummary {
    return toSummary(repos.mapSummary.get(id)!);
  }

  /** Stages, lanes and example notes from a template; with none, the default lanes and no stages. */
  function applyTemplate(mapId: string, template: MapTemplate | null, now: number) {
    const stageIds = (template?.stages ?? []).map((s, position) => {
      const id = ctx.newId();
      repos.insertStage.run(fromStage({ id, mapId, ...withDefaults('stage', { name: s.name, description: s.description, position }) } as Stage));
      return id;
    });
    const lanes = template?.lanes ?? DEFAULT_LANES;
    const laneIds = lanes.map((l, position) => {
      const id = ctx.newId();
      repos.insertLane.run(fromLane({ id, mapId, ...withDefaults('lane', { name: l.name, kind: l.kind, position }) } as Lane));
      return id;
    });
    const notes = (template?.notes ?? []).map((n) => {
      const stageId = stageIds[n.stage] ?? null;
      const laneId = n.lane === null ? null : (laneIds[n.lane] ?? null);
      const laneKind = n.lane === null ? null : lanes[n.lane]?.kind;
      const inCell = stageId !== null && laneId !== null;
      return {
        id: ctx.newId(),
        template: n,
        stageId: inCell ? stageId : null,
        laneId: inCell ? laneId : null,
        kind: n.kind ?? (laneKind ? NOTE_KIND_OF_LANE[laneKind] : null),
        width: NOTE_DEFAULT_SIZE,
        height: NOTE_DEFAULT_SIZE,
      };
    });
    // Example notes sit where the frame lays them out; any meant for the free board go beside it.
    const frame = layoutFrame({
      origin: FRAME_ORIGIN,
      stages: stageIds.map((id) => ({ id })),
      lanes: laneIds.map((id, i) => ({ id, collapsed: false, kind: lanes[i]!.kind })),
      notes,
    });
    const free = notes.filter((n) => !placementOf(frame, n.id));
    const freeSlots = freeBoardSlot(frame, free.length);
    const freeIndex = new Map(free.map((n, i) => [n.id, i]));
    notes.forEach((n, i) => {
      const placed = placementOf(frame, n.id);
      const at = placed ?? freeSlots[freeIndex.get(n.id)!]!;
      const value = withDefaults('note', {
        text: n.template.text,
        x: at.x,
        y: at.y,
        color: n.template.color,
        stageId: n.stageId,
        laneId: n.laneId,
        kind: n.kind,
        sentiment: n.template.sentiment as Sentiment | undefined,
      });
      repos.insertNote.run(fromNote({ ...value, id: n.id, mapId, createdAt: now + i, updatedAt: now + i } as Note));
    });
  }

  return {
    'templates.list': () => allTemplates().map(summarise),

    'maps.list': () => repos.listMaps.all().map(toSummary),

    'maps.get': ({ id }: { id: string }) => get(id),

    'maps.create': ({ title, template }: { title: string; template?: string }) => {
      const chosen = template ? findTemplate(allTemplates(), template) : null;
      const id = ctx.newId();
      const now = ctx.now();
      repos.insertMap.run(fromMapHeader(newMapHeader({ id, title, camera: null, personaId: null, createdAt: now, updatedAt: now })));
      applyTemplate(id, chosen, now);
      // Every new map starts with the default workshop agenda (the 8-step method) until someone edits it.
      insertDefaultAgenda(ctx, id);
      return get(id);
    },

    'maps.rename': ({ id, title }: { id: string; title: string }) => {
      requireMap(ctx, id);
      repos.renameMap.run(title, ctx.now(), id);
      return summary(id);
    },

    'maps.duplicate': ({ id, title }: { id: string; title?: string }) => {
      const source = get(id);
      const now = ctx.now();
      const copy = { ...withFreshIds(source, ctx.newId), title: title ?? copyTitle(source.title), createdAt: now, updatedAt: now };
      insertMap(ctx.db, copy);
      const copyId = copy.id;
      return summary(copyId);
    },

    'maps.delete': ({ id }: { id: string }) => {
      requireMap(ctx, id);
      repos.deleteMap.run(id);
      return { id };
    },

    'maps.setCamera': ({ id, camera }: { id: string; camera: { x: number; y: number; zoom: number } }) => {
      requireMap(ctx, id);
      // The camera is session state: remembered, but it does not count as an edit of the map.
      repos.setCamera.run(JSON.stringify(camera), id);
      return { id };
    },
  };
}

/** "Kickoff" -> "Kickoff (copy)"; "Kickoff (copy)" -> "Kickoff (copy 2)". */
export function copyTitle(title: string): string {
  const m = /^(.*) \(copy(?: (\d+))?\)$/.exec(title);
  const next = m ? `${m[1]} (copy ${m[2] ? Number(m[2]) + 1 : 2})` : `${title} (copy)`;
  if (next.length > 200) throw new ApiError('invalid_input', 'The copy’s title would be too long. Give it a shorter title.');
  return next;
}
