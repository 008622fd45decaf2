/**
 * The emotion lane: one score per stage from -2 (very negative) to +2 (very positive), derived from
 * the sentiment of the stage's notes unless the facilitator set it by hand, and the smooth curve the
 * board draws through the scores inside the Emotions row. Pure numbers; no Konva.
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

/** A stage's emotion. */
export interface StageEmotion {
  stageId: string;
  /** The score the curve uses: the manual one if set, else the derived one; null if neither. */
  score: number | null;
  /** Mean sentiment of the stage's notes that have one, not rounded; null if none has. */
  derived: number | null;
  /** How many notes `derived` is the mean of. */
  count: number;
  /** True when `score` was set by hand. */
  manual: boolean;
}

/** Options for {@link stageEmotions}. */
export interface StageEmotionOptions {
  /** Scores set by hand, by stage id; they win over the derived score. null or missing = derive. */
  manual?: ReadonlyMap<string, number | null> | Readonly<Record<string, number | null | undefined>>;
  /** Only notes in these lanes count (e.g. just the Emotions lane). Default: every note in the stage. */
  laneIds?: ReadonlySet<string>;
}

/**
 * {@link stageEmotions} of a map's stages, with the scores the facilitator set on them (each
 * stage's `emotion`) winning over the derived ones: what the board, the picture and every export show.
 */
export function mapStageEmotions(
  stages: readonly { id: string; emotion: number | null }[],
  notes: readonly EmotionNote[],
): StageEmotion[] {
  return stageEmotions(stages, notes, { manual: Object.fromEntries(stages.map((s) => [s.id, s.emotion])) });
}

function manualScore(manual: StageEmotionOptions['manual'], stageId: string): number | null {
  if (!manual) return null;
  const v =
    manual instanceof Map ? manual.get(stageId) : (manual as Record<string, number | null | undefined>)[stageId];
  return typeof v === 'number' && Number.isFinite(v) ? clampEmotion(v) : null;
}

/**
 * The emotion of each stage, in the stages' order. The derived score is the plain mean of the
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
  return stages.map((stage, s) => {
    const c = count[s]!;
    const derived = c > 0 ? sum[s]! / c : null;
    const manual = manualScore(options.manual, stage.id);
    return { stageId: stage.id, score: manual ?? derived, derived, count: c, manual: manual !== null };
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

/** The board y of a score inside a band: +2 at `top`, -2 at `bottom`. */
export function emotionY(score: number, top: number, bottom: number): number {
  return top + ((EMOTION_MAX - clampEmotion(score)) / (EMOTION_MAX - EMOTION_MIN)) * (bottom - top);
}

/** A scored stage's point on the curve. */
export interface EmotionPoint extends Point {
  stageId: string;
  score: number;
}

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
  emotions: readonly { stageId: string; score: number | null }[],
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
  const byStage = new Map<string, number | null>();
  for (const e of emotions) byStage.set(e.stageId, e.score);
  const points: EmotionPoint[] = [];
  for (const col of frame.columns) {
    const score = byStage.get(col.stageId);
    if (score === undefined || score === null || !Number.isFinite(score)) continue;
    const s = clampEmotion(score);
    points.push({ stageId: col.stageId, score: s, x: col.x + col.width / 2, y: emotionY(s, top, bottom) });
  }
  const path = monotoneCurve(points);
  return {
    laneId: row.laneId,
    top,
    bottom,
    points,
    path,
    bezierPoints: bezierPoints(path),
    svgPath: svgPathData(path),
  };
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
