/**
 * The JSON export: a documented, versioned envelope around one map (see docs/JSON.md).
 * `parseMapDocument` is the importer's gate: it checks the envelope, every field and every
 * reference, and says what is wrong in a sentence.
 */
import { z } from 'zod';
import type { JourneyMap } from '../domain';
import { issueMessage, issuePath } from '../errors';
import { mapDocumentSchema, mapReferenceProblem } from '../records/document';
import { anonymised } from '../prioritise/voting';

export const MAP_DOCUMENT_FORMAT = 'journeyboard.map';
/**
 * 2 (issue 12): participants, rounds, votes and metrics, and the notes' scores, roadmap fields and
 * links. A version 1 file still imports: its missing tables read as empty, its notes' new fields
 * as their defaults.
 */
export const MAP_DOCUMENT_VERSION = 2;

/** A whole map as the API returns it (derived from the record registry). */
export const journeyMapSchema = mapDocumentSchema;
export { mapReferenceProblem };

/** Checks a map read from any file; returns it cleaned, or a sentence saying what is wrong. */
export function checkMap(value: unknown): { ok: true; map: JourneyMap } | { ok: false; problem: string } {
  const parsed = journeyMapSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issuePath(issue, 'map')}: ${issueMessage(issue)}` };
  }
  const map = parsed.data;
  const problem = mapReferenceProblem(map);
  return problem ? { ok: false, problem } : { ok: true, map };
}

/** The JSON export of one map. An anonymous round's votes are written as counts per note (no participant). */
export function mapToJson(map: JourneyMap, exportedAt: number): string {
  return `${JSON.stringify({ format: MAP_DOCUMENT_FORMAT, version: MAP_DOCUMENT_VERSION, exportedAt: new Date(exportedAt).toISOString(), map: anonymised(map) }, null, 2)}\n`;
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
