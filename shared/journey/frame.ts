/**
 * The journey-map frame: stages as columns, lanes as rows, notes flowing inside each cell.
 *
 * Pure geometry in board units. No DOM, no Node, no Konva: the board draws what this returns and
 * the services use it to place notes. Everything here is linear in the number of notes (one pass
 * to bucket notes into cells, one to size columns, one to flow cells, one to write positions), so
 * 20,000 notes lay out in a few milliseconds.
 */
import type { LaneKind } from '../domain';
import { NOTE_DEFAULT_SIZE } from '../domain';
import { rectsOverlap, type Point, type Rect } from '../geometry';

export { rectsOverlap, type Point, type Rect };

/** Space between a cell's border and its notes. */
export const CELL_PADDING = 16;
/** Space between two notes in a cell, both across and down. */
export const NOTE_GAP = 12;
/** A column widens until this many default-size notes sit side by side; then its rows grow. */
export const MAX_NOTES_ACROSS = 3;
/** Height of the stage header row along the top of the frame (name and one-line description). */
export const STAGE_HEADER_HEIGHT = 88;
/** Width of the lane header column along the left of the frame. */
export const LANE_HEADER_WIDTH = 200;
/** Height of a collapsed lane: a thin strip that still shows the lane's name and a note count. */
export const COLLAPSED_LANE_HEIGHT = 36;
/** An empty column is wide enough for two default notes, so there is room to drop into it. */
export const MIN_COLUMN_WIDTH = 2 * NOTE_DEFAULT_SIZE + NOTE_GAP + 2 * CELL_PADDING;
/** An empty expanded lane is tall enough for one default note. */
export const MIN_ROW_HEIGHT = NOTE_DEFAULT_SIZE + 2 * CELL_PADDING;
/** The Emotions lane is taller so its curve has room to show five levels. */
export const EMOTION_ROW_MIN_HEIGHT = 240;

/** A stage as the frame needs it, in display order. */
export interface FrameStage {
  id: string;
}

/** A lane as the frame needs it, in display order. `kind` only matters for `emotions`. */
export interface FrameLane {
  id: string;
  collapsed: boolean;
  kind?: LaneKind;
}

/** A note as the frame needs it. Notes with `stageId` or `laneId` null are on the free board. */
export interface FrameNote {
  id: string;
  stageId: string | null;
  laneId: string | null;
  width: number;
  height: number;
}

/** What to lay out. Notes inside one cell keep the order they are given in. */
export interface FrameInput {
  /** Top-left corner of the frame (the corner above the lane headers). */
  origin: Point;
  stages: readonly FrameStage[];
  lanes: readonly FrameLane[];
  notes: readonly FrameNote[];
}

/** Where every map's frame sits on the board: its top-left corner. The free board is everywhere else. */
export const FRAME_ORIGIN: Point = { x: 0, y: 0 };

/** Sizes that shape the frame; each defaults to the exported constant of the same meaning. */
export interface FrameOptions {
  padding?: number;
  gap?: number;
  /** How many default-size notes a column holds side by side before its rows grow instead. */
  maxAcross?: number;
  /** The size `maxAcross` counts in and that empty cells are sized for. */
  noteSize?: number;
  stageHeaderHeight?: number;
  laneHeaderWidth?: number;
  collapsedLaneHeight?: number;
  minColumnWidth?: number;
  minRowHeight?: number;
  emotionRowMinHeight?: number;
}

/** One stage column. `x`/`width` span the header and every cell below it. */
export interface FrameColumn {
  stageId: string;
  index: number;
  x: number;
  width: number;
  /** The stage's header cell in the top row. */
  header: Rect;
}

/** One lane row. `y`/`height` span the header and every cell to its right. */
export interface FrameRow {
  laneId: string;
  index: number;
  y: number;
  height: number;
  collapsed: boolean;
  kind: LaneKind | null;
  /** The lane's header cell in the left column. */
  header: Rect;
}

/** One cell: the meeting of a stage and a lane. */
export interface FrameCell {
  stageId: string;
  laneId: string;
  stageIndex: number;
  laneIndex: number;
  rect: Rect;
  /** Ids of the notes in this cell, in layout order (hidden ones too, in a collapsed lane). */
  noteIds: string[];
  /** True when the lane is collapsed: the notes are hidden and `rect` is a thin strip. */
  collapsed: boolean;
}

