/**
 * The emotion lane: one score per stage from -2 (very negative) to +2 (very positive), and the
 * smooth curve the board draws through the scores inside the Emotions row. Pure numbers; no Konva.
 *
 * Where a stage's score comes from (issue 14), first that applies:
 * 1. **Set by hand**: the facilitator's score (the stage's `emotion`). It wins even when the room
 *    scored the stage: the facilitator may overrule the room (the room's figures are still shown).
 * 2. **The room**: the mean of the participants' scores from their phones (`emotionScores`).
 * 3. **The notes**: the mean sentiment of the stage's notes.
 *
 * The room's spread, drawn as a band around the curve: from the lowest to the highest score while
 * fewer than {@link ROOM_IQR_FROM} people scored the stage (with 2-4 scores a quartile says little,
 * and the whole range is what the facilitator wants to see), and the interquartile range (the middle
 * half, quartiles by linear interpolation as in Excel's QUARTILE.INC) from then on, so one outlier
 * does not stretch the band over the whole row.
 */
import type { FrameLayout, Point } from './frame';

/** The lowest emotion score. */
export const EMOTION_MIN = -2;
/** The highest emotion score. */
export const EMOTION_MAX = 2;
/** Space between the Emotions row's top/bottom edges and the +2/-2 levels of the curve. */
export const EMOTION_CURVE_PADDING = 28;

/** Keeps a score within -2..+2; anything not a finite number becomes 0. */
export function clampEmotion(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, score));
}

/** A note as the emotion lane needs it. */
export interface EmotionNote {
  stageId: string | null;
  laneId?: string | null;
  sentiment: number | null;
}

/** A participant's score of a stage (an `emotionScore` record, or anything with these fields). */
export interface RoomScore {
  stageId: string;
  participantId?: string;
  score: number;
}

/** From this many scores on, the band is the interquartile range; below it, lowest to highest. */
export const ROOM_IQR_FROM = 5;

/** What the room said about a stage: the participants' scores summed up. */
export interface RoomEmotion {
  /** How many scores. */
  n: number;
  mean: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation between the sorted scores). */
  q1: number;
  q3: number;
  /** What the band shows: `range` (min to max, n < {@link ROOM_IQR_FROM}) or `iqr` (q1 to q3). */
  band: 'range' | 'iqr';
  /** The band's lower and upper score. */
  low: number;
  high: number;
}

/** Where a stage's score came from (see the file's comment for the order). */
export type EmotionSource = 'manual' | 'room' | 'notes';

/** A stage's emotion. */
export interface StageEmotion {
  stageId: string;
  /** The score the curve uses: set by hand, else the room's mean, else the notes' mean; null if none. */
  score: number | null;
  /** Mean sentiment of the stage's notes that have one, not rounded; null if none has. */
  derived: number | null;
  /** How many notes `derived` is the mean of. */
  count: number;
  /** True when `score` was set by hand. */
  manual: boolean;
  /** The participants' scores of the stage, summed up; null when nobody in the room scored it. */
  room: RoomEmotion | null;
  /** Where `score` came from; null when there is no score. */
  source: EmotionSource | null;
}

/** Options for {@link stageEmotions}. */
export interface StageEmotionOptions {
  /** Scores set by hand, by stage id; they win over the derived score. null or missing = derive. */
  manual?: ReadonlyMap<string, number | null> | Readonly<Record<string, number | null | undefined>>;
  /** Only notes in these lanes count (e.g. just the Emotions lane). Default: every note in the stage. */
  laneIds?: ReadonlySet<string>;
  /** The room's scores (any stages; those of other stages are ignored). Their mean wins over the notes'. */
  room?: Iterable<RoomScore>;
}

/**
 * {@link stageEmotions} of a map's stages, with the scores the facilitator set on them (each
 * stage's `emotion`) winning over the room's mean, which wins over the notes' mean: what the
 * board, the picture, the reading view and every export show.
 */
export function mapStageEmotions(
  stages: readonly { id: string; emotion: number | null }[],
  notes: readonly EmotionNote[],
  room?: Iterable<RoomScore>,
): StageEmotion[] {
  return stageEmotions(stages, notes, { manual: Object.fromEntries(stages.map((s) => [s.id, s.emotion])), room });
}

