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

/** Channel tags a note can carry (shown as icons on the note). */
export const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social', 'post', 'in_person'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Human labels for channel tags. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Web',
  app: 'App',
  email: 'Email',
  phone: 'Phone',
  store: 'Store or branch',
  chat: 'Chat',
  social: 'Social',
  post: 'Post',
  in_person: 'In person',
};

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
  /** The facilitator's emotion score, -2 to +2; null = derived from the sentiment of the stage's notes. */
  emotion: number | null;
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
  channels: Channel[];
  /** Personas this note is tagged with (the persona lens highlights them). */
  personaIds: string[];
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

export interface Persona {
  id: string;
  mapId: string;
  name: string;
  role: string;
  quote: string;
  goals: string;
  needs: string;
  frustrations: string;
  /** A small image as a data: URL, or null for initials on `color`. */
  photo: string | null;
  color: NoteColor;
  position: number;
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
  /** The persona this map is for, if one is chosen. */
  personaId: string | null;
  personas: Persona[];
  stages: Stage[];
  lanes: Lane[];
  notes: Note[];
}