/** Where a note in a cell should be drawn. */
export interface NotePlacement {
  id: string;
  stageId: string;
  laneId: string;
  /** Top-left corner on the board. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** True in a collapsed lane: do not draw it. `x`, `y` is then the cell's inner top-left. */
  hidden: boolean;
}

/** The computed frame. Plain data, safe to keep while the inputs stay the same. */
export interface FrameLayout {
  origin: Point;
  /** The whole frame, headers included. */
  rect: Rect;
  stageHeaderHeight: number;
  laneHeaderWidth: number;
  /** The corner above the lane headers and left of the stage headers. */
  corner: Rect;
  columns: FrameColumn[];
  rows: FrameRow[];
  /** Every cell, lane by lane: the cell of stage `s` in lane `l` is `cells[l * columns.length + s]`. */
  cells: FrameCell[];
  /** One entry per note in a cell, in the order the notes were given. */
  placements: NotePlacement[];
  /** Notes that name a stage and a lane of which at least one is not in this frame. */
  unplaced: string[];
  /** Resolved sizes used for this layout. */
  options: Required<FrameOptions>;
}

/** Fills in the defaults of {@link FrameOptions}. */
export function frameOptions(options: FrameOptions = {}): Required<FrameOptions> {
  const noteSize = options.noteSize ?? NOTE_DEFAULT_SIZE;
  const padding = options.padding ?? CELL_PADDING;
  const gap = options.gap ?? NOTE_GAP;
  return {
    padding,
    gap,
    noteSize,
    maxAcross: Math.max(1, Math.floor(options.maxAcross ?? MAX_NOTES_ACROSS)),
    stageHeaderHeight: options.stageHeaderHeight ?? STAGE_HEADER_HEIGHT,
    laneHeaderWidth: options.laneHeaderWidth ?? LANE_HEADER_WIDTH,
    collapsedLaneHeight: options.collapsedLaneHeight ?? COLLAPSED_LANE_HEIGHT,
    minColumnWidth: options.minColumnWidth ?? 2 * noteSize + gap + 2 * padding,
    minRowHeight: options.minRowHeight ?? noteSize + 2 * padding,
    emotionRowMinHeight: options.emotionRowMinHeight ?? EMOTION_ROW_MIN_HEIGHT,
  };
}

/**
 * Lays out the frame: column widths, row heights, cell rectangles and the position of every note
 * in a cell.
 *
 * A column is as wide as its widest cell needs: a cell wants `maxAcross` notes side by side (the
 * widest run of `maxAcross` consecutive notes, so large notes widen it), never less than
 * `minColumnWidth`. Notes then flow left to right inside the column's inner width and wrap to a new
 * line when the next one does not fit; each line is as tall as its tallest note. A row is as tall as
 * its tallest cell. Collapsed lanes are `collapsedLaneHeight` tall, their notes are hidden and do not
 * widen columns. Notes in a cell never overlap and stay inside the cell's padding.
 */
