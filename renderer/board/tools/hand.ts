import { panBy, type Point } from '../../../shared/board/camera';
import type { BoardCore } from '../core';
import type { Gesture } from './gesture';

/** The hand: drag to pan (hand tool, Space held, or the middle button). */
export class PanGesture implements Gesture {
  readonly kind = 'pan';

  constructor(
    private readonly core: BoardCore,
    readonly pointerId: number,
    private last: Point,
  ) {}

  move(p: Point): void {
    const dx = p.x - this.last.x;
    const dy = p.y - this.last.y;
    this.last = p;
    const camera = this.core.camera;
    camera.setCamera(panBy(camera.camera, dx, dy));
  }

  finish(): void {}
}
