/**
 * Reading notes from a file or pasted text: CSV (header row, papaparse), plain text (one note per
 * non-empty line) and Markdown lists. Pure functions: no DOM, no board. Each row keeps the number a
 * person sees (CSV: the spreadsheet row, header = row 1; text and Markdown: the line), so problems
 * can be named by row.
 */
import Papa from 'papaparse';
import {
  NOTE_KIND_OF_LANE,
  NOTE_KINDS,
  NOTE_TEXT_MAX,
  type Lane,
  type NoteKind,
  type Stage,
} from '../../shared/domain';

export type ImportFormat = 'csv' | 'text' | 'markdown';

/** The structure names are matched against (the board's stages and lanes). */
export interface ImportStructure {
  stages: readonly Pick<Stage, 'id' | 'name'>[];
  lanes: readonly Pick<Lane, 'id' | 'name' | 'kind'>[];
}

/** A row that will become a note. `stageId` and `laneId` are both set (a cell) or both null. */
export interface ImportNote {
  row: number;
  text: string;
  stageId: string | null;
  laneId: string | null;
  kind: NoteKind | null;
  author: string | null;
}

export interface ImportProblem {
  row: number;
  message: string;
}

export interface ImportResult {
  notes: ImportNote[];
  problems: ImportProblem[];
  /** A note for the person about what was read, e.g. "3 headings used as stages". */
  summary?: string;
}

export const AUTHOR_MAX = 100;

/** Removes a leading byte-order mark (Excel writes one in "CSV UTF-8"). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A guess from the file name (or, for pasted text, from its lines); the person can change it. */
export function detectFormat(fileName: string | null, text: string): ImportFormat {
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'txt') return 'text';
  const lines = stripBom(text)
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '');
  if (lines.some((l) => LIST_ITEM.test(l) || HEADING.test(l))) return 'markdown';
  return 'text';
}

// ------------------------------------------------------------------ CSV

export interface CsvTable {
  headers: string[];
  /** Data rows; `row` is the spreadsheet row number (the header is row 1). Blank rows are left out. */
  rows: { row: number; cells: string[] }[];
  /** Problems reading the file itself (e.g. an unclosed quote), by row. */
  problems: ImportProblem[];
}

/** Parses CSV with a header row. Handles quoted commas and newlines, a BOM and CRLF. */
export function parseCsv(text: string): CsvTable {
  const source = stripBom(text);
  if (source.trim() === '') return { headers: [], rows: [], problems: [] };
  const parsed = Papa.parse<string[]>(source, { skipEmptyLines: false });
  const records = parsed.data;
  const headers = (records[0] ?? []).map((h) => h.trim());
  const rows: CsvTable['rows'] = [];
  for (let i = 1; i < records.length; i++) {
    const cells = records[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ row: i + 1, cells });
  }
  const problems: ImportProblem[] = [];
  for (const e of parsed.errors) {
    // papaparse counts data rows from 0 with the header included: spreadsheet row = index + 1.
    // Too few or many cells are judged per row below; a single column has no delimiter to detect.
    if (e.code === 'TooFewFields' || e.code === 'TooManyFields' || e.code === 'UndetectableDelimiter') continue;
    problems.push({
      row: (e.row ?? 0) + 1,
      message: e.code === 'MissingQuotes' ? 'a quoted value is never closed' : e.message,
    });
  }
  return { headers, rows, problems };
}

/** Which column holds what; -1 = not used. */
export interface CsvMapping {
  text: number;
  stage: number;
  lane: number;
  author: number;
}

const HEADER_GUESS: Record<keyof CsvMapping, RegExp> = {
  text: /^(text|note|notes|content|sticky|idea|comment|description)s?$/i,
  stage: /^(stage|phase|step)s?$/i,
  lane: /^(lane|kind|type|category|row)s?$/i,
  author: /^(author|by|name|participant|who|person)$/i,
};

