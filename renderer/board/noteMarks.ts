/**
 * Marks drawn over notes that are not part of a note's own look (issue 12): the vote badge (a
 * note's votes in the selected round) and the "top N" filter that dims the other notes. They
 * change with every vote, so they are drawn on top of the notes' cached bitmaps, never into them:
 * a vote redraws the canvas from the same bitmaps plus one small sprite per badge.
 *
 * A note's severity and reach (its own fields) are part of its bitmap: `drawScoreMarks`.
 */
import type { BoardNote } from '../../shared/board/history';
import type { Context2D } from './drawNotes';

export interface NoteMarks {
  /** The count in a badge at a note's top-right corner; only notes with votes are in it. */
  badges: ReadonlyMap<string, number>;
  /** When set, every note not in it is dimmed (the "top N" filter). */
  keep: ReadonlySet<string> | null;
}

/** Badge fill and figure: dark on the light paper of any note, in both themes (the paper stays light). */
const BADGE_FILL = '#1d49bb';
const BADGE_RING = '#ffffff';
const BADGE_INK = '#ffffff';
const BADGE_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';

/** A badge's radius in board units: about 14 screen pixels at 100 %, never tiny, never over a fifth of the note. */
export function badgeRadius(n: { width: number; height: number }, zoom: number): number {
  return Math.min(Math.min(n.width, n.height) * 0.2, Math.max(14, 9 / zoom));
}

/** Where a note's badge sits (its centre, board units): on the top-right corner, a little inside. */
export function badgeCenter(n: { x: number; y: number; width: number }, r: number): { x: number; y: number } {
  return { x: n.x + n.width - r * 0.55, y: n.y + r * 0.55 };
}

/** Badge sprites by count and pixel size: a few dozen at most (one per count shown, per zoom octave). */
const sprites = new Map<string, HTMLCanvasElement>();
const SPRITES_MAX = 256;

function label(count: number): string {
  return count > 999 ? '999+' : String(count);
}

function paintBadge(ctx: Context2D, cx: number, cy: number, r: number, count: number): void {
  ctx.fillStyle = BADGE_RING;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = BADGE_FILL;
  ctx.beginPath();
  ctx.arc(cx, cy, r * 0.86, 0, Math.PI * 2);
  ctx.fill();
  const text = label(count);
  ctx.fillStyle = BADGE_INK;
  ctx.font = `700 ${r * (text.length > 2 ? 0.72 : text.length > 1 ? 0.92 : 1.05)}px ${BADGE_FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, cx, cy + r * 0.04);
}

/**
 * Draws a note's vote badge into a context in board units. `ratio` is device pixels per board
 * unit: in a page, the badge is a cached sprite of that many pixels (one drawImage); elsewhere
 * (a worker, a test without a document) it is drawn directly.
 */
export function drawBadge(ctx: Context2D, n: BoardNote, count: number, zoom: number, ratio: number): void {
  const r = badgeRadius(n, zoom);
  const { x, y } = badgeCenter(n, r);
  const px = Math.max(4, Math.ceil(2 * r * ratio));
  if (typeof document === 'undefined' || px > 256) {
    ctx.save();
    paintBadge(ctx, x, y, r, count);
    ctx.restore();
    return;
  }
  const key = `${label(count)}|${px}`;
  let sprite = sprites.get(key);
  if (!sprite) {
    if (sprites.size >= SPRITES_MAX) sprites.clear();
    sprite = document.createElement('canvas');
    sprite.width = px;
    sprite.height = px;
    const c = sprite.getContext('2d');
    if (c) paintBadge(c, px / 2, px / 2, px / 2, count);
    sprites.set(key, sprite);
  }
  ctx.drawImage(sprite, x - r, y - r, 2 * r, 2 * r);
}

/** Severity and reach, 1–5 each, or null. */
export interface ScoreFields {
  severity?: number | null;
  reach?: number | null;
}

/**
 * A pain point's severity and reach as two small chips at its top-left corner ("S4", "R2"), the
 * severity chip redder the higher it is. Part of the note's bitmap (they are the note's fields).
 */
export function drawScoreMarks(ctx: Context2D, n: BoardNote & ScoreFields, zoom: number): void {
  const marks: [string, string][] = [];
  if (n.severity) marks.push([`S${n.severity}`, SEVERITY_FILL[n.severity - 1] ?? SEVERITY_FILL[0]!]);
  if (n.reach) marks.push([`R${n.reach}`, 'rgba(255, 255, 255, 0.72)']);
  if (marks.length === 0) return;
  const h = Math.min(16, n.height / 8);
  if (h * zoom < 5) return;
  ctx.save();
  ctx.font = `700 ${h * 0.7}px ${BADGE_FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let x = n.x + 5;
  for (const [text, fill] of marks) {
    const w = h * 1.7;
    ctx.fillStyle = fill;
    ctx.beginPath();
    ctx.roundRect(x, n.y + 5, w, h, h / 2);
    ctx.fill();
    ctx.fillStyle = 'rgba(34, 38, 43, 0.88)';
    ctx.fillText(text, x + w / 2, n.y + 5 + h / 2 + h * 0.03);
    x += w + 3;
  }
  ctx.restore();
}

/** Severity 1–5: from a pale to a strong warm tint (dark text stays legible on each). */
const SEVERITY_FILL = ['#fff1e6', '#ffd8bf', '#ffb894', '#ff9170', '#ff6b57'];
