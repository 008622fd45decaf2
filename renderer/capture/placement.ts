/**
 * Where captured, imported and accepted notes go, and the changes that put them there. Pure: the
 * components pass the board's notes, frame and structure in and hand the changes to
 * `BoardController.commit` (one call = one undo step).
 */
import {
  NOTE_DEFAULT_SIZE,
  NOTE_KIND_OF_LANE,
  type Lane,
  type NoteColor,
  type NoteKind,
  type Sentiment,
} from '../../shared/domain';
import { freeBoardSlot, NOTE_GAP, rectsOverlap, type FrameLayout, type Point, type Rect } from '../../shared/journey';
import type { BoardNote, NoteChange } from '../../shared/board/history';
import { mergeNoteFields } from '../../shared/structure/cluster';
import { withDefaults } from '../../shared/records/index';


/** A note not in a cell (the brainstorm area). */
export const isFree = (n: Pick<BoardNote, 'stageId' | 'laneId'>) => n.stageId === null || n.laneId === null;

/** Rectangles of the free notes: what new brainstorm notes must not cover. */
export function freeRects(notes: Iterable<BoardNote>): Rect[] {
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

/** What a new note says and where it belongs (a cell when both stageId and laneId are set). */
export interface NoteDraft {
  text: string;
  stageId: string | null;
  laneId: string | null;
  kind: NoteKind | null;
  author: string | null;
}

export interface PlaceContext {
  frame: FrameLayout | null;
  /** Board point at the view's centre (used when there is no frame). */
  center: Point;
  /** Every note now on the board. */
  notes: Iterable<BoardNote>;
  newId(): string;
  color?: NoteColor;
}

/**
 * Board notes for `drafts`: those with a cell that exists go into it (after its notes), the rest
 * into the brainstorm area's next free slots, in order.
 */
export function placeDrafts(drafts: readonly NoteDraft[], ctx: PlaceContext): BoardNote[] {
  const inCell = (d: NoteDraft) => !!(d.stageId && d.laneId && cellEnd(ctx.frame, d.stageId, d.laneId));
  const freeCount = drafts.filter((d) => !inCell(d)).length;
  const slots = brainstormSlots(ctx.frame, ctx.center, freeCount, freeRects(ctx.notes));
  let next = 0;
  return drafts.map((d, i) => {
    const end = d.stageId && d.laneId ? cellEnd(ctx.frame, d.stageId, d.laneId) : null;
    // Cell notes keep their order: each a little further along than the one before.
    const at = end ? { x: end.x, y: end.y + i } : slots[next++]!;
    const value = withDefaults('note', {
      text: d.text,
      x: Math.round(at.x),
      y: Math.round(at.y),
      color: ctx.color,
      stageId: end ? d.stageId : null,
      laneId: end ? d.laneId : null,
      kind: d.kind,
      author: d.author,
    });
    return { id: ctx.newId(), ...value } as BoardNote;
  });
}

/** The kind a note takes in a lane: the lane's kind, or (a custom lane) the one it had. */
export function kindInLane(lane: Pick<Lane, 'kind'> | undefined, fallback: NoteKind | null): NoteKind | null {
  return (lane && NOTE_KIND_OF_LANE[lane.kind]) ?? fallback;
}

/** One accepted suggestion, possibly changed by the person. */
export interface Acceptance {
  noteId: string;
  stageId: string;
  laneId: string;
  kind: NoteKind | null;
  sentiment: Sentiment | null;
}

/** Patches that move accepted notes into their cells (after the notes already there). */
export function acceptChanges(accepted: readonly Acceptance[], frame: FrameLayout | null): NoteChange[] {
  return accepted.map((a, i) => {
    const end = cellEnd(frame, a.stageId, a.laneId);
    const patch: NoteChange & { op: 'update' } = {
      type: 'note',
      op: 'update',
      id: a.noteId,
      patch: { stageId: a.stageId, laneId: a.laneId, kind: a.kind, sentiment: a.sentiment },
    };
    if (end) Object.assign(patch.patch, { x: Math.round(end.x), y: Math.round(end.y) + i });
    return patch;
  });
}

/**
 * Merges a group into its first note by the one merge rule (`mergeNoteFields`, as `notes.merge`):
 * the most informative text, every author, the union of channels and personas. The others are
 * deleted. As board changes, so the merge is one undo step.
 */
export function mergeChanges(group: readonly BoardNote[]): NoteChange[] {
  if (group.length < 2) return [];
  const [keep, ...rest] = group as [BoardNote, ...BoardNote[]];
  return [
    { type: 'note', op: 'update', id: keep.id, patch: mergeNoteFields(group) },
    ...rest.map((n): NoteChange => ({ type: 'note', op: 'delete', id: n.id })),
  ];
}