/** A first mapping from the header names; the text column falls back to the first column. */
export function guessMapping(headers: readonly string[]): CsvMapping {
  const find = (key: keyof CsvMapping) => headers.findIndex((h) => HEADER_GUESS[key].test(h.trim()));
  const text = find('text');
  return {
    text: text >= 0 ? text : headers.length > 0 ? 0 : -1,
    stage: find('stage'),
    lane: find('lane'),
    author: find('author'),
  };
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
/** "Pain points", "pain-point", "pain_point" all read as pain_point. */
const kindWord = (s: string) => norm(s).replace(/[\s-]+/g, '_');

/** The stage named `value` (case-insensitive, trimmed), or undefined. */
export function matchStage(structure: ImportStructure, value: string): Pick<Stage, 'id' | 'name'> | undefined {
  const v = norm(value);
  return structure.stages.find((s) => norm(s.name) === v);
}

/**
 * A lane named `value`, or a kind ("pain point", "opportunities") with the map's lane for it, if any.
 * Undefined when it is neither.
 */
export function matchLaneOrKind(
  structure: ImportStructure,
  value: string,
): { laneId: string | null; kind: NoteKind | null } | undefined {
  const v = norm(value);
  const byName = structure.lanes.find((l) => norm(l.name) === v);
  if (byName) return { laneId: byName.id, kind: NOTE_KIND_OF_LANE[byName.kind] };
  const w = kindWord(value);
  const kind = NOTE_KINDS.find((k) => k === w || `${k}s` === w || k === w.replace(/s$/, ''));
  if (!kind) return undefined;
  const lane = structure.lanes.find((l) => NOTE_KIND_OF_LANE[l.kind] === kind);
  return { laneId: lane?.id ?? null, kind };
}

function checkText(row: number, raw: string, problems: ImportProblem[]): string | null {
  const text = raw.trim();
  if (text === '') {
    problems.push({ row, message: 'the text is empty' });
    return null;
  }
  if (text.length > NOTE_TEXT_MAX) {
    problems.push({
      row,
      message: `the text is ${text.length.toLocaleString('en')} characters; a note holds at most ${NOTE_TEXT_MAX.toLocaleString('en')}`,
    });
    return null;
  }
  return text;
}

/** Both or neither: a note is in a cell only when its stage and its lane are known. */
function cell(stageId: string | null, laneId: string | null): { stageId: string | null; laneId: string | null } {
  return stageId && laneId ? { stageId, laneId } : { stageId: null, laneId: null };
}

/** The notes a CSV table gives under a mapping, and every row that cannot become one (with why). */
export function csvNotes(table: CsvTable, mapping: CsvMapping, structure: ImportStructure): ImportResult {
  const notes: ImportNote[] = [];
  const problems: ImportProblem[] = [...table.problems];
  if (mapping.text < 0) return { notes, problems };
  const at = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
  for (const { row, cells } of table.rows) {
    const before = problems.length;
    const text = checkText(row, cells[mapping.text] ?? '', problems);
    const stageName = at(cells, mapping.stage);
    const stage = stageName ? matchStage(structure, stageName) : undefined;
    if (stageName && !stage) problems.push({ row, message: `unknown stage “${stageName}”` });
    const laneName = at(cells, mapping.lane);
    const lane = laneName ? matchLaneOrKind(structure, laneName) : undefined;
    if (laneName && !lane) problems.push({ row, message: `unknown lane or kind “${laneName}”` });
    const author = at(cells, mapping.author);
    if (author.length > AUTHOR_MAX) problems.push({ row, message: `the author is over ${AUTHOR_MAX} characters` });
    if (problems.length > before || text === null) continue;
    notes.push({
      row,
      text,
      ...cell(stage?.id ?? null, lane?.laneId ?? null),
      kind: lane?.kind ?? null,
      author: author || null,
    });
  }
  return { notes, problems };
}

// ------------------------------------------------------------------ text and Markdown

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const CHECKBOX = /^\[[ xX]\]\s+/;

/** One note per non-empty line (trimmed); line numbers count every line. */
export function textNotes(text: string): ImportResult {
  const notes: ImportNote[] = [];
  const problems: ImportProblem[] = [];
  stripBom(text)
    .split(/\r\n|\r|\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const t = checkText(i + 1, line, problems);
      if (t !== null) notes.push({ row: i + 1, text: t, stageId: null, laneId: null, kind: null, author: null });
    });
  return { notes, problems };
}

/**
 * List items (`-`, `*`, `+`, `1.`, `1)`; a `[ ]` checkbox is dropped) become notes. A heading that
 * names a stage puts the items under it in that stage; one that names a lane or a kind gives them
 * that lane; any other heading ends both. Items land in a cell only when both are known. Other
 * lines are skipped.
 */
export function markdownNotes(text: string, structure: ImportStructure): ImportResult {
  const notes: ImportNote[] = [];
  const problems: ImportProblem[] = [];
  let stageId: string | null = null;
  let lane: { laneId: string | null; kind: NoteKind | null } | null = null;
  let stagesUsed = 0;
  let lanesUsed = 0;
  let skipped = 0;
  stripBom(text)
    .split(/\r\n|\r|\n/)
    .forEach((line, i) => {
      const row = i + 1;
      const heading = HEADING.exec(line);
      if (heading) {
        const name = heading[1]!;
        const stage = matchStage(structure, name);
        const laneOrKind = stage ? undefined : matchLaneOrKind(structure, name);
        if (stage) {
          stageId = stage.id;
          lane = null;
          stagesUsed++;
        } else if (laneOrKind) {
          lane = laneOrKind;
          lanesUsed++;
        } else {
          stageId = null;
          lane = null;
        }
        return;
      }
      const item = LIST_ITEM.exec(line);
      if (!item) {
        if (line.trim() !== '') skipped++;
        return;
      }
      const t = checkText(row, item[1]!.replace(CHECKBOX, ''), problems);
      if (t === null) return;
      notes.push({ row, text: t, ...cell(stageId, lane?.laneId ?? null), kind: lane?.kind ?? null, author: null });
    });
  const parts: string[] = [];
  if (stagesUsed)
    parts.push(`${stagesUsed} heading${stagesUsed === 1 ? '' : 's'} used as stage${stagesUsed === 1 ? '' : 's'}`);
  if (lanesUsed) parts.push(`${lanesUsed} as lane${lanesUsed === 1 ? '' : 's'}`);
  if (skipped)
    parts.push(
      skipped === 1 ? '1 line that is not a list item skipped' : `${skipped} lines that are not list items skipped`,
    );
  return { notes, problems, summary: parts.length ? `${parts.join('; ')}.` : undefined };
}
