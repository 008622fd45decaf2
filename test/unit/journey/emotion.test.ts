import { describe, expect, it } from 'vitest';
import {
  EMOTION_FACES,
  bezierPoints,
  emotionCurve,
  emotionFace,
  emotionY,
  layoutFrame,
  monotoneCurve,
  stageEmotions,
  svgPathData,
  type Point,
  type SmoothPath,
} from '../../../shared/journey';
import { lanes, rng, stages } from './fixtures';

function sample(path: SmoothPath, perSegment = 50): Point[] {
  const out: Point[] = [];
  let p0 = path.start!;
  for (const s of path.segments) {
    for (let i = 0; i <= perSegment; i++) {
      const t = i / perSegment;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const c = 3 * u * t * t;
      const d = t * t * t;
      out.push({ x: a * p0.x + b * s.c1.x + c * s.c2.x + d * s.to.x, y: a * p0.y + b * s.c1.y + c * s.c2.y + d * s.to.y });
    }
    p0 = s.to;
  }
  return out;
}

describe('stageEmotions', () => {
  const st = stages(4);
  const notes = [
    { stageId: 's0', laneId: 'l0', sentiment: -2 },
    { stageId: 's0', laneId: 'l4', sentiment: 1 },
    { stageId: 's0', laneId: 'l4', sentiment: null },
    { stageId: 's1', laneId: 'l4', sentiment: 2 },
    { stageId: null, laneId: null, sentiment: -2 },
    { stageId: 's9', laneId: 'l4', sentiment: -2 },
  ];

  it('derives each stage as the unrounded mean of its notes with a sentiment', () => {
    const e = stageEmotions(st, notes);
    expect(e.map((x) => x.stageId)).toEqual(['s0', 's1', 's2', 's3']);
    expect(e[0]).toEqual({ stageId: 's0', score: -0.5, derived: -0.5, count: 2, manual: false, room: null, source: 'notes' });
    expect(e[1]).toMatchObject({ score: 2, count: 1 });
    expect(e[2]).toEqual({ stageId: 's2', score: null, derived: null, count: 0, manual: false, room: null, source: null });
  });

  it('can count only some lanes', () => {
    const e = stageEmotions(st, notes, { laneIds: new Set(['l4']) });
    expect(e[0]).toMatchObject({ score: 1, count: 1 });
  });

  it('lets a manual score win, clamped, from a Map or a record', () => {
    const fromMap = stageEmotions(st, notes, { manual: new Map([['s0', 5], ['s1', null]]) });
    expect(fromMap[0]).toMatchObject({ score: 2, derived: -0.5, manual: true });
    expect(fromMap[1]).toMatchObject({ score: 2, manual: false });
    const fromRecord = stageEmotions(st, notes, { manual: { s3: -1 } });
    expect(fromRecord[3]).toMatchObject({ score: -1, derived: null, count: 0, manual: true });
  });
});

