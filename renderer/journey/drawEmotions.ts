/**
 * The Emotions lane of the journey frame: guide lines at the five levels, the curve through each
 * stage's score with a faint area under it, the room's band of spread (issue 14), and a face per
 * scored stage labelled with its score and where it came from ("set", "avg of 3", "n = 7").
 * `drawFrame` paints it under the notes; `drawCurveOnTop` paints the curve, band edges and faces
 * again above them. Geometry from `emotionCurve` (shared/journey); this file only paints.
 */
import { EMOTION_MAX, EMOTION_MIN, emotionY, signedScore, type EmotionBand, type EmotionCurve, type FrameLayout, type FrameRow } from '../../shared/journey';
import { drawFace, FACE_INK } from './faces';
import { roundRectPath, type FrameContext } from './framePaint';
import { frameTheme, type FrameTheme } from './frameTheme';

/** A stage's emotion as the curve needs it (a `StageEmotion` from `stageEmotions` fits). */
export interface FrameEmotion {
  stageId: string;
  score: number | null;
  /** True when the facilitator set the score; false or missing = derived from the notes. */
  manual?: boolean;
  /** How many notes a derived score is the mean of. */
  count?: number;
  /** The room's scores of the stage, summed up (its band and n); null or missing = nobody scored it. */
  room?: { n: number; low: number; high: number } | null;
}

/** Paints the Emotions row's guides, level marks, curve and area, the room's band and the faces with their labels (`T`: the colours). */
export function drawEmotions(
  ctx: FrameContext,
  layout: FrameLayout,
  row: FrameRow,
  curve: EmotionCurve,
  emotions: readonly FrameEmotion[],
  o: { T: FrameTheme; px: number; family: string; readable: (size: number) => boolean; bodyLeft: number; right: number },
): void {
  const { T } = o;
  const { top, bottom } = curve;
  // Guide lines at the five levels; 0 a little firmer.
  for (let level = EMOTION_MIN; level <= EMOTION_MAX; level++) {
    const y = emotionY(level, top, bottom);
    ctx.strokeStyle = level === 0 ? T.headerGrid : T.guide;
    ctx.lineWidth = o.px;
    ctx.setLineDash(level === 0 ? [] : [6 * o.px, 6 * o.px]);
    ctx.beginPath();
    ctx.moveTo(o.bodyLeft + 8, y);
    ctx.lineTo(o.right - 8, y);
    ctx.stroke();
  }
  ctx.setLineDash([]);

  // Level marks along the right edge of the lane header: +2, 0, -2.
  if (o.readable(11)) {
    ctx.font = `600 11px ${o.family}`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const level of [2, 1, 0, -1, -2]) {
      ctx.fillStyle = level === 0 ? T.ink3 : FACE_INK[level as -2 | -1 | 1 | 2];
      ctx.fillText(level > 0 ? `+${level}` : level < 0 ? `−${-level}` : '0', row.header.x + row.header.width - 10, emotionY(level, top, bottom));
    }
  }

  const pts = curve.points;
  const path = curve.path;
  if (path.start && path.segments.length > 0) {
    // A faint area under the curve down to the -2 line, then the curve itself.
    ctx.beginPath();
    ctx.moveTo(path.start.x, bottom);
    ctx.lineTo(path.start.x, path.start.y);
    for (const seg of path.segments) ctx.bezierCurveTo(seg.c1.x, seg.c1.y, seg.c2.x, seg.c2.y, seg.to.x, seg.to.y);
    const last = path.segments[path.segments.length - 1]!.to;
    ctx.lineTo(last.x, bottom);
    ctx.closePath();
    // Fades from the top of the band down, so high points read as a lighter, airier area.
    const area = ctx.createLinearGradient(0, top, 0, bottom);
    area.addColorStop(0, T.curveAreaTop);
    area.addColorStop(1, T.curveAreaBottom);
    ctx.fillStyle = area;
    ctx.fill();
  }
  // The room's spread, over the area and under the curve.
  drawBands(ctx, curve.bands, o.px, true, T);
  if (path.start && path.segments.length > 0) {
    ctx.beginPath();
    ctx.moveTo(path.start.x, path.start.y);
    for (const seg of path.segments) ctx.bezierCurveTo(seg.c1.x, seg.c1.y, seg.c2.x, seg.c2.y, seg.to.x, seg.to.y);
    ctx.strokeStyle = T.curve;
    ctx.lineWidth = Math.max(3, 1.5 * o.px);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.stroke();
  }

  // A face at each scored stage, with its score and where it came from below (or above, near -2).
  const byStage = new Map(emotions.map((e) => [e.stageId, e]));
  const r = Math.min(18, (bottom - top) / 6);
  for (const p of pts) {
    const e = byStage.get(p.stageId);
    const manual = e?.manual ?? false;
    drawFace(ctx, p.x, p.y, r, p.score, manual);
    if (o.readable(11)) {
      const score = formatScore(p.score);
      // With room scores the label says how many people scored (and "set" when the facilitator overruled them).
      const source = e?.room ? `${manual ? 'set · ' : ''}n = ${e.room.n}` : manual ? 'set' : e?.count ? `avg of ${e.count}` : 'derived';
      const below = p.y + r + 16 <= row.y + row.height - 4;
      ctx.font = `600 11px ${o.family}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = below ? 'top' : 'bottom';
      const ty = below ? p.y + r + 5 : p.y - r - 5;
      const label = `${score} · ${source}`;
      const w = ctx.measureText(label).width;
      // A white pill behind the label so the curve and guides do not run through the text.
      ctx.fillStyle = T.pill;
      roundRectPath(ctx, p.x - w / 2 - 5, below ? ty - 2 : ty - 15, w + 10, 17, 8);
      ctx.fill();
      ctx.fillStyle = T.ink2;
      ctx.fillText(label, p.x, ty);
    }
  }
  // Stages with no score yet: a quiet note at the 0 line, so the gap in the curve is explained.
  if (o.readable(11)) {
    const scored = new Set(pts.map((p) => p.stageId));
    ctx.font = `500 11px ${o.family}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const col of layout.columns) {
      if (scored.has(col.stageId)) continue;
      const cx = col.x + col.width / 2;
      const cy = emotionY(0, top, bottom);
      const label = 'No score yet';
      const w = ctx.measureText(label).width;
      ctx.fillStyle = T.frameFill;
      roundRectPath(ctx, cx - w / 2 - 8, cy - 10, w + 16, 20, 10);
      ctx.fill();
      ctx.strokeStyle = T.guide;
      ctx.lineWidth = o.px;
      ctx.stroke();
      ctx.fillStyle = T.ink3;
      ctx.fillText(label, cx, cy);
    }
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
}

