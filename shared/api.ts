/**
 * The one API contract between the renderer and the main process.
 *
 * Every method is named here with a zod schema for its input and a TypeScript type for its result.
 * Electron binds this table to `ipcMain.handle`; web mode binds the same table to HTTP. Inputs are
 * validated at the boundary before any SQL runs.
 */
import { z } from 'zod';
import type { JourneyMap, Lane, MapSummary, Note, NoteKind, Persona, Sentiment, Stage } from './domain';
import { NOTE_KINDS } from './domain';
import { BATCH_MAX, BATCH_MAX_LABEL, MAP_FILE_MAX_CHARS, MAP_FILE_MAX_LABEL } from './limits';
import { changesApplyInput } from './records/changes';
import { prioritiseMethods } from './prioritiseMethods';
import { camera as cameraFields, id, noteText, title } from './records/fields';
import { laneRecord, mapHeader, noteRecord, optionalOnCreate, personaRecord, stageRecord, type MapHeader, type RecordType, type StoredRecord } from './records/records';
import type { MapComparison, VersionSummary } from './history/index';
import type { RoomStatus } from './room/contract';
import type { TemplateSummary } from './templates';
import { agendaId, type AgendaSummary, type WorkshopState, type WorkshopTemplate } from './workshop/agenda';

/** Editable persona fields (the card; its position follows from creation and deletion). */
export const personaFields = personaRecord.value.omit({ position: true }).partial();
export type PersonaFields = z.infer<typeof personaFields>;

/** Fields a note may be created with. `id` lets the renderer create optimistically and undo a delete. */
export const noteFields = noteRecord.value
  .partial(optionalOnCreate(noteRecord))
  .extend({ id: id.optional() });
export type NoteInput = z.infer<typeof noteFields>;

/** A partial change to one note. */
export const notePatch = noteRecord.patch.extend({ id });
export type NotePatch = z.infer<typeof notePatch>;

const camera = z.strictObject(cameraFields.shape);
const stageFields = stageRecord.value.shape;
const laneFields = laneRecord.value.shape;
const mapFile = z.string().min(1, 'the file is empty').max(MAP_FILE_MAX_CHARS, `a map file is at most ${MAP_FILE_MAX_LABEL}`);
const onConflict = z.enum(['replace', 'copy']).optional();
const versionLabel = z.string().trim().min(1, 'a version needs a label').max(200, 'a label is at most 200 characters');

const many = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, 'give at least one').max(BATCH_MAX, `at most ${BATCH_MAX_LABEL} at once`);

/** A suggested place for a free note (`structure.suggest`). */
export interface StructureSuggestion {
  noteId: string;
  kind: NoteKind;
  /** 0.5 (a coin toss) to 1 (clear). */
  kindConfidence: number;
  stageId: string | null;
  stageConfidence: number;
  /** The map's lane for that kind, or null when it has none. */
  laneId: string | null;
  sentiment: Sentiment;
}

/** Something start-up has to tell the person, e.g. that a damaged store was replaced by a backup. */
export interface StartupNotice {
  kind: 'error' | 'info';
  message: string;
}

/** Declares a method: its result type (type-only), then its input schema. */
function method<R>() {
  return <I extends z.ZodType>(input: I): { input: I; result?: R } => ({ input });
}

