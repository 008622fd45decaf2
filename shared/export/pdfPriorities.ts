/**
 * The PDF export's prioritising and workshop pages (A4 landscape, after the map), each only when
 * the map has something for it: the pain points that hurt most (votes × severity), the vote results
 * per round (no names in an anonymous round: the report carries none), the impact/effort matrix
 * drawn as a 2x2 with the opportunities placed by score, the Now / Next / Later / Not doing roadmap,
 * the metrics against target, and the workshop's minutes.
 *
 * Text goes through the PDF's own writer (pdf.ts), so it is encoded like the rest of the document.
 */
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { NO_FIGURE } from '../prioritise/metrics';
import { ACCENT, GRID_LINE, HEADER_FILL, INK, METRIC_STATUS_COLOR, MUTED_INK, NOTE_EDGE, NOTE_FILL, rgb01 } from './palette';
import { durationText, QUADRANTS, quadrantOf, type MatrixItem, type QuadrantId, type Report, type RoadmapItem } from './report';

/** The text drawing pdf.ts's writer offers (measured, wrapped, encoded for the document's fonts). */
export interface PdfWriter {
  readonly font: PDFFont;
  readonly bold: PDFFont;
  wrap(text: string, size: number, width: number, font?: PDFFont): string[];
  block(page: PDFPage, text: string, box: { x: number; top: number; width: number; height: number }, size: number, ink: Color, font?: PDFFont): number;
  line(page: PDFPage, text: string, x: number, y: number, size: number, width: number, ink: Color, font?: PDFFont): void;
}

type PdfLib = typeof import('pdf-lib');

/** A4 landscape, in points, and its margin. */
const PW = 841.89;
const PH = 595.28;
const M = 48;

const QUADRANT_FILL: Record<QuadrantId, string> = { quick_win: '#e5f5e0', big_bet: '#e3ecfb', fill_in: '#f1f3f5', money_pit: '#fbe6e6' };
const QUADRANT_INK: Record<QuadrantId, string> = { quick_win: '#2e7d32', big_bet: '#1f4fb8', fill_in: '#5f6b7a', money_pit: '#b3261e' };

/** One column of a table page: a share of the width and how to read the cell. */
interface Column<T> {
  title: string;
  width: number;
  value: (row: T, index: number) => string;
  /** A cell's text colour and fill (a metric's status), or null for plain ink. */
  tone?: (row: T) => { ink: string; fill: string } | null;
}

class Pages {
  private readonly rgb: (hex: string) => Color;
  constructor(
    private readonly doc: PDFDocument,
    private readonly w: PdfWriter,
    lib: PdfLib,
  ) {
    this.rgb = (hex) => {
      const c = rgb01(hex);
      return lib.rgb(c.r, c.g, c.b);
    };
  }

  /** A new page with a title and a subtitle; returns the page and where its body starts. */
  page(title: string, subtitle: string): { page: PDFPage; top: number } {
    const page = this.doc.addPage([PW, PH]);
    this.w.line(page, title, M, PH - M - 22, 22, PW - 2 * M, this.rgb(INK), this.w.bold);
    if (subtitle) this.w.line(page, subtitle, M, PH - M - 44, 12, PW - 2 * M, this.rgb(MUTED_INK));
    page.drawLine({ start: { x: M, y: PH - M - 54 }, end: { x: PW - M, y: PH - M - 54 }, thickness: 1.5, color: this.rgb(ACCENT) });
    return { page, top: PH - M - 70 };
  }