/**
 * A map's room scores (`emotionScores`), or none for a map or file from before rooms. One place
 * reads the key, so the exports and views need not each know an older map lacks it.
 */
export function roomScoresOf(map: object): readonly RoomScore[] {
  const list = (map as { emotionScores?: unknown }).emotionScores;
  return Array.isArray(list) ? (list as RoomScore[]) : [];
}

/** The quantile `p` (0..1) of sorted numbers, by linear interpolation (Excel's QUARTILE.INC, R type 7). */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/**
 * The room's scores of one stage summed up: mean, min, max, quartiles, and the band to draw.
 * Scores are kept within -2..+2; anything not a finite number is left out. Null for no scores.
 */
export function roomEmotion(scores: Iterable<number>): RoomEmotion | null {
  const list: number[] = [];
  for (const s of scores) if (typeof s === 'number' && Number.isFinite(s)) list.push(clampEmotion(s));
  const n = list.length;
  if (n === 0) return null;
  list.sort((a, b) => a - b);
  let sum = 0;
  for (const s of list) sum += s;
  const min = list[0]!;
  const max = list[n - 1]!;
  const q1 = quantile(list, 0.25);
  const q3 = quantile(list, 0.75);
  const iqr = n >= ROOM_IQR_FROM;
  return { n, mean: sum / n, min, max, q1, q3, band: iqr ? 'iqr' : 'range', low: iqr ? q1 : min, high: iqr ? q3 : max };
}

/**
 * The room's figures as a sentence part, e.g. `mean −0.4 (−2 to +1), n = 7`; with 5 or more
 * scores the middle half follows: `mean −0.4 (−2 to +1, middle half −1 to 0), n = 7`.
 */
export function roomSummary(room: RoomEmotion): string {
  const range = room.min === room.max ? `all ${signedScore(room.min)}` : `${signedScore(room.min)} to ${signedScore(room.max)}`;
  const middle = room.band === 'iqr' && room.min !== room.max ? `, middle half ${signedScore(room.q1)} to ${signedScore(room.q3)}` : '';
  return `mean ${signedScore(room.mean)} (${range}${middle}), n = ${room.n}`;
}

/** A score as people write it: `+1.5`, `0`, `−2` (one decimal at most, a true minus sign). */
export function signedScore(score: number): string {
  const v = Math.round(score * 10) / 10;
  if (v === 0) return '0';
  const s = Number.isInteger(v) ? String(Math.abs(v)) : Math.abs(v).toFixed(1);
  return v > 0 ? `+${s}` : `−${s}`;
}

function manualScore(manual: StageEmotionOptions['manual'], stageId: string): number | null {
  if (!manual) return null;
  const v =
    manual instanceof Map ? manual.get(stageId) : (manual as Record<string, number | null | undefined>)[stageId];
  return typeof v === 'number' && Number.isFinite(v) ? clampEmotion(v) : null;
}

/**
 * The emotion of each stage, in the stages' order (precedence: hand, room, notes; see the top of
 * this file). The derived score is the plain mean of the
 * sentiments of the stage's notes, kept as a real number (not rounded) so that the curve shows the
 * difference between a stage that is mildly negative and one that is split between delight and
 * anger; {@link emotionFace} rounds when a single face is needed. One pass over the notes.
 */
export function stageEmotions(
  stages: readonly { id: string }[],
  notes: readonly EmotionNote[],
  options: StageEmotionOptions = {},
): StageEmotion[] {
  const index = new Map<string, number>();
  for (let s = 0; s < stages.length; s++) index.set(stages[s]!.id, s);
  const sum = new Float64Array(stages.length);
  const count = new Int32Array(stages.length);
  const lanes = options.laneIds;
  for (const n of notes) {
    if (n.stageId === null || n.sentiment === null || !Number.isFinite(n.sentiment)) continue;
    if (lanes && (n.laneId == null || !lanes.has(n.laneId))) continue;
    const s = index.get(n.stageId);
    if (s === undefined) continue;
    sum[s]! += clampEmotion(n.sentiment);
    count[s]!++;
  }
  const roomScores: number[][] = stages.map(() => []);
  if (options.room) {
    for (const r of options.room) {
      const s = index.get(r.stageId);
      if (s !== undefined) roomScores[s]!.push(r.score);
    }
  }
  return stages.map((stage, s) => {
    const c = count[s]!;
    const derived = c > 0 ? sum[s]! / c : null;
    const manual = manualScore(options.manual, stage.id);
    const room = roomEmotion(roomScores[s]!);
    const score = manual ?? room?.mean ?? derived;
    const source: EmotionSource | null = manual !== null ? 'manual' : room ? 'room' : derived !== null ? 'notes' : null;
    return { stageId: stage.id, score, derived, count: c, manual: manual !== null, room, source };
  });
}

