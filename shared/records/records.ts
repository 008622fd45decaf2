/**
 * The record registry: one schema per kind of record a map holds, and the one list of record
 * tables with their references. The domain types (domain.ts), the API's input and patch schemas
 * (api.ts), `changes.apply`, the JSON export reader, the store's rows and statements, and the
 * .journey copy all derive from this file. Adding a field to a note means: its schema here, one
 * migration, and the UI that shows it.
 */
import { z } from 'zod';
import { NOTE_DEFAULT_SIZE } from '../domain';
import * as f from './fields';

/** A field that points at another record of the same map (a single id, or a list of ids). */
export interface RecordRef {
  /** The record type pointed at (checked against RECORDS when this module loads). */
  to: string;
  /** How a sentence says it: note "n1" `is in` stage "s1". */
  says: string;
  /**
   * What deleting the record pointed at does to this one: by default it lets go (the field becomes
   * null, or the id leaves the list); 'cascade' deletes this record too (a vote goes with its note).
   */
  onDelete?: 'cascade';
}

interface RecordDefInput<T extends string, K extends string, S extends z.ZodRawShape, TS extends boolean> {
  /** The record type, as a change names it. */
  type: T;
  /** The SQL table, and the key of the record's list in a `JourneyMap`. */
  table: K;
  /** The editable fields, in full: every record of the type has all of them. */
  fields: S;
  /** Fields that point at other records of the map. Deleting the record pointed at clears them. */
  refs?: { [F in keyof S]?: RecordRef };
  /** Whether the record carries createdAt/updatedAt (milliseconds since the epoch). */
  timestamps: TS;
  /** The SQL ORDER BY of a map's records of this type. */
  orderBy: string;
  /**
   * A rule across fields (a metric's value in its kind's range), checked on the whole record after
   * every create and update and on every imported record: a sentence saying what is wrong, or null.
   */
  check?: (value: z.infer<z.ZodObject<S>>) => string | null;
  /**
   * Fields whose values together name at most one record of the map (one emotion score per stage
   * and participant). The record layer refuses a second one (conflict), an imported map with two is
   * refused, and the table has a UNIQUE index on the same columns (its migration).
   */
  unique?: readonly (keyof S & string)[];
}

const timestampFields = { createdAt: f.time, updatedAt: f.time };

/** Each field schema that has a create default, made to take it when the field is missing. */
function withStoredDefaults<S extends z.ZodRawShape>(fields: S, defaults: { [F in keyof S]?: unknown }): S {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(fields) as [string, z.ZodType][]) {
    const d = (defaults as Record<string, unknown>)[key];
    out[key] = d === undefined ? schema : schema.default(() => (Array.isArray(d) ? [...d] : d) as never);
  }
  return out as unknown as S;
}

/**
 * One record type. `defaults` are what the create methods fill in when a field is left out; a field
 * without one must be given. A file from an older app that lacks a defaulted field reads it as the
 * default.
 */
function defineRecord<
  const T extends string,
  const K extends string,
  S extends z.ZodRawShape,
  const TS extends boolean,
  const D extends Record<string, unknown>,
>(def: RecordDefInput<T, K, S, TS> & { defaults: D & { [F in keyof D]: F extends keyof S ? z.infer<S[F]> : never } }) {
  const value = z.strictObject(def.fields);
  const timestamps = (def.timestamps ? timestampFields : {}) as TS extends true ? typeof timestampFields : Record<never, never>;
  return {
    ...def,
    defaults: def.defaults as D,
    refs: (def.refs ?? {}) as Readonly<Partial<Record<string, RecordRef>>>,
    check: def.check as ((value: Record<string, unknown>) => string | null) | undefined,
    unique: def.unique as readonly string[] | undefined,
    /** All editable fields (a `create` change's value). */
    value,
    /** Any of them (an `update` change's patch). */
    patch: value.partial(),
    /**
     * The record as it is stored and exported. Unknown keys are dropped (files from newer apps); a
     * field with a create default may be missing (files from older apps) and takes that default.
     */
    stored: z.object({ id: f.id, mapId: f.id, ...withStoredDefaults(def.fields, def.defaults), ...timestamps }),
  };
}

