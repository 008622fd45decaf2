import { describe, expect, it } from 'vitest';
import {
  CELL_PADDING,
  COLLAPSED_LANE_HEIGHT,
  EMOTION_ROW_MIN_HEIGHT,
  LANE_HEADER_WIDTH,
  MAX_NOTES_ACROSS,
  MIN_COLUMN_WIDTH,
  MIN_ROW_HEIGHT,
  NOTE_GAP,
  STAGE_HEADER_HEIGHT,
  cellAt,
  hitTest,
  layoutFrame,
  placementOf,
  rectsOverlap,
  type FrameLayout,
  type FrameNote,
  type Rect,
} from '../../../shared/journey';
import { lanes, notesIn, rng, stages } from './fixtures';

const origin = { x: 100, y: -50 };

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x - 1e-9 &&
    inner.y >= outer.y - 1e-9 &&
    inner.x + inner.width <= outer.x + outer.width + 1e-9 &&
    inner.y + inner.height <= outer.y + outer.height + 1e-9
  );
}

/** Every visible note lies inside its cell's padding, and no two notes of a cell overlap. */
function expectTidy(frame: FrameLayout): void {
  const pad = frame.options.padding;
  const S = frame.columns.length;
  const stageIdx = new Map(frame.columns.map((c) => [c.stageId, c.index]));
  const laneIdx = new Map(frame.rows.map((r) => [r.laneId, r.index]));
  const byCell = new Map<number, Rect[]>();
  const problems: string[] = [];
  for (const p of frame.placements) {
    if (p.hidden) continue;
    const c = laneIdx.get(p.laneId)! * S + stageIdx.get(p.stageId)!;
    const cell = frame.cells[c]!;
    const innerRect = { x: cell.rect.x + pad, y: cell.rect.y + pad, width: cell.rect.width - 2 * pad, height: cell.rect.height - 2 * pad };
    if (!inside(p, innerRect)) problems.push(`${p.id} leaves its cell`);
    const list = byCell.get(c) ?? [];
    for (const q of list) if (rectsOverlap(p, q)) problems.push(`${p.id} overlaps another note`);
    list.push(p);
    byCell.set(c, list);
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

describe('layoutFrame: headers and empty cells', () => {
  it('puts the stage header row on top and the lane header column on the left', () => {
    const f = layoutFrame({ origin, stages: stages(3), lanes: lanes(2), notes: [] });
    expect(f.corner).toEqual({ x: 100, y: -50, width: LANE_HEADER_WIDTH, height: STAGE_HEADER_HEIGHT });
    expect(f.columns.map((c) => c.x)).toEqual([
      100 + LANE_HEADER_WIDTH,
      100 + LANE_HEADER_WIDTH + MIN_COLUMN_WIDTH,
      100 + LANE_HEADER_WIDTH + 2 * MIN_COLUMN_WIDTH,
    ]);
    expect(f.rows.map((r) => r.y)).toEqual([-50 + STAGE_HEADER_HEIGHT, -50 + STAGE_HEADER_HEIGHT + MIN_ROW_HEIGHT]);
    expect(f.columns[1]!.header).toEqual({ x: f.columns[1]!.x, y: -50, width: MIN_COLUMN_WIDTH, height: STAGE_HEADER_HEIGHT });
    expect(f.rows[1]!.header).toEqual({ x: 100, y: f.rows[1]!.y, width: LANE_HEADER_WIDTH, height: MIN_ROW_HEIGHT });
    expect(f.rect).toEqual({
      x: 100,
      y: -50,
      width: LANE_HEADER_WIDTH + 3 * MIN_COLUMN_WIDTH,
      height: STAGE_HEADER_HEIGHT + 2 * MIN_ROW_HEIGHT,
    });
  });

  it('lays cells out lane by lane, each the meeting of its column and row', () => {
    const f = layoutFrame({ origin, stages: stages(3), lanes: lanes(2), notes: [] });
    expect(f.cells).toHaveLength(6);
    const c = f.cells[1 * 3 + 2]!;
    expect(c).toMatchObject({ stageId: 's2', laneId: 'l1', stageIndex: 2, laneIndex: 1, noteIds: [] });
    expect(c.rect).toEqual({ x: f.columns[2]!.x, y: f.rows[1]!.y, width: f.columns[2]!.width, height: f.rows[1]!.height });
    expect(cellAt(f, 's2', 'l1')).toBe(c);
    expect(cellAt(f, 's9', 'l1')).toBeNull();
  });

  it('handles a frame with no stages or no lanes', () => {
    const noStages = layoutFrame({ origin, stages: [], lanes: lanes(2), notes: [] });
    expect(noStages.rect.width).toBe(LANE_HEADER_WIDTH);
    expect(noStages.cells).toEqual([]);
    const nothing = layoutFrame({ origin, stages: [], lanes: [], notes: [] });
    expect(nothing.rect).toEqual({ x: 100, y: -50, width: LANE_HEADER_WIDTH, height: STAGE_HEADER_HEIGHT });
  });

  it('makes the Emotions row tall enough for its curve', () => {
    const f = layoutFrame({ origin, stages: stages(2), lanes: lanes(3, [], 1), notes: [] });
    expect(f.rows.map((r) => r.height)).toEqual([MIN_ROW_HEIGHT, EMOTION_ROW_MIN_HEIGHT, MIN_ROW_HEIGHT]);
    expect(f.rows[1]!.kind).toBe('emotions');
  });
});

describe('layoutFrame: flow inside cells', () => {
  it('places notes left to right, then wraps', () => {
    const notes = notesIn('s0', 'l0', 5);
    const f = layoutFrame({ origin, stages: stages(1), lanes: lanes(1), notes });
    const cell = f.cells[0]!;
    const x0 = cell.rect.x + CELL_PADDING;
    const y0 = cell.rect.y + CELL_PADDING;
    const step = 160 + NOTE_GAP;
    expect(f.placements.map((p) => [p.x, p.y])).toEqual([
      [x0, y0],
      [x0 + step, y0],
      [x0 + 2 * step, y0],
      [x0, y0 + step],
      [x0 + step, y0 + step],
    ]);
    expect(cell.noteIds).toEqual(notes.map((n) => n.id));
  });

  it('widens a column up to MAX_NOTES_ACROSS notes, then grows the row', () => {
    const across = (count: number) =>
      layoutFrame({ origin, stages: stages(1), lanes: lanes(1), notes: notesIn('s0', 'l0', count) });
    const one = across(1);
    expect(one.columns[0]!.width).toBe(MIN_COLUMN_WIDTH);
    expect(one.rows[0]!.height).toBe(MIN_ROW_HEIGHT);
    const full = MAX_NOTES_ACROSS * 160 + (MAX_NOTES_ACROSS - 1) * NOTE_GAP + 2 * CELL_PADDING;
    expect(across(MAX_NOTES_ACROSS).columns[0]!.width).toBe(full);
    expect(across(MAX_NOTES_ACROSS).rows[0]!.height).toBe(MIN_ROW_HEIGHT);
    const many = across(MAX_NOTES_ACROSS * 4);
    expect(many.columns[0]!.width).toBe(full);
    expect(many.rows[0]!.height).toBe(4 * 160 + 3 * NOTE_GAP + 2 * CELL_PADDING);
  });

  it('sizes a column by its fullest cell and a row by its tallest cell', () => {
    const notes = [...notesIn('s0', 'l0', 3), ...notesIn('s0', 'l1', 1), ...notesIn('s1', 'l1', 7)];
    const f = layoutFrame({ origin, stages: stages(2), lanes: lanes(2), notes });
    expect(f.columns[0]!.width).toBe(f.columns[1]!.width);
    expect(f.rows[0]!.height).toBe(MIN_ROW_HEIGHT);
    expect(f.rows[1]!.height).toBe(3 * 160 + 2 * NOTE_GAP + 2 * CELL_PADDING);
    expectTidy(f);
  });

  it('widens a column for a note larger than the default', () => {
    const notes: FrameNote[] = [{ id: 'big', stageId: 's0', laneId: 'l0', width: 900, height: 300 }];
    const f = layoutFrame({ origin, stages: stages(1), lanes: lanes(1), notes });
    expect(f.columns[0]!.width).toBe(900 + 2 * CELL_PADDING);
    expect(f.rows[0]!.height).toBe(300 + 2 * CELL_PADDING);
    expectTidy(f);
  });

  it('keeps mixed-size notes apart and inside their cells', () => {
    const r = rng(7);
    const size = () => 40 + Math.floor(r() * 400);
    const notes: FrameNote[] = [];
    for (let s = 0; s < 4; s++) for (let l = 0; l < 3; l++) notes.push(...notesIn(`s${s}`, `l${l}`, Math.floor(r() * 20), size));
    const f = layoutFrame({ origin, stages: stages(4), lanes: lanes(3), notes });
    expect(f.placements).toHaveLength(notes.length);
    expectTidy(f);
    // Cells tile the frame: columns and rows are contiguous.
    for (let s = 1; s < 4; s++) expect(f.columns[s]!.x).toBe(f.columns[s - 1]!.x + f.columns[s - 1]!.width);
    for (let l = 1; l < 3; l++) expect(f.rows[l]!.y).toBe(f.rows[l - 1]!.y + f.rows[l - 1]!.height);
  });

  it('respects options', () => {
    const f = layoutFrame(
      { origin: { x: 0, y: 0 }, stages: stages(1), lanes: lanes(1), notes: notesIn('s0', 'l0', 3, 100) },
      { padding: 10, gap: 5, maxAcross: 2, noteSize: 100, laneHeaderWidth: 50, stageHeaderHeight: 20 },
    );
    expect(f.columns[0]!.x).toBe(50);
    expect(f.columns[0]!.width).toBe(2 * 100 + 5 + 20);
    expect(f.rows[0]!.height).toBe(2 * 100 + 5 + 20);
    expect(f.placements[2]).toMatchObject({ x: 60, y: 20 + 10 + 105 });
  });

  it('leaves free notes out and reports notes whose stage or lane is missing', () => {
    const notes: FrameNote[] = [
      { id: 'free', stageId: null, laneId: null, width: 160, height: 160 },
      { id: 'half', stageId: 's0', laneId: null, width: 160, height: 160 },
      { id: 'gone', stageId: 's9', laneId: 'l0', width: 160, height: 160 },
      { id: 'in', stageId: 's0', laneId: 'l0', width: 160, height: 160 },
    ];
    const f = layoutFrame({ origin, stages: stages(1), lanes: lanes(1), notes });
    expect(f.placements.map((p) => p.id)).toEqual(['in']);
    expect(f.unplaced).toEqual(['gone']);
    expect(placementOf(f, 'in')).toBe(f.placements[0]);
    expect(placementOf(f, 'free')).toBeNull();
  });
});

describe('layoutFrame: collapsed lanes', () => {
  it('makes a collapsed lane a thin row and hides its notes', () => {
    const notes = [...notesIn('s0', 'l1', 20), ...notesIn('s1', 'l0', 2)];
    const f = layoutFrame({ origin, stages: stages(2), lanes: lanes(3, [1]), notes });
    expect(f.rows[1]).toMatchObject({ collapsed: true, height: COLLAPSED_LANE_HEIGHT });
    expect(f.rows[2]!.y).toBe(f.rows[1]!.y + COLLAPSED_LANE_HEIGHT);
    const hidden = f.placements.filter((p) => p.hidden);
    expect(hidden).toHaveLength(20);
    expect(hidden.every((p) => p.laneId === 'l1')).toBe(true);
    const cell = cellAt(f, 's0', 'l1')!;
    expect(cell.collapsed).toBe(true);
    expect(cell.noteIds).toHaveLength(20);
    expect(hidden[0]).toMatchObject({ x: cell.rect.x + CELL_PADDING, y: cell.rect.y + CELL_PADDING });
    // Hidden notes do not widen their column.
    expect(f.columns[0]!.width).toBe(MIN_COLUMN_WIDTH);
    expectTidy(f);
  });

  it('grows the lane back when it is expanded', () => {
    const notes = notesIn('s0', 'l0', 9);
    const collapsed = layoutFrame({ origin, stages: stages(1), lanes: lanes(1, [0]), notes });
    const expanded = layoutFrame({ origin, stages: stages(1), lanes: lanes(1), notes });
    expect(collapsed.rect.height).toBe(STAGE_HEADER_HEIGHT + COLLAPSED_LANE_HEIGHT);
    expect(expanded.rows[0]!.height).toBe(3 * 160 + 2 * NOTE_GAP + 2 * CELL_PADDING);
    expect(expanded.placements.every((p) => !p.hidden)).toBe(true);
  });
});

describe('hitTest', () => {
  const notes = notesIn('s1', 'l0', 5);
  const f = layoutFrame({ origin, stages: stages(3), lanes: lanes(3, [2]), notes });

  it('finds the cell under a point', () => {
    for (const cell of f.cells) {
      const centre = { x: cell.rect.x + cell.rect.width / 2, y: cell.rect.y + cell.rect.height / 2 };
      expect(hitTest(f, centre)).toEqual({
        type: 'cell',
        stageId: cell.stageId,
        laneId: cell.laneId,
        stageIndex: cell.stageIndex,
        laneIndex: cell.laneIndex,
        collapsed: cell.collapsed,
      });
    }
  });

  it('gives an edge to the cell right of and below it', () => {
    const c = cellAt(f, 's1', 'l1')!;
    expect(hitTest(f, { x: c.rect.x, y: c.rect.y })).toMatchObject({ type: 'cell', stageId: 's1', laneId: 'l1' });
    expect(hitTest(f, { x: c.rect.x - 0.001, y: c.rect.y - 0.001 })).toMatchObject({ stageId: 's0', laneId: 'l0' });
  });

  it('finds stage and lane headers and the corner', () => {
    const col = f.columns[2]!;
    expect(hitTest(f, { x: col.x + 5, y: f.rect.y + 5 })).toEqual({ type: 'stage', id: 's2', index: 2 });
    const row = f.rows[1]!;
    expect(hitTest(f, { x: f.rect.x + 5, y: row.y + 5 })).toEqual({ type: 'lane', id: 'l1', index: 1 });
    expect(hitTest(f, { x: f.rect.x + 1, y: f.rect.y + 1 })).toEqual({ type: 'corner' });
  });

  it('is null outside the frame', () => {
    const r = f.rect;
    expect(hitTest(f, { x: r.x - 1, y: r.y + 100 })).toBeNull();
    expect(hitTest(f, { x: r.x + r.width, y: r.y + 100 })).toBeNull();
    expect(hitTest(f, { x: r.x + 300, y: r.y + r.height })).toBeNull();
    expect(hitTest(f, { x: Number.NaN, y: 0 })).toBeNull();
  });

  it('agrees with the cell rects at random points', () => {
    const r = rng(3);
    for (let i = 0; i < 2000; i++) {
      const p = { x: f.rect.x + r() * f.rect.width, y: f.rect.y + r() * f.rect.height };
      const hit = hitTest(f, p);
      if (hit?.type !== 'cell') continue;
      const cell = cellAt(f, hit.stageId, hit.laneId)!;
      expect(p.x >= cell.rect.x && p.x < cell.rect.x + cell.rect.width).toBe(true);
      expect(p.y >= cell.rect.y && p.y < cell.rect.y + cell.rect.height).toBe(true);
    }
  });
});

describe('a large map', () => {
  it('lays out 20,000 notes tidily', () => {
    const r = rng(11);
    const st = stages(8);
    const ln = lanes(7, [3], 4);
    const notes: FrameNote[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `p${i}`,
      stageId: `s${Math.floor(r() * 8)}`,
      laneId: `l${Math.floor(r() * 7)}`,
      width: 160,
      height: 160,
    }));
    const input = { origin, stages: st, lanes: ln, notes };
    const f = layoutFrame(input);
    expect(f.placements).toHaveLength(20_000);
    expectTidy(f);
  });
});
