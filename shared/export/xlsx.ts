/**
 * The Excel export: the notes as a filterable table plus the views a client asks for first (pain
 * points, opportunities, a metrics sheet per stage). Built with exceljs; no I/O.
 *
 * Adding a column later (votes, impact/effort, phase, CSAT/NPS/CES) means adding one entry to the
 * column list of the sheet concerned: every sheet is written from such a list.
 */
import type ExcelJS from 'exceljs';
import { NOTE_KINDS, type JourneyMap, type Note } from '../domain';
import { mapStageEmotions } from '../journey/emotion';
import { KIND_LABELS, NOTE_COLUMNS, noteRows, orderedNotes } from './model';
import { hex6, HEADER_FILL } from './palette';

/** Options for {@link mapToXlsx}. */
export interface XlsxOptions {
  /** Milliseconds since the epoch written as the workbook's created and modified dates. Default: the map's `updatedAt`. */
  exportedAt?: number;
}

/** One column of a sheet: a title, a width in characters, and how to read the cell from a row. */
interface SheetColumn<T> {
  title: string;
  width: number;
  value: (row: T) => string | number | null;
  /** Long text: wrap it instead of widening the column. */
  wrap?: boolean;
}

/** Characters XML 1.0 cannot hold (they would make the file unreadable): dropped. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as a cell holds it: XML-safe, never longer than Excel's 32,767-character limit. */
function cellText(text: string): string {
  return text.replace(XML_INVALID, '').slice(0, 32_767);
}

const NOTE_WIDTHS: Record<string, number> = {
  stage: 18,
  lane: 18,
  kind: 13,
  text: 60,
  sentiment: 11,
  author: 16,
  channels: 18,
  personas: 18,
  color: 10,
  created: 22,
  updated: 22,
};

/**
 * Adds a sheet with a bold, frozen, filterable header row. Values are always written as plain
 * strings or numbers, never formulas: a note reading `=HYPERLINK(...)` stays text.
 */
function addTable<T>(wb: ExcelJS.Workbook, name: string, columns: SheetColumn<T>[], rows: readonly T[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.title, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex6(HEADER_FILL)}` } };
  header.alignment = { vertical: 'middle' };
  for (const r of rows) {
    ws.addRow(columns.map((c) => {
      const v = c.value(r);
      // An empty string would be a cell holding '' (it sorts and filters apart from blanks).
      return typeof v === 'string' ? (v === '' ? null : cellText(v)) : v;
    }));
  }
  columns.forEach((c, i) => {
    if (c.wrap) ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  if (columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  return ws;
}

/**
 * The map as an Excel workbook (.xlsx bytes).
 *
 * - **Notes**: one row per note in reading order, the same columns as the CSV export; bold, frozen,
 *   filterable header.
 * - **Pain points**: pain-point notes with their stage and sentiment, most negative first.
 * - **Opportunities**: opportunity notes with their stage.
 * - **Metrics**: per stage, the emotion score (set by the facilitator, or derived from the mean
 *   sentiment of the stage's notes) and how many notes of each kind it holds.
 *
 * Text is stored as text: nothing a participant typed becomes a formula.
 */
export async function mapToXlsx(map: JourneyMap, options: XlsxOptions = {}): Promise<Uint8Array> {
  // Loaded on first use: importing the export barrel stays cheap for a renderer that only writes CSV.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const when = new Date(options.exportedAt ?? map.updatedAt);
  wb.creator = 'Journeyboard';
  wb.lastModifiedBy = 'Journeyboard';
  wb.title = cellText(map.title);
  wb.created = when;
  wb.modified = when;

  const rows = noteRows(map);
  addTable(
    wb,
    'Notes',
    NOTE_COLUMNS.map((c) => ({ title: c.title, width: NOTE_WIDTHS[c.key] ?? 14, wrap: c.key === 'text', value: (r: typeof rows[number]) => r[c.key] })),
    rows,
  );

  const stageName = new Map(map.stages.map((s) => [s.id, s.name]));
  const stageOf = (n: Note) => (n.stageId ? (stageName.get(n.stageId) ?? '') : '');
  const notes = orderedNotes(map);
  // Stable sort: equally negative pain points keep reading order. No sentiment counts as neutral.
  const pains = notes.filter((n) => n.kind === 'pain_point').sort((a, b) => (a.sentiment ?? 0) - (b.sentiment ?? 0));
  addTable<Note>(
    wb,
    'Pain points',
    [
      { title: 'Stage', width: 18, value: stageOf },
      { title: 'Pain point', width: 70, wrap: true, value: (n) => n.text },
      { title: 'Sentiment', width: 11, value: (n) => n.sentiment },
    ],
    pains,
  );
  addTable<Note>(
    wb,
    'Opportunities',
    [
      { title: 'Stage', width: 18, value: stageOf },
      { title: 'Opportunity', width: 70, wrap: true, value: (n) => n.text },
    ],
    notes.filter((n) => n.kind === 'opportunity'),
  );

  const stages = [...map.stages].sort((a, b) => a.position - b.position);
  const emotions = mapStageEmotions(stages, map.notes);
  const counts = new Map<string, Record<string, number>>(stages.map((s) => [s.id, {}]));
  for (const n of map.notes) {
    const c = n.stageId ? counts.get(n.stageId) : undefined;
    if (c) {
      c.total = (c.total ?? 0) + 1;
      if (n.kind) c[n.kind] = (c[n.kind] ?? 0) + 1;
    }
  }
  type MetricRow = { name: string; score: number | null; source: string; counts: Record<string, number> };
  const metricRows: MetricRow[] = stages.map((s, i) => {
    const e = emotions[i]!;
    return {
      name: s.name,
      score: e.score === null ? null : Math.round(e.score * 100) / 100,
      source: e.manual ? 'Set' : e.score === null ? '' : 'Derived',
      counts: counts.get(s.id)!,
    };
  });
  const metrics = addTable<MetricRow>(
    wb,
    'Metrics',
    [
      { title: 'Stage', width: 18, value: (r) => r.name },
      { title: 'Emotion score', width: 14, value: (r) => r.score },
      { title: 'Score source', width: 13, value: (r) => r.source },
      { title: 'Notes', width: 8, value: (r) => r.counts.total ?? 0 },
      ...NOTE_KINDS.map((k) => ({ title: KIND_LABELS[k] ?? k, width: 12, value: (r: MetricRow) => r.counts[k] ?? 0 })),
    ],
    metricRows,
  );
  metrics.getColumn(2).numFmt = '+0.0#;-0.0#;0';

  const buffer = await wb.xlsx.writeBuffer();
  return stampZip(new Uint8Array(buffer as ArrayBuffer), when);
}

/**
 * exceljs dates every zip entry with the current time; rewrite them with the export date so that
 * the same map always gives the same bytes.
 */
async function stampZip(bytes: Uint8Array, when: Date): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  zip.forEach((_path, file) => {
    file.date = when;
  });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