export const personaRecord = defineRecord({
  type: 'persona',
  table: 'personas',
  fields: {
    name: f.name,
    role: f.longText(200),
    quote: f.longText(500),
    goals: f.longText(2000),
    needs: f.longText(2000),
    frustrations: f.longText(2000),
    /** A small image as a data: URL, or null for initials on `color`. */
    photo: f.photo.nullable(),
    color: f.color,
    position: f.position,
  },
  defaults: { role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null },
  timestamps: false,
  orderBy: 'position',
});

export const stageRecord = defineRecord({
  type: 'stage',
  table: 'stages',
  fields: {
    name: f.name,
    description: f.longText(300),
    /** 0-based order within the map. */
    position: f.position,
    /** The facilitator's emotion score, -2 to +2; null = derived from the sentiment of the stage's notes. */
    emotion: f.emotion.nullable(),
    /** The customer's goal at this stage (method step 6), shown under the stage's name. */
    goal: f.longText(500),
    /** What the customer expects at this stage. */
    expectations: f.longText(500),
  },
  defaults: { description: '', emotion: null, goal: '', expectations: '' },
  timestamps: false,
  orderBy: 'position',
});

export const laneRecord = defineRecord({
  type: 'lane',
  table: 'lanes',
  fields: {
    name: f.name,
    kind: f.laneKind,
    position: f.position,
    collapsed: z.boolean(),
  },
  defaults: { kind: 'custom', collapsed: false },
  timestamps: false,
  orderBy: 'position',
});

export const noteRecord = defineRecord({
  type: 'note',
  table: 'notes',
  fields: {
    text: f.noteText,
    x: f.coord,
    y: f.coord,
    width: f.size,
    height: f.size,
    color: f.color,
    stageId: f.id.nullable(),
    laneId: f.id.nullable(),
    kind: f.noteKind.nullable(),
    sentiment: f.sentiment.nullable(),
    author: z.string().max(100, 'an author is at most 100 characters').nullable(),
    /** The participant who wrote it (issue 12), when one is known; `author` stays as typed. */
    participantId: f.id.nullable(),
    /** Channel tags (shown as icons on the note). */
    channels: f.channels,
    /** Personas this note is tagged with (the persona lens highlights them). */
    personaIds: f.idList(20, 'persona'),
    /** How much a pain point hurts and how many customers it touches, 1-5. */
    severity: f.score.nullable(),
    reach: f.score.nullable(),
    /** Where an opportunity sits on the impact/effort matrix, 1-5 each (null: in the unscored tray). */
    impact: f.score.nullable(),
    effort: f.score.nullable(),
    /** The roadmap column, and the order within it. */
    phase: f.phase.nullable(),
    phaseOrder: f.finite.nullable(),
    owner: z.string().trim().max(100, 'an owner is at most 100 characters').nullable(),
    due: f.isoDate.nullable(),
    /** The pain points an opportunity answers (links show on both sides). */
    linkedNoteIds: f.idList(200, 'linked note'),
    /** Added during a silent brainstorm: drawn face down (no text) for everyone but its author until Reveal. */
    faceDown: z.boolean(),
  },
  defaults: {
    width: NOTE_DEFAULT_SIZE,
    height: NOTE_DEFAULT_SIZE,
    color: 'yellow',
    stageId: null,
    laneId: null,
    kind: null,
    sentiment: null,
    author: null,
    channels: [],
    personaIds: [],
    participantId: null,
    severity: null,
    reach: null,
    impact: null,
    effort: null,
    phase: null,
    phaseOrder: null,
    owner: null,
    due: null,
    linkedNoteIds: [],
    faceDown: false,
  },
  refs: {
    stageId: { to: 'stage', says: 'is in' },
    laneId: { to: 'lane', says: 'is in' },
    personaIds: { to: 'persona', says: 'is tagged with' },
    participantId: { to: 'participant', says: 'was written by' },
    linkedNoteIds: { to: 'note', says: 'is linked to' },
  },
  timestamps: true,
  orderBy: 'created_at, id',
});