/** A score as people write it: `+1.5`, `0`, `−2` (a true minus sign). */
export function formatScore(score: number): string {
  return signedScore(score);
}

/**
 * The room's bands (geometry from `emotionCurve`, computed with the curve, not per frame): each
 * a translucent shape from the low to the high score, edged with a thin line; `fill` false draws
 * only the edges (over the notes, so a band behind notes still shows its extent).
 */
function drawBands(ctx: FrameContext, bands: readonly EmotionBand[], px: number, fill: boolean, T: FrameTheme): void {
  for (const band of bands) {
    const up = band.upper;
    const back = band.lowerBack;
    if (!up.start || !back.start) continue;
    ctx.beginPath();
    ctx.moveTo(up.start.x, up.start.y);
    for (const seg of up.segments) ctx.bezierCurveTo(seg.c1.x, seg.c1.y, seg.c2.x, seg.c2.y, seg.to.x, seg.to.y);
    ctx.lineTo(back.start.x, back.start.y);
    for (const seg of back.segments) ctx.bezierCurveTo(seg.c1.x, seg.c1.y, seg.c2.x, seg.c2.y, seg.to.x, seg.to.y);
    ctx.closePath();
    if (fill) {
      ctx.fillStyle = T.band;
      ctx.fill();
    }
    ctx.strokeStyle = T.bandEdge;
    ctx.lineWidth = Math.max(1, 1.5 * px);
    ctx.stroke();
  }
}

/**
 * The curve and faces again, above the notes: on the board notes in the Emotions lane would
 * otherwise hide the points a facilitator drags, and in an exported image the curve reads over
 * them. (drawFrame draws them too, under the notes, with guides and labels.) `zoom` is screen
 * pixels per board unit.
 */
export function drawCurveOnTop(
  ctx: FrameContext & { lineCap: CanvasLineCap },
  frame: FrameLayout,
  curve: EmotionCurve | null,
  emotions: readonly FrameEmotion[],
  zoom: number,
  dark = false,
): void {
  const T = frameTheme(dark);
  if (!curve || (curve.points.length === 0 && curve.bands.length === 0)) return;
  const row = frame.rows.find((r) => r.laneId === curve.laneId);
  if (!row || row.collapsed) return;
  const path = curve.path;
  ctx.save();
  drawBands(ctx, curve.bands, 1 / zoom, false, T);
  if (path.start && path.segments.length > 0) {
    ctx.beginPath();
    ctx.moveTo(path.start.x, path.start.y);
    for (const seg of path.segments) ctx.bezierCurveTo(seg.c1.x, seg.c1.y, seg.c2.x, seg.c2.y, seg.to.x, seg.to.y);
    ctx.strokeStyle = T.curve;
    ctx.lineWidth = Math.max(3, 1.5 / zoom);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.stroke();
  }
  const manual = new Map(emotions.map((e) => [e.stageId, e.manual]));
  const r = Math.min(18, (curve.bottom - curve.top) / 6);
  for (const p of curve.points) drawFace(ctx, p.x, p.y, r, p.score, manual.get(p.stageId) ?? false);
  ctx.restore();
}
