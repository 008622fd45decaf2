/**
 * What changed between two versions of a map, for people: notes added, removed, moved between
 * stages or lanes, and edited (with a word diff of the text); every other record table (stages,
 * lanes, personas, rounds, metrics, steps, …) as records added, removed or changed field by field;
 * and tallies per note for every table whose records point at a note (votes). Written over the
 * record registry, so a new record table is compared as soon as it is listed there.
 */
import { diffWords } from 'diff';
import { RECORDS, recordDef, type MapDocument } from '../records/records';
import { headerOf, same } from './delta';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Where a note sits: its cell (ids and names, null on the free board) and its box. */
export interface NotePlace {
  stageId: string | null;
  laneId: string | null;
  stage: string | null;
  lane: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface NoteChangeItem {
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** Moved to another stage or lane. */
  moved: boolean;
  /** Its text or another field changed (not only its place on the board). */
  edited: boolean;
  /** The text in the later version (the earlier one for a removed note). */
  text: string;
  before: NotePlace | null;
  after: NotePlace | null;
  /** Word diff of the text, when it changed. */
  textDiff?: TextPart[];
  /** Every other field that changed (colour, kind, scores, tags, …), except the box on the board. */
  fields: FieldChange[];
}

export interface RecordChangeItem {
  table: string;
  type: string;
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** The record's name as a person reads it (its name, title, text or kind). */
  name: string;
  fields: FieldChange[];
}

/** A tally per note of a table whose records point at notes (votes: the sum of their counts). */
export interface TallyChange {
  table: string;
  noteId: string;
  text: string;
  before: number;
  after: number;
}

export interface MapComparison {
  /** Note ids, as `versions.compare` promises them. */
  added: string[];
  removed: string[];
  moved: string[];
  edited: string[];
  /** One item per note that changed, in the later version's order (removed notes last). */
  notes: NoteChangeItem[];
  stages: RecordChangeItem[];
  lanes: RecordChangeItem[];
  /** Every other record table's changes (personas, participants, rounds, metrics, steps, …). */
  records: RecordChangeItem[];
  /** Votes (or any record pointing at a note) per note. */
  tallies: TallyChange[];
  /** Map header fields that changed (title, persona, …). */
  header: FieldChange[];
}

type Rec = { id: string } & Record<string, unknown>;

/** Fields that say nothing a person changed. */
const BOOKKEEPING = new Set(['id', 'mapId', 'createdAt', 'updatedAt']);
/** A note's box: moving it on the board or laying out its cell is not an edit. */
const NOTE_BOX = new Set(['x', 'y', 'width', 'height']);
/** Header fields that are session state, not the map's content. */
const HEADER_SESSION = new Set(['id', 'createdAt', 'updatedAt', 'camera']);

const rows = (doc: MapDocument, table: string): Rec[] => ((doc as unknown as Record<string, unknown>)[table] as Rec[] | undefined) ?? [];

function fieldChanges(a: Rec, b: Rec, skip: Set<string>, skipAlso?: Set<string>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (skip.has(field) || skipAlso?.has(field)) continue;
    if (!same(a[field], b[field])) out.push({ field, before: a[field] ?? null, after: b[field] ?? null });
  }
  return out;
}

