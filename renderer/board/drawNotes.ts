import type { Rect } from '../../shared/board/camera';
import type { BoardNote } from '../../shared/board/history';
import { NOTE_COLORS, NOTE_DEFAULT_SIZE } from '../../shared/domain';
import { MIN_READABLE_PX, NOTE_EDGE, NOTE_FONT_FAMILY, NOTE_RGB, TEXT_COLOR, TEXT_FIT } from './theme';
import { layoutFor, scratchContext } from './textLayout';
import { drawChannelIcon } from '../journey/channelIcons';
import { LENS_DIM_ALPHA } from '../../shared/board/personas';
import { drawBadge, drawScoreMarks, type NoteMarks, type ScoreFields } from './noteMarks';
import { OWNER, shownFaceDown, type Viewer } from '../../shared/workshop/visibility';

/**
 * Who is looking at the notes this page draws (silent brainstorm, shared/workshop/visibility.ts):
 * a face-down note they may not read is drawn as a card with no text. The facilitator's board sets
 * FACILITATOR, the room view ROOM; exports run in their own worker, where it stays OWNER (all text).
 */
let noteViewer: Viewer = OWNER;
export function setNoteViewer(viewer: Viewer): void {
  noteViewer = viewer;
}

/** The board's canvases, or an OffscreenCanvas's (image exports draw in a worker). */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Below this zoom, or above this count, notes are coloured blocks with no text. */
export const BLOCK_ZOOM = 0.22;
export const BLOCK_COUNT = 3000;

/** True when notes are drawn as flat blocks (far out, or very many in view). */
export function isBlockLevel(zoom: number, count: number): boolean {
  return zoom < BLOCK_ZOOM || count > BLOCK_COUNT;
}

/** What a draw did: notes drawn, and how many were drawn roughly because their bitmaps were not ready. */
export interface DrawResult {
  drawn: number;
  pending: number;
}

/**
 * True when the note is dimmed: a persona lens is on and the note is not tagged with it, or a
 * "top N" vote filter is on and the note is not among them.
 */
function dimmed(n: BoardNote, lens: string | null, keep: ReadonlySet<string> | null = null): boolean {
  return (lens !== null && !n.personaIds.includes(lens)) || (keep !== null && !keep.has(n.id));
}

/** Milliseconds per frame spent rendering new note bitmaps; the rest wait for later frames. */
const BITMAP_BUDGET_MS = 6;

/** How a part of a canvas is drawn again (a live merge's patch, rendering.ts). */
export interface DrawOptions {
  /** The notes the whole canvas holds: picks the bitmap scale, so a patch uses the bitmaps the canvas does (default: these notes). */
  count?: number;
  /** `performance.now()` after which no bitmap is made (default: ~6 ms from now). */
  deadline?: number;
  /** Gets the notes drawn from a stale bitmap or as a plain card (their bitmaps still to be made). */
  waiting?: BoardNote[];
  /** Leave out notes wholly hidden under notes drawn after them (default true; `hiddenUnder`). */
  cull?: boolean;
  /** The board rectangle the context is clipped to, in whole pixels (a patch, or the canvas): only what shows in it counts. */
  clip?: Rect;
  /**
   * A note with no bitmap yet is drawn as a flat card inside the opaque middle of its bitmap, no
   * shadow, so that its bitmap drawn over it later leaves exactly the pixels drawing it at once
   * would (a note arriving on top of the others: livePatch.ts).
   */
  insetPlaceholder?: boolean;
  /**
   * Notes whose bitmaps are made first, before the others' in paint order (those in view, before
   * the canvas's padding: after a jump such as Present's, the padding holds as many notes again).
   */
  first?: ReadonlySet<string>;
}

/**
 * Draws notes (bottom to top) into a context already transformed to board units. `zoom` picks the
 * level of detail. Detailed notes come from a bitmap cache (note, shadow and fitted text rendered
 * once per zoom octave), so a frame is mostly drawImage calls; bitmaps are made within a time
 * budget per frame, and a note still waiting is drawn from a stale bitmap or as a plain card.
 */