describe('monotoneCurve', () => {
  it('handles no point and one point', () => {
    expect(monotoneCurve([])).toEqual({ start: null, segments: [] });
    expect(monotoneCurve([{ x: 1, y: 2 }])).toEqual({ start: { x: 1, y: 2 }, segments: [] });
    expect(bezierPoints(monotoneCurve([]))).toEqual([]);
    expect(svgPathData(monotoneCurve([]))).toBe('');
  });

  it('passes through every point and never leaves the range of its neighbours', () => {
    const r = rng(9);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(r() * 10);
      let x = r() * 100;
      const pts: Point[] = [];
      for (let i = 0; i < n; i++) {
        x += 20 + r() * 600;
        pts.push({ x, y: Math.round((r() * 4 - 2) * 2) / 2 });
      }
      const path = monotoneCurve(pts);
      expect(path.start).toEqual(pts[0]);
      expect(path.segments.map((s) => s.to)).toEqual(pts.slice(1));
      path.segments.forEach((s, k) => {
        const a = pts[k]!;
        const b = pts[k + 1]!;
        const lo = Math.min(a.y, b.y) - 1e-9;
        const hi = Math.max(a.y, b.y) + 1e-9;
        // Control points stay in the band, so the whole Bézier does (convex hull).
        for (const c of [s.c1, s.c2]) {
          expect(c.y).toBeGreaterThanOrEqual(lo);
          expect(c.y).toBeLessThanOrEqual(hi);
          expect(c.x).toBeGreaterThan(a.x);
          expect(c.x).toBeLessThan(b.x);
        }
      });
      const ys = sample(path).map((p) => p.y);
      expect(Math.min(...ys)).toBeGreaterThanOrEqual(-2 - 1e-9);
      expect(Math.max(...ys)).toBeLessThanOrEqual(2 + 1e-9);
    }
  });

  it('is flat at a peak, so a +2 between two -2 does not overshoot', () => {
    const path = monotoneCurve([{ x: 0, y: -2 }, { x: 100, y: 2 }, { x: 200, y: -2 }]);
    expect(path.segments[0]!.c2.y).toBe(2);
    expect(path.segments[1]!.c1.y).toBe(2);
  });

  it('gives Konva-ready lists', () => {
    const path = monotoneCurve([{ x: 0, y: 0 }, { x: 30, y: 30 }]);
    expect(bezierPoints(path)).toEqual([0, 0, 10, 10, 20, 20, 30, 30]);
    expect(svgPathData(path)).toBe('M 0 0 C 10 10 20 20 30 30');
  });
});

describe('emotionCurve', () => {
  const f = layoutFrame({ origin: { x: 0, y: 0 }, stages: stages(5), lanes: lanes(7, [], 4), notes: [] });
  const row = f.rows[4]!;

  it('puts a point at each scored column centre inside the Emotions row', () => {
    const scores = [
      { stageId: 's0', score: 2 },
      { stageId: 's1', score: -2 },
      { stageId: 's2', score: null },
      { stageId: 's3', score: 0.5 },
      { stageId: 's4', score: 9 },
    ];
    const c = emotionCurve(f, scores)!;
    expect(c.laneId).toBe('l4');
    expect(c.top).toBeGreaterThan(row.y);
    expect(c.bottom).toBeLessThan(row.y + row.height);
    expect(c.points.map((p) => p.stageId)).toEqual(['s0', 's1', 's3', 's4']);
    expect(c.points[0]).toMatchObject({ x: f.columns[0]!.x + f.columns[0]!.width / 2, y: c.top, score: 2 });
    expect(c.points[1]!.y).toBe(c.bottom);
    expect(c.points[3]).toMatchObject({ y: c.top, score: 2 }); // clamped
    expect(c.points[2]!.y).toBeCloseTo(emotionY(0.5, c.top, c.bottom));
    expect(c.bezierPoints).toHaveLength(2 + 6 * 3);
    expect(c.svgPath.startsWith('M ')).toBe(true);
    const ys = sample(c.path).map((p) => p.y);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(c.top - 1e-9);
    expect(Math.max(...ys)).toBeLessThanOrEqual(c.bottom + 1e-9);
  });

  it('is null without an Emotions row, and can target a lane by id', () => {
    const plain = layoutFrame({ origin: { x: 0, y: 0 }, stages: stages(2), lanes: lanes(2), notes: [] });
    expect(emotionCurve(plain, [])).toBeNull();
    expect(emotionCurve(plain, [{ stageId: 's0', score: 1 }], { laneId: 'l1' })!.points).toHaveLength(1);
  });
});

describe('emotionFace', () => {
  it('maps each level to its face', () => {
    expect([-2, -1, 0, 1, 2].map((s) => emotionFace(s).emoji)).toEqual(['😞', '🙁', '😐', '🙂', '😄']);
    expect(EMOTION_FACES.map((f) => f.level)).toEqual([-2, -1, 0, 1, 2]);
  });
  it('rounds to the nearest level, halves away from zero, and clamps', () => {
    expect(emotionFace(0.4).name).toBe('neutral');
    expect(emotionFace(-0.5).name).toBe('negative');
    expect(emotionFace(1.5).name).toBe('very-positive');
    expect(emotionFace(-1.5).name).toBe('very-negative');
    expect(emotionFace(-7).name).toBe('very-negative');
    expect(emotionFace(Number.NaN).name).toBe('neutral');
  });
});
