/**
 * The Excel export: the notes as a filterable table plus the views a client asks for first (pain
 * points, opportunities, stages), and the prioritising sheets (votes, matrix, roadmap, metrics).
 * Built with exceljs; no I/O.
 *
 * Adding a column means adding one entry to the column list of the sheet concerned: every sheet
 * is written from such a list.
 */
import type ExcelJS from 'exceljs';
import { NOTE_KINDS, type JourneyMap, type Note, type Stage } from '../domain';
import { mapStageEmotions, roomScoresOf, type RoomEmotion } from '../journey/emotion';
import { KIND_LABELS, NOTE_COLUMNS, noteRows, orderedNotes } from './model';
import { figureNumFmt } from '../prioritise/metrics';
import { hex6, HEADER_FILL, METRIC_STATUS_COLOR } from './palette';
import { painsText, QUADRANTS, reportOf, type MatrixItem, type Report, type RoadmapItem, type MetricRow, type ReportRound, type RoundResult } from './report';

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
  /** A cell's text colour and fill (a metric's status), or null for plain. */
  tone?: (row: T) => { ink: string; fill: string } | null;
  /** A number cell's Excel number format (a metric's rounding, sign and unit), or null for General. */
  numFmt?: (row: T) => string | null;
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
    const added = ws.addRow(columns.map((c) => {
      const v = c.value(r);
      // An empty string would be a cell holding '' (it sorts and filters apart from blanks).
      return typeof v === 'string' ? (v === '' ? null : cellText(v)) : v;
    }));
    columns.forEach((c, i) => {
      const numFmt = c.numFmt?.(r);
      if (numFmt) added.getCell(i + 1).numFmt = numFmt;
      const tone = c.tone?.(r);
      if (!tone) return;
      const cell = added.getCell(i + 1);
      cell.font = { bold: true, color: { argb: `FF${hex6(tone.ink)}` } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex6(tone.fill)}` } };
    });
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
 * - **Stages**: per stage, its goal and expectations, the emotion score (set by the facilitator,
 *   or derived from the mean sentiment of the stage's notes) and how many notes of each kind it holds.
 * - **Votes**, **Matrix**, **Roadmap**, **Metrics**: when the map has votes, scored opportunities,
 *   a roadmap, or metrics (see `prioritySheets`).
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
  const emotions = mapStageEmotions(stages, map.notes, roomScoresOf(map));
  const counts = new Map<string, Record<string, number>>(stages.map((s) => [s.id, {}]));
  for (const n of map.notes) {
    const c = n.stageId ? counts.get(n.stageId) : undefined;
    if (c) {
      c.total = (c.total ?? 0) + 1;
      if (n.kind) c[n.kind] = (c[n.kind] ?? 0) + 1;
    }
  }
  type StageRow = { stage: Stage; score: number | null; source: string; counts: Record<string, number>; room: RoomEmotion | null };
  const stageRows: StageRow[] = stages.map((s, i) => {
    const e = emotions[i]!;
    return {
      stage: s,
      score: e.score === null ? null : Math.round(e.score * 100) / 100,
      source: e.manual ? 'Set' : e.source === 'room' ? 'Room' : e.score === null ? '' : 'Derived',
      counts: counts.get(s.id)!,
      room: e.room,
    };
  });
  const stageSheet = addTable<StageRow>(
    wb,
    'Stages',
    [
      { title: 'Stage', width: 18, value: (r) => r.stage.name },
      { title: 'Goal', width: 40, wrap: true, value: (r) => r.stage.goal ?? '' },
      { title: 'Expectations', width: 40, wrap: true, value: (r) => r.stage.expectations ?? '' },
      { title: 'Emotion score', width: 14, value: (r) => r.score },
      { title: 'Score source', width: 13, value: (r) => r.source },
      { title: 'Notes', width: 8, value: (r) => r.counts.total ?? 0 },
      ...NOTE_KINDS.map((k) => ({ title: KIND_LABELS[k] ?? k, width: 12, value: (r: StageRow) => r.counts[k] ?? 0 })),
      // The room's scores (issue 14), only when someone in the room scored a stage.
      ...(stageRows.some((r) => r.room)
        ? [
            { title: 'Room scores', width: 12, value: (r: StageRow) => r.room?.n ?? 0 },
            { title: 'Room mean', width: 12, value: (r: StageRow) => (r.room ? Math.round(r.room.mean * 100) / 100 : null) },
            { title: 'Room lowest', width: 12, value: (r: StageRow) => r.room?.min ?? null },
            { title: 'Room highest', width: 12, value: (r: StageRow) => r.room?.max ?? null },
          ]
        : []),
    ],
    stageRows,
  );
  stageSheet.getColumn(4).numFmt = '+0.0#;-0.0#;0';
  prioritySheets(wb, reportOf(map));

  const buffer = await wb.xlsx.writeBuffer();
  return stampZip(new Uint8Array(buffer as ArrayBuffer), when);
}

/** "Quick wins" for a quadrant id. */
const QUADRANT_LABEL = new Map(QUADRANTS.map((q) => [q.id, q.label]));

/**
 * The prioritising sheets, each only when the map has something for it (no empty sheets):
 * Votes (a row per note with votes in each round; a column per participant, left empty on an
 * anonymous round's rows), Matrix (opportunities with impact and effort), Roadmap (notes given a
 * phase) and Metrics (CSAT, NPS, CES, conversion, churn; per stage or for the whole map).
 */
function prioritySheets(wb: ExcelJS.Workbook, report: Report): void {
  const stageName = (s: { name: string } | null) => s?.name ?? '';
  if (report.rounds.some((r) => r.results.length > 0)) {
    // Participant columns: everyone who voted in a round that is not anonymous (no one otherwise).
    const people = new Map<string, string>();
    for (const r of report.rounds) for (const p of r.participants) people.set(p.id, p.name);
    const ids = [...people.keys()];
    type VoteRow = { round: ReportRound; result: RoundResult };
    const rows: VoteRow[] = report.rounds.flatMap((round) => round.results.map((result) => ({ round, result })));
    const byPerson = (row: VoteRow, id: string): number | null => {
      const i = row.round.participants.findIndex((p) => p.id === id);
      return row.result.byParticipant && i >= 0 ? row.result.byParticipant[i]! || null : null;
    };
    addTable<VoteRow>(
      wb,
      'Votes',
      [
        { title: 'Round', width: 28, value: (r) => r.round.title },
        { title: 'Status', width: 9, value: (r) => (r.round.status === 'open' ? 'Open' : 'Closed') },
        { title: 'Anonymous', width: 11, value: (r) => (r.round.anonymous ? 'Yes' : 'No') },
        { title: 'Note', width: 60, wrap: true, value: (r) => r.result.note.text },
        { title: 'Kind', width: 13, value: (r) => (r.result.note.kind ? (KIND_LABELS[r.result.note.kind] ?? '') : '') },
        { title: 'Votes', width: 8, value: (r) => r.result.votes },
        ...(ids.length
          ? [
              ...ids.map((id) => ({ title: people.get(id)!, width: 12, value: (r: VoteRow) => byPerson(r, id) })),
              { title: 'Typed (paper dots)', width: 12, value: (r: VoteRow) => (r.result.byParticipant ? r.result.byParticipant.at(-1)! || null : null) },
            ]
          : []),
      ],
      rows,
    );
  }
  const matrix = [...report.matrix.scored, ...report.matrix.unscored];
  if (report.matrix.scored.length > 0) {
    addTable<MatrixItem>(
      wb,
      'Matrix',
      [
        { title: 'Opportunity', width: 60, wrap: true, value: (m) => m.note.text },
        { title: 'Stage', width: 18, value: (m) => stageName(m.stage) },
        { title: 'Impact', width: 8, value: (m) => m.impact },
        { title: 'Effort', width: 8, value: (m) => m.effort },
        { title: 'Quadrant', width: 13, value: (m) => (m.quadrant ? QUADRANT_LABEL.get(m.quadrant)! : 'Not scored') },
        { title: 'Votes', width: 8, value: (m) => m.votes },
        { title: 'Linked pain points', width: 50, wrap: true, value: (m) => painsText(m.pains, 32_000) },
      ],
      matrix,
    );
  }
  if (report.roadmapCount > 0) {
    type Row = RoadmapItem & { label: string; order: number };
    addTable<Row>(
      wb,
      'Roadmap',
      [
        { title: 'Phase', width: 11, value: (r) => r.label },
        { title: 'Order', width: 7, value: (r) => r.order },
        { title: 'Opportunity', width: 60, wrap: true, value: (r) => r.note.text },
        { title: 'Owner', width: 16, value: (r) => r.owner ?? '' },
        { title: 'Due', width: 12, value: (r) => r.due ?? '' },
        { title: 'Stage', width: 18, value: (r) => stageName(r.stage) },
        { title: 'Votes', width: 8, value: (r) => r.votes },
        { title: 'Linked pain points', width: 50, wrap: true, value: (r) => painsText(r.pains, 32_000) },
      ],
      report.roadmap.flatMap((c) => c.items.map((item, i) => ({ ...item, label: c.label, order: i + 1 }))),
    );
  }
  if (report.metrics.length > 0) {
    addTable<MetricRow>(
      wb,
      'Metrics',
      [
        { title: 'Stage', width: 18, value: (m) => m.scope },
        { title: 'Metric', width: 12, value: (m) => m.label },
        // Numbers (sortable, chartable), shown as the board writes them: "4.2 / 5", "+12", "35 %".
        { title: 'Value', width: 10, value: (m) => m.value, numFmt: (m) => figureNumFmt(m.kind, m.value) },
        { title: 'Target', width: 10, value: (m) => m.target, numFmt: (m) => figureNumFmt(m.kind, m.target) },
        { title: 'Status', width: 18, value: (m) => m.statusText, tone: (m) => (m.status === 'unset' ? null : METRIC_STATUS_COLOR[m.status]) },
        { title: 'Source', width: 28, value: (m) => m.source },
        { title: 'Date', width: 12, value: (m) => m.date ?? '' },
      ],
      report.metrics,
    );
  }
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
