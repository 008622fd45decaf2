/**
 * The PDF export, built with pdf-lib. Given the font files (`options.fonts`, from resources/fonts/),
 * text in any script is embedded as font subsets, right-to-left lines read right to left, and the
 * text extracts exactly as typed (see pdfText.ts). Without them it falls back to the standard
 * Helvetica (nothing embedded), which only encodes WinAnsi (below).
 *
 * - `whole`: the whole map on one large page, as the board shows it: the frame grid with stage and
 *   lane headers, notes as coloured boxes with wrapped text, notes not yet placed beside the frame,
 *   and the emotion curve with a face per stage.
 * - `perStage`: a title page, then a page per stage listing its notes lane by lane (a stage whose
 *   notes do not fit continues on the next page).
 *
 * The standard fonts only encode WinAnsi (about Latin-1): every other character is replaced by a
 * close one (`ő` → `o`, `→` → `->`) or by `?`, so odd text never makes the export fail.
 */
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import type { JourneyMap, Note, Stage } from '../domain';
import { emotionCurve, emotionFace, mapStageEmotions, roomScoresOf, roomSummary, type StageEmotion } from '../journey/emotion';
import { FRAME_ORIGIN, layoutFrame, type Rect } from '../journey/frame';
import { graphemes, wrapText } from '../board/textFit';
import { KIND_LABELS, orderedNotes } from './model';
import { priorityPages } from './pdfPriorities';
import { reportOf } from './report';
import { isRightToLeft, UnicodeFonts, type PdfFontFiles } from './pdfText';
import { ACCENT, CURVE, CURVE_BAND, CURVE_BAND_EDGE, CURVE_BAND_OPACITY, GRID_LINE, HEADER_FILL, INK, MUTED_INK, NOTE_EDGE, NOTE_FILL, rgb01 } from './palette';

/** Options for {@link mapToPdf}. */
export interface PdfOptions {
  /** `whole`: the map on one large page. `perStage`: a title page, then a page per stage. */
  mode: 'whole' | 'perStage';
  /** Milliseconds since the epoch written as the document's dates. Default: the map's `updatedAt`. */
  exportedAt?: number;
  /** Fonts to embed so every script prints; without them, Helvetica and `winAnsiSafe`. */
  fonts?: PdfFontFiles;
}

type PdfLib = typeof import('pdf-lib');
let pdfLib: PdfLib | null = null;
/**
 * pdf-lib, loaded on first use so that importing the export barrel stays cheap for a renderer
 * that only writes CSV. Everything below runs after {@link mapToPdf} has loaded it.
 */
const lib = (): PdfLib => pdfLib!;
const color = (hex: string): Color => {
  const c = rgb01(hex);
  return lib().rgb(c.r, c.g, c.b);
};
const white = (): Color => lib().rgb(1, 1, 1);

/** Characters outside WinAnsi with a readable stand-in. */
const TRANSLITERATIONS: Record<string, string> = {
  '\u2212': '-', '\u2010': '-', '\u2011': '-', '\u2043': '-', '\u2192': '->', '\u2190': '<-', '\u2194': '<->',
  '\u21d2': '=>', '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2248': '~', '\u2713': 'v', '\u2714': 'v',
  '\u2717': 'x', '\u2718': 'x', '\u00a0': ' ', '\u2007': ' ', '\u2009': ' ', '\u200a': ' ', '\u202f': ' ',
  '\u200b': '', '\u200c': '', '\u200d': '', '\u2060': '', '\ufeff': '', '\ufe0f': '', '\ufe0e': '',
  '\u2032': "'", '\u2033': '"', '\u201b': "'", '\u201f': '"', '\u2039': '<', '\u203a': '>', '\u0141': 'L', '\u0142': 'l',
  '\u0110': 'D', '\u0111': 'd', '\u0131': 'i', '\u00df': 'ss', '\u0153': 'oe', '\u0152': 'OE', '\u00e6': 'ae', '\u00c6': 'AE',
};