export function drawNotes(
  ctx: CanvasRenderingContext2D,
  notes: readonly BoardNote[],
  zoom: number,
  lens: string | null = null,
  blocks = isBlockLevel(zoom, notes.length),
  marks: NoteMarks | null = null,
  options: DrawOptions = {},
): DrawResult {
  if (notes.length === 0) return { drawn: 0, pending: 0 };
  if (blocks) return { drawn: drawBlocks(ctx, notes, zoom, lens, marks), pending: 0 };
  // Vote badges over the notes (only notes with votes have one) and the top-N filter's dimming.
  const keep = marks?.keep ?? null;
  const badges = marks && marks.badges.size > 0 ? marks.badges : null;
  // The persona lens: alpha changes only where a dimmed run of notes starts or ends.
  const alpha0 = ctx.globalAlpha;
  let dim = false;
  const ratio = screenRatio(zoom);
  const scale = bitmapScale(zoom, options.count ?? notes.length);
  if (scale > 2 || typeof document === 'undefined') {
    // Close up few notes are in view: draw them directly, sharp at any zoom.
    for (const n of notes) {
      if (dimmed(n, lens, keep) !== dim) {
        dim = !dim;
        ctx.globalAlpha = dim ? alpha0 * LENS_DIM_ALPHA : alpha0;
      }
      drawNoteDirect(ctx, n, ratio, true);
      const count = badges?.get(n.id);
      if (count) drawBadge(ctx, n, count, zoom, ratio);
    }
    ctx.globalAlpha = alpha0;
    return { drawn: notes.length, pending: 0 };
  }
  const deadline = options.deadline ?? performance.now() + BITMAP_BUDGET_MS;
  const hidden = options.cull === false || alpha0 < 1 ? null : hiddenUnder(notes, lens, keep, options.clip);
  const first = options.first;
  if (first) for (let i = 0; i < notes.length; i++) if (!hidden?.[i] && first.has(notes[i]!.id)) bitmapFor(notes[i]!, scale, deadline);
  let pending = 0;
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i]!;
    if (hidden?.[i]) continue;
    if (dimmed(n, lens, keep) !== dim) {
      dim = !dim;
      ctx.globalAlpha = dim ? alpha0 * LENS_DIM_ALPHA : alpha0;
    }
    const bmp = bitmapFor(n, scale, deadline);
    if (bmp) {
      if (bmp.stale) {
        pending++;
        options.waiting?.push(n);
      }
      ctx.drawImage(bmp.canvas, n.x - SHADOW_MARGIN, n.y - SHADOW_MARGIN, n.width + 2 * SHADOW_MARGIN, n.height + 2 * SHADOW_MARGIN);
    } else {
      pending++;
      options.waiting?.push(n);
      if (options.insetPlaceholder) drawInsetCard(ctx, n, scale);
      else drawPlaceholder(ctx, n);
    }
    const count = badges?.get(n.id);
    if (count) drawBadge(ctx, n, count, zoom, ratio);
  }
  ctx.globalAlpha = alpha0;
  return { drawn: notes.length, pending };
}

/** Board units a cell of `hiddenUnder`'s coverage grid spans (at least). */
const COVER_CELL = 16;
/**
 * How far inside a note's box its bitmap is opaque whatever the octave it was made at: the rounded
 * corners (3 units) and the filtering of a bitmap scaled up from 1/8 (a source pixel, 8 units, each side).
 */
const COVER_INSET = 3 + 2 * 8;

/**
 * Flags (by index) of the notes whose whole drawing (card, shadow, badge: the reach a live patch
 * takes) lies under the opaque middle of notes drawn after them, so leaving them out changes no
 * pixel. A pile of notes (a room's burst into the view: hundreds on a few screens) then costs
 * the few on top, not every bitmap under them. A coarse grid, filled from the top note down: a
 * cell is covered when it lies wholly inside the inset box of a note above that is drawn opaque
 * (dimmed notes cover nothing). Null when nothing is hidden or there are too few notes to bother.
 */
