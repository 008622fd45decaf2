/**
 * The PowerPoint export's prioritising and workshop slides, each only when the map has something
 * for it (a map with no scores, roadmap, metrics or run steps gets none of them, never an empty or
 * broken slide):
 *
 * - **Impact and effort**: the 2x2 drawn with shapes (quadrant fills, axes, labels), each scored
 *   opportunity an editable card placed by its impact and effort with its votes, and a tray of the
 *   opportunities not scored yet.
 * - **Roadmap**: Now / Next / Later / Not doing columns of cards (owner, due date, stage, the pain
 *   points answered), continued when a column is full.
 * - **Metrics**: a native table (scope, metric, value, target, source, date) and native bar charts
 *   of value against target, one per kind of metric (PowerPoint: right-click, Edit Data).
 * - **Workshop**: the minutes, one row per step that ran.
 */
import type PptxGenJS from 'pptxgenjs';
import { NO_FIGURE, roundFigure } from '../prioritise/metrics';
import { GRID_LINE, HEADER_FILL, hex6, INK, METRIC_STATUS_COLOR, MUTED_INK, NOTE_EDGE, NOTE_FILL } from './palette';
import { addTitle, BODY_TOP, FONT, H, listSlides, MARGIN, slideText, W, type Slide } from './pptxKit';
import {
  durationText,
  METRIC_KINDS,
  METRIC_LABELS,
  QUADRANTS,
  quadrantOf,
  type MatrixItem,
  type MetricRow,
  type MinutesRow,
  type QuadrantId,
  type Report,
  type RoadmapItem,
} from './report';

/** Quadrant fills: light enough for black text and sticky-note cards on top. */
const QUADRANT_FILL: Record<QuadrantId, string> = {
  quick_win: 'E5F5E0',
  big_bet: 'E3ECFB',
  fill_in: 'F1F3F5',
  money_pit: 'FBE6E6',
};
const QUADRANT_INK: Record<QuadrantId, string> = {
  quick_win: '2E7D32',
  big_bet: '1F4FB8',
  fill_in: '5F6B7A',
  money_pit: 'B3261E',
};

const votesLabel = (v: number | null) => (v === null ? '' : `${v} ${v === 1 ? 'vote' : 'votes'}`);