export function layoutFrame(input: FrameInput, options?: FrameOptions): FrameLayout {
  const o = frameOptions(options);
  const { origin, stages, lanes, notes } = input;
  const S = stages.length;
  const L = lanes.length;

  const stageIndex = new Map<string, number>();
  for (let s = 0; s < S; s++) stageIndex.set(stages[s]!.id, s);
  const laneIndex = new Map<string, number>();
  for (let l = 0; l < L; l++) laneIndex.set(lanes[l]!.id, l);

  // Bucket notes by cell in one pass. `cellOf[i]` is the cell index of notes[i], or -1.
  const N = notes.length;
  const cellOf = new Int32Array(N).fill(-1);
  const cellCount = new Int32Array(S * L);
  const unplaced: string[] = [];
  for (let i = 0; i < N; i++) {
    const n = notes[i]!;
    if (n.stageId === null || n.laneId === null) continue;
    const s = stageIndex.get(n.stageId);
    const l = laneIndex.get(n.laneId);
    if (s === undefined || l === undefined) {
      unplaced.push(n.id);
      continue;
    }
    const c = l * S + s;
    cellOf[i] = c;
    cellCount[c]!++;
  }
  // Counting sort: the notes of cell c are members[start[c] .. start[c + 1]), in input order.
  const start = new Int32Array(S * L + 1);
  for (let c = 0; c < S * L; c++) start[c + 1] = start[c]! + cellCount[c]!;
  const members = new Int32Array(start[S * L]!);
  const fill = start.slice(0, S * L);
  for (let i = 0; i < N; i++) {
    const c = cellOf[i]!;
    if (c >= 0) members[fill[c]!++] = i;
  }

  // Column inner widths: the widest run of `maxAcross` consecutive notes in any expanded cell.
  const innerMin = Math.max(0, o.minColumnWidth - 2 * o.padding);
  const colInner = new Float64Array(S).fill(innerMin);
  const across = o.maxAcross;
  for (let l = 0; l < L; l++) {
    if (lanes[l]!.collapsed) continue;
    for (let s = 0; s < S; s++) {
      const c = l * S + s;
      const a = start[c]!;
      const b = start[c + 1]!;
      if (a === b) continue;
      // Sliding window sum of widths over `across` notes (fewer if the cell has fewer).
      let sum = 0;
      let best = 0;
      for (let k = a; k < b; k++) {
        sum += notes[members[k]!]!.width;
        if (k - a >= across) sum -= notes[members[k - across]!]!.width;
        if (sum > best) best = sum;
      }
      const count = Math.min(across, b - a);
      const want = best + (count - 1) * o.gap;
      if (want > colInner[s]!) colInner[s] = want;
    }
  }

  // Flow each expanded cell inside its column's inner width. Positions are relative to the cell's
  // inner top-left for now; the row's y is only known once every cell of the row has been flowed.
  const relX = new Float64Array(N);
  const relY = new Float64Array(N);
  const cellContentHeight = new Float64Array(S * L);
  for (let l = 0; l < L; l++) {
    if (lanes[l]!.collapsed) continue;
    for (let s = 0; s < S; s++) {
      const c = l * S + s;
      const a = start[c]!;
      const b = start[c + 1]!;
      if (a === b) continue;
      const inner = colInner[s]!;
      let x = 0;
      let lineY = 0;
      let lineH = 0;
      for (let k = a; k < b; k++) {
        const i = members[k]!;
        const n = notes[i]!;
        if (x > 0 && x + n.width > inner) {
          lineY += lineH + o.gap;
          x = 0;
          lineH = 0;
        }
        relX[i] = x;
        relY[i] = lineY;
        x += n.width + o.gap;
        if (n.height > lineH) lineH = n.height;
      }
      cellContentHeight[c] = lineY + lineH;
    }
  }

  // Columns.
  const columns: FrameColumn[] = new Array(S);
  let x = origin.x + o.laneHeaderWidth;
  for (let s = 0; s < S; s++) {
    const width = colInner[s]! + 2 * o.padding;
    columns[s] = {
      stageId: stages[s]!.id,
      index: s,
      x,
      width,
      header: { x, y: origin.y, width, height: o.stageHeaderHeight },
    };
    x += width;
  }
  const right = x;

  // Rows.
  const rows: FrameRow[] = new Array(L);
  let y = origin.y + o.stageHeaderHeight;
  for (let l = 0; l < L; l++) {
    const lane = lanes[l]!;
    let height: number;
    if (lane.collapsed) {
      height = o.collapsedLaneHeight;
    } else {
      height = lane.kind === 'emotions' ? Math.max(o.minRowHeight, o.emotionRowMinHeight) : o.minRowHeight;
      for (let s = 0; s < S; s++) {
        const want = cellContentHeight[l * S + s]! + 2 * o.padding;
        if (want > height) height = want;
      }
    }
    rows[l] = {
      laneId: lane.id,
      index: l,
      y,
      height,
      collapsed: lane.collapsed,
      kind: lane.kind ?? null,
      header: { x: origin.x, y, width: o.laneHeaderWidth, height },
    };
    y += height;
  }
  const bottom = y;

  // Cells.
  const cells: FrameCell[] = new Array(S * L);
  for (let l = 0; l < L; l++) {
    const row = rows[l]!;
    for (let s = 0; s < S; s++) {
      const col = columns[s]!;
      const c = l * S + s;
      const ids: string[] = new Array(start[c + 1]! - start[c]!);
      for (let k = start[c]!, j = 0; k < start[c + 1]!; k++, j++) ids[j] = notes[members[k]!]!.id;
      cells[c] = {
        stageId: col.stageId,
        laneId: row.laneId,
        stageIndex: s,
        laneIndex: l,
        rect: { x: col.x, y: row.y, width: col.width, height: row.height },
        noteIds: ids,
        collapsed: row.collapsed,
      };
    }
  }

  // Placements, in input order.
  const placements: NotePlacement[] = [];
  for (let i = 0; i < N; i++) {
    const c = cellOf[i]!;
    if (c < 0) continue;
    const n = notes[i]!;
    const l = (c / S) | 0;
    const s = c - l * S;
    const row = rows[l]!;
    const col = columns[s]!;
    placements.push({
      id: n.id,
      stageId: col.stageId,
      laneId: row.laneId,
      x: col.x + o.padding + relX[i]!,
      y: row.y + o.padding + relY[i]!,
      width: n.width,
      height: n.height,
      hidden: row.collapsed,
    });
  }

  return {
    origin: { x: origin.x, y: origin.y },
    rect: { x: origin.x, y: origin.y, width: right - origin.x, height: bottom - origin.y },
    stageHeaderHeight: o.stageHeaderHeight,
    laneHeaderWidth: o.laneHeaderWidth,
    corner: { x: origin.x, y: origin.y, width: o.laneHeaderWidth, height: o.stageHeaderHeight },
    columns,
    rows,
    cells,
    placements,
    unplaced,
    options: o,
  };
}