export function hiddenUnder(notes: readonly BoardNote[], lens: string | null, keep: ReadonlySet<string> | null, clip?: Rect): Uint8Array | null {
  if (notes.length < (clip ? 2 : 8)) return null;
  // The grid covers the clip (what is drawn outside it does not show; a patch's clip is whole
  // pixels, so no pixel mixes the two), else the notes' boxes.
  let x0 = clip ? clip.x : Infinity;
  let y0 = clip ? clip.y : Infinity;
  let x1 = clip ? clip.x + clip.width : -Infinity;
  let y1 = clip ? clip.y + clip.height : -Infinity;
  if (!clip) {
    for (const n of notes) {
      x0 = Math.min(x0, n.x);
      y0 = Math.min(y0, n.y);
      x1 = Math.max(x1, n.x + n.width);
      y1 = Math.max(y1, n.y + n.height);
    }
  }
  // Cells no smaller than COVER_CELL, and no more than ~250,000 of them.
  const cell = Math.max(COVER_CELL, Math.sqrt(((x1 - x0) * (y1 - y0)) / 250_000));
  const cols = Math.ceil((x1 - x0) / cell) + 1;
  const rows = Math.ceil((y1 - y0) / cell) + 1;
  const covered = new Uint8Array(cols * rows);
  let flags: Uint8Array | null = null;
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i]!;
    // Its reach, in cells (any cell it touches). With no clip, cells outside the grid are never
    // covered; with one, what lies outside it does not count.
    const pad = reachPad(n);
    let c0 = Math.floor((n.x - pad - x0) / cell);
    let r0 = Math.floor((n.y - pad - y0) / cell);
    let c1 = Math.floor((n.x + n.width + pad - x0) / cell);
    let r1 = Math.floor((n.y + n.height + pad - y0) / cell);
    if (clip) {
      c0 = Math.max(0, c0);
      r0 = Math.max(0, r0);
      c1 = Math.min(cols - 1, c1);
      r1 = Math.min(rows - 1, r1);
    }
    let hidden = c0 >= 0 && r0 >= 0 && c1 < cols && r1 < rows;
    for (let r = r0; hidden && r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        if (!covered[r * cols + c]) {
          hidden = false;
          break;
        }
      }
    }
    if (hidden) {
      (flags ??= new Uint8Array(notes.length))[i] = 1;
      continue;
    }
    if (dimmed(n, lens, keep)) continue;
    // The cells wholly inside its opaque middle.
    const k0 = Math.max(0, Math.ceil((n.x + COVER_INSET - x0) / cell));
    const q0 = Math.max(0, Math.ceil((n.y + COVER_INSET - y0) / cell));
    const k1 = Math.min(cols - 1, Math.floor((n.x + n.width - COVER_INSET - x0) / cell) - 1);
    const q1 = Math.min(rows - 1, Math.floor((n.y + n.height - COVER_INSET - y0) / cell) - 1);
    for (let r = q0; r <= q1; r++) covered.fill(1, r * cols + k0, r * cols + Math.max(k0, k1 + 1));
  }
  return flags;
}

function screenRatio(zoom: number): number {
  return (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1) * zoom;
}

/** The scale note bitmaps are made at when `count` notes are drawn at `zoom` (above 2: none). */
export function bitmapScale(zoom: number, count: number): number {
  // Render at the next power of two at or above the screen scale: crisp, and few re-renders.
  let scale = Math.max(1 / 8, 2 ** Math.ceil(Math.log2(screenRatio(zoom)) - 1e-9));
  // Never more notes in view than the cache holds at this scale (they would evict each other every
  // frame): go an octave down instead, slightly softer but steady.
  const perNote = (NOTE_DEFAULT_SIZE + 2 * SHADOW_MARGIN) ** 2;
  while (scale > 1 / 8 && count * perNote * scale * scale > MAX_BITMAP_PIXELS * 0.75) scale /= 2;
  return scale;
}

