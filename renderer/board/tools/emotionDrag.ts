import { scoreAtY } from '../../../shared/board/frameDrop';
import type { Point } from '../../../shared/board/camera';
import type { BoardCore } from '../core';
import { pastThreshold, type Gesture } from './gesture';

/** Dragging a stage's emotion point up or down sets a manual score (snapped to halves). */
export class EmotionDragGesture implements Gesture {
  readonly kind = 'emotion';
  /** The score under the pointer, once the point has moved. */
  preview: { stageId: string; score: number } | null = null;

  constructor(
    private readonly core: BoardCore,
    readonly pointerId: number,
    private readonly start: Point,
    readonly stageId: string,
  ) {}

  move(p: Point, b: Point): void {
    if (this.preview === null && !pastThreshold(this.start, p)) return;
    const curve = this.core.frame.curve;
    if (!this.core.frame.layout || !curve) return;
    this.preview = { stageId: this.stageId, score: scoreAtY(b.y, curve.top, curve.bottom) };
    this.core.render.frameFeedbackChanged();
  }

  finish(): void {
    const preview = this.preview;
    this.preview = null;
    if (preview) void this.core.structure.setStageEmotion(preview.stageId, preview.score);
    this.core.render.frameFeedbackChanged();
  }
}
