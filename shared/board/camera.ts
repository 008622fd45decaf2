/**
 * Camera maths for the infinite board: screen <-> board transforms, zoom around a point, fit a
 * rectangle. Pure: no DOM. A camera says which board point sits at the screen's top-left corner
 * and how many screen pixels one board unit takes.
 */
import type { Camera } from '../domain';
import { rectsOverlap, type Point, type Rect } from '../geometry';

export type { Point, Rect };

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

/** Clamps a zoom factor to the range the board supports (5% to 400%). */
export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** The board point under a screen point. */
export function screenToBoard(camera: Camera, p: Point): Point {
  return { x: camera.x + p.x / camera.zoom, y: camera.y + p.y / camera.zoom };
}

/** The screen point where a board point is drawn. */
export function boardToScreen(camera: Camera, p: Point): Point {
  return { x: (p.x - camera.x) * camera.zoom, y: (p.y - camera.y) * camera.zoom };
}

/** The board rectangle a viewport of this size shows. */
export function viewRect(camera: Camera, viewport: { width: number; height: number }): Rect {
  return { x: camera.x, y: camera.y, width: viewport.width / camera.zoom, height: viewport.height / camera.zoom };
}

/** Moves the camera by a screen-space delta (a drag of the board by dx, dy pixels). */
export function panBy(camera: Camera, dx: number, dy: number): Camera {
  return { x: camera.x - dx / camera.zoom, y: camera.y - dy / camera.zoom, zoom: camera.zoom };
}

/**
 * Zooms to `zoom` (clamped) keeping the board point under the screen point `anchor` where it is,
 * which is what zooming "around the pointer" means.
 */
export function zoomAt(camera: Camera, zoom: number, anchor: Point): Camera {
  const next = clampZoom(zoom);
  const focus = screenToBoard(camera, anchor);
  return { x: focus.x - anchor.x / next, y: focus.y - anchor.y / next, zoom: next };
}

/** Screen pixels on each side of a rectangle (parts drawn at a fixed screen size next to it). */
export interface Insets {
  top?: number;
  right?: number;
  bottom?: number;
  left?: number;
}

/**
 * The camera that shows `rect` whole and centred in the viewport with `padding` screen pixels
 * around it, never zooming in beyond `maxZoom` (so one small note does not fill the screen).
 * `insets`: screen pixels taken beside the rectangle by things that keep their size at any zoom
 * (buttons counter-scaled on the board); they are kept in view too, inside the padding.
 * `corner`: a box in the viewport's bottom-right corner (the minimap) that the fitted rectangle
 * must stay clear of; the view keeps clear of it by leaving either that much room on the right or
 * that much at the bottom, whichever shows the rectangle larger.
 */
export function fitRect(
  rect: Rect,
  viewport: { width: number; height: number },
  { padding = 48, maxZoom = 1, corner, insets = {} }: { padding?: number; maxZoom?: number; corner?: { width: number; height: number }; insets?: Insets } = {},
): Camera {
  const top = insets.top ?? 0;
  const right = insets.right ?? 0;
  const bottom = insets.bottom ?? 0;
  const left = insets.left ?? 0;
  const fit = (cornerRight: number, cornerBottom: number): Camera => {
    const areaW = viewport.width - Math.max(0, cornerRight - padding);
    const areaH = viewport.height - Math.max(0, cornerBottom - padding);
    const w = Math.max(1, areaW - 2 * padding - left - right);
    const h = Math.max(1, areaH - 2 * padding - top - bottom);
    const zoom = clampZoom(Math.min(maxZoom, w / Math.max(rect.width, 1e-6), h / Math.max(rect.height, 1e-6)));
    // Centre the rectangle with its insets: its left edge sits `left` pixels into the centred box.
    const boxLeft = (areaW - (rect.width * zoom + left + right)) / 2 + left;
    const boxTop = (areaH - (rect.height * zoom + top + bottom)) / 2 + top;
    return { x: rect.x - boxLeft / zoom, y: rect.y - boxTop / zoom, zoom };
  };
  if (!corner) return fit(0, 0);
  const beside = fit(corner.width, 0);
  const above = fit(0, corner.height);
  return beside.zoom >= above.zoom ? beside : above;
}

/** The camera with `center` (a board point) in the middle of the viewport, same zoom. */
export function centerOn(camera: Camera, center: Point, viewport: { width: number; height: number }): Camera {
  return { x: center.x - viewport.width / 2 / camera.zoom, y: center.y - viewport.height / 2 / camera.zoom, zoom: camera.zoom };
}

/** The smallest rectangle holding every rectangle given; null for none. */
export function unionRects(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Grows a rectangle by a fraction of its size on every side. */
export function padRect(rect: Rect, fraction: number): Rect {
  const dx = rect.width * fraction;
  const dy = rect.height * fraction;
  return { x: rect.x - dx, y: rect.y - dy, width: rect.width + 2 * dx, height: rect.height + 2 * dy };
}

/** True when `inner` lies wholly inside `outer`. */
export function containsRect(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** True when two rectangles share area: the one rule of shared/geometry.ts (touching edges do not count). */
export const intersects: (a: Rect, b: Rect) => boolean = rectsOverlap;

/** The rectangle spanned by two corner points, in any order (a marquee). */
export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/**
 * Zoom factor for one wheel event. `deltaY` is in pixels (scale lines by the caller); pinch in
 * Chromium arrives as ctrl+wheel with small deltas, a mouse wheel notch as about 100.
 */
export function wheelZoomFactor(deltaY: number): number {
  // Clamped so one mouse-wheel notch is about 1.35x, while a pinch's small deltas stay smooth.
  const d = Math.max(-30, Math.min(30, deltaY));
  return Math.exp(-d * 0.01);
}

/** The next zoom step for the zoom-in / zoom-out commands (a ladder of pleasant values). */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  const ladder = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
  if (direction > 0) return ladder.find((z) => z > zoom + 1e-9) ?? MAX_ZOOM;
  return [...ladder].reverse().find((z) => z < zoom - 1e-9) ?? MIN_ZOOM;
}