  /** A table with a header row, wrapped cells, continued on as many pages as it needs. */
  table<T>(title: string, subtitle: string, columns: Column<T>[], rows: T[]): void {
    const size = 10;
    const lineH = size * 1.2;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * (PW - 2 * M));
    let part = 1;
    let { page, top } = this.page(title, subtitle);
    const header = () => {
      const h = 20;
      page.drawRectangle({ x: M, y: top - h, width: PW - 2 * M, height: h, color: this.rgb(HEADER_FILL) });
      let x = M;
      columns.forEach((c, i) => {
        this.w.line(page, c.title, x + 5, top - 14, size, widths[i]! - 10, this.rgb(INK), this.w.bold);
        x += widths[i]!;
      });
      top -= h;
    };
    header();
    rows.forEach((row, r) => {
      const cells = columns.map((c, i) => this.w.wrap(c.value(row, r).replace(/\s+/g, ' ').trim(), size, widths[i]! - 10).slice(0, 6));
      const h = 8 + Math.max(1, ...cells.map((l) => l.length)) * lineH;
      if (top - h < M) {
        part += 1;
        ({ page, top } = this.page(`${title} (continued, ${part})`, subtitle));
        header();
      }
      let x = M;
      columns.forEach((c, i) => {
        const text = cells[i]!.join('\n');
        const tone = c.tone?.(row) ?? null;
        if (tone) page.drawRectangle({ x: x + 1, y: top - h + 1, width: widths[i]! - 2, height: h - 2, color: this.rgb(tone.fill) });
        this.w.block(page, text, { x: x + 5, top: top - 3, width: widths[i]! - 10, height: h - 4 }, size, this.rgb(tone?.ink ?? INK));
        x += widths[i]!;
      });
      top -= h;
      page.drawLine({ start: { x: M, y: top }, end: { x: PW - M, y: top }, thickness: 0.5, color: this.rgb(GRID_LINE) });
    });
  }

  /** The 2x2: effort across, impact up, a 5 × 5 grid of score cells with the opportunities in theirs. */
  matrix(report: Report): void {
    const { scored, unscored } = report.matrix;
    const from = report.votesFrom.opportunity;
    const { page, top } = this.page('Impact and effort', `${scored.length} scored${unscored.length ? `, ${unscored.length} not yet` : ''}${from ? `   |   votes from "${from.title}"` : ''}`);
    const trayW = unscored.length ? 170 : 0;
    const plot = { x: M + 28, y: M + 30, w: PW - 2 * M - 28 - (trayW ? trayW + 16 : 0), h: top - M - 30 };
    const cw = plot.w / 5;
    const ch = plot.h / 5;
    // Cell (effort e, impact i), 1-based, as a rectangle with its bottom-left corner (PDF y grows up).
    const cellAt = (e: number, i: number) => ({ x: plot.x + (e - 1) * cw, y: plot.y + (i - 1) * ch, width: cw, height: ch });
    for (let e = 1; e <= 5; e++) for (let i = 1; i <= 5; i++) page.drawRectangle({ ...cellAt(e, i), color: this.rgb(QUADRANT_FILL[quadrantOf(i, e)]) });
    page.drawRectangle({ x: plot.x, y: plot.y, width: plot.w, height: plot.h, borderColor: this.rgb(GRID_LINE), borderWidth: 1 });
    for (let e = 1; e < 5; e++) {
      if (quadrantOf(5, e) !== quadrantOf(5, e + 1)) page.drawLine({ start: { x: plot.x + e * cw, y: plot.y }, end: { x: plot.x + e * cw, y: plot.y + plot.h }, thickness: 1, color: this.rgb(MUTED_INK), dashArray: [4, 3] });
    }
    for (let i = 1; i < 5; i++) {
      if (quadrantOf(i, 1) !== quadrantOf(i + 1, 1)) page.drawLine({ start: { x: plot.x, y: plot.y + i * ch }, end: { x: plot.x + plot.w, y: plot.y + i * ch }, thickness: 1, color: this.rgb(MUTED_INK), dashArray: [4, 3] });
    }
    const corner: Record<QuadrantId, [number, number, boolean, boolean]> = { quick_win: [1, 5, false, true], big_bet: [5, 5, true, true], fill_in: [1, 1, false, false], money_pit: [5, 1, true, false] };
    for (const q of QUADRANTS) {
      const [e, i, right, upper] = corner[q.id];
      const c = cellAt(e, i);
      this.w.line(page, q.label, right ? c.x + c.width - 80 : c.x + 4, upper ? c.y + c.height - 13 : c.y + 4, 11, 76, this.rgb(QUADRANT_INK[q.id]), this.w.bold);
    }
    for (let k = 1; k <= 5; k++) {
      this.w.line(page, String(k), plot.x + (k - 0.5) * cw - 3, plot.y - 12, 9, 12, this.rgb(MUTED_INK));
      this.w.line(page, String(k), plot.x - 12, plot.y + (k - 0.5) * ch - 3, 9, 12, this.rgb(MUTED_INK));
    }
    this.w.line(page, 'Effort ->', plot.x + plot.w / 2 - 25, plot.y - 26, 11, 80, this.rgb(INK), this.w.bold);
    this.w.line(page, 'Impact', M - 6, plot.y + plot.h + 6, 11, 60, this.rgb(INK), this.w.bold);

    const byCell = new Map<string, MatrixItem[]>();
    for (const m of scored) {
      const key = `${m.effort}:${m.impact}`;
      const list = byCell.get(key);
      if (list) list.push(m);
      else byCell.set(key, [m]);
    }
    for (const [key, items] of byCell) {
      const [e, i] = key.split(':').map(Number) as [number, number];
      const c = cellAt(e, i);
      const shown = items.length > 4 ? items.slice(0, 3) : items;
      const slots = shown.length + (items.length > shown.length ? 1 : 0);
      const gap = 3;
      const h = (c.height - gap * (slots + 1)) / slots;
      shown.forEach((m, k) => {
        const y = c.y + c.height - gap - (k + 1) * h - k * gap;
        page.drawRectangle({ x: c.x + gap, y, width: c.width - 2 * gap, height: h, color: this.rgb(NOTE_FILL[m.note.color]), borderColor: this.rgb(NOTE_EDGE[m.note.color]), borderWidth: 0.5 });
        const size = slots === 1 ? 8 : 7;
        const label = m.votes ? `${m.note.text.trim()} (${m.votes} ${m.votes === 1 ? 'vote' : 'votes'})` : m.note.text.trim();
        this.w.block(page, label, { x: c.x + gap + 3, top: y + h - 2, width: c.width - 2 * gap - 6, height: h - 3 }, size, this.rgb(INK));
      });
      if (items.length > shown.length) this.w.line(page, `+${items.length - shown.length} more`, c.x + gap + 3, c.y + gap + 3, 7, c.width - 12, this.rgb(MUTED_INK));
    }
    if (trayW) {
      const x = PW - M - trayW;
      page.drawRectangle({ x, y: plot.y, width: trayW, height: plot.h, color: this.rgb(HEADER_FILL), borderColor: this.rgb(GRID_LINE), borderWidth: 0.75 });
      this.w.line(page, 'Not scored yet', x + 8, plot.y + plot.h - 16, 11, trayW - 16, this.rgb(INK), this.w.bold);
      let y = plot.y + plot.h - 32;
      for (let k = 0; k < unscored.length; k++) {
        if (y < plot.y + 16) {
          this.w.line(page, `and ${unscored.length - k} more`, x + 8, y, 8, trayW - 16, this.rgb(MUTED_INK));
          break;
        }
        y -= this.w.block(page, `- ${unscored[k]!.note.text.trim()}`, { x: x + 8, top: y + 9, width: trayW - 16, height: 20 }, 8, this.rgb(INK)) + 2;
      }
    }
  }

  /** Now / Next / Later / Not doing, as columns of cards in roadmap order. */
  roadmap(report: Report): void {
    const gap = 12;
    const colW = (PW - 2 * M - 3 * gap) / 4;
    const cardH = 58;
    const subtitle = report.roadmap.map((c) => `${c.label} ${c.items.length}`).join('   |   ');
    let part = 1;
    let { page, top } = this.page('Roadmap', subtitle);
    const perCol = Math.floor((top - 24 - M) / (cardH + 6));
    const pages = Math.max(1, ...report.roadmap.map((c) => Math.ceil(c.items.length / perCol)));
    for (let p = 0; p < pages; p++) {
      if (p > 0) {
        part += 1;
        ({ page, top } = this.page(`Roadmap (continued, ${part})`, subtitle));
      }
      report.roadmap.forEach((column, k) => {
        const x = M + k * (colW + gap);
        page.drawRectangle({ x, y: top - 20, width: colW, height: 20, color: this.rgb(HEADER_FILL), borderColor: this.rgb(GRID_LINE), borderWidth: 0.5 });
        this.w.line(page, column.label, x + 6, top - 14, 11, colW - 12, this.rgb(INK), this.w.bold);
        const items = column.items.slice(p * perCol, (p + 1) * perCol);
        if (!items.length && p === 0) this.w.line(page, 'Nothing yet', x + 6, top - 38, 9, colW - 12, this.rgb(MUTED_INK));
        items.forEach((item, i) => this.roadmapCard(page, item, p * perCol + i + 1, x, top - 26 - i * (cardH + 6), colW, cardH));
      });
    }
  }

  private roadmapCard(page: PDFPage, item: RoadmapItem, order: number, x: number, top: number, width: number, height: number): void {
    page.drawRectangle({ x, y: top - height, width, height, color: this.rgb(NOTE_FILL[item.note.color]), borderColor: this.rgb(NOTE_EDGE[item.note.color]), borderWidth: 0.75 });
    const facts = [item.owner ?? '', item.due ? `due ${item.due}` : '', item.stage?.name ?? '', item.votes ? `${item.votes} ${item.votes === 1 ? 'vote' : 'votes'}` : ''].filter(Boolean).join(' | ');
    const pains = item.pains.length ? `Answers: ${item.pains.map((p) => p.text.trim()).join('; ')}` : '';
    const lines = (facts ? 1 : 0) + (pains ? 1 : 0);
    this.w.block(page, `${order}. ${item.note.text.trim()}`, { x: x + 5, top: top - 3, width: width - 10, height: height - 6 - lines * 10 }, 9, this.rgb(INK), this.w.bold);
    if (facts) this.w.line(page, facts, x + 5, top - height + 4 + (pains ? 10 : 0), 7.5, width - 10, this.rgb(MUTED_INK));
    if (pains) this.w.line(page, pains, x + 5, top - height + 4, 7.5, width - 10, this.rgb(MUTED_INK));
  }
}