/** Someone in the workshop (issue 12): who wrote a note, who cast a dot. */
export const participantRecord = defineRecord({
  type: 'participant',
  table: 'participants',
  fields: {
    name: f.name,
    color: f.color,
    position: f.position,
  },
  defaults: {},
  timestamps: false,
  orderBy: 'position, id',
});

/** A dot-voting round (issue 12). A closed round is kept as it was: its votes no longer change. */
export const roundRecord = defineRecord({
  type: 'round',
  table: 'rounds',
  fields: {
    title: f.title,
    /** What may be voted on: pain points, opportunities, or any note. */
    target: f.roundTarget,
    /** Dots per person. */
    dots: f.dots,
    /** Whether one note may take several dots from the same person. */
    multiple: z.boolean(),
    /** Whether results and exports leave out who voted. */
    anonymous: z.boolean(),
    status: f.roundStatus,
    openedAt: f.time,
    closedAt: f.time.nullable(),
    position: f.position,
  },
  defaults: { target: 'any', dots: 3, multiple: false, anonymous: false, status: 'open', closedAt: null },
  timestamps: false,
  orderBy: 'position, id',
});

/**
 * Dots on a note in a round (issue 12): one cast dot (count 1, by a participant), or a count the
 * facilitator typed for paper dots (participantId null). Goes with its note, round or participant.
 */
export const voteRecord = defineRecord({
  type: 'vote',
  table: 'votes',
  fields: {
    roundId: f.id,
    participantId: f.id.nullable(),
    noteId: f.id,
    count: f.voteCount,
  },
  defaults: { participantId: null, count: 1 },
  refs: {
    roundId: { to: 'round', says: 'is cast in', onDelete: 'cascade' },
    participantId: { to: 'participant', says: 'is cast by', onDelete: 'cascade' },
    noteId: { to: 'note', says: 'is cast on', onDelete: 'cascade' },
  },
  timestamps: false,
  orderBy: 'round_id, id',
});

/** A customer metric (issue 12), for one stage or (stageId null) the whole map. */
export const metricRecord = defineRecord({
  type: 'metric',
  table: 'metrics',
  fields: {
    stageId: f.id.nullable(),
    kind: f.metricKind,
    value: f.finite.nullable(),
    target: f.finite.nullable(),
    source: f.longText(200),
    date: f.isoDate.nullable(),
  },
  defaults: { stageId: null, value: null, target: null, source: '', date: null },
  refs: { stageId: { to: 'stage', says: 'is measured in', onDelete: 'cascade' } },
  timestamps: false,
  orderBy: 'stage_id, kind, id',
  check: (m) => {
    const range = f.METRIC_RANGES[m.kind];
    for (const field of ['value', 'target'] as const) {
      const v = m[field];
      if (v !== null && (v < range.min || v > range.max)) return `${field}: ${range.label}`;
    }
    return null;
  },
});

/**
 * One step of the map's workshop agenda (issue 13). `startedAt`, `endedAt` and `spentMs` are written
 * by the workshop.* timer methods (the minutes read them); the other fields are edited through
 * changes.apply like any record.
 */
export const stepRecord = defineRecord({
  type: 'step',
  table: 'steps',
  fields: {
    title: f.title,
    /** The time box. */
    minutes: f.stepMinutes,
    activity: f.stepActivity,
    /** What the room is asked to do, shown in the room view. */
    instructions: f.longText(2000),
    /** Where a brainstorm goes / what the step is about (optional). */
    stageId: f.id.nullable(),
    laneId: f.id.nullable(),
    /** The dot-voting round this step runs (activity 'vote'). */
    roundId: f.id.nullable(),
    /** A silent brainstorm: participants' notes are added face down until Reveal. */
    silent: z.boolean(),
    /** The part of the board the camera goes to when the step starts. */
    focus: f.stepFocus,
    position: f.position,
    /** When the step was last started, and when it ended (ms since the epoch), null before. */
    startedAt: f.time.nullable(),
    endedAt: f.time.nullable(),
    /** Time actually spent on the step, paused time excluded (ms). */
    spentMs: f.time,
  },
  defaults: {
    instructions: '',
    stageId: null,
    laneId: null,
    roundId: null,
    silent: false,
    focus: 'board',
    startedAt: null,
    endedAt: null,
    spentMs: 0,
  },
  refs: {
    stageId: { to: 'stage', says: 'focuses on' },
    laneId: { to: 'lane', says: 'focuses on' },
    roundId: { to: 'round', says: 'runs' },
  },
  timestamps: false,
  orderBy: 'position',
});