/** One cubic Bézier segment, from the previous segment's end (or the curve's start) to `to`. */
export interface CubicSegment {
  c1: Point;
  c2: Point;
  to: Point;
}

/** A smooth curve: a start point and cubic segments. */
export interface SmoothPath {
  start: Point | null;
  segments: CubicSegment[];
}

/**
 * A monotone cubic (Fritsch–Butland) through points with increasing x, as Bézier segments. It
 * passes through every point and never overshoots: between two points it stays within their y
 * range, and every control point does too, so it never leaves -2..+2 however sharp the jumps.
 * (Catmull-Rom would bulge past +2 after a +2 next to a -2.)
 */
export function monotoneCurve(points: readonly Point[]): SmoothPath {
  const n = points.length;
  if (n === 0) return { start: null, segments: [] };
  const first = points[0]!;
  if (n === 1) return { start: { x: first.x, y: first.y }, segments: [] };

  const h = new Float64Array(n - 1);
  const d = new Float64Array(n - 1);
  for (let k = 0; k < n - 1; k++) {
    const dx = points[k + 1]!.x - points[k]!.x;
    h[k] = dx;
    d[k] = dx > 0 ? (points[k + 1]!.y - points[k]!.y) / dx : 0;
  }
  // Tangents: the end ones follow the end secants; inner ones are a weighted harmonic mean of the
  // two secants, zero at a peak or valley. That keeps each tangent under 3x either secant, which
  // is enough for the cubic to be monotone on each segment.
  const m = new Float64Array(n);
  m[0] = d[0]!;
  m[n - 1] = d[n - 2]!;
  for (let k = 1; k < n - 1; k++) {
    const d0 = d[k - 1]!;
    const d1 = d[k]!;
    if (d0 * d1 <= 0) {
      m[k] = 0;
    } else {
      const h0 = h[k - 1]!;
      const h1 = h[k]!;
      m[k] = (3 * (h0 + h1)) / ((2 * h1 + h0) / d0 + (h1 + 2 * h0) / d1);
    }
  }
  const segments: CubicSegment[] = new Array(n - 1);
  for (let k = 0; k < n - 1; k++) {
    const p0 = points[k]!;
    const p1 = points[k + 1]!;
    const third = h[k]! / 3;
    segments[k] = {
      c1: { x: p0.x + third, y: p0.y + m[k]! * third },
      c2: { x: p1.x - third, y: p1.y - m[k + 1]! * third },
      to: { x: p1.x, y: p1.y },
    };
  }
  return { start: { x: first.x, y: first.y }, segments };
}

/**
 * The path as a flat list for Konva's `<Line bezier points={...} />`: x0, y0, then c1, c2, end for
 * each segment.
 */
export function bezierPoints(path: SmoothPath): number[] {
  if (!path.start) return [];
  const out: number[] = [path.start.x, path.start.y];
  for (const s of path.segments) out.push(s.c1.x, s.c1.y, s.c2.x, s.c2.y, s.to.x, s.to.y);
  return out;
}

/** The path as SVG path data for Konva's `<Path data={...} />`, e.g. `M 0 0 C 1 1 2 2 3 3`. */
export function svgPathData(path: SmoothPath): string {
  if (!path.start) return '';
  const r = (v: number) => String(Math.round(v * 100) / 100);
  let out = `M ${r(path.start.x)} ${r(path.start.y)}`;
  for (const s of path.segments) {
    out += ` C ${r(s.c1.x)} ${r(s.c1.y)} ${r(s.c2.x)} ${r(s.c2.y)} ${r(s.to.x)} ${r(s.to.y)}`;
  }
  return out;
}

