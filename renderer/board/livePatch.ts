/**
 * Drawing a part of a canvas again (issue 14: a live merge brings or changes a few notes in view,
 * rendering.ts `patchNotes`): the board rectangles the change touched (not joined: a bounding box
 * of overlapping ones would take in many more notes), each cleared and clipped on the canvas in
 * whole device pixels, then drawn into with the canvas's board transform, so what is drawn meets
 * the rest of the canvas without a seam.
 */
import { intersects, type Rect } from '../../shared/board/camera';
import type { BoardNote } from '../../shared/board/history';
import { NOTE_MAX_SIZE } from '../../shared/domain';
import { drawBlocks, reachPad } from './drawNotes';
import type { NoteMarks } from './noteMarks';

/** Milliseconds a frame spends making bitmaps for notes drawn roughly (the rest wait for the next frames). */
const PATCH_BUDGET_MS = 4;
/** Notes drawn roughly are drawn again once their bitmaps are made, or after this long (ms) with what there is. */
const PATCH_WAIT_MS = 300;
/** Notes finished off the canvas are drawn again at most this often (ms), unless a merge's patch takes them along. */
const FINISH_GAP_MS = 120;
/** More rectangles than this due at once: the whole canvas is drawn instead (cheaper than so many clips). */
export const PATCH_MAX_RECTS = 64;

/** A board-to-pixel transform without rotation: pixel = board * k + (e, f). */
export interface PixelTransform {
  k: number;
  e: number;
  f: number;
}

/** The board rectangle a note's drawing reaches: its soft shadow, and a vote badge over its corner. */
export function reachOf(n: Rect): Rect {
  const pad = reachPad(n);
  return { x: n.x - pad, y: n.y - pad, width: n.width + 2 * pad, height: n.height + 2 * pad };
}

/** The furthest a note's drawing reaches past its box (`reachOf` of the largest note). */
export const MAX_REACH = reachPad({ width: NOTE_MAX_SIZE, height: NOTE_MAX_SIZE });

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

/**
 * The far-zoom region cache (rendering.ts) with the rectangles painted again (blocks are cheap: no
 * budget); `notesIn(clip)`: the notes reaching into a board rectangle, in paint order.
 */
export function patchRegion(cache: { canvas: HTMLCanvasElement; rect: Rect; zoom: number }, rects: readonly Rect[], notesIn: (clip: Rect) => BoardNote[], lens: string | null, marks: NoteMarks | null): void {
  const c = cache.canvas.getContext('2d');
  if (!c) return;
  const k = cache.canvas.width / cache.rect.width;
  const t: PixelTransform = { k, e: -cache.rect.x * k, f: -cache.rect.y * k };
  for (const r of rects) patchRect(c, t, r, (clip) => drawBlocks(c, notesIn(clip), cache.zoom, lens, marks));
}

/** What `NotePatches` needs of the board's notes canvas (rendering.ts). */
export interface PatchHost {
  /** The notes canvas, its board-to-pixel transform and the zoom it was drawn at; null when it cannot be patched now. */
  target(): { ctx: CanvasRenderingContext2D; t: PixelTransform } | null;
  /** The notes the canvas holds whose drawing reaches into `clip`, in paint order. */
  notesIn(clip: Rect): BoardNote[];
  /** Draws `notes` as the canvas does into `clip`, making bitmaps until `deadline`; notes drawn roughly go to `waiting`. */
  draw(ctx: CanvasRenderingContext2D, notes: readonly BoardNote[], clip: Rect, deadline: number, waiting: BoardNote[]): void;
  /** Makes the bitmaps these notes are drawn with, within `budgetMs`, without touching the canvas; true when all are made. */
  prepare(notes: readonly BoardNote[], budgetMs: number): boolean;
  /** The note as it is now, or undefined when it is gone or not drawn. */
  current(id: string): BoardNote | undefined;
  /**
   * Whether the note can be drawn over the canvas as it is, with no clip: nothing drawn after it
   * reaches where it does, and it is drawn opaque with no badge and no bitmap of another octave.
   */
  onTop(n: BoardNote): boolean;
  /** Draws the note over the canvas (an inset flat card if its bitmap is not made by `deadline`); true when drawn in full. */
  drawOnTop(ctx: CanvasRenderingContext2D, t: PixelTransform, n: BoardNote, deadline: number): boolean;
  /** The whole canvas drawn again (in the next frame). */
  drawAll(): void;
}