/**
 * A participant's emotion score for one stage (issue 14), sent from their phone: -2 to +2. One per
 * stage and participant (scoring again replaces it); goes with its stage or participant. The
 * emotion curve shows their mean, spread and count per stage.
 */
export const emotionScoreRecord = defineRecord({
  type: 'emotionScore',
  table: 'emotionScores',
  fields: {
    stageId: f.id,
    participantId: f.id,
    score: f.wholeEmotion,
  },
  defaults: {},
  refs: {
    stageId: { to: 'stage', says: 'scores', onDelete: 'cascade' },
    participantId: { to: 'participant', says: 'is scored by', onDelete: 'cascade' },
  },
  timestamps: false,
  orderBy: 'stage_id, participant_id, id',
  unique: ['stageId', 'participantId'],
});

/**
 * A participant marked a workshop step done on their phone (issue 14): "7 of 9 done". One per step
 * and participant; unmarking deletes it. Goes with its step or participant.
 */
export const stepDoneRecord = defineRecord({
  type: 'stepDone',
  table: 'stepDones',
  fields: {
    stepId: f.id,
    participantId: f.id,
  },
  defaults: {},
  refs: {
    stepId: { to: 'step', says: 'marks done', onDelete: 'cascade' },
    participantId: { to: 'participant', says: 'is marked by', onDelete: 'cascade' },
  },
  timestamps: false,
  orderBy: 'step_id, participant_id, id',
  unique: ['stepId', 'participantId'],
});

/**
 * Every record table of a map, in the order they are written (a table after those it points at).
 * A new kind of record is one entry here.
 */
export const RECORDS = [
  personaRecord,
  stageRecord,
  laneRecord,
  participantRecord,
  noteRecord,
  roundRecord,
  voteRecord,
  metricRecord,
  stepRecord,
  emotionScoreRecord,
  stepDoneRecord,
] as const;

export type RecordDef = (typeof RECORDS)[number];
export type RecordType = RecordDef['type'];
export type RecordTable = RecordDef['table'];
export type RecordDefOf<T extends RecordType> = Extract<RecordDef, { type: T }>;

export const RECORD_TYPES = RECORDS.map((r) => r.type) as readonly RecordType[];
for (const def of RECORDS) {
  for (const [field, ref] of Object.entries(def.refs)) {
    if (ref && !(RECORD_TYPES as readonly string[]).includes(ref.to)) throw new Error(`${def.type}.${field} points at an unknown record type "${ref.to}"`);
  }
}
export const recordDef = Object.fromEntries(RECORDS.map((r) => [r.type, r])) as { [T in RecordType]: RecordDefOf<T> };

type Flat<T> = { [K in keyof T]: T[K] };

/** A record's editable fields in full (no id, mapId or timestamps). */
export type RecordValue<T extends RecordType> = z.infer<RecordDefOf<T>['value']>;
/** Some of a record's editable fields. */
export type RecordPatch<T extends RecordType> = Partial<RecordValue<T>>;
/** A record as it is stored, returned by the API and exported. */
export type StoredRecord<T extends RecordType> = z.infer<RecordDefOf<T>['stored']>;

/**
 * The map itself: its title, camera, chosen persona. The fields in `editable` are edited by a
 * change like any record's (`{type: 'map', op: 'update', id: mapId, patch}`: one undo step, saved
 * through the one queue); the title keeps maps.rename, the camera maps.setCamera, and the
 * workshop and status fields their own methods.
 */
