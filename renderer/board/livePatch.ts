/**
 * Drawing a part of a canvas again (issue 14: a live merge brings or changes a few notes in view,
 * rendering.ts `patchNotes`): the board rectangles the change touched (not joined: a bounding box
 * of overlapping ones would take in many more notes), each cleared and clipped on the canvas in
 * whole device pixels, then drawn into with the canvas's board transform, so what is drawn meets
 * the rest of the canvas without a seam.
 */
import { intersects, type Rect } from '../../shared/board/camera';
import type { BoardNote } from '../../shared/board/history';
import { drawBlocks, SHADOW_MARGIN } from './drawNotes';
import type { NoteMarks } from './noteMarks';

/** A board-to-pixel transform without rotation: pixel = board * k + (e, f). */
export interface PixelTransform {
  k: number;
  e: number;
  f: number;
}

/** The board rectangle a note's drawing reaches: its soft shadow, and a vote badge over its corner. */
export function reachOf(n: Rect): Rect {
  const pad = SHADOW_MARGIN + 2 + 0.1 * Math.min(n.width, n.height);
  return { x: n.x - pad, y: n.y - pad, width: n.width + 2 * pad, height: n.height + 2 * pad };
}

/** The rectangles without repeats (a note written twice before the patch is drawn). */
export function uniqueRects(rects: readonly Rect[]): Rect[] {
  const seen = new Set<string>();
  return rects.filter((r) => {
    const key = `${r.x},${r.y},${r.width},${r.height}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Clears `rect` (board units) on a canvas whose board-to-pixel transform is `t`, clips to it (both
 * widened to whole pixels), and calls `draw` with the transform set and the board rectangle the
 * clip covers (the notes reaching into it are the ones to draw).
 */
export function patchRect(ctx: CanvasRenderingContext2D, t: PixelTransform, rect: Rect, draw: (clip: Rect) => void): void {
  const x0 = Math.floor(rect.x * t.k + t.e);
  const y0 = Math.floor(rect.y * t.k + t.f);
  const x1 = Math.ceil((rect.x + rect.width) * t.k + t.e);
  const y1 = Math.ceil((rect.y + rect.height) * t.k + t.f);
  if (x1 <= x0 || y1 <= y0) return;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.beginPath();
  ctx.rect(x0, y0, x1 - x0, y1 - y0);
  ctx.clip();
  ctx.clearRect(x0, y0, x1 - x0, y1 - y0);
  ctx.setTransform(t.k, 0, 0, t.k, t.e, t.f);
  draw({ x: (x0 - t.e) / t.k, y: (y0 - t.f) / t.k, width: (x1 - x0) / t.k, height: (y1 - y0) / t.k });
  ctx.restore();
}

/** The far-zoom region cache (rendering.ts) with the rectangles painted again from `notes` (blocks are cheap: no budget). */
export function patchRegion(cache: { canvas: HTMLCanvasElement; rect: Rect; zoom: number }, rects: readonly Rect[], notes: readonly BoardNote[], lens: string | null, marks: NoteMarks | null): void {
  const c = cache.canvas.getContext('2d');
  if (!c) return;
  const k = cache.canvas.width / cache.rect.width;
  const t: PixelTransform = { k, e: -cache.rect.x * k, f: -cache.rect.y * k };
  for (const r of rects) patchRect(c, t, r, (clip) => drawBlocks(c, notes.filter((n) => intersects(clip, reachOf(n))), cache.zoom, lens, marks));
}