/** The impact/effort matrix: effort across (low to high), impact up (low to high), on a 5 × 5 grid. */
function matrixSlide(pptx: PptxGenJS, report: Report): void {
  const { scored, unscored } = report.matrix;
  const slide = pptx.addSlide();
  const from = report.votesFrom.opportunity;
  addTitle(slide, 'Impact and effort', `${scored.length} ${scored.length === 1 ? 'opportunity' : 'opportunities'} scored${unscored.length ? `, ${unscored.length} not yet` : ''}${from ? ` · votes from “${slideText(from.title, 60)}”` : ''}`);
  const trayW = unscored.length ? 2.9 : 0;
  const axis = 0.45;
  const plot = { x: MARGIN + axis, y: BODY_TOP + 0.2, w: W - 2 * MARGIN - axis - (trayW ? trayW + 0.25 : 0), h: H - BODY_TOP - 0.2 - 0.35 - axis };
  const cw = plot.w / 5;
  const ch = plot.h / 5;
  // Cell (effort e, impact i), 1-based; impact 5 at the top.
  const cellBox = (e: number, i: number) => ({ x: plot.x + (e - 1) * cw, y: plot.y + (5 - i) * ch, w: cw, h: ch });
  // Quadrant backgrounds, cell by cell, so the split follows quadrantOf wherever it falls.
  for (let e = 1; e <= 5; e++) {
    for (let i = 1; i <= 5; i++) {
      const q = quadrantOf(i, e);
      slide.addShape('rect', { ...cellBox(e, i), fill: { color: QUADRANT_FILL[q] }, line: { color: QUADRANT_FILL[q], width: 0 } });
    }
  }
  slide.addShape('rect', { ...plot, fill: { type: 'none' }, line: { color: hex6(GRID_LINE), width: 1 } });
  // The split lines: where the quadrant changes along each axis.
  for (let e = 1; e < 5; e++) {
    if (quadrantOf(5, e) !== quadrantOf(5, e + 1)) slide.addShape('line', { x: plot.x + e * cw, y: plot.y, w: 0, h: plot.h, line: { color: hex6(MUTED_INK), width: 1.25, dashType: 'dash' } });
  }
  for (let i = 1; i < 5; i++) {
    if (quadrantOf(i, 1) !== quadrantOf(i + 1, 1)) slide.addShape('line', { x: plot.x, y: plot.y + (5 - i) * ch, w: plot.w, h: 0, line: { color: hex6(MUTED_INK), width: 1.25, dashType: 'dash' } });
  }
  // Each quadrant's name in its outer corner.
  const corners: Record<QuadrantId, { e: number; i: number; align: PptxGenJS.HAlign; valign: PptxGenJS.VAlign }> = {
    quick_win: { e: 1, i: 5, align: 'left', valign: 'top' },
    big_bet: { e: 5, i: 5, align: 'right', valign: 'top' },
    fill_in: { e: 1, i: 1, align: 'left', valign: 'bottom' },
    money_pit: { e: 5, i: 1, align: 'right', valign: 'bottom' },
  };
  for (const q of QUADRANTS) {
    const c = corners[q.id];
    const box = cellBox(c.e, c.i);
    slide.addText(q.label, { x: c.align === 'left' ? box.x : box.x + box.w - 2, y: c.valign === 'top' ? box.y : box.y + box.h - 0.3, w: 2, h: 0.3, fontFace: FONT, fontSize: 12, bold: true, color: QUADRANT_INK[q.id], align: c.align, valign: c.valign, margin: 3 });
  }
  // Axes.
  for (let k = 1; k <= 5; k++) {
    slide.addText(String(k), { x: plot.x + (k - 0.5) * cw - 0.2, y: plot.y + plot.h, w: 0.4, h: 0.22, fontFace: FONT, fontSize: 9, color: hex6(MUTED_INK), align: 'center', margin: 0 });
    slide.addText(String(k), { x: plot.x - 0.25, y: plot.y + (5 - k + 0.5) * ch - 0.11, w: 0.2, h: 0.22, fontFace: FONT, fontSize: 9, color: hex6(MUTED_INK), align: 'right', margin: 0 });
  }
  slide.addText('Effort →', { x: plot.x, y: plot.y + plot.h + 0.2, w: plot.w, h: 0.25, fontFace: FONT, fontSize: 11, bold: true, color: hex6(INK), align: 'center', margin: 0 });
  slide.addText('Impact →', { x: plot.x - axis - plot.h / 2 + 0.15, y: plot.y + plot.h / 2 - 0.13, w: plot.h, h: 0.26, rotate: 270, fontFace: FONT, fontSize: 11, bold: true, color: hex6(INK), align: 'center', margin: 0 });

  // Cards, several to a cell when they share a score.
  const byCell = new Map<string, MatrixItem[]>();
  for (const m of scored) {
    const key = `${m.effort}:${m.impact}`;
    const list = byCell.get(key);
    if (list) list.push(m);
    else byCell.set(key, [m]);
  }
  const MAX_IN_CELL = 6;
  for (const [key, items] of byCell) {
    const [e, i] = key.split(':').map(Number) as [number, number];
    const box = cellBox(e, i);
    const shown = items.length > MAX_IN_CELL ? items.slice(0, MAX_IN_CELL - 1) : items;
    const slots = shown.length + (items.length > shown.length ? 1 : 0);
    const cols = slots <= 2 ? slots : Math.min(3, Math.ceil(Math.sqrt(slots)));
    const rows = Math.ceil(slots / cols);
    const gap = 0.05;
    const w = (box.w - gap * (cols + 1)) / cols;
    const h = (box.h - gap * (rows + 1)) / rows;
    const size = slots === 1 ? 9 : slots <= 2 ? 8 : 7;
    const max = slots === 1 ? 90 : slots <= 2 ? 50 : 28;
    shown.forEach((m, k) => {
      const x = box.x + gap + (k % cols) * (w + gap);
      const y = box.y + gap + Math.floor(k / cols) * (h + gap);
      const votes = m.votes ? [{ text: `\n● ${m.votes}`, options: { bold: true, fontSize: size } }] : [];
      slide.addText([{ text: slideText(m.note.text, max), options: { fontSize: size } }, ...votes], {
        x,
        y,
        w,
        h,
        fontFace: FONT,
        color: hex6(INK),
        fill: { color: hex6(NOTE_FILL[m.note.color]) },
        line: { color: hex6(NOTE_EDGE[m.note.color]), width: 0.5 },
        valign: 'top',
        margin: 2,
        objectName: `Opportunity ${m.note.id}`,
      });
    });
    if (items.length > shown.length) {
      const k = shown.length;
      slide.addText(`+${items.length - shown.length} more`, { x: box.x + gap + (k % cols) * (w + gap), y: box.y + gap + Math.floor(k / cols) * (h + gap), w, h, fontFace: FONT, fontSize: 8, italic: true, color: hex6(MUTED_INK), align: 'center', valign: 'middle', margin: 1 });
    }
  }
  if (trayW) {
    const x = W - MARGIN - trayW;
    slide.addShape('rect', { x, y: plot.y, w: trayW, h: plot.h, fill: { color: hex6(HEADER_FILL) }, line: { color: hex6(GRID_LINE), width: 0.75 } });
    const shown = unscored.slice(0, 14);
    slide.addText(
      [
        { text: 'Not scored yet', options: { bold: true, fontSize: 12, breakLine: true } },
        ...shown.map((m) => ({ text: slideText(m.note.text, 70), options: { fontSize: 9, bullet: true, breakLine: true } })),
        ...(unscored.length > shown.length ? [{ text: `and ${unscored.length - shown.length} more`, options: { fontSize: 9, italic: true } }] : []),
      ],
      { x: x + 0.08, y: plot.y + 0.08, w: trayW - 0.16, h: plot.h - 0.16, fontFace: FONT, color: hex6(INK), valign: 'top', margin: 2, paraSpaceAfter: 2 },
    );
  }
}

