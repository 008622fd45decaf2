import { ApiError } from '../../shared/errors';
import { DEFAULT_LANES, type MapTemplate } from '../../shared/templates';
import { NOTE_DEFAULT_SIZE, NOTE_KIND_OF_LANE, type JourneyMap, type MapSummary } from '../../shared/domain';
import type { MapSummaryRow } from '../store/repos';
import { parseCamera, toLane, toNote, toStage } from '../store/rows';
import { requireMap, type ServiceContext } from './context';
import { findTemplate, loadTemplates, summarise } from './templates';

function toSummary(r: MapSummaryRow): MapSummary {
  return { id: r.id, title: r.title, noteCount: r.note_count, updatedAt: r.updated_at };
}

export function createMapService(ctx: ServiceContext) {
  const { repos } = ctx;
  let templates: MapTemplate[] | null = null;
  const allTemplates = () => (templates ??= loadTemplates(ctx.resourcesDir));

  function get(id: string): JourneyMap {
    const m = requireMap(ctx, id);
    return {
      id: m.id,
      title: m.title,
      createdAt: m.created_at,
      updatedAt: m.updated_at,
      camera: parseCamera(m.camera),
      stages: repos.stagesOf.all(id).map(toStage),
      lanes: repos.lanesOf.all(id).map(toLane),
      notes: repos.notesOf.all(id).map(toNote),
    };
  }

  function summary(id: string): MapSummary {
    return toSummary(repos.mapSummary.get(id)!);
  }

  /** Stages, lanes and example notes from a template; with none, the default lanes and no stages. */
  function applyTemplate(mapId: string, template: MapTemplate | null, now: number) {
    const stageIds = (template?.stages ?? []).map((s, position) => {
      const id = ctx.newId();
      repos.insertStage.run({ id, map_id: mapId, name: s.name, description: s.description, position });
      return id;
    });
    const lanes = template?.lanes ?? DEFAULT_LANES;
    const laneIds = lanes.map((l, position) => {
      const id = ctx.newId();
      repos.insertLane.run({ id, map_id: mapId, name: l.name, kind: l.kind, position, collapsed: 0 });
      return id;
    });
    (template?.notes ?? []).forEach((n, i) => {
      const stageId = stageIds[n.stage] ?? null;
      const laneIndex = n.lane;
      const laneId = laneIndex === null ? null : (laneIds[laneIndex] ?? null);
      const laneKind = laneIndex === null ? null : lanes[laneIndex]?.kind;
      repos.insertNote.run({
        id: ctx.newId(),
        map_id: mapId,
        text: n.text,
        // Cells lay their notes out; until the board does, keep template notes in a tidy row.
        x: i * (NOTE_DEFAULT_SIZE + 20),
        y: 0,
        width: NOTE_DEFAULT_SIZE,
        height: NOTE_DEFAULT_SIZE,
        color: n.color ?? 'yellow',
        stage_id: laneId ? stageId : null,
        lane_id: stageId ? laneId : null,
        kind: n.kind ?? (laneKind ? NOTE_KIND_OF_LANE[laneKind] : null),
        sentiment: n.sentiment ?? null,
        author: null,
        created_at: now + i,
        updated_at: now + i,
      });
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
      repos.insertMap.run({ id, title, camera: null, created_at: now, updated_at: now });
      applyTemplate(id, chosen, now);
      return get(id);
    },

    'maps.rename': ({ id, title }: { id: string; title: string }) => {
      requireMap(ctx, id);
      repos.renameMap.run(title, ctx.now(), id);
      return summary(id);
    },

    'maps.duplicate': ({ id, title }: { id: string; title?: string }) => {
      const source = get(id);
      const copyId = ctx.newId();
      const now = ctx.now();
      repos.insertMap.run({
        id: copyId,
        title: title ?? copyTitle(source.title),
        camera: source.camera ? JSON.stringify(source.camera) : null,
        created_at: now,
        updated_at: now,
      });
      const stageIds = new Map<string, string>();
      for (const s of source.stages) {
        const sid = ctx.newId();
        stageIds.set(s.id, sid);
        repos.insertStage.run({ id: sid, map_id: copyId, name: s.name, description: s.description, position: s.position });
      }
      const laneIds = new Map<string, string>();
      for (const l of source.lanes) {
        const lid = ctx.newId();
        laneIds.set(l.id, lid);
        repos.insertLane.run({
          id: lid,
          map_id: copyId,
          name: l.name,
          kind: l.kind,
          position: l.position,
          collapsed: l.collapsed ? 1 : 0,
        });
      }
      for (const n of source.notes) {
        repos.insertNote.run({
          id: ctx.newId(),
          map_id: copyId,
          text: n.text,
          x: n.x,
          y: n.y,
          width: n.width,
          height: n.height,
          color: n.color,
          stage_id: n.stageId ? (stageIds.get(n.stageId) ?? null) : null,
          lane_id: n.laneId ? (laneIds.get(n.laneId) ?? null) : null,
          kind: n.kind,
          sentiment: n.sentiment,
          author: n.author,
          created_at: n.createdAt,
          updated_at: n.updatedAt,
        });
      }
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