/**
 * Makes text drawable with a WinAnsi standard font: keeps what the font encodes, transliterates or
 * strips accents from what it does not, and puts `?` for the rest (emoji, CJK, ...). Line breaks
 * are kept; other control characters become spaces.
 */
export function winAnsiSafe(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += '\n';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
    else if (supported.has(cp)) out += ch;
    else if (ch in TRANSLITERATIONS) out += TRANSLITERATIONS[ch];
    else {
      // 'ő' is 'o' plus a combining accent: keep the letter when the font has it.
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((c) => supported.has(c.codePointAt(0)!)) ? base : '?';
    }
  }
  return out;
}

/** Control characters other than line breaks, drawn as spaces. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** `text` less its last grapheme (an emoji or accented letter is never cut in half). */
const dropLast = (text: string): string => graphemes(text).slice(0, -1).join('');

/** Text drawing: sanitising, measuring and wrapping, with the embedded fonts or the standard ones. */
class Writer {
  private readonly supported: Set<number>;
  /** Width of each character at size 1, per font: measuring by the character is far faster than pdf-lib's per-string encoding. */
  private readonly widths = new Map<PDFFont, Map<string, number>>();
  constructor(
    readonly font: PDFFont,
    readonly bold: PDFFont,
    private readonly unicode: UnicodeFonts | null = null,
  ) {
    this.supported = new Set(font.getCharacterSet());
  }

  /**
   * The drawn width of sanitised text. Sums glyph widths without kerning, which is also how
   * pdf-lib draws (a plain Tj), so this is the exact width on the page.
   */
  width(text: string, size: number, font: PDFFont = this.font): number {
    let table = this.widths.get(font);
    if (!table) this.widths.set(font, (table = new Map()));
    let total = 0;
    for (const ch of text) {
      let cw = table.get(ch);
      if (cw === undefined) table.set(ch, (cw = (this.unicode?.fontFor(ch, font) ?? font).widthOfTextAtSize(ch, 1)));
      total += cw;
    }
    return total * size;
  }

  safe(text: string): string {
    return this.unicode ? text.replace(CONTROL, ' ') : winAnsiSafe(text, this.supported);
  }

  /** Width of a line as drawn (shaped); the per-character sum with the standard fonts. */
  private drawnWidth(line: string, size: number, font: PDFFont, rtl: boolean): number {
    return this.unicode ? this.unicode.lineWidth(line, size, font, rtl) : this.width(line, size, font);
  }

  /** The font each page is set to. */
  private readonly current = new WeakMap<PDFPage, PDFFont>();

  /**
   * Draws sanitised text. Passing `font` to pdf-lib's `drawText` adds a font resource per call
   * (quadratic on a page with thousands of notes), so the page's font is switched only on change.
   */
  private text(page: PDFPage, text: string, x: number, y: number, size: number, ink: Color, font: PDFFont, rtl = false): void {
    const setFont = (f: PDFFont) => {
      if (this.current.get(page) !== f) {
        page.setFont(f);
        this.current.set(page, f);
      }
    };
    if (this.unicode) {
      this.unicode.drawLine(page, page.doc, text, x, y, size, ink, font, rtl, setFont);
      return;
    }
    setFont(font);
    page.drawText(text, { x, y, size, color: ink });
  }