/** The cell of a stage and a lane, or null if either is not in the frame. */
export function cellAt(frame: FrameLayout, stageId: string, laneId: string): FrameCell | null {
  const S = frame.columns.length;
  const s = frame.columns.findIndex((c) => c.stageId === stageId);
  const l = frame.rows.findIndex((r) => r.laneId === laneId);
  if (s < 0 || l < 0) return null;
  return frame.cells[l * S + s] ?? null;
}

const placementIndex = new WeakMap<FrameLayout, Map<string, NotePlacement>>();

/** Where a note sits in the frame, or null if it is not in a cell. Builds an index on first use. */
export function placementOf(frame: FrameLayout, noteId: string): NotePlacement | null {
  let index = placementIndex.get(frame);
  if (!index) {
    index = new Map();
    for (const p of frame.placements) index.set(p.id, p);
    placementIndex.set(frame, index);
  }
  return index.get(noteId) ?? null;
}

/** What a point on the board is over. */
export type FrameHit =
  | { type: 'cell'; stageId: string; laneId: string; stageIndex: number; laneIndex: number; collapsed: boolean }
  | { type: 'stage'; id: string; index: number }
  | { type: 'lane'; id: string; index: number }
  | { type: 'corner' };

/**
 * The last index whose start (`starts[i]`) is at or before `v`, or -1. Binary search, so hit-testing
 * stays O(log n) however many stages and lanes there are.
 */
function lastAtOrBefore<T>(items: readonly T[], startOf: (t: T) => number, v: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(items[mid]!) <= v) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * What the point is over: a cell, a stage header, a lane header, the corner, or nothing (outside
 * the frame). Edges belong to the cell to their right and below; the frame's right and bottom edges
 * are outside.
 */
