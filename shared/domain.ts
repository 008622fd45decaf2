/**
 * The journey-map document model shared by the main process and the renderer.
 * Plain data only: no I/O, no DOM, no Node.
 */

/** Lane kinds. `custom` lanes hold whatever the team wants and give notes no kind. */
export const LANE_KINDS = [
  'actions',
  'touchpoints',
  'channels',
  'thoughts',
  'emotions',
  'pain_points',
  'opportunities',
  'custom',
] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

/** What a note says about the customer's journey (the lane it belongs in). */
export const NOTE_KINDS = [
  'action',
  'touchpoint',
  'channel',
  'thought',
  'emotion',
  'pain_point',
  'opportunity',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** The kind a note takes when it is dropped into a lane of this kind. */
export const NOTE_KIND_OF_LANE: Record<LaneKind, NoteKind | null> = {
  actions: 'action',
  touchpoints: 'touchpoint',
  channels: 'channel',
  thoughts: 'thought',
  emotions: 'emotion',
  pain_points: 'pain_point',
  opportunities: 'opportunity',
  custom: null,
};

/** The eight sticky-note colours, by name; the renderer owns their RGB values. */
export const NOTE_COLORS = [
  'yellow',
  'orange',
  'pink',
  'purple',
  'blue',
  'teal',
  'green',
  'gray',
] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** Sentiment from -2 (very negative) to +2 (very positive). */
export type Sentiment = -2 | -1 | 0 | 1 | 2;

export const NOTE_DEFAULT_SIZE = 160;
export const NOTE_MIN_SIZE = 40;
export const NOTE_MAX_SIZE = 2000;
export const NOTE_TEXT_MAX = 5000;
export const TITLE_MAX = 200;
/** Coordinates beyond this are refused: they would lose precision and hide notes forever. */
export const COORD_LIMIT = 1e7;

export interface Camera {
  /** Board coordinate shown at the screen's left edge. */
  x: number;
  /** Board coordinate shown at the screen's top edge. */
  y: number;
  /** Screen pixels per board unit, 0.05 to 4. */
  zoom: number;
}

export interface Stage {
  id: string;
  mapId: string;
  name: string;
  description: string;
  /** 0-based order within the map. */
  position: number;
}

export interface Lane {
  id: string;
  mapId: string;
  name: string;
  kind: LaneKind;
  position: number;
  collapsed: boolean;
}

export interface Note {
  id: string;
  mapId: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: NoteColor;
  stageId: string | null;
  laneId: string | null;
  kind: NoteKind | null;
  sentiment: Sentiment | null;
  author: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

export interface MapSummary {
  id: string;
  title: string;
  noteCount: number;
  updatedAt: number;
}

export interface JourneyMap {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  camera: Camera | null;
  stages: Stage[];
  lanes: Lane[];
  notes: Note[];
}