/** Now / Next / Later / Not doing, as columns of cards in roadmap order; continued when a column is full. */
function roadmapSlides(pptx: PptxGenJS, report: Report): void {
  const gap = 0.2;
  const colW = (W - 2 * MARGIN - gap * 3) / 4;
  const headH = 0.42;
  const cardH = 0.98;
  const top = BODY_TOP + 0.2;
  const perCol = Math.floor((H - 0.3 - top - headH - 0.1) / (cardH + 0.1));
  const pages = Math.max(1, ...report.roadmap.map((c) => Math.ceil(c.items.length / perCol)));
  for (let p = 0; p < pages; p++) {
    const slide = pptx.addSlide();
    addTitle(slide, pages > 1 ? `Roadmap (${p + 1} of ${pages})` : 'Roadmap', report.roadmap.map((c) => `${c.label} ${c.items.length}`).join(' · '));
    report.roadmap.forEach((column, k) => {
      const x = MARGIN + k * (colW + gap);
      slide.addText(column.label, { x, y: top, w: colW, h: headH, fontFace: FONT, fontSize: 14, bold: true, color: hex6(INK), fill: { color: hex6(HEADER_FILL) }, line: { color: hex6(GRID_LINE), width: 0.75 }, valign: 'middle', margin: 6 });
      const items = column.items.slice(p * perCol, (p + 1) * perCol);
      if (items.length === 0 && p === 0) {
        slide.addText('Nothing yet', { x, y: top + headH + 0.1, w: colW, h: 0.4, fontFace: FONT, fontSize: 11, italic: true, color: hex6(MUTED_INK), margin: 6 });
      }
      items.forEach((item, i) => roadmapCard(slide, item, p * perCol + i + 1, { x, y: top + headH + 0.1 + i * (cardH + 0.1), w: colW, h: cardH }));
    });
  }
}

function roadmapCard(slide: Slide, item: RoadmapItem, order: number, box: { x: number; y: number; w: number; h: number }): void {
  const facts = [item.owner ? slideText(item.owner, 30) : '', item.due ? `due ${item.due}` : '', item.stage ? slideText(item.stage.name, 30) : '', votesLabel(item.votes && item.votes > 0 ? item.votes : null)].filter(Boolean).join(' · ');
  const pains = item.pains.length ? `Answers: ${item.pains.map((p) => slideText(p.text, 40)).join('; ')}` : '';
  slide.addText(
    [
      { text: `${order}. ${slideText(item.note.text, 110)}`, options: { fontSize: 10, bold: true, breakLine: true } },
      ...(facts ? [{ text: facts, options: { fontSize: 8.5, color: hex6(MUTED_INK), breakLine: true } }] : []),
      ...(pains ? [{ text: slideText(pains, 110), options: { fontSize: 8, italic: true, color: hex6(MUTED_INK) } }] : []),
    ],
    { ...box, fontFace: FONT, color: hex6(INK), fill: { color: hex6(NOTE_FILL[item.note.color]) }, line: { color: hex6(NOTE_EDGE[item.note.color]), width: 0.75 }, valign: 'top', margin: 4, objectName: `Roadmap ${item.note.id}` },
  );
}