  /**
   * Lines of at most `width`, breaking at spaces (or inside a word too long for a line); with the
   * embedded fonts, also between the words of scripts written without spaces (as on the board).
   */
  wrap(text: string, size: number, width: number, font: PDFFont = this.font): string[] {
    if (this.unicode) return wrapText(this.safe(text), width, size, (t, s) => this.width(t, s, font));
    const lines: string[] = [];
    for (const para of this.safe(text).split('\n')) {
      let line = '';
      for (const word of para.split(/ +/)) {
        const tryLine = line ? `${line} ${word}` : word;
        if (this.width(tryLine, size, font) <= width) {
          line = tryLine;
          continue;
        }
        if (line) lines.push(line);
        line = '';
        let rest = word;
        while (this.width(rest, size, font) > width && rest.length > 1) {
          let cut = rest.length - 1;
          while (cut > 1 && this.width(rest.slice(0, cut), size, font) > width) cut = Math.floor(cut * 0.8);
          while (cut + 1 < rest.length && this.width(rest.slice(0, cut + 1), size, font) <= width) cut++;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  /** Wrapped text inside a box, top-aligned; what does not fit ends with an ellipsis. */
  block(page: PDFPage, text: string, box: { x: number; top: number; width: number; height: number }, size: number, ink: Color, font: PDFFont = this.font): number {
    const lineH = size * 1.2;
    const max = Math.max(1, Math.floor(box.height / lineH));
    let lines = this.wrap(text, size, box.width, font);
    if (lines.length > max) {
      lines = lines.slice(0, max);
      let last = lines[max - 1]!;
      while (last && this.width(`${last}...`, size, font) > box.width) last = dropLast(last);
      lines[max - 1] = `${last}...`;
    }
    // Arabic or Hebrew first: lines start at the right edge.
    const rtl = this.unicode !== null && isRightToLeft(text);
    lines.forEach((l, i) => {
      if (!l) return;
      const x = rtl ? box.x + Math.max(0, box.width - this.drawnWidth(l, size, font, rtl)) : box.x;
      this.text(page, l, x, box.top - size - i * lineH, size, ink, font, rtl);
    });
    return lines.length * lineH;
  }

  /** One line, cut with an ellipsis to fit `width`. */
  line(page: PDFPage, text: string, x: number, y: number, size: number, width: number, ink: Color, font: PDFFont = this.font): void {
    let t = this.safe(text).replace(/\s+/g, ' ').trim();
    if (this.width(t, size, font) > width) {
      while (t && this.width(`${t}...`, size, font) > width) t = dropLast(t);
      t = `${t}...`;
    }
    if (!t) return;
    const rtl = this.unicode !== null && isRightToLeft(t);
    const at = rtl ? x + Math.max(0, width - this.drawnWidth(t, size, font, rtl)) : x;
    this.text(page, t, at, y, size, ink, font, rtl);
  }
}

/** A face for an emotion level (-2..+2), drawn with vectors (Helvetica has no emoji). */
function drawFace(page: PDFPage, cx: number, cy: number, r: number, level: number): void {
  const ink = color(INK);
  page.drawCircle({ x: cx, y: cy, size: r, color: white(), borderColor: color(CURVE), borderWidth: r * 0.12 });
  page.drawCircle({ x: cx - r * 0.35, y: cy + r * 0.25, size: r * 0.11, color: ink });
  page.drawCircle({ x: cx + r * 0.35, y: cy + r * 0.25, size: r * 0.11, color: ink });
  // The mouth: a quadratic curve, up at the corners for a smile, down for a frown, flat for neutral.
  const bend = level * 0.22 * r;
  const w = r * 0.45;
  const my = r * 0.3; // SVG y grows downwards from (cx, cy)
  page.drawSvgPath(`M ${-w} ${my - bend / 2} Q 0 ${my + bend * 1.5} ${w} ${my - bend / 2}`, {
    x: cx,
    y: cy,
    borderColor: ink,
    borderWidth: r * 0.1,
    borderLineCap: lib().LineCapStyle.Round,
  });
}

function scoreText(e: StageEmotion): string {
  if (e.score === null) return 'No emotion yet';
  const room = e.room ? `; room: ${roomSummary(e.room)}` : '';
  return `${emotionFace(e.score).label} (${e.score > 0 ? '+' : ''}${e.score.toFixed(1)}${e.manual ? ', set' : ''}${room})`;
}

/** Largest page side PDF viewers accept (200 inches); bigger maps are scaled down to fit. */
const MAX_PAGE_SIDE = 14_400;
const FREE_GAP = 160;
const FREE_ACROSS = 4;

function notePointSize(text: string, width: number, height: number): number {
  const area = Math.max(1, (width - 16) * (height - 16));
  return Math.min(16, Math.max(7, Math.sqrt(area / (0.9 * Math.max(1, text.length)))));
}

function wholePage(doc: PDFDocument, w: Writer, map: JourneyMap, stages: Stage[], notes: Note[], emotions: StageEmotion[]): void {
  const lanes = [...map.lanes].sort((a, b) => a.position - b.position);
  const frame = layoutFrame({ origin: FRAME_ORIGIN, stages, lanes: lanes.map((l) => ({ id: l.id, kind: l.kind, collapsed: false })), notes });
  const hasFrame = stages.length > 0 || lanes.length > 0;
  const placed = new Set(frame.placements.map((p) => p.id));
  const free = notes.filter((n) => !placed.has(n.id));
  const freeRects: { note: Note; rect: Rect }[] = [];
  let right = hasFrame ? frame.rect.width : 0;
  let bottom = hasFrame ? frame.rect.height : 0;
  const freeLeft = hasFrame ? right + FREE_GAP : 0;
  if (free.length) {
    const gap = frame.options.gap;
    const maxWidth = FREE_ACROSS * (frame.options.noteSize + gap) - gap;
    let x = 0;
    let y = 56;
    let lineH = 0;
    for (const n of free) {
      if (x > 0 && x + n.width > maxWidth) {
        y += lineH + gap;
        x = 0;
        lineH = 0;
      }
      freeRects.push({ note: n, rect: { x: freeLeft + x, y, width: n.width, height: n.height } });
      x += n.width + gap;
      lineH = Math.max(lineH, n.height);
      right = Math.max(right, freeLeft + x - gap);
    }
    bottom = Math.max(bottom, y + lineH);
  }
  const margin = 48;
  const titleBand = 96;
  const contentW = Math.max(right, 600);
  const contentH = Math.max(bottom, 200);
  const scale = Math.min(1, (MAX_PAGE_SIDE - 2 * margin) / contentW, (MAX_PAGE_SIDE - 2 * margin - titleBand) / contentH);
  const pageW = contentW * scale + 2 * margin;
  const pageH = contentH * scale + 2 * margin + titleBand;
  const page = doc.addPage([pageW, pageH]);
  // Board (y down) to page (y up).
  const X = (bx: number) => margin + bx * scale;
  const Y = (by: number) => pageH - margin - titleBand - by * scale;
  const rect = (r: Rect, fill: Color, border: Color, borderWidth = 1) =>
    page.drawRectangle({ x: X(r.x), y: Y(r.y + r.height), width: r.width * scale, height: r.height * scale, color: fill, borderColor: border, borderWidth: borderWidth * scale });

  page.drawRectangle({ x: 0, y: 0, width: pageW, height: pageH, color: white() });
  w.line(page, map.title, margin, pageH - margin - 30, 30, pageW - 2 * margin, color(INK), w.bold);
  const persona = map.personas.find((p) => p.id === map.personaId);
  const sub = [persona ? `Persona: ${persona.name}${persona.role ? ` - ${persona.role}` : ''}` : '', `${notes.length} notes, ${stages.length} stages`].filter(Boolean).join('   |   ');
  w.line(page, sub, margin, pageH - margin - 58, 14, pageW - 2 * margin, color(MUTED_INK));
  page.drawLine({ start: { x: margin, y: pageH - margin - 72 }, end: { x: pageW - margin, y: pageH - margin - 72 }, thickness: 2, color: color(ACCENT) });

  const header = color(HEADER_FILL);
  const grid = color(GRID_LINE);
  if (hasFrame) {
    rect(frame.corner, header, grid);
    for (const col of frame.columns) {
      const s = stages[col.index]!;
      const h = col.header;
      rect(h, header, grid);
      const pad = 14;
      w.line(page, `${col.index + 1}. ${s.name}`, X(h.x + pad), Y(h.y + pad + 20), 20 * scale, (h.width - 2 * pad - 40) * scale, color(INK), w.bold);
      if (s.description) w.line(page, s.description, X(h.x + pad), Y(h.y + pad + 48), 14 * scale, (h.width - 2 * pad) * scale, color(MUTED_INK));
      if (s.goal) w.line(page, `Goal: ${s.goal}`, X(h.x + pad), Y(h.y + pad + 66), 12 * scale, (h.width - 2 * pad) * scale, color(INK));
      const e = emotions[col.index]!;
      if (e.score !== null) drawFace(page, X(h.x + h.width - pad - 14), Y(h.y + pad + 12), 14 * scale, emotionFace(e.score).level);
    }
    for (const row of frame.rows) {
      rect(row.header, header, grid);
      const h = row.header;
      w.block(page, lanes[row.index]!.name, { x: X(h.x + 14), top: Y(h.y + 14), width: (h.width - 28) * scale, height: (h.height - 28) * scale }, 17 * scale, color(INK), w.bold);
    }
    for (const c of frame.cells) rect(c.rect, white(), grid);
  }
  const byId = new Map(notes.map((n) => [n.id, n]));
  const drawNote = (n: Note, r: Rect) => {
    rect(r, color(NOTE_FILL[n.color]), color(NOTE_EDGE[n.color]));
    const size = notePointSize(n.text.trim(), r.width, r.height);
    w.block(page, n.text.trim(), { x: X(r.x + 8), top: Y(r.y + 8), width: (r.width - 16) * scale, height: (r.height - 16) * scale }, size * scale, color(INK));
  };
  for (const p of frame.placements) drawNote(byId.get(p.id)!, p);
  if (freeRects.length) {
    w.line(page, 'Not yet placed', X(freeLeft), Y(20), 20 * scale, 600 * scale, color(MUTED_INK), w.bold);
    for (const f of freeRects) drawNote(f.note, f.rect);
  }
  const curve = hasFrame ? emotionCurve(frame, emotions) : null;
  if (curve) {
    const x0 = X(frame.rect.x + frame.laneHeaderWidth);
    const x1 = X(frame.rect.x + frame.rect.width);
    for (const gy of [curve.top, (curve.top + curve.bottom) / 2, curve.bottom]) {
      page.drawLine({ start: { x: x0, y: Y(gy) }, end: { x: x1, y: Y(gy) }, thickness: 1.5 * scale, color: grid, dashArray: [6 * scale, 6 * scale] });
    }
    // The room's spread (issue 14): a light band from each stage's low to high score, n under its face.
    for (const band of curve.bands) {
      page.drawSvgPath(band.svgPath, { x: X(0), y: Y(0), scale, color: color(CURVE_BAND), opacity: CURVE_BAND_OPACITY, borderColor: color(CURVE_BAND_EDGE), borderWidth: 1.5 * scale });
    }
    const pointY = new Map(curve.points.map((p) => [p.stageId, p.y]));
    for (const s of curve.spreads) {
      const label = `n = ${s.n}`;
      const size = 13 * scale;
      w.line(page, label, X(s.x) - w.width(label, size, w.bold) / 2, Y(countY(curve, pointY.get(s.stageId) ?? s.lowY)), size, 200 * scale, color(MUTED_INK), w.bold);
    }
    if (curve.svgPath) {
      page.drawSvgPath(curve.svgPath, { x: X(0), y: Y(0), scale, borderColor: color(CURVE), borderWidth: 4, borderLineCap: lib().LineCapStyle.Round });
    }
    for (const p of curve.points) drawFace(page, X(p.x), Y(p.y), 16 * scale, emotionFace(p.score).level);
  }
}

/** Where "n = 7" goes: under the stage's face, or above it when the face is near the row's bottom. */
function countY(curve: { bottom: number }, y: number): number {
  return y + 36 <= curve.bottom + 24 ? y + 36 : y - 24;
}

/** A4 landscape, in points. */
const A4: [number, number] = [841.89, 595.28];

function perStagePages(doc: PDFDocument, w: Writer, map: JourneyMap, stages: Stage[], notes: Note[], emotions: StageEmotion[]): void {
  const [pw, ph] = A4;
  const m = 48;
  const ink = color(INK);
  const muted = color(MUTED_INK);
  const accent = color(ACCENT);

  // Title page.
  const title = doc.addPage(A4);
  let y = ph - m - 60;
  y -= w.block(title, map.title, { x: m, top: ph - m - 40, width: pw - 2 * m, height: 80 }, 32, ink, w.bold);
  const persona = map.personas.find((p) => p.id === map.personaId);
  y -= 12;
  if (persona) {
    w.line(title, `Persona: ${persona.name}${persona.role ? ` - ${persona.role}` : ''}`, m, y, 15, pw - 2 * m, muted);
    y -= 22;
    if (persona.quote) {
      y -= w.block(title, `"${persona.quote}"`, { x: m, top: y + 12, width: pw - 2 * m, height: 40 }, 13, muted) - 4;
    }
  }
  title.drawLine({ start: { x: m, y }, end: { x: pw - m, y }, thickness: 2, color: accent });
  y -= 30;
  const counts = new Map<string, number>();
  for (const n of notes) if (n.stageId) counts.set(n.stageId, (counts.get(n.stageId) ?? 0) + 1);
  for (let i = 0; i < stages.length && y > m + 20; i++) {
    const s = stages[i]!;
    const e = emotions[i]!;
    if (e.score !== null) drawFace(title, m + 10, y + 5, 9, emotionFace(e.score).level);
    w.line(title, `${i + 1}. ${s.name}`, m + 28, y, 14, 320, ink, w.bold);
    w.line(title, `${counts.get(s.id) ?? 0} notes   ${scoreText(e)}`, m + 360, y, 12, pw - 2 * m - 360, muted);
    y -= 24;
  }
  if (stages.length === 0) w.line(title, 'This map has no stages yet.', m, y, 14, pw - 2 * m, muted);

  // A page (or more) per stage.
  const lanes = [...map.lanes].sort((a, b) => a.position - b.position);
  const cols = 3;
  const gap = 10;
  const cardW = (pw - 2 * m - (cols - 1) * gap) / cols;
  const textSize = 10;
  const byCell = new Map<string, Note[]>();
  for (const n of notes) {
    if (!n.stageId || !n.laneId) continue;
    const key = `${n.stageId}\u0000${n.laneId}`;
    const list = byCell.get(key);
    if (list) list.push(n);
    else byCell.set(key, [n]);
  }
  const lineH = textSize * 1.2;
  stages.forEach((s, i) => {
    const e = emotions[i]!;
    let page = doc.addPage(A4);
    let part = 1;
    const head = () => {
      w.line(page, `${i + 1}. ${s.name}${part > 1 ? ` (continued)` : ''}`, m, ph - m - 22, 22, pw - 2 * m - 40, ink, w.bold);
      if (e.score !== null) drawFace(page, pw - m - 14, ph - m - 14, 14, emotionFace(e.score).level);
      const sub = [s.description, scoreText(e)].filter(Boolean).join('   |   ');
      w.line(page, sub, m, ph - m - 44, 12, pw - 2 * m, muted);
      // The customer's goal and expectations at this stage, under its name.
      const aims = [s.goal ? `Goal: ${s.goal}` : '', s.expectations ? `Expectations: ${s.expectations}` : ''].filter(Boolean).join('   |   ');
      if (aims) w.line(page, aims, m, ph - m - 61, 11, pw - 2 * m, ink);
      const rule = aims ? 70 : 54;
      page.drawLine({ start: { x: m, y: ph - m - rule }, end: { x: pw - m, y: ph - m - rule }, thickness: 1.5, color: accent });
      return ph - m - rule - 22;
    };
    let top = head();
    const next = () => {
      part += 1;
      page = doc.addPage(A4);
      top = head();
    };
    let any = false;
    for (const lane of lanes) {
      const inCell = byCell.get(`${s.id}\u0000${lane.id}`);
      if (!inCell) continue;
      any = true;
      if (top - 20 - 3 * lineH < m) next();
      w.line(page, lane.name, m, top - 13, 13, pw - 2 * m, ink, w.bold);
      top -= 22;
      for (let k = 0; k < inCell.length; k += cols) {
        const row = inCell.slice(k, k + cols).map((n) => {
          const extras = [n.kind ? KIND_LABELS[n.kind] : '', n.sentiment !== null ? `sentiment ${n.sentiment > 0 ? '+' : ''}${n.sentiment}` : '', n.author ? `by ${n.author}` : '']
            .filter(Boolean)
            .join(' | ');
          const lines = Math.min(12, w.wrap(n.text.trim(), textSize, cardW - 16).length);
          return { n, extras, h: 12 + lines * lineH + (extras ? 13 : 0) };
        });
        const h = Math.max(...row.map((r) => r.h));
        if (top - h < m) next();
        row.forEach((r, j) => {
          const x = m + j * (cardW + gap);
          page.drawRectangle({ x, y: top - h, width: cardW, height: h, color: color(NOTE_FILL[r.n.color]), borderColor: color(NOTE_EDGE[r.n.color]), borderWidth: 0.75 });
          w.block(page, r.n.text.trim(), { x: x + 8, top: top - 6, width: cardW - 16, height: h - 12 - (r.extras ? 13 : 0) }, textSize, ink);
          if (r.extras) w.line(page, r.extras, x + 8, top - h + 6, 8, cardW - 16, muted);
        });
        top -= h + gap;
      }
      top -= 8;
    }
    if (!any) w.line(page, 'No notes yet.', m, top - 14, 13, pw - 2 * m, muted);
  });
}

/**
 * The map as a PDF (bytes). `whole` puts the map on one large page (scaled down only beyond
 * 200 inches a side); `perStage` gives a title page and then a page per stage (more when a stage's
 * notes do not fit on one). Document dates are `exportedAt` (or the map's `updatedAt`), so the same
 * map gives the same bytes.
 */
export async function mapToPdf(map: JourneyMap, options: PdfOptions): Promise<Uint8Array> {
  pdfLib ??= await import('pdf-lib');
  const { PDFDocument, StandardFonts } = pdfLib;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const when = new Date(options.exportedAt ?? map.updatedAt);
  doc.setTitle(map.title, { showInWindowTitleBar: true });
  doc.setSubject('Customer journey map');
  doc.setCreator('Journeyboard');
  doc.setProducer('Journeyboard (pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const w = options.fonts
    ? await unicodeWriter(pdfLib, doc, options.fonts, map)
    : new Writer(await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  const stages = [...map.stages].sort((a, b) => a.position - b.position);
  const notes = orderedNotes(map);
  const emotions = mapStageEmotions(stages, map.notes, roomScoresOf(map));
  if (options.mode === 'whole') wholePage(doc, w, map, stages, notes, emotions);
  else perStagePages(doc, w, map, stages, notes, emotions);
  // Votes, matrix, roadmap, metrics and workshop minutes on A4 pages after the map (pdfPriorities.ts).
  priorityPages(doc, w, pdfLib, reportOf(map, when.getTime()));
  return doc.save();
}

/** A writer with the embedded fonts; the CJK font only if some text of the map needs it. */
async function unicodeWriter(lib: PdfLib, doc: PDFDocument, files: PdfFontFiles, map: JourneyMap): Promise<Writer> {
  function* texts(): Generator<string> {
    yield map.title;
    for (const n of map.notes) yield `${n.text} ${n.author} ${n.owner ?? ''}`;
    for (const s of map.stages) yield `${s.name} ${s.description} ${s.goal} ${s.expectations}`;
    for (const l of map.lanes) yield l.name;
    for (const p of map.personas) yield `${p.name} ${p.role} ${p.quote}`;
    // What the prioritising and workshop pages print (pdfPriorities.ts).
    for (const p of map.participants) yield p.name;
    for (const r of map.rounds) yield r.title;
    for (const m of map.metrics) yield m.source;
    for (const s of map.steps) yield s.title;
  }
  const fonts = await UnicodeFonts.embed(lib, doc, files, texts());
  return new Writer(fonts.regular, fonts.bold, fonts);
}