/** The same curve walked backwards (from its last point to its first). */
export function reversePath(path: SmoothPath): SmoothPath {
  if (!path.start) return { start: null, segments: [] };
  const n = path.segments.length;
  if (n === 0) return { start: { ...path.start }, segments: [] };
  const segments: CubicSegment[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const seg = path.segments[k]!;
    const from = k > 0 ? path.segments[k - 1]!.to : path.start;
    segments.push({ c1: { ...seg.c2 }, c2: { ...seg.c1 }, to: { ...from } });
  }
  return { start: { ...path.segments[n - 1]!.to }, segments };
}

/** The board y of a score inside a band: +2 at `top`, -2 at `bottom`. */
export function emotionY(score: number, top: number, bottom: number): number {
  return top + ((EMOTION_MAX - clampEmotion(score)) / (EMOTION_MAX - EMOTION_MIN)) * (bottom - top);
}

/** A scored stage's point on the curve. */
export interface EmotionPoint extends Point {
  stageId: string;
  score: number;
}

/** The room's spread at one stage, in board units. */
export interface EmotionSpread {
  stageId: string;
  /** The column's centre. */
  x: number;
  /** The board y of the band's upper (`high`) and lower (`low`) score; `highY <= lowY`. */
  highY: number;
  lowY: number;
  low: number;
  high: number;
  /** How many people scored the stage. */
  n: number;
}

/**
 * The room's band over a run of neighbouring stages the room scored: a smooth upper edge through
 * their `high` scores and a lower one through their `low` scores, both left to right, each reaching
 * a little past the first and last column centre (so a run of one stage is a short bar, not a line).
 */
export interface EmotionBand {
  stageIds: string[];
  upper: SmoothPath;
  /** The lower edge walked right to left, so upper + lower is the band's outline. */
  lowerBack: SmoothPath;
  /** The closed outline for `<path d>` (HTML and PDF exports). */
  svgPath: string;
}

/** How far a band reaches past the centre of its first and last column, at most. */
export const EMOTION_BAND_CAP = 24;

/** The emotion curve inside the Emotions row, ready for the board. */
export interface EmotionCurve {
  laneId: string;
  /** The board y of +2 and of -2 (guide lines, the faces' column). */
  top: number;
  bottom: number;
  /** One point per scored stage, at the column's centre. Stages with no score are skipped. */
  points: EmotionPoint[];
  path: SmoothPath;
  /** For `<Line bezier points={...} />`. */
  bezierPoints: number[];
  /** For `<Path data={...} />`. */
  svgPath: string;
  /** The room's spread at each stage with room scores, in column order. */
  spreads: EmotionSpread[];
  /** The band drawn around the curve: one shape per run of neighbouring stages with room scores. */
  bands: EmotionBand[];
}

/** A stage's score and, when the room scored it, the room's band (a `StageEmotion` fits). */
export interface CurveEmotion {
  stageId: string;
  score: number | null;
  room?: Pick<RoomEmotion, 'low' | 'high' | 'n'> | null;
}

/** Options for {@link emotionCurve}. */
export interface EmotionCurveOptions {
  /** The row to draw in. Default: the first lane of kind `emotions`. */
  laneId?: string;
  /** Space between the row's edges and the +2/-2 levels. */
  padding?: number;
}

/**
 * The emotion curve for a laid-out frame: a point at each scored stage's column centre, at the
 * score's height inside the Emotions row, joined by a monotone cubic. Stages with no score are
 * skipped and the curve bridges them. Null when the frame has no such row. A collapsed row still
 * gets a (flat) curve; the board decides whether to draw it.
 */
export function emotionCurve(
  frame: FrameLayout,
  emotions: readonly CurveEmotion[],
  options: EmotionCurveOptions = {},
): EmotionCurve | null {
  const row =
    options.laneId !== undefined
      ? frame.rows.find((r) => r.laneId === options.laneId)
      : frame.rows.find((r) => r.kind === 'emotions');
  if (!row) return null;
  const pad = Math.min(options.padding ?? EMOTION_CURVE_PADDING, row.height / 4);
  const top = row.y + pad;
  const bottom = row.y + row.height - pad;
  const byStage = new Map<string, CurveEmotion>();
  for (const e of emotions) byStage.set(e.stageId, e);
  const points: EmotionPoint[] = [];
  for (const col of frame.columns) {
    const score = byStage.get(col.stageId)?.score;
    if (score === undefined || score === null || !Number.isFinite(score)) continue;
    const s = clampEmotion(score);
    points.push({ stageId: col.stageId, score: s, x: col.x + col.width / 2, y: emotionY(s, top, bottom) });
  }
  const { spreads, bands } = emotionBands(frame.columns, emotions, top, bottom);
  const path = monotoneCurve(points);
  return {
    laneId: row.laneId,
    top,
    bottom,
    points,
    path,
    bezierPoints: bezierPoints(path),
    svgPath: svgPathData(path),
    spreads,
    bands,
  };
}

