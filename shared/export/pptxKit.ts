/**
 * What every slide of the PowerPoint export shares: the slide's size and margins, its font, text
 * made safe for the slide's XML, the title band, table cells, and tables of items continued over as
 * many slides as they need. Used by pptx.ts (the journey) and pptxPriorities.ts (prioritising and
 * the workshop).
 */
import type PptxGenJS from 'pptxgenjs';
import { ACCENT, GRID_LINE, HEADER_FILL, hex6, INK, MUTED_INK } from './palette';

export type Slide = PptxGenJS.Slide;

/** The slide, in inches (PowerPoint's 16:9 "Widescreen"). */
export const W = 13.333;
export const H = 7.5;
export const MARGIN = 0.5;
export const FONT = 'Calibri';
/** Pain points on the "Top pain points" slide. */
export const TOP_PAINS = 10;
/** Rows per list slide before it continues on the next. */
export const ROWS_PER_LIST_SLIDE = 10;
/** Where a slide's body starts, below its title. */
export const BODY_TOP = 1.35;

/** Characters XML 1.0 cannot hold (they would make the file unreadable): dropped. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as a slide holds it: XML-safe, trimmed, optionally shortened with an ellipsis. */
export function slideText(text: string, max = Number.POSITIVE_INFINITY): string {
  const t = text.replace(XML_INVALID, '').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

export function addTitle(slide: Slide, title: string, subtitle?: string): void {
  slide.addText(slideText(title, 120), {
    x: MARGIN,
    y: 0.3,
    w: W - 2 * MARGIN,
    h: 0.6,
    fontFace: FONT,
    fontSize: 26,
    bold: true,
    color: hex6(INK),
    valign: 'middle',
    margin: 0,
  });
  if (subtitle) {
    slide.addText(slideText(subtitle, 240), {
      x: MARGIN,
      y: 0.88,
      w: W - 2 * MARGIN,
      h: 0.36,
      fontFace: FONT,
      fontSize: 13,
      color: hex6(MUTED_INK),
      valign: 'middle',
      margin: 0,
    });
  }
  slide.addShape('line', { x: MARGIN, y: 1.26, w: W - 2 * MARGIN, h: 0, line: { color: hex6(ACCENT), width: 1.5 } });
}


export const cell = (text: string, options: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell => ({ text, options });

/** A column of a list slide. */
export interface ListColumn<T> {
  title: string;
  width: number;
  value: (item: T, rank: number) => string;
  align?: PptxGenJS.HAlign;
  /** A cell's text colour and fill (a metric's status), or null for plain ink. */
  tone?: (item: T) => { ink: string; fill: string } | null;
}

/** A titled table of notes, continued over as many slides as it needs (at least one). */
export function listSlides<T>(pptx: PptxGenJS, title: string, subtitle: string, columns: ListColumn<T>[], notes: T[], empty: string): void {
  const border: PptxGenJS.BorderProps = { type: 'solid', pt: 0.75, color: hex6(GRID_LINE) };
  const pages = Math.max(1, Math.ceil(notes.length / ROWS_PER_LIST_SLIDE));
  const total = columns.reduce((s, c) => s + c.width, 0);
  for (let p = 0; p < pages; p++) {
    const slide = pptx.addSlide();
    addTitle(slide, pages > 1 ? `${title} (${p + 1} of ${pages})` : title, subtitle);
    const chunk = notes.slice(p * ROWS_PER_LIST_SLIDE, (p + 1) * ROWS_PER_LIST_SLIDE);
    if (chunk.length === 0) {
      slide.addText(empty, { x: MARGIN, y: BODY_TOP + 0.3, w: W - 2 * MARGIN, h: 0.5, fontFace: FONT, fontSize: 16, color: hex6(MUTED_INK), margin: 0 });
      continue;
    }
    const head = { bold: true, fill: { color: hex6(HEADER_FILL) }, color: hex6(INK), border };
    const rows: PptxGenJS.TableRow[] = [
      columns.map((c) => cell(c.title, { ...head, align: c.align ?? 'left' })),
      ...chunk.map((n, i) =>
        columns.map((c) => {
          const tone = c.tone?.(n);
          const look: PptxGenJS.TableCellProps = tone ? { color: hex6(tone.ink), fill: { color: hex6(tone.fill) }, bold: true } : { color: hex6(INK) };
          return cell(c.value(n, p * ROWS_PER_LIST_SLIDE + i + 1), { align: c.align ?? 'left', border, ...look });
        }),
      ),
    ];
    slide.addTable(rows, {
      x: MARGIN,
      y: BODY_TOP + 0.25,
      w: W - 2 * MARGIN,
      colW: columns.map((c) => (c.width / total) * (W - 2 * MARGIN)),
      fontFace: FONT,
      fontSize: 12,
      valign: 'middle',
      margin: [4, 6, 4, 6],
    });
  }
}
