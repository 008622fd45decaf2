/**
 * The one API contract between the renderer and the main process.
 *
 * Every method is named here with a zod schema for its input and a TypeScript type for its result.
 * Electron binds this table to `ipcMain.handle`; web mode binds the same table to HTTP. Inputs are
 * validated at the boundary before any SQL runs.
 */
import { z } from 'zod';
import {
  CHANNELS,
  COORD_LIMIT,
  LANE_KINDS,
  NOTE_COLORS,
  NOTE_KINDS,
  NOTE_MAX_SIZE,
  NOTE_MIN_SIZE,
  NOTE_TEXT_MAX,
  TITLE_MAX,
  type JourneyMap,
  type Lane,
  type MapSummary,
  type Note,
  type NoteKind,
  type Sentiment,
  type Persona,
  type Stage,
} from './domain';
import type { TemplateSummary } from './templates';

const id = z.string().min(1, 'an id is required').max(100, 'an id is at most 100 characters');
const title = z
  .string()
  .trim()
  .min(1, 'a title cannot be empty')
  .max(TITLE_MAX, `a title is at most ${TITLE_MAX} characters`);
const name = z.string().trim().min(1, 'a name cannot be empty').max(100, 'a name is at most 100 characters');
const coord = z
  .number()
  .refine((n) => Number.isFinite(n), 'must be a finite number')
  .refine((n) => Math.abs(n) <= COORD_LIMIT, `must be within ±${COORD_LIMIT}`);
const size = z
  .number()
  .refine((n) => Number.isFinite(n), 'must be a finite number')
  .refine((n) => n >= NOTE_MIN_SIZE && n <= NOTE_MAX_SIZE, `must be between ${NOTE_MIN_SIZE} and ${NOTE_MAX_SIZE}`);
const noteText = z.string().max(NOTE_TEXT_MAX, `a note's text is at most ${NOTE_TEXT_MAX} characters`);
const sentiment = z.union([z.literal(-2), z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]);

const channels = z
  .array(z.enum(CHANNELS))
  .max(CHANNELS.length)
  .refine((a) => new Set(a).size === a.length, 'a channel appears twice');
const personaIds = z.array(id).max(20).refine((a) => new Set(a).size === a.length, 'a persona appears twice');
const emotion = z.number().min(-2, 'an emotion score is from -2 to +2').max(2, 'an emotion score is from -2 to +2');
const longText = (max: number) => z.string().max(max, `at most ${max} characters`);
const photo = z
  .string()
  .max(400_000, 'a photo is at most about 300 KB; use a smaller image')
  .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/, 'a photo must be a PNG, JPEG, WebP or GIF image');

/** Editable persona fields. */
export const personaFields = z.strictObject({
  name: name.optional(),
  role: longText(200).optional(),
  quote: longText(500).optional(),
  goals: longText(2000).optional(),
  needs: longText(2000).optional(),
  frustrations: longText(2000).optional(),
  photo: photo.nullable().optional(),
  color: z.enum(NOTE_COLORS).optional(),
});
export type PersonaFields = z.infer<typeof personaFields>;

/** Fields a note may be created with. `id` lets the renderer create optimistically and undo a delete. */
export const noteFields = z.strictObject({
  id: id.optional(),
  text: noteText,
  x: coord,
  y: coord,
  width: size.optional(),
  height: size.optional(),
  color: z.enum(NOTE_COLORS).optional(),
  stageId: id.nullable().optional(),
  laneId: id.nullable().optional(),
  kind: z.enum(NOTE_KINDS).nullable().optional(),
  sentiment: sentiment.nullable().optional(),
  author: z.string().max(100).nullable().optional(),
  channels: channels.optional(),
  personaIds: personaIds.optional(),
});
export type NoteInput = z.infer<typeof noteFields>;

/** A partial change to one note. */
export const notePatch = z.strictObject({
  id,
  text: noteText.optional(),
  x: coord.optional(),
  y: coord.optional(),
  width: size.optional(),
  height: size.optional(),
  color: z.enum(NOTE_COLORS).optional(),
  stageId: id.nullable().optional(),
  laneId: id.nullable().optional(),
  kind: z.enum(NOTE_KINDS).nullable().optional(),
  sentiment: sentiment.nullable().optional(),
  author: z.string().max(100).nullable().optional(),
  channels: channels.optional(),
  personaIds: personaIds.optional(),
});
export type NotePatch = z.infer<typeof notePatch>;

const camera = z.strictObject({
  x: coord,
  y: coord,
  zoom: z.number().min(0.05).max(4),
});

const many = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, 'give at least one').max(50_000, 'at most 50,000 at once');

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

  'personas.create': method<Persona>()(personaFields.extend({ mapId: id, name })),
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
    z.strictObject({ mapId: id, noteIds: z.array(id).max(50_000).optional() }),
  ),
  'notes.clusters': method<string[][]>()(z.strictObject({ mapId: id })),
  'notes.merge': method<{ note: Note; deleted: string[] }>()(
    z.strictObject({ mapId: id, ids: z.array(id).min(2, 'give at least two notes to merge').max(1000), text: noteText.optional() }),
  ),

  'files.exportJourney': method<{ fileName: string; base64: string }>()(z.strictObject({ mapId: id })),
  'files.importJourney': method<MapSummary>()(
    z.strictObject({
      base64: z.string().min(1, 'the file is empty').max(280_000_000, 'a map file is at most 200 MB'),
      onConflict: z.enum(['replace', 'copy']).optional(),
    }),
  ),
  'files.importJson': method<MapSummary>()(
    z.strictObject({ text: z.string().min(1, 'the file is empty').max(280_000_000), onConflict: z.enum(['replace', 'copy']).optional() }),
  ),

  'stages.create': method<Stage>()(
    z.strictObject({
      mapId: id,
      name,
      description: z.string().max(300).optional(),
      index: z.number().int().min(0).optional(),
    }),
  ),
  'stages.update': method<Stage>()(
    z.strictObject({ id, name: name.optional(), description: z.string().max(300).optional(), emotion: emotion.nullable().optional() }),
  ),
  'stages.reorder': method<Stage[]>()(
    z.strictObject({ mapId: id, ids: z.array(id).max(1000) }),
  ),
  'stages.delete': method<{ id: string; freedNotes: number }>()(
    z.strictObject({ id }),
  ),

  'lanes.create': method<Lane>()(
    z.strictObject({
      mapId: id,
      name,
      kind: z.enum(LANE_KINDS).optional(),
      index: z.number().int().min(0).optional(),
    }),
  ),
  'lanes.update': method<Lane>()(
    z.strictObject({
      id,
      name: name.optional(),
      kind: z.enum(LANE_KINDS).optional(),
      collapsed: z.boolean().optional(),
    }),
  ),
  'lanes.reorder': method<Lane[]>()(
    z.strictObject({ mapId: id, ids: z.array(id).max(1000) }),
  ),
  'lanes.delete': method<{ id: string; freedNotes: number }>()(
    z.strictObject({ id }),
  ),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<Methods[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** What both transports implement: `window.journeyboard` in Electron, HTTP in a browser. */
export interface JourneyboardApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
}