/**
 * The room's spread per column and its bands (one per run of neighbouring columns the room
 * scored), between the +2 level at `top` and the -2 level at `bottom`. Columns are left to right;
 * what `emotionCurve` uses, and any other drawing of the curve (the reading view) with columns of its own.
 */
export function emotionBands(
  columns: readonly { stageId: string; x: number; width: number }[],
  emotions: readonly CurveEmotion[],
  top: number,
  bottom: number,
): { spreads: EmotionSpread[]; bands: EmotionBand[] } {
  const byStage = new Map<string, CurveEmotion>();
  for (const e of emotions) byStage.set(e.stageId, e);
  const spreads: EmotionSpread[] = [];
  const bands: EmotionBand[] = [];
  let run: { spread: EmotionSpread; width: number }[] = [];
  const endRun = () => {
    if (run.length > 0) bands.push(emotionBand(run));
    run = [];
  };
  for (const col of columns) {
    const x = col.x + col.width / 2;
    const room = byStage.get(col.stageId)?.room;
    if (room && room.n > 0 && Number.isFinite(room.low) && Number.isFinite(room.high)) {
      const low = clampEmotion(Math.min(room.low, room.high));
      const high = clampEmotion(Math.max(room.low, room.high));
      const spread = { stageId: col.stageId, x, highY: emotionY(high, top, bottom), lowY: emotionY(low, top, bottom), low, high, n: room.n };
      spreads.push(spread);
      run.push({ spread, width: col.width });
    } else {
      endRun();
    }
  }
  endRun();
  return { spreads, bands };
}

/** The band over a run of neighbouring columns with room scores (see {@link EmotionBand}). */
function emotionBand(run: readonly { spread: EmotionSpread; width: number }[]): EmotionBand {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const capL = Math.min(EMOTION_BAND_CAP, first.width / 4);
  const capR = Math.min(EMOTION_BAND_CAP, last.width / 4);
  const edge = (y: (s: EmotionSpread) => number): Point[] => [
    { x: first.spread.x - capL, y: y(first.spread) },
    ...run.map((r) => ({ x: r.spread.x, y: y(r.spread) })),
    { x: last.spread.x + capR, y: y(last.spread) },
  ];
  const upper = monotoneCurve(edge((s) => s.highY));
  const lowerBack = reversePath(monotoneCurve(edge((s) => s.lowY)));
  // The outline: along the upper edge, straight down at the right end, back along the lower edge.
  const back = svgPathData(lowerBack).replace(/^M /, 'L ');
  return { stageIds: run.map((x) => x.spread.stageId), upper, lowerBack, svgPath: `${svgPathData(upper)} ${back} Z` };
}

/** The five faces, from -2 to +2. */
export const EMOTION_FACES = [
  { level: -2, emoji: '😞', name: 'very-negative', label: 'Very negative' },
  { level: -1, emoji: '🙁', name: 'negative', label: 'Negative' },
  { level: 0, emoji: '😐', name: 'neutral', label: 'Neutral' },
  { level: 1, emoji: '🙂', name: 'positive', label: 'Positive' },
  { level: 2, emoji: '😄', name: 'very-positive', label: 'Very positive' },
] as const;
/** One of {@link EMOTION_FACES}. */
export type EmotionFace = (typeof EMOTION_FACES)[number];

/**
 * The face for a score: the nearest whole level, halves rounded away from zero (so -1.5 is 😞 and
 * +1.5 is 😄: a stage exactly between two levels shows the stronger feeling).
 */
export function emotionFace(score: number): EmotionFace {
  const s = clampEmotion(score);
  const level = Math.sign(s) * Math.round(Math.abs(s));
  return EMOTION_FACES[level - EMOTION_MIN]!;
}
