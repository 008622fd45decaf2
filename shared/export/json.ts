/**
 * The JSON export: a documented, versioned envelope around one map (see docs/JSON.md).
 * `parseMapDocument` is the importer's gate: it checks the envelope, every field and every
 * reference, and says what is wrong in a sentence.
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
} from '../domain';

export const MAP_DOCUMENT_FORMAT = 'journeyboard.map';
export const MAP_DOCUMENT_VERSION = 1;

const id = z.string().min(1).max(100);
const time = z.number().int().nonnegative();
const coord = z.number().refine((n) => Number.isFinite(n) && Math.abs(n) <= COORD_LIMIT, 'must be a finite coordinate');
const size = z.number().min(NOTE_MIN_SIZE).max(NOTE_MAX_SIZE);

/** A whole map as the API returns it. Unknown keys are dropped, not refused (forward compatible). */
export const journeyMapSchema = z.object({
  id,
  title: z.string().trim().min(1).max(TITLE_MAX),
  createdAt: time,
  updatedAt: time,
  camera: z.object({ x: coord, y: coord, zoom: z.number().min(0.05).max(4) }).nullable(),
  personaId: id.nullable(),
  personas: z.array(
    z.object({
      id,
      mapId: id,
      name: z.string().min(1).max(100),
      role: z.string().max(200),
      quote: z.string().max(500),
      goals: z.string().max(2000),
      needs: z.string().max(2000),
      frustrations: z.string().max(2000),
      photo: z
        .string()
        .max(400_000)
        .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+$/)
        .nullable(),
      color: z.enum(NOTE_COLORS),
      position: z.number().int().nonnegative(),
    }),
  ),
  stages: z.array(
    z.object({
      id,
      mapId: id,
      name: z.string().min(1).max(100),
      description: z.string().max(300),
      position: z.number().int().nonnegative(),
      emotion: z.number().min(-2).max(2).nullable(),
    }),
  ),
  lanes: z.array(
    z.object({
      id,
      mapId: id,
      name: z.string().min(1).max(100),
      kind: z.enum(LANE_KINDS),
      position: z.number().int().nonnegative(),
      collapsed: z.boolean(),
    }),
  ),
  notes: z.array(
    z.object({
      id,
      mapId: id,
      text: z.string().max(NOTE_TEXT_MAX),
      x: coord,
      y: coord,
      width: size,
      height: size,
      color: z.enum(NOTE_COLORS),
      stageId: id.nullable(),
      laneId: id.nullable(),
      kind: z.enum(NOTE_KINDS).nullable(),
      sentiment: z.union([z.literal(-2), z.literal(-1), z.literal(0), z.literal(1), z.literal(2)]).nullable(),
      author: z.string().max(100).nullable(),
      channels: z.array(z.enum(CHANNELS)),
      personaIds: z.array(id),
      createdAt: time,
      updatedAt: time,
    }),
  ),
});

/** Why a map cannot be taken in, or null when it can: ids unique, every reference resolves. */
export function mapReferenceProblem(map: JourneyMap): string | null {
  const seen = new Set<string>([map.id]);
  for (const [what, items] of [
    ['persona', map.personas],
    ['stage', map.stages],
    ['lane', map.lanes],
    ['note', map.notes],
  ] as const) {
    for (const item of items) {
      if (seen.has(item.id)) return `the id "${item.id}" is used twice`;
      seen.add(item.id);
      if (item.mapId !== map.id) return `${what} "${item.id}" belongs to another map`;
    }
  }
  const personas = new Set(map.personas.map((p) => p.id));
  const stages = new Set(map.stages.map((s) => s.id));
  const lanes = new Set(map.lanes.map((l) => l.id));
  if (map.personaId && !personas.has(map.personaId)) return `the map's persona "${map.personaId}" is not in the file`;
  for (const n of map.notes) {
    if (n.stageId && !stages.has(n.stageId)) return `note "${n.id}" is in stage "${n.stageId}", which is not in the file`;
    if (n.laneId && !lanes.has(n.laneId)) return `note "${n.id}" is in lane "${n.laneId}", which is not in the file`;
    const missing = n.personaIds.find((p) => !personas.has(p));
    if (missing) return `note "${n.id}" is tagged with persona "${missing}", which is not in the file`;
  }
  return null;
}

/** Checks a map read from any file; returns it cleaned, or a sentence saying what is wrong. */
export function checkMap(value: unknown): { ok: true; map: JourneyMap } | { ok: false; problem: string } {
  const parsed = journeyMapSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : 'map';
    return { ok: false, problem: `${where}: ${issue.message.replace(/^Invalid input: /, '')}` };
  }
  const map = parsed.data as JourneyMap;
  const problem = mapReferenceProblem(map);
  return problem ? { ok: false, problem } : { ok: true, map };
}

/** The JSON export of one map. */
export function mapToJson(map: JourneyMap, exportedAt: number): string {
  return `${JSON.stringify({ format: MAP_DOCUMENT_FORMAT, version: MAP_DOCUMENT_VERSION, exportedAt: new Date(exportedAt).toISOString(), map }, null, 2)}\n`;
}

/** Reads a JSON export; throws an Error whose message says what is wrong. */
export function parseMapDocument(text: string): JourneyMap {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('This is not a Journeyboard JSON export: it is not valid JSON.');
  }
  const envelope = z.object({ format: z.string(), version: z.number().int(), map: z.unknown() }).safeParse(doc);
  if (!envelope.success || envelope.data.format !== MAP_DOCUMENT_FORMAT) {
    throw new Error(`This is not a Journeyboard JSON export: "format" must be "${MAP_DOCUMENT_FORMAT}".`);
  }
  if (envelope.data.version > MAP_DOCUMENT_VERSION) {
    throw new Error(
      `This map was exported by a newer Journeyboard (format version ${envelope.data.version}; this app reads up to ${MAP_DOCUMENT_VERSION}). Update the app to open it.`,
    );
  }
  const checked = checkMap(envelope.data.map);
  if (!checked.ok) throw new Error(`This Journeyboard JSON export cannot be used: ${checked.problem}.`);
  return checked.map;
}
