/**
 * Points and rectangles, the one declaration the board, the frame and the exports share. Pure.
 *
 * One overlap rule everywhere: two rectangles overlap when they share area. Rectangles that only
 * touch along an edge or at a corner do not overlap: notes laid edge to edge are "not overlapping",
 * and a note whose edge lies on the view's edge shows no pixel, so it need not be drawn.
 */

/** A point on the board or the screen. */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned rectangle; `x`, `y` is the top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two rectangles share any area (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