/**
 * Parts of the notes canvas to draw again (issue 14: "the board holds its frame rate while a room
 * sends notes"). A live merge's rectangles are drawn in the next animation frame with whatever
 * bitmaps are made by then, PATCH_BUDGET_MS of making at most: a note whose bitmap is not made yet
 * shows as a plain card in that very frame. Notes drawn so (by a patch, or by a full draw) then
 * have their bitmaps made, PATCH_BUDGET_MS a frame, without touching the canvas (each touch has
 * the whole canvas committed again); once all are made (then with the next merge's patch, or at
 * most FINISH_GAP_MS after the last touch), or after PATCH_WAIT_MS, their rectangles are drawn
 * again (or, asked for, the whole canvas); while some are still to make, those made so far are
 * drawn, FINISH_GAP_MS apart (a note in view, made first, never waits for the rest). So a burst of arriving notes costs a few
 * milliseconds a frame, and the picture ends as a full draw would make it.
 */
export class NotePatches {
  private fresh: Rect[] = [];
  /** Notes that arrived on top of the others, to draw over the canvas as they are (no clip, nothing under them drawn again). */
  private freshTop: BoardNote[] = [];
  /** Notes drawn roughly, by id: the rectangle to draw again once their bitmaps are made. */
  private finishing = new Map<string, Rect>();
  /** Notes drawn over the canvas as inset cards: their bitmaps are drawn over those once made (if still on top). */
  private cards = new Set<string>();
  /** Draw the whole canvas, not the rectangles, once the bitmaps are made. */
  private finishAll = false;
  private since = 0;
  /** When the canvas was last drawn into by a patch (performance.now). */
  private touched = 0;
  private frame = 0;

  constructor(private readonly host: PatchHost) {}

  /**
   * Rectangles to draw again in the next frame (merges before it are coalesced), and notes that
   * arrived on top of all the others (`onTop`, in paint order), drawn over the canvas: no clip, no
   * note under them drawn again, the same pixels as a full draw.
   */
  add(rects: readonly Rect[], onTop: readonly BoardNote[] = []): void {
    this.fresh.push(...rects);
    this.freshTop.push(...onTop);
    this.schedule();
  }

  /**
   * A full draw drew these notes roughly (their bitmaps not made yet; they replace any such notes
   * from before): make their bitmaps in the next frames, then draw them again, patched or (`all`)
   * with a full draw.
   */
  finish(notes: readonly BoardNote[], all: boolean): void {
    this.clear();
    for (const n of notes) this.finishing.set(n.id, reachOf(n));
    this.finishAll = all || notes.length > PATCH_MAX_RECTS;
    this.since = performance.now();
    if (this.finishing.size > 0) this.schedule();
  }

  /** Nothing is due (a full draw holds it all). */
  clear(): void {
    this.fresh = [];
    this.freshTop = [];
    this.cards.clear();
    this.finishing.clear();
    this.finishAll = false;
  }

