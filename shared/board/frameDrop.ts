/**
 * What the board does to notes when the journey frame is involved: where a drop lands (a cell, the
 * free board, or a header), the patches a drop makes, the order notes take inside a cell, channel
 * toggles and the score of a dragged emotion point. Pure; the BoardController applies the result as
 * one undo step.
 */
import { CHANNELS, NOTE_KIND_OF_LANE, type Channel, type LaneKind, type NoteKind } from '../domain';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  FRAME_ORIGIN,
  layoutFrame,
  type FrameHit,
  type FrameInput,
  type FrameLayout,
  type FrameNote,
} from '../journey';
import type { NoteChange } from './history';

/** Where a drop lands: into a cell, out onto the free board, or nowhere new (a header). */
export type DropTarget =
  { type: 'cell'; stageId: string; laneId: string; laneKind: LaneKind } | { type: 'free' } | { type: 'none' };

/**
 * The target of a drop with the pointer over `hit` (from `hitTest`): a cell takes the notes, outside
 * the frame frees them, a header or the corner leaves their stage and lane as they were.
 */
export function dropTargetOf(hit: FrameHit | null, laneKindOf: (laneId: string) => LaneKind | undefined): DropTarget {
  if (!hit) return { type: 'free' };
  if (hit.type !== 'cell') return { type: 'none' };
  return { type: 'cell', stageId: hit.stageId, laneId: hit.laneId, laneKind: laneKindOf(hit.laneId) ?? 'custom' };
}

/** A note as a drop needs it. */
export interface DropNote {
  id: string;
  x: number;
  y: number;
  stageId: string | null;
  laneId: string | null;
  kind: NoteKind | null;
}

/**
 * The patches of dropping `notes` moved by `dx`, `dy` onto `target`: a cell sets stage, lane and the
 * lane's note kind (a custom lane keeps the note's kind); the free board clears stage and lane and
 * keeps the dropped position. `round` turns coordinates into what the store accepts.
 */
export function dropChanges(
  notes: readonly DropNote[],
  dx: number,
  dy: number,
  target: DropTarget,
  round: (n: number) => number = Math.round,
): NoteChange[] {
  return notes.map((n) => {
    const patch: Extract<NoteChange, { op: 'update' }>['patch'] = { x: round(n.x + dx), y: round(n.y + dy) };
    if (target.type === 'cell') {
      patch.stageId = target.stageId;
      patch.laneId = target.laneId;
      const kind = NOTE_KIND_OF_LANE[target.laneKind];
      if (kind) patch.kind = kind;
    } else if (target.type === 'free') {
      patch.stageId = null;
      patch.laneId = null;
    }
    return { type: 'note', op: 'update', id: n.id, patch };
  });
}

/**
 * Reading order of notes inside cells: by top edge, then left edge, then id. The board lays a cell
 * out in this order, so a note dropped among others takes the place it was dropped at, and notes
 * already laid out keep their order.
 */
export function readingOrder(a: { id: string; x: number; y: number }, b: { id: string; x: number; y: number }): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The frame as the board lays it out: at FRAME_ORIGIN, with the notes that name a stage and a lane
 * flowed into their cells in reading order. The board and its exported picture both use this.
 */
export function layoutBoardFrame<N extends FrameNote & { x: number; y: number }>(
  stages: FrameInput['stages'],
  lanes: FrameInput['lanes'],
  notes: Iterable<N>,
): FrameLayout {
  const inCells: N[] = [];
  for (const n of notes) if (n.stageId !== null && n.laneId !== null) inCells.push(n);
  inCells.sort(readingOrder);
  return layoutFrame({ origin: FRAME_ORIGIN, stages, lanes, notes: inCells });
}

/** Whether every note has the channel (then toggling it removes it from all). */
export function allHaveChannel(notes: readonly { channels: readonly Channel[] }[], channel: Channel): boolean {
  return notes.length > 0 && notes.every((n) => n.channels.includes(channel));
}

/**
 * Patches that toggle `channel` on `notes`: removed from all when every note has it, else added to
 * those missing it. Channels stay in the order of `CHANNELS`.
 */
export function toggleChannelChanges(
  notes: readonly { id: string; channels: readonly Channel[] }[],
  channel: Channel,
): NoteChange[] {
  const remove = allHaveChannel(notes, channel);
  const out: NoteChange[] = [];
  for (const n of notes) {
    const has = n.channels.includes(channel);
    if (remove === !has) continue;
    const set = new Set(n.channels);
    if (remove) set.delete(channel);
    else set.add(channel);
    out.push({ type: 'note', op: 'update', id: n.id, patch: { channels: CHANNELS.filter((c) => set.has(c)) } });
  }
  return out;
}

/** Steps an emotion score snaps to while its point is dragged. */
export const EMOTION_STEP = 0.5;

/** The score at board `y` in a curve band (+2 at `top`, -2 at `bottom`), snapped to {@link EMOTION_STEP}. */
export function scoreAtY(y: number, top: number, bottom: number): number {
  if (!(bottom > top)) return 0;
  const t = (y - top) / (bottom - top);
  const raw = EMOTION_MAX - t * (EMOTION_MAX - EMOTION_MIN);
  const snapped = Math.round(raw / EMOTION_STEP) * EMOTION_STEP;
  const v = Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, snapped));
  return v === 0 ? 0 : v;
}
