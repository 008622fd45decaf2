/**
 * Row types (what SQLite stores) and mappers to the domain model (what the API returns).
 * Rows use snake_case, 0/1 booleans and JSON strings; the domain never sees them.
 */
import type { Camera, Channel, JourneyMap, Lane, LaneKind, Note, NoteColor, NoteKind, Persona, Sentiment, Stage } from '../../shared/domain';
import type { Repos } from './repos';

export interface DbMap {
  id: string;
  title: string;
  camera: string | null;
  persona_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface DbStage {
  id: string;
  map_id: string;
  name: string;
  description: string;
  position: number;
  emotion: number | null;
}

export interface DbLane {
  id: string;
  map_id: string;
  name: string;
  kind: string;
  position: number;
  collapsed: number;
}

export interface DbNote {
  id: string;
  map_id: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  stage_id: string | null;
  lane_id: string | null;
  kind: string | null;
  sentiment: number | null;
  author: string | null;
  /** JSON array of channel ids. */
  channels: string;
  /** JSON array of persona ids. */
  persona_ids: string;
  created_at: number;
  updated_at: number;
}

export interface DbPersona {
  id: string;
  map_id: string;
  name: string;
  role: string;
  quote: string;
  goals: string;
  needs: string;
  frustrations: string;
  photo: string | null;
  color: string;
  position: number;
}

export function toPersona(r: DbPersona): Persona {
  return {
    id: r.id,
    mapId: r.map_id,
    name: r.name,
    role: r.role,
    quote: r.quote,
    goals: r.goals,
    needs: r.needs,
    frustrations: r.frustrations,
    photo: r.photo,
    color: r.color as NoteColor,
    position: r.position,
  };
}

export function fromPersona(p: Persona): DbPersona {
  return {
    id: p.id,
    map_id: p.mapId,
    name: p.name,
    role: p.role,
    quote: p.quote,
    goals: p.goals,
    needs: p.needs,
    frustrations: p.frustrations,
    photo: p.photo,
    color: p.color,
    position: p.position,
  };
}

/** A JSON array column; anything unreadable reads as empty rather than failing the whole map. */
function stringArray(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function toStage(r: DbStage): Stage {
  return { id: r.id, mapId: r.map_id, name: r.name, description: r.description, position: r.position, emotion: r.emotion };
}

export function toLane(r: DbLane): Lane {
  return {
    id: r.id,
    mapId: r.map_id,
    name: r.name,
    kind: r.kind as LaneKind,
    position: r.position,
    collapsed: r.collapsed === 1,
  };
}

export function toNote(r: DbNote): Note {
  return {
    id: r.id,
    mapId: r.map_id,
    text: r.text,
    x: r.x,
    y: r.y,
    width: r.width,
    height: r.height,
    color: r.color as NoteColor,
    stageId: r.stage_id,
    laneId: r.lane_id,
    kind: r.kind as NoteKind | null,
    sentiment: r.sentiment as Sentiment | null,
    author: r.author,
    channels: stringArray(r.channels) as Channel[],
    personaIds: stringArray(r.persona_ids),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function fromNote(n: Note): DbNote {
  return {
    id: n.id,
    map_id: n.mapId,
    text: n.text,
    x: n.x,
    y: n.y,
    width: n.width,
    height: n.height,
    color: n.color,
    stage_id: n.stageId,
    lane_id: n.laneId,
    kind: n.kind,
    sentiment: n.sentiment,
    author: n.author,
    channels: JSON.stringify(n.channels),
    persona_ids: JSON.stringify(n.personaIds),
    created_at: n.createdAt,
    updated_at: n.updatedAt,
  };
}

export function parseCamera(json: string | null): Camera | null {
  if (!json) return null;
  try {
    const c = JSON.parse(json) as Camera;
    return Number.isFinite(c.x) && Number.isFinite(c.y) && Number.isFinite(c.zoom) ? c : null;
  } catch {
    return null;
  }
}

/** The whole map with this id, as the API returns it, or null when there is none. */
export function readMap(repos: Repos, id: string): JourneyMap | null {
  const m = repos.getMap.get(id);
  if (!m) return null;
  return {
    id: m.id,
    title: m.title,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    camera: parseCamera(m.camera),
    personaId: m.persona_id,
    personas: repos.personasOf.all(id).map(toPersona),
    stages: repos.stagesOf.all(id).map(toStage),
    lanes: repos.lanesOf.all(id).map(toLane),
    notes: repos.notesOf.all(id).map(toNote),
  };
}
