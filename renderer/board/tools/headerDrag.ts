import { dropSlot, slotToIndex } from '../../../shared/journey';
import type { Point } from '../../../shared/board/camera';
import type { BoardCore } from '../core';
import { pastThreshold, type Gesture } from './gesture';

/**
 * A press on a stage or lane header: a click opens its menu; a drag reorders it (a blue line
 * shows the gap it would go to, and the header is highlighted).
 */
export class HeaderDragGesture implements Gesture {
  readonly kind = 'header';
  /** The gap the header would drop into, once the drag has begun. */
  slot: number | null = null;

  constructor(
    private readonly core: BoardCore,
    readonly pointerId: number,
    private readonly start: Point,
    readonly axis: 'stage' | 'lane',
    readonly id: string,
    private readonly index: number,
  ) {}

  move(p: Point, b: Point): void {
    if (this.slot === null && !pastThreshold(this.start, p)) return;
    const frame = this.core.frame.layout;
    if (!frame) return;
    this.slot = dropSlot(frame, this.axis, this.axis === 'stage' ? b.x : b.y);
    this.core.render.frameFeedbackChanged();
  }

  finish(): void {
    const ref = { type: this.axis, id: this.id };
    if (this.slot === null) this.core.structure.openHeaderMenu(ref);
    else void this.core.structure.moveHeader(ref, slotToIndex(this.index, this.slot));
    this.slot = null;
    this.core.render.frameFeedbackChanged();
  }
}