export function hitTest(frame: FrameLayout, point: Point): FrameHit | null {
  const { rect } = frame;
  const px = point.x;
  const py = point.y;
  if (!(px >= rect.x && px < rect.x + rect.width && py >= rect.y && py < rect.y + rect.height)) return null;
  const inHeaderRow = py < rect.y + frame.stageHeaderHeight;
  const inHeaderCol = px < rect.x + frame.laneHeaderWidth;
  if (inHeaderRow && inHeaderCol) return { type: 'corner' };
  const s = inHeaderCol ? -1 : lastAtOrBefore(frame.columns, (c) => c.x, px);
  const l = inHeaderRow ? -1 : lastAtOrBefore(frame.rows, (r) => r.y, py);
  if (inHeaderRow) {
    const col = frame.columns[s];
    return col ? { type: 'stage', id: col.stageId, index: s } : null;
  }
  if (inHeaderCol) {
    const row = frame.rows[l];
    return row ? { type: 'lane', id: row.laneId, index: l } : null;
  }
  const col = frame.columns[s];
  const row = frame.rows[l];
  if (!col || !row) return null;
  return { type: 'cell', stageId: col.stageId, laneId: row.laneId, stageIndex: s, laneIndex: l, collapsed: row.collapsed };
}

/** Where {@link freeBoardSlot} puts the notes. */
export interface FreeSlotOptions {
  /** Beside the frame on the right (default), or under it. */
  side?: 'right' | 'below';
  /** Space between the frame and the first note. */
  margin?: number;
  /** Space between two notes. */
  gap?: number;
  /**
   * Rectangles already on the board there (e.g. notes freed earlier). The whole block of slots moves
   * further out, away from the frame, until it overlaps none of them.
   */
  avoid?: readonly Rect[];
}

/** Default space between the frame and notes put back on the free board. */
export const FREE_SLOT_MARGIN = 80;

/**
 * Top-left positions for `count` notes of `noteSize` put back on the free board, e.g. the notes of a
 * deleted lane or stage. They form a tidy block beside the frame, starting level with its top (or
 * its left when `side` is `below`), as tall (or as wide) as the frame, and never overlap the frame
 * or any `avoid` rectangle. O(count + avoid log avoid).
 */
export function freeBoardSlot(
  frame: FrameLayout,
  count: number,
  noteSize: number | { width: number; height: number } = NOTE_DEFAULT_SIZE,
  options: FreeSlotOptions = {},
): Point[] {
  const n = Math.max(0, Math.floor(count));
  if (n === 0) return [];
  const w = typeof noteSize === 'number' ? noteSize : noteSize.width;
  const h = typeof noteSize === 'number' ? noteSize : noteSize.height;
  const margin = options.margin ?? FREE_SLOT_MARGIN;
  const gap = options.gap ?? NOTE_GAP;
  const side = options.side ?? 'right';
  const f = frame.rect;

  // Block shape: lines along the frame's side, as many notes per line as the side is long.
  const along = side === 'right' ? f.height : f.width;
  const step = side === 'right' ? h + gap : w + gap;
  const perLine = Math.max(1, Math.floor((along + gap) / step));
  const lines = Math.ceil(n / perLine);
  const inLine = Math.min(n, perLine);
  const blockW = side === 'right' ? lines * (w + gap) - gap : inLine * (w + gap) - gap;
  const blockH = side === 'right' ? inLine * (h + gap) - gap : lines * (h + gap) - gap;

  // Start just outside the frame, then sweep outwards past anything in the way.
  let bx = side === 'right' ? f.x + f.width + margin : f.x;
  let by = side === 'right' ? f.y : f.y + f.height + margin;
  const avoid = options.avoid ?? [];
  if (avoid.length > 0) {
    if (side === 'right') {
      const inBand = avoid.filter((r) => r.y < by + blockH && by < r.y + r.height).sort((a, b) => a.x - b.x);
      for (const r of inBand) {
        if (r.x >= bx + blockW) break;
        if (r.x + r.width > bx) bx = r.x + r.width + gap;
      }
    } else {
      const inBand = avoid.filter((r) => r.x < bx + blockW && bx < r.x + r.width).sort((a, b) => a.y - b.y);
      for (const r of inBand) {
        if (r.y >= by + blockH) break;
        if (r.y + r.height > by) by = r.y + r.height + gap;
      }
    }
  }

  const out: Point[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const line = Math.floor(i / perLine);
    const pos = i - line * perLine;
    out[i] =
      side === 'right'
        ? { x: bx + line * (w + gap), y: by + pos * (h + gap) }
        : { x: bx + pos * (w + gap), y: by + line * (h + gap) };
  }
  return out;
}
