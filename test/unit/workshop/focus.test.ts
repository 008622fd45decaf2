import { describe, expect, it } from 'vitest';
import { FRAME_ORIGIN, layoutFrame } from '../../../shared/journey/index';
import { focusRect } from '../../../renderer/workshop/focus';

const frame = layoutFrame({
  origin: FRAME_ORIGIN,
  stages: [{ id: 's1' }, { id: 's2' }],
  lanes: [
    { id: 'l1', collapsed: false, kind: 'actions' },
    { id: 'l2', collapsed: false, kind: 'pain_points' },
  ],
  notes: [],
});

describe('where the camera goes when a step starts', () => {
  it('its stage’s column, its lane’s row, the cell of both, or the frame', () => {
    const col = frame.columns[1]!;
    const row = frame.rows[1]!;
    expect(focusRect({ focus: 'stage', stageId: 's2', laneId: null }, frame)).toEqual({ x: col.x, y: frame.rect.y, width: col.width, height: frame.rect.height });
    expect(focusRect({ focus: 'lane', stageId: null, laneId: 'l2' }, frame)).toEqual({ x: frame.rect.x, y: row.y, width: frame.rect.width, height: row.height });
    expect(focusRect({ focus: 'lane', stageId: 's2', laneId: 'l2' }, frame)).toEqual({ x: col.x, y: row.y, width: col.width, height: row.height });
    expect(focusRect({ focus: 'frame', stageId: null, laneId: null }, frame)).toEqual(frame.rect);
    // A stage the map no longer has: the frame.
    expect(focusRect({ focus: 'stage', stageId: 'gone', laneId: null }, frame)).toEqual(frame.rect);
  });

  it('the whole board, the matrix and the roadmap are not a rectangle of the frame', () => {
    expect(focusRect({ focus: 'board', stageId: null, laneId: null }, frame)).toBeNull();
    expect(focusRect({ focus: 'matrix', stageId: null, laneId: null }, frame)).toBeNull();
    expect(focusRect({ focus: 'stage', stageId: 's1', laneId: null }, null)).toBeNull();
  });
});