/** How many default-size note bitmaps the cache holds at the scale a draw of `count` notes at `zoom` uses. */
export function bitmapCapacity(zoom: number, count: number): number {
  const scale = bitmapScale(zoom, count);
  return Math.floor((MAX_BITMAP_PIXELS * 0.75) / ((NOTE_DEFAULT_SIZE + 2 * SHADOW_MARGIN) ** 2 * scale * scale));
}

/**
 * Makes, within `budgetMs`, the bitmaps that a draw of `count` notes at `zoom` would use for
 * `notes` (e.g. those a pan will bring onto the canvas next), so that draw need not. Returns true
 * when every one is made (or none is needed at this level of detail). `inPaintOrder`: the notes are
 * bottom to top, and those wholly hidden under the others (`hiddenUnder`) are passed over.
 */
export function prepareBitmaps(notes: readonly BoardNote[], zoom: number, count: number, budgetMs: number, inPaintOrder = false): boolean {
  if (typeof document === 'undefined' || isBlockLevel(zoom, count)) return true;
  const scale = bitmapScale(zoom, count);
  if (scale > 2) return true;
  const deadline = performance.now() + budgetMs;
  // Notes in paint order: none for those a draw of them would leave out (wholly under the notes after them).
  const hidden = inPaintOrder ? hiddenUnder(notes, null, null) : null;
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i]!;
    if (hidden?.[i]) continue;
    const hit = bitmaps.get(n.id);
    if (hit && hit.scale === scale && hit.content === contentKey(n)) continue;
    if (performance.now() > deadline) return false;
    bitmapFor(n, scale, deadline + 1);
  }
  return true;
}

function contentKey(n: BoardNote & ScoreFields): string {
  return `${n.width}x${n.height}|${n.color}|${n.channels.join(',')}|${n.severity ?? ''}${n.reach ?? ''}|${shownFaceDown(n, noteViewer) ? 'down' : n.text}`;
}

/** Board units around a note's bitmap for its shadow. */
export const SHADOW_MARGIN = 12;

/** How far a note's drawing reaches past its box: its soft shadow, and a vote badge over its corner. */
export function reachPad(n: { width: number; height: number }): number {
  return SHADOW_MARGIN + 2 + 0.1 * Math.min(n.width, n.height);
}
/** About 48 MB of cached bitmaps at most. */
const MAX_BITMAP_PIXELS = 12_000_000;
/** A note's picture: an ImageBitmap (or, with no OffscreenCanvas, a canvas of its own). */
type NoteImage = ImageBitmap | HTMLCanvasElement;
const bitmaps = new Map<string, { content: string; scale: number; image: NoteImage; pixels: number }>();
let bitmapPixels = 0;

function bitmapFor(n: BoardNote, scale: number, deadline: number): { canvas: NoteImage; stale: boolean } | null {
  const content = contentKey(n);
  const hit = bitmaps.get(n.id);
  if (hit && hit.content === content && hit.scale === scale) {
    // Keep recently used bitmaps at the end (least recently used are evicted first).
    bitmaps.delete(n.id);
    bitmaps.set(n.id, hit);
    return { canvas: hit.image, stale: false };
  }
  if (performance.now() > deadline) {
    return hit && hit.content === content ? { canvas: hit.image, stale: true } : null;
  }
  const w = Math.ceil((n.width + 2 * SHADOW_MARGIN) * scale);
  const h = Math.ceil((n.height + 2 * SHADOW_MARGIN) * scale);
  const image = paintBitmap(n, scale, w, h);
  if (!image) return null;
  if (hit) {
    bitmaps.delete(n.id);
    bitmapPixels -= hit.pixels;
    release(hit.image);
  }
  const entry = { content, scale, image, pixels: w * h };
  bitmaps.set(n.id, entry);
  bitmapPixels += entry.pixels;
  for (const [id, e] of bitmaps) {
    if (bitmapPixels <= MAX_BITMAP_PIXELS) break;
    bitmaps.delete(id);
    bitmapPixels -= e.pixels;
    release(e.image);
  }
  return { canvas: image, stale: false };
}