/** The prioritising and workshop pages, each only when the map has something for it. */
export function priorityPages(doc: PDFDocument, w: PdfWriter, lib: PdfLib, report: Report): void {
  const pages = new Pages(doc, w, lib);
  if (report.painsRanked && report.pains.length) {
    const from = report.votesFrom.pain_point;
    const top = report.pains.slice(0, 10);
    pages.table(
      'Top pain points',
      `By votes x severity${from ? `; votes from "${from.title}"` : ''}`,
      [
        { title: '#', width: 0.4, value: (_p, i) => String(i + 1) },
        { title: 'Pain point', width: 6, value: (p) => p.note.text },
        { title: 'Stage', width: 1.8, value: (p) => p.stage?.name ?? '' },
        { title: 'Votes', width: 0.8, value: (p) => (p.votes === null ? '-' : String(p.votes)) },
        { title: 'Severity', width: 0.9, value: (p) => (p.severity === null ? '-' : `${p.severity} / 5`) },
        { title: 'Reach', width: 0.8, value: (p) => (p.reach === null ? '-' : `${p.reach} / 5`) },
      ],
      top,
    );
  }
  const voted = report.rounds.filter((r) => r.results.length > 0);
  if (voted.length) {
    const rows = voted.flatMap((round) => round.results.map((result, rank) => ({ round, result, rank })));
    pages.table(
      'Votes',
      `${voted.length} ${voted.length === 1 ? 'round' : 'rounds'} with votes`,
      [
        { title: 'Round', width: 2.2, value: (r) => (r.rank === 0 ? `${r.round.title} (${r.round.status}${r.round.anonymous ? ', anonymous' : ''})` : '') },
        { title: 'Note', width: 5, value: (r) => r.result.note.text },
        { title: 'Votes', width: 0.8, value: (r) => String(r.result.votes) },
        {
          title: 'From',
          width: 2.6,
          value: (r) =>
            r.result.byParticipant
              ? [...r.round.participants.map((p, k) => (r.result.byParticipant![k] ? `${p.name} ${r.result.byParticipant![k]}` : '')), r.result.byParticipant.at(-1) ? `typed ${r.result.byParticipant.at(-1)}` : '']
                  .filter(Boolean)
                  .join(', ')
              : 'anonymous',
        },
      ],
      rows,
    );
  }
  if (report.matrix.scored.length) pages.matrix(report);
  if (report.roadmapCount) pages.roadmap(report);
  if (report.metrics.length) {
    pages.table(
      'Metrics',
      'Per stage and for the whole map, against target',
      [
        { title: 'Stage', width: 2.2, value: (m) => m.scope },
        { title: 'Metric', width: 1.3, value: (m) => m.label },
        { title: 'Value', width: 1.1, value: (m) => m.valueText || NO_FIGURE },
        { title: 'Target', width: 1.1, value: (m) => m.targetText || NO_FIGURE },
        { title: 'Status', width: 1.6, value: (m) => m.statusText || NO_FIGURE, tone: (m) => (m.status === 'unset' ? null : METRIC_STATUS_COLOR[m.status]) },
        { title: 'Source', width: 2.4, value: (m) => m.source || NO_FIGURE },
        { title: 'Date', width: 1.2, value: (m) => m.date ?? NO_FIGURE },
      ],
      report.metrics,
    );
  }
  if (report.minutes.length) {
    const took = report.minutes.reduce((s, m) => s + m.spentMs, 0);
    const planned = report.minutes.reduce((s, m) => s + m.plannedMinutes, 0);
    pages.table(
      'Workshop',
      `${report.minutes.length} ${report.minutes.length === 1 ? 'step' : 'steps'} run; took ${durationText(took)} of ${planned} min planned`,
      [
        { title: 'Step', width: 2.6, value: (m) => m.title },
        { title: 'Started (UTC)', width: 1.6, value: (m) => (m.startedAt === null ? '-' : new Date(m.startedAt).toISOString().slice(0, 16).replace('T', ' ')) },
        { title: 'Planned', width: 0.9, value: (m) => `${m.plannedMinutes} min` },
        { title: 'Took', width: 0.9, value: (m) => durationText(m.spentMs) },
        { title: 'Notes added', width: 1, value: (m) => String(m.notesAdded) },
        {
          title: 'Vote results',
          width: 3.4,
          value: (m) =>
            m.round && m.round.results.length
              ? m.round.results
                  .slice(0, 3)
                  .map((x) => `${x.note.text.trim()} (${x.votes})`)
                  .join('; ')
              : '-',
        },
      ],
      report.minutes,
    );
  }
}
