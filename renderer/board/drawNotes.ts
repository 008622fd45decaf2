import type { BoardNote } from '../../shared/board/history';
import { MIN_READABLE_PX, NOTE_EDGE, NOTE_FONT_FAMILY, NOTE_RGB, TEXT_COLOR, TEXT_FIT } from './theme';
import { layoutFor } from './textLayout';

/** Above this many notes in one draw, shadows are flat (a blurred shadow per note costs too much). */
const SOFT_SHADOW_LIMIT = 250;
/** Below this zoom, or above this count, notes are coloured blocks with no text. */
export const BLOCK_ZOOM = 0.22;
export const BLOCK_COUNT = 3000;

/**
 * Draws notes (bottom to top) into a context already transformed to board units. `zoom` picks the
 * level of detail; returns how many were drawn.
 */
export function drawNotes(ctx: CanvasRenderingContext2D, notes: readonly BoardNote[], zoom: number): number {
  if (notes.length === 0) return 0;
  if (zoom < BLOCK_ZOOM || notes.length > BLOCK_COUNT) return drawBlocks(ctx, notes, zoom);
  const soft = notes.length <= SOFT_SHADOW_LIMIT;
  const radius = 3;
  for (const n of notes) {
    ctx.save();
    if (soft) {
      // Shadow parameters are in screen pixels, whatever the transform.
      ctx.shadowColor = 'rgba(20, 30, 50, 0.18)';
      ctx.shadowBlur = Math.max(2, 10 * Math.min(1, zoom));
      ctx.shadowOffsetY = Math.max(1, 3 * Math.min(1, zoom));
    } else {
      ctx.fillStyle = 'rgba(20, 30, 50, 0.12)';
      ctx.fillRect(n.x + 1, n.y + 3, n.width, n.height);
    }
    ctx.fillStyle = NOTE_RGB[n.color] ?? NOTE_RGB.yellow;
    ctx.beginPath();
    ctx.roundRect(n.x, n.y, n.width, n.height, radius);
    ctx.fill();
    ctx.restore();
    if (n.text) drawText(ctx, n, zoom);
  }
  return notes.length;
}

function drawText(ctx: CanvasRenderingContext2D, n: BoardNote, zoom: number): void {
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
  let y = n.y + TEXT_FIT.padding + (inner - blockH) / 2 + (lh - layout.fontSize) / 2;
  ctx.save();
  ctx.beginPath();
  ctx.rect(n.x, n.y, n.width, n.height);
  ctx.clip();
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = `${layout.fontSize}px ${NOTE_FONT_FAMILY}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  const cx = n.x + n.width / 2;
  for (const line of layout.lines) {
    if (y > n.y + n.height) break;
    ctx.fillText(line, cx, y);
    y += lh;
  }
  ctx.restore();
}

/** Far zoom: flat blocks batched by colour (eight fill-style changes in all), no text. */
function drawBlocks(ctx: CanvasRenderingContext2D, notes: readonly BoardNote[], zoom: number): number {
  const byColor = new Map<string, BoardNote[]>();
  for (const n of notes) {
    const list = byColor.get(n.color);
    if (list) list.push(n);
    else byColor.set(n.color, [n]);
  }
  const edge = zoom > 0.08;
  for (const [color, list] of byColor) {
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
  return notes.length;
}
