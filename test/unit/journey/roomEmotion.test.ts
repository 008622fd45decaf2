import { describe, expect, it } from 'vitest';
import {
  EMOTION_BAND_CAP,
  emotionCurve,
  emotionY,
  layoutFrame,
  mapStageEmotions,
  reversePath,
  roomEmotion,
  roomScoresOf,
  roomSummary,
  signedScore,
  stageEmotions,
  svgPathData,
  type RoomScore,
} from '../../../shared/journey';
import { lanes, stages } from './fixtures';

const scores = (stageId: string, ...list: number[]): RoomScore[] => list.map((score, i) => ({ stageId, participantId: `p${i}`, score }));

describe('roomEmotion', () => {
  it('is null for no scores, and leaves out what is not a number', () => {
    expect(roomEmotion([])).toBeNull();
    expect(roomEmotion([Number.NaN, Number.POSITIVE_INFINITY])).toBeNull();
    expect(roomEmotion([1, Number.NaN])!.n).toBe(1);
  });

  it('with one score: mean, min and max are that score and the band has no height', () => {
    expect(roomEmotion([-1])).toEqual({ n: 1, mean: -1, min: -1, max: -1, q1: -1, q3: -1, band: 'range', low: -1, high: -1 });
  });

  it('below five scores the band is the whole range', () => {
    const r = roomEmotion([2, -2, 1, 1])!;
    expect(r).toMatchObject({ n: 4, mean: 0.5, min: -2, max: 2, band: 'range', low: -2, high: 2 });
  });

  it('from five scores on the band is the middle half (quartiles by linear interpolation), so one outlier does not stretch it', () => {
    // Sorted: -2 -1 -1 0 0 1 1; q1 at position 1.5 = -1, q3 at 4.5 = 0.5.
    const r = roomEmotion([1, -1, 0, -2, 1, 0, -1])!;
    expect(r).toMatchObject({ n: 7, min: -2, max: 1, q1: -1, q3: 0.5, band: 'iqr', low: -1, high: 0.5 });
    expect(r.mean).toBeCloseTo(-2 / 7);
    // Ties: five people of one mind and one outlier.
    const t = roomEmotion([1, 1, 1, 1, 1, -2])!;
    expect(t).toMatchObject({ n: 6, min: -2, max: 1, q1: 1, q3: 1, low: 1, high: 1, mean: 0.5 });
  });

  it('all equal: the band is one line at the score', () => {
    expect(roomEmotion([0, 0, 0, 0, 0, 0])).toMatchObject({ n: 6, mean: 0, low: 0, high: 0, min: 0, max: 0 });
  });

  it('keeps scores within -2..+2', () => {
    expect(roomEmotion([5, -9])).toMatchObject({ min: -2, max: 2, mean: 0 });
  });
});

describe('stageEmotions with the room', () => {
  const st = stages(4);
  const notes = [
    { stageId: 's0', sentiment: -2 },
    { stageId: 's1', sentiment: 2 },
    { stageId: 's2', sentiment: 1 },
  ];

  it('precedence: set by hand, else the room mean, else the notes; the room figures stay with a hand-set score', () => {
    const room = [...scores('s0', 1, 2), ...scores('s1', -1, -1, 0), ...scores('s9', 2)];
    const e = stageEmotions(st, notes, { manual: { s1: 2 }, room });
    expect(e[0]).toMatchObject({ score: 1.5, derived: -2, source: 'room', manual: false, room: { n: 2, mean: 1.5, low: 1, high: 2 } });
    expect(e[1]).toMatchObject({ score: 2, source: 'manual', manual: true, room: { n: 3, min: -1, max: 0 } });
    expect(e[1]!.room!.mean).toBeCloseTo(-2 / 3);
    // No room scores: the notes, as before.
    expect(e[2]).toMatchObject({ score: 1, source: 'notes', room: null });
    // Nothing at all.
    expect(e[3]).toMatchObject({ score: null, source: null, room: null });
  });

  it('mapStageEmotions takes the stages\' own emotion as the hand-set score and the map\'s room scores', () => {
    const map = { stages: st.map((s, i) => ({ id: s.id, emotion: i === 3 ? -1 : null })), notes, emotionScores: scores('s2', -2) };
    const e = mapStageEmotions(map.stages, map.notes, roomScoresOf(map));
    expect(e.map((x) => x.score)).toEqual([-2, 2, -2, -1]);
    expect(e.map((x) => x.source)).toEqual(['notes', 'notes', 'room', 'manual']);
    expect(roomScoresOf({ stages: [] })).toEqual([]);
  });
});