/** The metrics as a native table (continued when long), then value against target as native bar charts. */
function metricSlides(pptx: PptxGenJS, report: Report): void {
  listSlides<MetricRow>(
    pptx,
    'Metrics',
    'Per stage and for the whole map, against target',
    [
      { title: 'Stage', width: 2.4, value: (m) => slideText(m.scope, 60) },
      { title: 'Metric', width: 1.5, value: (m) => m.label },
      { title: 'Value', width: 1.3, align: 'right', value: (m) => m.valueText || NO_FIGURE },
      { title: 'Target', width: 1.3, align: 'right', value: (m) => m.targetText || NO_FIGURE },
      { title: 'Status', width: 2, value: (m) => m.statusText || NO_FIGURE, tone: (m) => (m.status === 'unset' ? null : METRIC_STATUS_COLOR[m.status]) },
      { title: 'Source', width: 2.4, value: (m) => slideText(m.source, 80) || '–' },
      { title: 'Date', width: 1.5, value: (m) => m.date ?? '–' },
    ],
    report.metrics,
    '',
  );
  const kinds = METRIC_KINDS.filter((k) => report.metrics.some((m) => m.kind === k && (m.value !== null || m.target !== null)));
  if (kinds.length === 0) return;
  const slide = pptx.addSlide();
  addTitle(slide, 'Metrics against target', 'Value and target per stage; edit the data in PowerPoint (right-click the chart)');
  const cols = Math.min(3, kinds.length);
  const rows = Math.ceil(kinds.length / cols);
  const gap = 0.25;
  const top = BODY_TOP + 0.15;
  const cw = (W - 2 * MARGIN - gap * (cols - 1)) / cols;
  const chH = (H - 0.3 - top - gap * (rows - 1)) / rows;
  kinds.forEach((kind, k) => {
    const rowsOf = report.metrics.filter((m) => m.kind === kind);
    const labels = rowsOf.map((m) => slideText(m.scope, 24));
    // The figures rounded as the board and the table show them; a missing one is a gap (no bar, no
    // label), not a 0 (pptxgenjs writes an empty point for null, though its type says number).
    const figures = (pick: (m: MetricRow) => number | null) => rowsOf.map((m) => pick(m)).map((v) => (v === null ? null : roundFigure(v))) as unknown as number[];
    const shown = rowsOf.flatMap((m) => [m.value, m.target]).filter((v): v is number => v !== null).map(roundFigure);
    // Labels in the board's digits: General drops a ".0" as the board does; NPS keeps its sign.
    const labelFormat = kind !== 'nps' ? 'General' : shown.every(Number.isInteger) ? '"+"0;"-"0;0' : '"+"0.0;"-"0.0;0.0';
    slide.addChart(
      'bar',
      [
        { name: 'Value', labels, values: figures((m) => m.value) },
        { name: 'Target', labels, values: figures((m) => m.target) },
      ],
      {
        x: MARGIN + (k % cols) * (cw + gap),
        y: top + Math.floor(k / cols) * (chH + gap),
        w: cw,
        h: chH,
        barDir: 'col',
        barGrouping: 'clustered',
        chartColors: ['2F6BFF', 'B8C2D0'],
        showTitle: true,
        title: METRIC_LABELS[kind] + (kind === 'conversion' || kind === 'churn' ? ' (%)' : ''),
        titleFontFace: FONT,
        titleFontSize: 13,
        showLegend: true,
        legendPos: 'b',
        legendFontSize: 9,
        legendFontFace: FONT,
        catAxisLabelFontSize: 9,
        catAxisLabelFontFace: FONT,
        valAxisLabelFontSize: 9,
        valAxisLabelFontFace: FONT,
        valGridLine: { color: hex6(GRID_LINE), size: 0.5 },
        showValue: true,
        dataLabelFontSize: 8,
        dataLabelFormatCode: labelFormat,
      },
    );
  });
}

/** The workshop's minutes: when each step ran, how long it took against its plan, what it produced. */
function workshopSlides(pptx: PptxGenJS, report: Report): void {
  const took = report.minutes.reduce((s, m) => s + m.spentMs, 0);
  const planned = report.minutes.reduce((s, m) => s + m.plannedMinutes, 0);
  listSlides<MinutesRow>(
    pptx,
    'Workshop',
    `${report.minutes.length} ${report.minutes.length === 1 ? 'step' : 'steps'} run · took ${durationText(took)} of ${planned} min planned`,
    [
      { title: 'Step', width: 3.2, value: (m) => slideText(m.title, 80) },
      { title: 'Started (UTC)', width: 1.9, value: (m) => (m.startedAt === null ? '–' : new Date(m.startedAt).toISOString().slice(0, 16).replace('T', ' ')) },
      { title: 'Planned', width: 1.1, align: 'right', value: (m) => `${m.plannedMinutes} min` },
      { title: 'Took', width: 1.1, align: 'right', value: (m) => durationText(m.spentMs) },
      { title: 'Notes added', width: 1.2, align: 'right', value: (m) => String(m.notesAdded) },
      {
        title: 'Vote results',
        width: 4,
        value: (m) =>
          m.round && m.round.results.length
            ? m.round.results
                .slice(0, 3)
                .map((x) => `${slideText(x.note.text, 40)} (${x.votes})`)
                .join('; ')
            : '–',
      },
    ],
    report.minutes,
    '',
  );
}

/** The prioritising and workshop slides, each only when the map has something for it. */
export function prioritySlides(pptx: PptxGenJS, report: Report): void {
  if (report.matrix.scored.length > 0) matrixSlide(pptx, report);
  if (report.roadmapCount > 0) roadmapSlides(pptx, report);
  if (report.metrics.length > 0) metricSlides(pptx, report);
  if (report.minutes.length > 0) workshopSlides(pptx, report);
}