/**
 * One OffscreenCanvas per bitmap size (notes mostly have their default size, so there are few),
 * drawn into and handed over as an ImageBitmap. Handing over makes Chromium rasterise the note
 * then (its shadow and text, the costly part), inside the frame's bitmap budget; a canvas of its
 * own per note (what this was) also cost ~1-2 ms to make, and was rasterised only when first drawn
 * into the board's canvas, in whichever frame that was (issue 14: a live merge's patch frame).
 */
const painters = new Map<string, OffscreenCanvasRenderingContext2D>();
const PAINTERS_MAX = 8;

function paintBitmap(n: BoardNote, scale: number, w: number, h: number): NoteImage | null {
  const offscreen = typeof OffscreenCanvas === 'function';
  let c: Context2D | null;
  if (offscreen) {
    const key = `${w}x${h}`;
    c = painters.get(key) ?? null;
    if (c) painters.delete(key);
    else {
      c = new OffscreenCanvas(w, h).getContext('2d');
      if (!c) return null;
      if (painters.size >= PAINTERS_MAX) painters.delete(painters.keys().next().value!);
    }
    painters.set(key, c);
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    c = canvas.getContext('2d');
    if (!c) return null;
  }
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.clearRect(0, 0, w, h);
  c.setTransform(scale, 0, 0, scale, (SHADOW_MARGIN - n.x) * scale, (SHADOW_MARGIN - n.y) * scale);
  drawNoteDirect(c, n, scale, true);
  return offscreen ? (c.canvas as OffscreenCanvas).transferToImageBitmap() : (c.canvas as HTMLCanvasElement);
}

function release(image: NoteImage): void {
  if ('close' in image) image.close();
}

/** Whether a bitmap of the note is cached that a draw at this scale would not use as it is (another octave or content). */
export function hasOtherBitmap(n: BoardNote, scale: number): boolean {
  const hit = bitmaps.get(n.id);
  return !!hit && (hit.scale !== scale || hit.content !== contentKey(n));
}

/** Whether a note's bitmap for a draw at this scale is made (a live merge's patch waits for it). */
export function hasBitmap(n: BoardNote, scale: number): boolean {
  const hit = bitmaps.get(n.id);
  return !!hit && hit.scale === scale && hit.content === contentKey(n);
}

/** A note whose bitmap is not made yet (for a frame or two): the bare card. */
function drawPlaceholder(ctx: Context2D, n: BoardNote): void {
  ctx.fillStyle = 'rgba(20, 30, 50, 0.10)';
  ctx.fillRect(n.x + 1, n.y + 3, n.width, n.height);
  ctx.fillStyle = NOTE_RGB[n.color] ?? NOTE_RGB.yellow;
  ctx.fillRect(n.x, n.y, n.width, n.height);
}

/** A flat card well inside the note's bitmap's opaque middle (its rounded corners, and a bitmap pixel's filtering each side). */
function drawInsetCard(ctx: Context2D, n: BoardNote, scale: number): void {
  const inset = 3 + 2 / scale;
  if (n.width <= 2 * inset || n.height <= 2 * inset) return;
  ctx.fillStyle = NOTE_RGB[n.color] ?? NOTE_RGB.yellow;
  ctx.fillRect(n.x + inset, n.y + inset, n.width - 2 * inset, n.height - 2 * inset);
}

/** One note with a soft shadow and its text; `zoom` is the screen scale it will be seen at. */
function drawNoteDirect(ctx: Context2D, n: BoardNote, zoom: number, soft = false): void {
  ctx.save();
  if (soft) {
    // Shadow parameters are in device pixels, whatever the transform.
    ctx.shadowColor = 'rgba(20, 30, 50, 0.20)';
    ctx.shadowBlur = Math.max(1, 8 * zoom);
    ctx.shadowOffsetY = Math.max(0.5, 2.5 * zoom);
  } else {
    ctx.fillStyle = 'rgba(20, 30, 50, 0.12)';
    ctx.fillRect(n.x + 1, n.y + 3, n.width, n.height);
  }
  ctx.fillStyle = NOTE_RGB[n.color] ?? NOTE_RGB.yellow;
  ctx.beginPath();
  ctx.roundRect(n.x, n.y, n.width, n.height, 3);
  ctx.fill();
  ctx.restore();
  if (shownFaceDown(n, noteViewer)) drawCardBack(ctx, n);
  else if (n.text) drawText(ctx, n, zoom);
  if (n.channels.length > 0) drawChannels(ctx, n, zoom);
  drawScoreMarks(ctx, n, zoom);
}

