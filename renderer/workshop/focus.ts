/** Where the camera goes when a step starts: the part of the board its `focus` names. */
import type { Rect } from '../../shared/board/camera';
import type { FrameLayout } from '../../shared/journey/index';

export interface FocusStep {
  focus: 'board' | 'frame' | 'stage' | 'lane' | 'matrix' | 'roadmap';
  stageId: string | null;
  laneId: string | null;
}

/**
 * The rectangle to fit for a step: its stage's column, its lane's row (the one cell when both are
 * given), or the whole frame; null for the whole board (fit everything) and for the matrix and
 * roadmap views (a view switch, not a camera move). A stage or lane the map no longer has falls
 * back to the frame.
 */
export function focusRect(step: FocusStep, frame: FrameLayout | null): Rect | null {
  if (!frame || step.focus === 'board' || step.focus === 'matrix' || step.focus === 'roadmap') return null;
  const column = step.stageId ? frame.columns.find((c) => c.stageId === step.stageId) : undefined;
  const row = step.laneId ? frame.rows.find((r) => r.laneId === step.laneId) : undefined;
  const top = frame.rect.y;
  if (step.focus === 'stage' && column) return { x: column.x, y: top, width: column.width, height: frame.rect.height };
  if (step.focus === 'lane' && row) {
    if (column) return { x: column.x, y: row.y, width: column.width, height: row.height };
    return { x: frame.rect.x, y: row.y, width: frame.rect.width, height: row.height };
  }
  return frame.rect;
}