export const methods = {
  'templates.list': method<TemplateSummary[]>()(z.strictObject({})),
  'app.notices': method<StartupNotice[]>()(z.strictObject({})),

  'maps.list': method<MapSummary[]>()(z.strictObject({})),
  'maps.create': method<JourneyMap>()(
    z.strictObject({ title, template: z.string().max(100).optional() }),
  ),
  'maps.get': method<JourneyMap>()(z.strictObject({ id })),
  'maps.rename': method<MapSummary>()(z.strictObject({ id, title })),
  'maps.duplicate': method<MapSummary>()(
    z.strictObject({ id, title: title.optional() }),
  ),
  'maps.delete': method<{ id: string }>()(z.strictObject({ id })),
  'maps.setCamera': method<{ id: string }>()(
    z.strictObject({ id, camera }),
  ),

  'maps.setPersona': method<{ id: string; personaId: string | null }>()(
    z.strictObject({ id, personaId: id.nullable() }),
  ),

  'personas.create': method<Persona>()(personaFields.extend({ mapId: id, name: personaRecord.value.shape.name })),
  'personas.update': method<Persona>()(personaFields.extend({ id })),
  'personas.delete': method<{ id: string }>()(z.strictObject({ id })),

  'notes.create': method<Note>()(
    noteFields.extend({ mapId: id }),
  ),
  'notes.createMany': method<Note[]>()(
    z.strictObject({ mapId: id, notes: many(noteFields) }),
  ),
  'notes.updateMany': method<Note[]>()(
    z.strictObject({ mapId: id, notes: many(notePatch) }),
  ),
  'notes.deleteMany': method<{ deleted: number }>()(
    z.strictObject({ mapId: id, ids: many(id) }),
  ),

  'structure.suggest': method<StructureSuggestion[]>()(
    z.strictObject({
      mapId: id,
      noteIds: z.array(id).max(BATCH_MAX).optional(),
      /** Suggestions the person changed in the review and has not accepted yet: evidence for the rest. */
      corrections: z
        .array(z.strictObject({ noteId: id, stageId: id.nullable().optional(), kind: z.enum(NOTE_KINDS).optional() }))
        .max(BATCH_MAX)
        .optional(),
    }),
  ),
  'notes.clusters': method<string[][]>()(z.strictObject({ mapId: id })),
  'notes.merge': method<{ note: Note; deleted: string[] }>()(
    z.strictObject({ mapId: id, ids: z.array(id).min(2, 'give at least two notes to merge').max(1000), text: noteText.optional() }),
  ),

  'files.exportJourney': method<{ fileName: string; base64: string }>()(
    /** `history: false` writes the map as it is now without its versions ("this version only"). */
    z.strictObject({ mapId: id, history: z.boolean().optional() }),
  ),
  'files.importJourney': method<MapSummary>()(z.strictObject({ base64: mapFile, onConflict })),
  'files.importJson': method<MapSummary>()(z.strictObject({ text: mapFile, onConflict })),

  'stages.create': method<Stage>()(
    z.strictObject({
      mapId: id,
      name: stageFields.name,
      description: stageFields.description.optional(),
      index: z.number().int().min(0).optional(),
    }),
  ),
  'stages.update': method<Stage>()(stageRecord.value.pick({ name: true, description: true, emotion: true }).partial().extend({ id })),
  'stages.reorder': method<Stage[]>()(
    z.strictObject({ mapId: id, ids: z.array(id).max(1000) }),
  ),
  'stages.delete': method<{ id: string; freedNotes: number }>()(
    z.strictObject({ id }),
  ),

  'lanes.create': method<Lane>()(
    z.strictObject({
      mapId: id,
      name: laneFields.name,
      kind: laneFields.kind.optional(),
      index: z.number().int().min(0).optional(),
    }),
  ),
  'lanes.update': method<Lane>()(laneRecord.value.pick({ name: true, kind: true, collapsed: true }).partial().extend({ id })),
  'lanes.reorder': method<Lane[]>()(
    z.strictObject({ mapId: id, ids: z.array(id).max(1000) }),
  ),
  'lanes.delete': method<{ id: string; freedNotes: number }>()(
    z.strictObject({ id }),
  ),

  /**
   * Any number of creates, updates and deletes of notes, stages, lanes and personas, in order, in
   * one transaction: all of them or none. A failure names the change (`index`).
   */
  'changes.apply': method<{ applied: number }>()(changesApplyInput),
  /**
   * Read-only: the records of a map written since `revision` (a live change's number), as stored
   * now, so a window that heard a change reads only what changed. The whole map instead when the
   * changes since then are not known (`revision` null, from another `feed`, or older than the store
   * keeps). See docs/API.md, "Live changes".
   */
  'changes.since': method<ChangesSince>()(
    z.strictObject({
      mapId: id,
      revision: z.number().int('revision is a whole number').min(0, 'revision is 0 or more').nullable(),
      feed: z.string().max(100, 'feed is at most 100 characters').optional(),
    }),
  ),

  // History (issue 15): versions of a map and its living-document status.
  'versions.save': method<{ id: string; label: string | null; createdAt: number }>()(
    z.strictObject({ mapId: id, label: versionLabel }),
  ),
  'versions.list': method<VersionSummary[]>()(z.strictObject({ mapId: id })),
  'versions.get': method<{ version: VersionSummary; map: JourneyMap }>()(z.strictObject({ id })),
  'versions.compare': method<MapComparison>()(z.strictObject({ mapId: id, fromId: id, toId: id.nullable() })),
  'versions.restore': method<MapSummary & { savedVersionId: string | null }>()(
    z.strictObject({ id, mode: z.enum(['new', 'over'], "mode is 'new' (a new map) or 'over' (replace the map)") }),
  ),
  'versions.restoreNotes': method<{ restored: number }>()(
    z.strictObject({ id, noteIds: z.array(id).min(1, 'give at least one note').max(BATCH_MAX, `at most ${BATCH_MAX_LABEL} at once`) }),
  ),
  'maps.setStatus': method<MapStatus>()(
    z.strictObject({
      id,
      owner: mapHeader.stored.shape.owner.unwrap().optional(),
      reviewedAt: mapHeader.stored.shape.reviewedAt.unwrap().optional(),
      nextReviewAt: mapHeader.stored.shape.nextReviewAt.unwrap().optional(),
    }),
  ),

  // Prioritise (issue 12): participants, dot-voting rounds, votes, metrics, insights.
  ...prioritiseMethods,

  // Workshop (issue 13): the agenda's timer (session state, not undo steps), Reveal and agenda templates.
  // Steps themselves are records: add, edit, reorder and delete them with changes.apply.
  'workshop.get': method<WorkshopState>()(z.strictObject({ mapId: id })),
  'workshop.start': method<WorkshopState>()(z.strictObject({ mapId: id, stepId: id })),
  'workshop.pause': method<WorkshopState>()(z.strictObject({ mapId: id })),
  'workshop.resume': method<WorkshopState>()(z.strictObject({ mapId: id })),
  'workshop.extend': method<WorkshopState>()(
    z.strictObject({
      mapId: id,
      seconds: z
        .number()
        .int('seconds are a whole number')
        .min(-3600, 'take away at most an hour at once')
        .max(3600, 'add at most an hour at once')
        .refine((n) => n !== 0, 'seconds cannot be 0'),
    }),
  ),
  'workshop.next': method<WorkshopState>()(z.strictObject({ mapId: id })),
  'workshop.stop': method<WorkshopState>()(z.strictObject({ mapId: id })),
  'workshop.reveal': method<{ revealed: number }>()(z.strictObject({ mapId: id })),
  'workshop.templates': method<WorkshopTemplate[]>()(z.strictObject({})),
  'workshop.applyTemplate': method<WorkshopState>()(z.strictObject({ mapId: id, templateId: agendaId })),
  'workshop.saveTemplate': method<AgendaSummary>()(
    z.strictObject({
      mapId: id,
      name: z.string().trim().min(1, 'a template needs a name').max(100, 'a name is at most 100 characters'),
      description: z.string().max(300, 'a description is at most 300 characters').optional(),
    }),
  ),
  'workshop.deleteTemplate': method<{ id: string }>()(z.strictObject({ id: agendaId })),

  // Room (issue 14): phones join over the local network. Answered by the room host beside the core
  // (electron/room/), not by the store; one room at a time, opening another map's closes the first.
  'room.open': method<RoomStatus>()(
    z.strictObject({
      mapId: id,
      /** Listen on this address only (tests: 127.0.0.1); absent: every private-network address. */
      bind: z.union([z.ipv4(), z.ipv6()], 'bind is an IP address such as 127.0.0.1 or 192.168.1.20').optional(),
      /** Names are optional on the phones and hidden in the counts. */
      anonymous: z.boolean().optional(),
    }),
  ),
  'room.close': method<RoomStatus>()(z.strictObject({})),
  'room.status': method<RoomStatus>()(z.strictObject({})),
} as const;