/** A face-down note's back: an inset border and a few diagonal strokes, no text. */
function drawCardBack(ctx: Context2D, n: BoardNote): void {
  const inset = Math.min(10, n.width / 10, n.height / 10);
  ctx.save();
  ctx.strokeStyle = 'rgba(34, 38, 43, 0.22)';
  ctx.lineWidth = Math.max(1, inset / 4);
  ctx.beginPath();
  ctx.roundRect(n.x + inset, n.y + inset, n.width - 2 * inset, n.height - 2 * inset, 3);
  ctx.stroke();
  ctx.clip();
  ctx.strokeStyle = 'rgba(34, 38, 43, 0.10)';
  const step = Math.max(8, n.width / 8);
  ctx.beginPath();
  for (let d = -n.height; d < n.width; d += step) {
    ctx.moveTo(n.x + d, n.y + n.height);
    ctx.lineTo(n.x + d + n.height, n.y);
  }
  ctx.stroke();
  ctx.restore();
}

/** Channel icons along the note's bottom edge, each on a soft chip so text under it stays legible. */
function drawChannels(ctx: Context2D, n: BoardNote, zoom: number): void {
  const size = Math.min(16, n.width / 8, n.height / 6);
  if (size * zoom < 5) return;
  const pad = size * 0.25;
  const step = size + 2 * pad + 3;
  const max = Math.max(0, Math.floor((n.width - 8) / step));
  const y = n.y + n.height - size - 2 * pad - 5;
  ctx.save();
  for (let i = 0; i < Math.min(max, n.channels.length); i++) {
    const x = n.x + 5 + i * step;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.6)';
    ctx.beginPath();
    ctx.roundRect(x, y, size + 2 * pad, size + 2 * pad, (size + 2 * pad) / 2);
    ctx.fill();
    drawChannelIcon(ctx, n.channels[i]!, x + pad, y + pad, size, 'rgba(34, 38, 43, 0.78)');
  }
  ctx.restore();
}

/**
 * Every note sharp, with shadow, text and channel icons, at `zoom` screen pixels per board unit:
 * what an exported image wants, at any scale and count (no bitmap cache, no time budget).
 * `onProgress` is called every `every` notes.
 */
export function drawNotesSharp(ctx: Context2D, notes: readonly BoardNote[], zoom: number, onProgress?: (done: number) => void, every = 500): void {
  for (let i = 0; i < notes.length; i++) {
    drawNoteDirect(ctx, notes[i]!, zoom, true);
    if (onProgress && (i + 1) % every === 0) onProgress(i + 1);
  }
  onProgress?.(notes.length);
}

/** Drops a note's cached bitmap (deleted notes). */
export function forgetBitmap(id: string): void {
  const e = bitmaps.get(id);
  if (!e) return;
  bitmaps.delete(id);
  bitmapPixels -= e.pixels;
  release(e.image);
}

