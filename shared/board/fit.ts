/**
 * "Fit all" (Shift+1): the camera that shows every note and the whole journey frame with what the
 * board draws around it: "+ Stage" beside the header row, "+ Lane" under the last lane and the
 * metrics row under that (renderer/board/FrameOverlay, renderer/plan/MetricsRow), the emotion curve
 * and the room's band. Pure: the board's camera calls it with what it knows.
 */
import type { Camera } from '../domain';
import type { EmotionCurve, FrameLayout, SmoothPath } from '../journey';
import { centerOn, fitRect, unionRects, type Insets, type Rect } from './camera';

/** Board units between the frame's bottom edge and "+ Lane" (and the metrics row under it). */
export const FRAME_BELOW_GAP = 14;
/** Screen pixels "+ Lane" takes under the frame (a 32 px pill and room after it); the metrics row starts this much lower. */
export const LANE_BUTTON_PX = 46;
/** Screen pixels the "+ Lane" pill itself is high. */
export const LANE_PILL_PX = 32;
/** Board units between the frame's right edge and "+ Stage". */
export const ADD_STAGE_GAP = 16;
/** Screen pixels "+ Stage" is wide, with room to spare. */
export const ADD_STAGE_PX = 96;
/** The metrics row's least height in board units (its cells' `min-height`), the guess until it is measured. */
export const METRICS_ROW_MIN_HEIGHT = 64;
/** Screen pixels of margin around everything fitted (wider than the toolbar at the top and the zoom control at the bottom left). */
export const FIT_PADDING = 64;

export interface FitAllInput {
  /** The bounds of every note, or null for none. */
  notes: Rect | null;
  /** The journey frame as laid out, or null when there is none. */
  frame: FrameLayout | null;
  /** Its emotion curve with the room's band. */
  curve?: EmotionCurve | null;
  /** The metrics row's height under the frame in board units (as measured), or null if not known yet. */
  metricsRowHeight?: number | null;
  viewport: { width: number; height: number };
  /** The minimap's box in the bottom-right corner, to keep clear of. */
  corner?: { width: number; height: number };
}

/**
 * What the board draws for the frame: `rect` in board units (the frame, the gap to "+ Stage", the
 * metrics row, the curve and its band) and `insets`, the screen pixels beside it taken by the
 * buttons that keep their size at any zoom. The metrics row is there whenever the frame has stages.
 */
export function frameExtent(frame: FrameLayout, curve: EmotionCurve | null = null, metricsRowHeight: number | null = null): { rect: Rect; insets: Insets } {
  const f = frame.rect;
  const hasRow = frame.columns.length > 0;
  const below = FRAME_BELOW_GAP + (hasRow ? Math.max(0, metricsRowHeight ?? METRICS_ROW_MIN_HEIGHT) : 0);
  const parts: Rect[] = [{ x: f.x, y: f.y, width: f.width + ADD_STAGE_GAP, height: f.height + below }];
  if (curve) parts.push(...curveBounds(curve));
  return {
    rect: unionRects(parts)!,
    insets: { right: ADD_STAGE_PX, bottom: hasRow ? LANE_BUTTON_PX : LANE_PILL_PX },
  };
}

/** Boxes around the curve's and the bands' control points (a Bézier stays inside them), with room for the faces. */
function curveBounds(curve: EmotionCurve): Rect[] {
  const face = 18 + 24;
  const box = (path: SmoothPath): Rect | null => {
    if (!path.start) return null;
    const pts = [path.start, ...path.segments.flatMap((s) => [s.c1, s.c2, s.to])];
    return unionRects(pts.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 })));
  };
  const out: Rect[] = [];
  for (const path of [curve.path, ...curve.bands.flatMap((b) => [b.upper, b.lowerBack])]) {
    const r = box(path);
    if (r) out.push(r);
  }
  for (const p of curve.points) out.push({ x: p.x - face, y: p.y - face, width: 2 * face, height: 2 * face });
  return out;
}

/** The camera that fits everything on the board into the viewport, at most at 100 %, clear of the minimap. */
export function fitAllCamera({ notes, frame, curve = null, metricsRowHeight = null, viewport, corner }: FitAllInput): Camera {
  const extent = frame ? frameExtent(frame, curve, metricsRowHeight) : null;
  const bounds = unionRects([notes, extent?.rect].filter((r): r is Rect => !!r));
  if (!bounds) return centerOn({ x: 0, y: 0, zoom: 1 }, { x: 0, y: 0 }, viewport);
  // The buttons' screen pixels are kept beside the whole bounds: a little room to spare when notes reach past the frame.
  return fitRect(bounds, viewport, { padding: FIT_PADDING, maxZoom: 1, corner, insets: extent?.insets });
}
