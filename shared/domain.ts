/**
 * The journey-map document model shared by the main process and the renderer.
 * Plain data only: no I/O, no DOM, no Node.
 */
import type { z } from 'zod';
import type { camera as cameraSchema } from './records/fields';
import type { MapDocument, StoredRecord } from './records/records';

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

/** What a workshop step has the room do (issue 13). */
export const STEP_ACTIVITIES = ['brainstorm', 'vote', 'emotion', 'matrix', 'roadmap', 'discussion', 'goals'] as const;
export type StepActivity = (typeof STEP_ACTIVITIES)[number];

/** The part of the board a workshop step shows when it starts. */
export const STEP_FOCI = ['board', 'frame', 'stage', 'lane', 'matrix', 'roadmap'] as const;
export type StepFocus = (typeof STEP_FOCI)[number];

/** Sentiment from -2 (very negative) to +2 (very positive). */
export type Sentiment = -2 | -1 | 0 | 1 | 2;

export const NOTE_DEFAULT_SIZE = 160;
export const NOTE_MIN_SIZE = 40;
export const NOTE_MAX_SIZE = 2000;
export const NOTE_TEXT_MAX = 5000;
export const TITLE_MAX = 200;
/** Coordinates beyond this are refused: they would lose precision and hide notes forever. */
export const COORD_LIMIT = 1e7;

/**
 * The records of a map. Each type is derived from its schema in records/records.ts (the one place a
 * record's fields are listed): an id, the map it belongs to, its editable fields, and for notes the
 * times it was created and last changed (milliseconds since the epoch).
 */
export type Camera = z.infer<typeof cameraSchema>;
export type Stage = StoredRecord<'stage'>;
export type Lane = StoredRecord<'lane'>;
export type Note = StoredRecord<'note'>;
export type Persona = StoredRecord<'persona'>;
/** Prioritise (issue 12): workshop participants, dot-voting rounds, their votes, customer metrics. */
export type Participant = StoredRecord<'participant'>;
export type Round = StoredRecord<'round'>;
export type Vote = StoredRecord<'vote'>;
export type Metric = StoredRecord<'metric'>;
export type Step = StoredRecord<'step'>;

export interface MapSummary {
  id: string;
  title: string;
  noteCount: number;
  updatedAt: number;
  /** When the map is due for its next review (ISO date), if someone set one (issue 15). */
  nextReviewAt?: string | null;
}

/** A whole map: title, camera, chosen persona, and its personas, stages, lanes and notes. */
export type JourneyMap = MapDocument;