/** A record's name for a list: its name, title, text, label or kind. */
export function recordName(r: Record<string, unknown>): string {
  for (const key of ['name', 'title', 'text', 'label', 'kind']) {
    const v = r[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return String(r['id'] ?? '');
}

/** Tables other than notes whose records point at a note by a single id (votes). */
const TALLIED = RECORDS.filter(
  (def) => def.type !== 'note' && Object.entries(def.refs).some(([, ref]) => ref?.to === 'note'),
).map((def) => ({ table: def.table, field: Object.entries(def.refs).find(([, ref]) => ref?.to === 'note')![0] }));
const TALLIED_TABLES = new Set(TALLIED.map((t) => t.table));

function tally(doc: MapDocument, table: string, field: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows(doc, table)) {
    const noteId = r[field];
    if (typeof noteId !== 'string') continue;
    const n = typeof r['count'] === 'number' ? (r['count'] as number) : 1;
    out.set(noteId, (out.get(noteId) ?? 0) + n);
  }
  return out;
}

function placeOf(n: Rec, stages: Map<string, Rec>, lanes: Map<string, Rec>): NotePlace {
  const stageId = (n['stageId'] as string | null) ?? null;
  const laneId = (n['laneId'] as string | null) ?? null;
  return {
    stageId,
    laneId,
    stage: stageId ? ((stages.get(stageId)?.['name'] as string | undefined) ?? null) : null,
    lane: laneId ? ((lanes.get(laneId)?.['name'] as string | undefined) ?? null) : null,
    x: n['x'] as number,
    y: n['y'] as number,
    width: n['width'] as number,
    height: n['height'] as number,
  };
}

function compareTable(table: string, type: string, a: Rec[], b: Rec[]): RecordChangeItem[] {
  const before = new Map(a.map((r) => [r.id, r]));
  const out: RecordChangeItem[] = [];
  for (const r of b) {
    const old = before.get(r.id);
    before.delete(r.id);
    if (!old) out.push({ table, type, id: r.id, change: 'added', name: recordName(r), fields: [] });
    else {
      const fields = fieldChanges(old, r, BOOKKEEPING);
      if (fields.length) out.push({ table, type, id: r.id, change: 'changed', name: recordName(r), fields });
    }
  }
  for (const r of before.values()) out.push({ table, type, id: r.id, change: 'removed', name: recordName(r), fields: [] });
  return out;
}

/** What changed from `from` (the earlier version) to `to` (the later one, or the map now). */
export function compareDocuments(from: MapDocument, to: MapDocument): MapComparison {
  const result: MapComparison = { added: [], removed: [], moved: [], edited: [], notes: [], stages: [], lanes: [], records: [], tallies: [], header: [] };
  const noteTable = recordDef.note.table;
  const stagesOf = (d: MapDocument) => new Map(rows(d, recordDef.stage.table).map((r) => [r.id, r]));
  const lanesOf = (d: MapDocument) => new Map(rows(d, recordDef.lane.table).map((r) => [r.id, r]));
  const [sA, sB, lA, lB] = [stagesOf(from), stagesOf(to), lanesOf(from), lanesOf(to)];

  const before = new Map(rows(from, noteTable).map((r) => [r.id, r]));
  for (const n of rows(to, noteTable)) {
    const old = before.get(n.id);
    before.delete(n.id);
    if (!old) {
      result.added.push(n.id);
      result.notes.push({ id: n.id, change: 'added', moved: false, edited: false, text: String(n['text'] ?? ''), before: null, after: placeOf(n, sB, lB), fields: [] });
      continue;
    }
    const moved = old['stageId'] !== n['stageId'] || old['laneId'] !== n['laneId'];
    const fields = fieldChanges(old, n, BOOKKEEPING, NOTE_BOX).filter((f) => f.field !== 'stageId' && f.field !== 'laneId');
    const textChanged = fields.some((f) => f.field === 'text');
    const edited = fields.length > 0;
    if (!moved && !edited) continue;
    if (moved) result.moved.push(n.id);
    if (edited) result.edited.push(n.id);
    result.notes.push({
      id: n.id,
      change: 'changed',
      moved,
      edited,
      text: String(n['text'] ?? ''),
      before: placeOf(old, sA, lA),
      after: placeOf(n, sB, lB),
      ...(textChanged ? { textDiff: diffWords(String(old['text'] ?? ''), String(n['text'] ?? '')).map((p) => ({ value: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) })) } : {}),
      fields: fields.filter((f) => f.field !== 'text'),
    });
  }
  for (const old of before.values()) {
    result.removed.push(old.id);
    result.notes.push({ id: old.id, change: 'removed', moved: false, edited: false, text: String(old['text'] ?? ''), before: placeOf(old, sA, lA), after: null, fields: [] });
  }

  for (const def of RECORDS) {
    if (def.type === 'note' || TALLIED_TABLES.has(def.table)) continue;
    const items = compareTable(def.table, def.type, rows(from, def.table), rows(to, def.table));
    if (def.type === 'stage') result.stages = items;
    else if (def.type === 'lane') result.lanes = items;
    else result.records.push(...items);
  }

  const textOf = new Map([...rows(from, noteTable), ...rows(to, noteTable)].map((n) => [n.id, String(n['text'] ?? '')]));
  for (const { table, field } of TALLIED) {
    const a = tally(from, table, field);
    const b = tally(to, table, field);
    for (const noteId of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(noteId) ?? 0;
      const y = b.get(noteId) ?? 0;
      if (x !== y) result.tallies.push({ table, noteId, text: textOf.get(noteId) ?? '', before: x, after: y });
    }
  }

  result.header = fieldChanges(headerOf(from) as Rec, headerOf(to) as Rec, HEADER_SESSION);
  return result;
}

/** How many things changed in all. */
export function changeCount(c: MapComparison): number {
  return c.notes.length + c.stages.length + c.lanes.length + c.records.length + c.tallies.length + c.header.length;
}