export const mapHeader = {
  table: 'maps',
  fields: { title: f.title, camera: f.camera.nullable(), personaId: f.id.nullable() },
  /** The header's fields a `map` change may patch (each a key of `fields`). */
  editable: ['personaId'],
  refs: {
    personaId: { to: 'persona', says: 'is for' },
    currentStepId: { to: 'step', says: 'is on' },
  } as Readonly<Partial<Record<string, RecordRef>>>,
  stored: z.object({
    id: f.id,
    title: f.title,
    createdAt: f.time,
    updatedAt: f.time,
    camera: f.camera.nullable(),
    /** The persona this map is for, if one is chosen. */
    personaId: f.id.nullable(),
    // The workshop's state (migration 004), written only by the workshop.* methods (not undo steps).
    /** The agenda step being run, or null. */
    currentStepId: f.id.nullable().default(null),
    /** While the timer runs: when the step's time is up (ms since the epoch). Never ticks. */
    timerEndsAt: f.time.nullable().default(null),
    /** While paused: the time left (ms; negative in overtime). */
    timerRemainingMs: z.number().int().nullable().default(null),
    timerRunning: z.boolean().default(false),
    // Living-document status (migration 005), set with maps.setStatus (not undo steps).
    /** Who keeps this map up to date. */
    owner: z.string().trim().max(100, 'an owner is at most 100 characters').nullable().default(null),
    /** When the map was last reviewed, and when it is due for its next review (ISO dates). */
    reviewedAt: f.isoDate.nullable().default(null),
    nextReviewAt: f.isoDate.nullable().default(null),
  }),
} as const;
export type MapHeader = z.infer<typeof mapHeader.stored>;

/** A new map's header: the given fields, every other one at its default. */
export function newMapHeader(given: z.input<typeof mapHeader.stored>): MapHeader {
  return mapHeader.stored.parse(given);
}

/** A whole map: its header and every record of each table. */
export type MapDocument = Flat<MapHeader & { [D in RecordDef as D['table']]: StoredRecord<D['type']>[] }>;

/** The map's records of one type. */
export function recordsOf<T extends RecordType>(map: MapDocument, type: T): StoredRecord<T>[] {
  return map[recordDef[type].table] as StoredRecord<T>[];
}

/** The ids a ref field holds (none, one, or a list). */
export function refIds(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  return typeof value === 'string' ? [value] : [];
}

/** The fields a create method may leave out (those with a default), as a zod `.partial()` mask. */
export function optionalOnCreate<D extends RecordDef>(def: D): { [K in keyof D['defaults']]: true } {
  return Object.fromEntries(Object.keys(def.defaults).map((k) => [k, true])) as { [K in keyof D['defaults']]: true };
}

/** `value`'s create defaults filled in (fresh copies of lists). */
export function withDefaults<T extends RecordType>(type: T, given: Partial<RecordValue<T>>): Partial<RecordValue<T>> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(recordDef[type].defaults)) out[key] = Array.isArray(v) ? [...v] : v;
  for (const [key, v] of Object.entries(given)) if (v !== undefined) out[key] = v;
  return out as Partial<RecordValue<T>>;
}

/** A record as an editor holds it: its id and every editable field (no mapId, no timestamps). */
export type EditableRecord<T extends RecordType> = { id: string } & RecordValue<T>;

/**
 * The editable part of a stored record; a field the stored record lacks (an older store) takes
 * its create default.
 */
export function editableOf<T extends RecordType>(type: T, stored: StoredRecord<T>): EditableRecord<T> {
  const def = recordDef[type];
  const from = stored as unknown as Record<string, unknown>;
  const defaults = def.defaults as Record<string, unknown>;
  const out: Record<string, unknown> = { id: from['id'] };
  for (const key of Object.keys(def.value.shape)) {
    const v = from[key] === undefined ? defaults[key] : from[key];
    out[key] = Array.isArray(v) && v === defaults[key] ? [...v] : v;
  }
  return out as EditableRecord<T>;
}
