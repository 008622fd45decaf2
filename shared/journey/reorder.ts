/**
 * Reordering stages and lanes by dragging their headers: the array move itself and where a drag
 * over the headers would drop. Pure; indexes are 0-based positions in display order.
 */
import type { FrameLayout } from './frame';

/**
 * A copy of `ids` with the item at `fromIndex` moved so that it ends up at `toIndex`. Indexes out of
 * range are clamped; the input is never changed. `reorder(['a','b','c'], 0, 2)` is `['b','c','a']`.
 */
export function reorder<T>(ids: readonly T[], fromIndex: number, toIndex: number): T[] {
  const out = ids.slice();
  if (out.length === 0) return out;
  const last = out.length - 1;
  const from = clampIndex(fromIndex, last);
  const to = clampIndex(toIndex, last);
  if (from === to) return out;
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved as T);
  return out;
}

function clampIndex(i: number, last: number): number {
  if (!Number.isFinite(i)) return i > 0 ? last : 0;
  return Math.min(last, Math.max(0, Math.trunc(i)));
}

/**
 * The gap a pointer at `coord` is nearest: 0 is before the first item, `items.length` after the
 * last. An item's gap flips at its centre, so the indicator follows the pointer without jumping.
 * Centres increase with the index, so this is a binary search.
 */
function slotAt<T>(items: readonly T[], centre: (t: T) => number, coord: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (centre(items[mid]!) <= coord) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Which axis of the frame a header drag moves along: stages are columns, lanes are rows. */
export type HeaderAxis = 'stage' | 'lane';

/**
 * The insertion gap (0..count) a dragged header would drop into, from the pointer's board x (for
 * stages) or y (for lanes). Use {@link dropSlotPosition} to draw the indicator and
 * {@link slotToIndex} to turn it into `reorder`'s `toIndex`.
 */
export function dropSlot(frame: FrameLayout, axis: HeaderAxis, coord: number): number {
  if (axis === 'stage') return slotAt(frame.columns, (c) => c.x + c.width / 2, coord);
  return slotAt(frame.rows, (r) => r.y + r.height / 2, coord);
}

/** The board x (stages) or y (lanes) of a gap: where to draw the drop indicator line. */
export function dropSlotPosition(frame: FrameLayout, axis: HeaderAxis, slot: number): number {
  if (axis === 'stage') {
    const cols = frame.columns;
    if (cols.length === 0) return frame.rect.x + frame.laneHeaderWidth;
    const s = Math.min(cols.length, Math.max(0, slot));
    if (s === cols.length) {
      const lastCol = cols[cols.length - 1]!;
      return lastCol.x + lastCol.width;
    }
    return cols[s]!.x;
  }
  const rows = frame.rows;
  if (rows.length === 0) return frame.rect.y + frame.stageHeaderHeight;
  const s = Math.min(rows.length, Math.max(0, slot));
  if (s === rows.length) {
    const lastRow = rows[rows.length - 1]!;
    return lastRow.y + lastRow.height;
  }
  return rows[s]!.y;
}

/**
 * Turns an insertion gap into the index the moved item ends up at (what {@link reorder} takes):
 * dropping into a gap after the item's own place counts one less, since the item leaves its place.
 */
export function slotToIndex(fromIndex: number, slot: number): number {
  return slot > fromIndex ? slot - 1 : slot;
}

/**
 * The `toIndex` for dragging the header at `fromIndex` with the pointer at board x (stages) or y
 * (lanes): `reorder(ids, fromIndex, dropIndex(frame, 'stage', fromIndex, pointer.x))`.
 */
export function dropIndex(frame: FrameLayout, axis: HeaderAxis, fromIndex: number, coord: number): number {
  return slotToIndex(fromIndex, dropSlot(frame, axis, coord));
}
