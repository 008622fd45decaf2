import type { Point } from '../../../shared/board/camera';

/**
 * One pointer gesture in progress: a state of the board's tools. The tools pick one on pointer
 * down and send it every move until the pointer goes up.
 */
export interface Gesture {
  readonly kind: 'pan' | 'press' | 'drag' | 'marquee' | 'header' | 'emotion';
  readonly pointerId: number;
  /**
   * The pointer moved to screen point `p` (board point `b`). A gesture that becomes another (a
   * press that turns into a drag or a marquee) returns it; it gets this same move.
   */
  move(p: Point, b: Point): Gesture | void;
  /** The pointer went up, or the gesture is cut short (undo, a reload): commit what it did. */
  finish(): void;
}

/** Screen pixels a press must move before it becomes a drag. */
export const DRAG_THRESHOLD = 3;

export function pastThreshold(start: Point, p: Point): boolean {
  return Math.hypot(p.x - start.x, p.y - start.y) >= DRAG_THRESHOLD;
}
