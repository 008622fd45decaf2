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

/** A coarse grid of the rectangles, so each candidate slot checks only its neighbours. */
function bucketed(rects: readonly Rect[]): (r: Rect) => boolean {
  const buckets = new Map<string, Rect[]>();
  const span = (a: number, len: number) => [Math.floor(a / BUCKET), Math.floor((a + len) / BUCKET)] as const;
  const add = (key: string, r: Rect) => {
    const list = buckets.get(key);
    if (list) list.push(r);
    else buckets.set(key, [r]);
  };
  for (const r of rects) {
    const [x0, x1] = span(r.x, r.width);
    const [y0, y1] = span(r.y, r.height);
    // A huge note would fill thousands of buckets: it is checked against every slot instead.
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 64) {
      add('big', r);
      continue;
    }
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) add(`${x},${y}`, r);
  }
  return (slot) => {
    if (buckets.get('big')?.some((r) => rectsOverlap(r, slot))) return true;
    const [x0, x1] = span(slot.x, slot.width);
    const [y0, y1] = span(slot.y, slot.height);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) if (buckets.get(`${x},${y}`)?.some((r) => rectsOverlap(r, slot))) return true;
    return false;
  };
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
  const taken = bucketed(avoid);
  const out: Point[] = [];
  let tried = 0;
  // Candidates come in growing batches of the same grid; a batch of n always holds the first n.
  for (let batch = count + 16; out.length < count; batch *= 2) {
    const grid = frame
      ? freeBoardSlot(frame, batch, size)
      : Array.from({ length: batch }, (_, i) => ({
          x: Math.round(
            center.x - size / 2 + ((i % LOOSE_COLUMNS) - Math.floor(LOOSE_COLUMNS / 2)) * (size + NOTE_GAP),
          ),
          y: Math.round(center.y - size / 2 + Math.floor(i / LOOSE_COLUMNS) * (size + NOTE_GAP)),
        }));
    for (let i = tried; i < grid.length && out.length < count; i++) {
      const p = grid[i]!;
      const slot = { x: p.x, y: p.y, width: size, height: size };
      // Slots of one grid never overlap each other: only the notes already there can be in the way.
      if (taken(slot)) continue;
      out.push(p);
    }
    tried = grid.length;
  }
  return out;
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
