/**
 * Where captured, imported and accepted notes go, and the changes that put them there. Pure: the
 * components pass the board's notes, frame and structure in and hand the changes to
 * `BoardController.commit` (one call = one undo step).
 */
import {
  NOTE_KIND_OF_LANE,
  type Lane,
  type NoteColor,
  type NoteKind,
  type Sentiment,
} from '../../shared/domain';
import type { FrameLayout, Point } from '../../shared/journey';
import type { BoardNote, NoteChange } from '../../shared/board/history';
import { mergeNoteFields } from '../../shared/structure/cluster';
import { withDefaults } from '../../shared/records/index';
import { brainstormSlots, cellEnd, freeRects } from '../../shared/board/placement';

// The placement rule itself is shared with notes sent from phones (electron/services/room.ts).
export { brainstormSlots, cellEnd, freeRects, isFree } from '../../shared/board/placement';

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