describe('roomSummary', () => {
  it('reads as mean, range and n, with the middle half from five scores', () => {
    expect(roomSummary(roomEmotion([-2, 1, 0, -1])!)).toBe('mean −0.5 (−2 to +1), n = 4');
    expect(roomSummary(roomEmotion([1, -1, 0, -2, 1, 0, -1])!)).toBe('mean −0.3 (−2 to +1, middle half −1 to +0.5), n = 7');
    expect(roomSummary(roomEmotion([2])!)).toBe('mean +2 (all +2), n = 1');
    expect(signedScore(-0.04)).toBe('0');
  });
});

describe('emotionCurve band', () => {
  const f = layoutFrame({ origin: { x: 0, y: 0 }, stages: stages(5), lanes: lanes(7, [], 4), notes: [] });
  const centre = (i: number) => f.columns[i]!.x + f.columns[i]!.width / 2;

  it('one band per run of neighbouring stages with room scores, from the low to the high score, reaching past the end columns', () => {
    // s0 and s1 scored by the room, s2 not, s3 by one person, s4 not.
    const e = stageEmotions(stages(5), [], { room: [...scores('s0', -2, 0, 1), ...scores('s1', 1, 2), ...scores('s3', -1)] });
    const c = emotionCurve(f, e)!;
    expect(c.spreads.map((s) => [s.stageId, s.low, s.high, s.n])).toEqual([
      ['s0', -2, 1, 3],
      ['s1', 1, 2, 2],
      ['s3', -1, -1, 1],
    ]);
    expect(c.spreads[0]).toMatchObject({ x: centre(0), highY: emotionY(1, c.top, c.bottom), lowY: c.bottom });
    expect(c.bands.map((b) => b.stageIds)).toEqual([['s0', 's1'], ['s3']]);
    const [run, single] = c.bands;
    const cap = Math.min(EMOTION_BAND_CAP, f.columns[0]!.width / 4);
    expect(run!.upper.start).toEqual({ x: centre(0) - cap, y: emotionY(1, c.top, c.bottom) });
    expect(run!.upper.segments.at(-1)!.to).toEqual({ x: centre(1) + cap, y: emotionY(2, c.top, c.bottom) });
    expect(run!.lowerBack.start).toEqual({ x: centre(1) + cap, y: emotionY(1, c.top, c.bottom) });
    expect(run!.lowerBack.segments.at(-1)!.to).toEqual({ x: centre(0) - cap, y: c.bottom });
    expect(run!.svgPath).toMatch(/^M .* L .* Z$/);
    // One person: a flat bar of no height at their score.
    expect(single!.upper.start!.y).toBe(single!.lowerBack.start!.y);
    // The curve still runs through the means.
    expect(c.points.map((p) => p.score)).toEqual([-1 / 3, 1.5, -1]);
  });

  it('no room scores: no band', () => {
    const c = emotionCurve(f, [{ stageId: 's0', score: 1 }])!;
    expect(c.bands).toEqual([]);
    expect(c.spreads).toEqual([]);
  });

  it('reversePath walks the same points backwards', () => {
    const p = { start: { x: 0, y: 0 }, segments: [{ c1: { x: 1, y: 1 }, c2: { x: 2, y: 2 }, to: { x: 3, y: 3 } }, { c1: { x: 4, y: 4 }, c2: { x: 5, y: 5 }, to: { x: 6, y: 6 } }] };
    expect(svgPathData(reversePath(p))).toBe('M 6 6 C 5 5 4 4 3 3 C 2 2 1 1 0 0');
    expect(reversePath({ start: null, segments: [] })).toEqual({ start: null, segments: [] });
  });
});
