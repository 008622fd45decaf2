import { hitTest } from '../../../shared/journey';
import { rectFromPoints, type Point } from '../../../shared/board/camera';
import { dropChanges } from '../../../shared/board/frameDrop';
import type { BoardNote, NoteChange } from '../../../shared/board/history';
import { clampCoord, type BoardCore } from '../core';
import { pastThreshold, type Gesture } from './gesture';

/**
 * The select tool's press: on a selected note a drag moves the selection, on empty board a drag
 * draws a marquee, and a click on one note of several selects just that note.
 */
export class PressGesture implements Gesture {
  readonly kind = 'press';

  constructor(
    private readonly core: BoardCore,
    readonly pointerId: number,
    private readonly start: Point,
    private readonly startBoard: Point,
    private readonly hit: string | null,
    private readonly shift: boolean,
  ) {}

  move(p: Point): Gesture | void {
    if (!pastThreshold(this.start, p)) return;
    const selection = this.core.editing.selection;
    if (this.hit && selection.has(this.hit)) return new DragGesture(this.core, this.pointerId, this.startBoard);
    if (this.hit) return;
    return new MarqueeGesture(this.core, this.pointerId, this.startBoard, this.shift ? new Set(selection) : new Set());
  }

  finish(): void {
    // A click (no drag) on one note of a multi-selection selects just that note.
    if (this.hit && !this.shift && this.core.editing.selection.size > 1) this.core.editing.setSelection([this.hit]);
  }
}

/** Dragging the selection: the notes are lifted onto the interaction layer until the drop. */
export class DragGesture implements Gesture {
  readonly kind = 'drag';
  private dx = 0;
  private dy = 0;
  /** The cell under the pointer (highlighted): where the notes would land. */
  dropCell: { stageId: string; laneId: string } | null = null;

  constructor(
    private readonly core: BoardCore,
    readonly pointerId: number,
    private readonly startBoard: Point,
  ) {
    core.tools.lift(core.editing.selection);
    core.tools.resize.sync();
    core.konva?.transformer.nodes([]);
    core.konva?.staticLayer.batchDraw();
  }

  move(_p: Point, b: Point): void {
    this.dx = b.x - this.startBoard.x;
    this.dy = b.y - this.startBoard.y;
    this.core.tools.liftOffset = { dx: this.dx, dy: this.dy };
    const frame = this.core.frame.layout;
    const over = frame ? hitTest(frame, b) : null;
    this.dropCell = over?.type === 'cell' ? { stageId: over.stageId, laneId: over.laneId } : null;
    this.core.render.drawLive();
  }

  /** One undo step: where the pointer is decides (a cell, outside the frame, or over a header). */
  finish(): void {
    const { tools, model, frame, render } = this.core;
    const { dx, dy } = this;
    const ids = [...tools.lifted];
    tools.lift([]);
    this.dropCell = null;
    let changes: NoteChange[] = [];
    let label = ids.length === 1 ? 'Move note' : `Move ${ids.length} notes`;
    if (Math.round(dx) !== 0 || Math.round(dy) !== 0) {
      const notes = ids.map((id) => model.notes.get(id)).filter((n): n is BoardNote => !!n);
      const target = frame.dropTargetAt({ x: this.startBoard.x + dx, y: this.startBoard.y + dy });
      changes = dropChanges(notes, dx, dy, target, clampCoord);
      if (target.type === 'cell') label = ids.length === 1 ? 'Move note into cell' : `Move ${ids.length} notes into cell`;
    }
    if (changes.length) model.commit(label, changes);
    tools.resize.sync();
    render.redrawAll();
  }
}

/** A marquee from empty board: selects every note it touches (added to the selection with shift). */
export class MarqueeGesture implements Gesture {
  readonly kind = 'marquee';

  constructor(
    private readonly core: BoardCore,
    readonly pointerId: number,
    private readonly startBoard: Point,
    private readonly base: Set<string>,
  ) {
    core.konva?.marquee.visible(true);
  }

  move(_p: Point, b: Point): void {
    const r = rectFromPoints(this.startBoard, b);
    this.core.konva?.marquee.setAttrs(r);
    const ids = new Set(this.base);
    for (const id of this.core.model.index.query(r)) ids.add(id);
    this.core.editing.setSelection(ids);
  }

  finish(): void {
    this.core.konva?.marquee.visible(false);
    this.core.render.drawLive();
  }
}