/** The methods the room host answers (electron/room/), not the store. */
export const ROOM_HOST_METHODS = ['room.open', 'room.close', 'room.status'] as const;
export type RoomHostMethod = (typeof ROOM_HOST_METHODS)[number];
export function isRoomHostMethod(name: string): name is RoomHostMethod {
  return (ROOM_HOST_METHODS as readonly string[]).includes(name);
}

/** A map's living-document status (`maps.setStatus`). */
export interface MapStatus {
  id: string;
  owner: string | null;
  reviewedAt: string | null;
  nextReviewAt: string | null;
}

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<Methods[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** One record written since a revision, as stored now (`record` null: it was deleted). */
export type ChangedRecord = { [T in RecordType]: { type: T; id: string; record: StoredRecord<T> | null } }[RecordType];

/** The answer of `changes.since`. */
export interface ChangesSince {
  /** The store's change feed; give it back with `revision` (a revision means something only within one feed). */
  feed: string;
  /** The last revision this answer includes: ask from here next time. */
  revision: number;
  /** The whole map, when the changes since `revision` are not known; then `header` is null and `records` empty. */
  map: JourneyMap | null;
  /** The map's own row as stored now, when it was written since `revision` (else null). */
  header: MapHeader | null;
  /** Each record written since `revision`, once. */
  records: ChangedRecord[];
}

/** A write to the store committed and changed this map (docs/API.md, "Live changes"). */
export interface StoreChange {
  mapId: string;
  /** Grows with every committed write while the store's process runs (one counter for all maps). */
  revision: number;
}

/** What a subscriber hears: a change, or (`resync`) that the live channel was down and came back, so read the map again. */
export interface StoreChangeEvent extends StoreChange {
  resync?: boolean;
}

/** What both transports implement: `window.journeyboard` in Electron, HTTP in a browser. */
export interface JourneyboardApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  /**
   * Live changes: `cb` runs after each committed write to map `mapId` (null: any map), from any
   * window, and with `resync: true` after the channel was down. Reconnects by itself. Returns an
   * unsubscribe function. Optional so a test's fake client may leave it out.
   */
  subscribe?(mapId: string | null, cb: (change: StoreChangeEvent) => void): () => void;
}
