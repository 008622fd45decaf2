/**
 * Where a new note goes on the board when nobody drops it somewhere: at the end of its cell, or in
 * the next free place of the brainstorm area beside the frame. The facilitator's capture, imports
 * and accepted suggestions (renderer/capture/placement.ts) and notes sent from phones
 * (electron/services/room.ts) follow this one rule, so new notes never pile up on one spot. Pure.
 */
import { NOTE_DEFAULT_SIZE } from '../domain';
import { freeBoardSlot, NOTE_GAP, rectsOverlap, type FrameLayout, type Point, type Rect } from '../journey';

/** The fields placement reads of a note. */
export interface PlacedNote {
  x: number;
  y: number;
  width: number;
  height: number;
  stageId: string | null;
  laneId: string | null;
}

/** A note not in a cell (the brainstorm area). */
export const isFree = (n: Pick<PlacedNote, 'stageId' | 'laneId'>) => n.stageId === null || n.laneId === null;

/** Rectangles of the free notes: what new brainstorm notes must not cover. */
export function freeRects(notes: Iterable<PlacedNote>): Rect[] {
  const out: Rect[] = [];
  for (const n of notes) if (isFree(n)) out.push({ x: n.x, y: n.y, width: n.width, height: n.height });
  return out;
}

/** Notes per row of the grid near the view centre when the map has no frame. */
const LOOSE_COLUMNS = 6;
const BUCKET = 512;

/** A coarse grid of rectangles, so each candidate slot checks only its neighbours; rectangles may be added later. */
function bucketed(rects: readonly Rect[]): { add(r: Rect): void; hits(slot: Rect): boolean } {
  const buckets = new Map<string, Rect[]>();
  const span = (a: number, len: number) => [Math.floor(a / BUCKET), Math.floor((a + len) / BUCKET)] as const;
  const put = (key: string, r: Rect) => {
    const list = buckets.get(key);
    if (list) list.push(r);
    else buckets.set(key, [r]);
  };
  const add = (r: Rect) => {
    const [x0, x1] = span(r.x, r.width);
    const [y0, y1] = span(r.y, r.height);
    // A huge note would fill thousands of buckets: it is checked against every slot instead.
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 64) {
      put('big', r);
      return;
    }
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) put(`${x},${y}`, r);
  };
  for (const r of rects) add(r);
  return {
    add,
    hits(slot) {
      if (buckets.get('big')?.some((r) => rectsOverlap(r, slot))) return true;
      const [x0, x1] = span(slot.x, slot.width);
      const [y0, y1] = span(slot.y, slot.height);
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) if (buckets.get(`${x},${y}`)?.some((r) => rectsOverlap(r, slot))) return true;
      return false;
    },
  };
}

/**
 * The brainstorm area's free places one after another (what `brainstormSlots` answers, as a
 * stream): `next()` is the first place of the grid, at or after the last one it gave, that no
 * `avoid` rectangle covers; `avoid(r)` adds a rectangle (a note just put there). Valid while the
 * frame is the same and rectangles are only added: a note moved away or deleted may open a gap
 * before the cursor, so then make a new one. Lets a caller that keeps it between notes (the room's
 * phones, electron/services/room.ts) place each note without scanning every note already there.
 */
export interface BrainstormCursor {
  next(): Point;
  avoid(r: Rect): void;
}

export function brainstormCursor(
  frame: FrameLayout | null,
  center: Point,
  avoid: readonly Rect[],
  size = NOTE_DEFAULT_SIZE,
): BrainstormCursor {
  const taken = bucketed(avoid);
  let grid: Point[] = [];
  let i = 0;
  return {
    next() {
      for (;;) {
        // Candidates come in growing batches of the same grid; a batch of n always holds the first n.
        if (i >= grid.length) grid = gridOf(frame, center, Math.max(17, grid.length * 2), size);
        const p = grid[i++]!;
        // Slots of one grid never overlap each other: only the notes already there can be in the way.
        if (!taken.hits({ x: p.x, y: p.y, width: size, height: size })) return p;
      }
    },
    avoid: taken.add,
  };
}

/** The first `batch` places of the brainstorm grid: beside the frame, or with no frame around `center`. */
function gridOf(frame: FrameLayout | null, center: Point, batch: number, size: number): Point[] {
  return frame
    ? freeBoardSlot(frame, batch, size)
    : Array.from({ length: batch }, (_, i) => ({
        x: Math.round(center.x - size / 2 + ((i % LOOSE_COLUMNS) - Math.floor(LOOSE_COLUMNS / 2)) * (size + NOTE_GAP)),
        y: Math.round(center.y - size / 2 + Math.floor(i / LOOSE_COLUMNS) * (size + NOTE_GAP)),
      }));
}

/**
 * Top-left positions for `count` new notes in the brainstorm area: the first free places of a tidy
 * grid beside the frame (the grid `freeBoardSlot` lays out, gaps left by moved notes filled first),
 * or, with no frame, a grid starting at `center`. No slot overlaps an `avoid` rectangle.
 */
export function brainstormSlots(
  frame: FrameLayout | null,
  center: Point,
  count: number,
  avoid: readonly Rect[],
  size = NOTE_DEFAULT_SIZE,
): Point[] {
  if (count <= 0) return [];
  const cursor = brainstormCursor(frame, center, avoid, size);
  return Array.from({ length: count }, () => cursor.next());
}

/**
 * A point inside a cell after every note already there, so the board's layout (reading order of
 * positions) appends a note placed here at the cell's end. Null when the frame has no such cell.
 */
export function cellEnd(frame: FrameLayout | null, stageId: string, laneId: string): Point | null {
  const cell = frame?.cells.find((c) => c.stageId === stageId && c.laneId === laneId);
  if (!cell) return null;
  return { x: cell.rect.x + cell.rect.width - 2, y: cell.rect.y + cell.rect.height - 2 };
}