function drawText(ctx: Context2D, n: BoardNote, zoom: number): void {
  const layout = layoutFor(n);
  if (layout.fontSize * zoom < MIN_READABLE_PX) {
    // Too small to read: a few grey strokes stand in for the text.
    ctx.fillStyle = 'rgba(34, 38, 43, 0.28)';
    const lh = layout.fontSize * layout.lineHeight;
    const top = n.y + (n.height - layout.lines.length * lh) / 2;
    for (let i = 0; i < Math.min(layout.lines.length, 12); i++) {
      ctx.fillRect(n.x + TEXT_FIT.padding, top + i * lh + lh * 0.3, n.width - 2 * TEXT_FIT.padding, lh * 0.35);
    }
    return;
  }
  const lh = layout.fontSize * layout.lineHeight;
  const inner = n.height - 2 * TEXT_FIT.padding;
  const blockH = Math.min(inner, layout.lines.length * lh);
  // Baseline placed as CSS places it in a line box (half-leading around ascent + descent), so the
  // editing textarea shows the text exactly where the canvas drew it.
  const { ascent, descent } = fontMetrics(layout.fontSize);
  let y = n.y + TEXT_FIT.padding + (inner - blockH) / 2 + (lh - (ascent + descent)) / 2 + ascent;
  ctx.save();
  ctx.beginPath();
  ctx.rect(n.x, n.y, n.width, n.height);
  ctx.clip();
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = `${layout.fontSize}px ${NOTE_FONT_FAMILY}`;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'center';
  // Arabic or Hebrew first: lay each line out right to left (as the editor's dir="auto" does).
  ctx.direction = layout.rtl ? 'rtl' : 'ltr';
  const cx = n.x + n.width / 2;
  for (const line of layout.lines) {
    if (y - ascent > n.y + n.height) break;
    ctx.fillText(line, cx, y);
    y += lh;
  }
  ctx.restore();
}

/**
 * Far zoom: flat blocks batched by colour (eight fill-style changes in all), no text. With a
 * persona lens, notes it dims are batched apart and painted first, at low alpha.
 */
export function drawBlocks(ctx: Context2D, notes: readonly BoardNote[], zoom: number, lens: string | null = null, marks: NoteMarks | null = null): number {
  const byColor = new Map<string, BoardNote[]>();
  const keep = marks?.keep ?? null;
  if (lens !== null || keep !== null) for (const c of LENS_KEYS) byColor.set(c, []);
  for (const n of notes) {
    const key = dimmed(n, lens, keep) ? (DIM_KEY[n.color] ?? n.color) : n.color;
    const list = byColor.get(key);
    if (list) list.push(n);
    else byColor.set(key, [n]);
  }
  const edge = zoom > 0.08;
  const alpha0 = ctx.globalAlpha;
  for (const [key, list] of byColor) {
    if (list.length === 0) continue;
    const dimColor = COLOR_OF_DIM_KEY.get(key);
    const dim = dimColor !== undefined;
    const color = dimColor ?? key;
    ctx.globalAlpha = dim ? alpha0 * LENS_DIM_ALPHA : alpha0;
    ctx.fillStyle = NOTE_RGB[color as BoardNote['color']] ?? NOTE_RGB.yellow;
    ctx.beginPath();
    for (const n of list) ctx.rect(n.x, n.y, n.width, n.height);
    ctx.fill();
    if (edge) {
      ctx.strokeStyle = NOTE_EDGE[color as BoardNote['color']] ?? NOTE_EDGE.yellow;
      ctx.lineWidth = 1 / zoom;
      ctx.stroke();
    }
  }
  ctx.globalAlpha = alpha0;
  return notes.length;
}

/** With a lens, the dimmed batches come first in the map, so they are painted under the others. */
const DIM_KEY = Object.fromEntries(NOTE_COLORS.map((c) => [c, `~${c}`])) as Record<string, string>;
const LENS_KEYS = NOTE_COLORS.map((c) => DIM_KEY[c]!);
const COLOR_OF_DIM_KEY = new Map(NOTE_COLORS.map((c) => [DIM_KEY[c]!, c]));

const metrics = new Map<number, { ascent: number; descent: number }>();

/** The font's ascent and descent at a size (what CSS uses to centre text in a line). */
function fontMetrics(size: number): { ascent: number; descent: number } {
  const hit = metrics.get(size);
  if (hit) return hit;
  let m = { ascent: size * 0.93, descent: size * 0.24 };
  const c = scratchContext();
  if (c) {
    c.font = `${size}px ${NOTE_FONT_FAMILY}`;
    const t = c.measureText('Hg');
    if (t.fontBoundingBoxAscent > 0) m = { ascent: t.fontBoundingBoxAscent, descent: t.fontBoundingBoxDescent };
  }
  metrics.set(size, m);
  return m;
}