  /** Whether some part of the canvas is still to be drawn again. */
  get due(): boolean {
    return this.fresh.length > 0 || this.freshTop.length > 0 || this.finishing.size > 0 || this.cards.size > 0;
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.run());
  }

  private run(): void {
    this.frame = 0;
    if (!this.due) return;
    const target = this.host.target();
    if (!target) {
      this.clear();
      return this.host.drawAll();
    }
    const now = performance.now();
    const finishing: BoardNote[] = [];
    for (const id of [...this.finishing.keys(), ...this.cards]) {
      const n = this.host.current(id);
      if (n) finishing.push(n);
    }
    let rects: Rect[];
    let tops: BoardNote[];
    /** Cards whose bitmaps are made: drawn over (on top) or patched in this touch. */
    let finished: string[] = [];
    if (this.fresh.length > 0 || this.freshTop.length > 0) {
      rects = this.fresh;
      tops = this.freshTop;
      this.fresh = [];
      this.freshTop = [];
      // Notes finished by now are drawn again in the same touch of the canvas (a budget of 0: nothing is made).
      if (finishing.length > 0 && !this.finishAll && rects.length + this.finishing.size <= PATCH_MAX_RECTS && this.host.prepare(finishing, 0)) {
        rects.push(...this.finishing.values());
        this.finishing.clear();
        finished = [...this.cards];
        this.cards.clear();
      } else if (finishing.length > 0) this.schedule();
    } else {
      const ready = this.host.prepare(finishing, PATCH_BUDGET_MS);
      const late = now - this.since >= PATCH_WAIT_MS;
      // Each touch has the whole canvas committed again: a few a second at most for finishing.
      if (!late && now - this.touched < FINISH_GAP_MS) return this.schedule();
      // Not all made yet: the notes whose bitmaps are made are drawn now (the first ones made are
      // those in view), not once the last is: after a camera jump a note in view must not stay a
      // blank card while the notes in the padding, or behind it in paint order, are made.
      let done = ready || late ? null : finishing.filter((n) => this.host.prepare([n], 0));
      // All made by now (a budget of 0 may still make one): finished as when ready (a full draw if asked for).
      if (done?.length === finishing.length) done = null;
      if (done && (done.length === 0 || done.length > PATCH_MAX_RECTS)) return this.schedule();
      tops = [];
      if (done) {
        rects = [];
        for (const n of done) {
          const rect = this.finishing.get(n.id);
          if (rect) rects.push(rect);
          this.finishing.delete(n.id);
          if (this.cards.delete(n.id)) finished.push(n.id);
        }
      } else {
        if (this.finishAll) {
          this.clear();
          return this.host.drawAll();
        }
        rects = [...this.finishing.values()];
        this.finishing.clear();
        finished = [...this.cards];
        this.cards.clear();
      }
    }
    // A card is drawn over only while nothing drawn after it reaches where it does; else its rectangle is drawn again.
    for (const id of finished) {
      const n = this.host.current(id);
      if (!n) continue;
      if (this.host.onTop(n)) tops.push(n);
      else rects.push(reachOf(n));
    }
    // A note to draw over that a rectangle reaches is drawn by a rectangle of its own instead (a
    // rectangle draws every note reaching into it; drawn over again, it would be drawn twice).
    for (let again = true; again; ) {
      again = false;
      tops = tops.filter((n) => {
        const reach = reachOf(n);
        if (!rects.some((r) => intersects(r, reach))) return true;
        rects.push(reach);
        again = true;
        return false;
      });
    }
    rects = uniqueRects(rects);
    if (rects.length > PATCH_MAX_RECTS) {
      this.clear();
      return this.host.drawAll();
    }
    const deadline = now + PATCH_BUDGET_MS;
    this.touched = now;
    const waiting: BoardNote[] = [];
    for (const r of rects) {
      patchRect(target.ctx, target.t, r, (clip) => {
        const list = this.host.notesIn(clip);
        // A card the rectangle reaches is drawn again whole, by its own rectangle, in a later touch.
        for (const n of list) if (this.cards.delete(n.id)) this.finishing.set(n.id, reachOf(n));
        this.host.draw(target.ctx, list, clip, deadline, waiting);
      });
    }
    for (const n of tops) if (!this.host.drawOnTop(target.ctx, target.t, n, deadline)) this.cards.add(n.id);
    if (waiting.length === 0 && this.cards.size === 0 && this.finishing.size === 0) return;
    this.since = now;
    for (const n of waiting) this.finishing.set(n.id, reachOf(n));
    this.schedule();
  }
}
