/**
 * Draws the journey frame (issue #4) onto a 2D context, in board units: the stage header row, the
 * lane header column, a soft background per row, the cell grid, collapsed lanes as thin strips, and
 * the emotion curve with a face at each stage inside the Emotions row, and around it a translucent band
 * of the room's spread where participants scored the stage (issue 14), with "n = 7" under the point.
 *
 * Meant for the scene function of one `Konva.Shape` on the board's non-listening `frame` layer:
 *
 *   new Konva.Shape({ listening: false, sceneFunc: (ctx) => drawFrame(ctx, layout, emotions, { stages, lanes, scale: zoom }) })
 *
 * The geometry comes from `layoutFrame` and `emotionCurve` (shared/journey); this file only paints.
 * A frame has at most a few dozen stages and lanes, so everything is drawn each time (the canvas
 * clips what is off screen); text is skipped when it would be too small to read.
 */
import type { LaneKind } from '../../shared/domain';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  emotionCurve,
  emotionY,
  signedScore,
  type EmotionBand,
  type EmotionCurve,
  type FrameLayout,
  type FrameRow,
} from '../../shared/journey';
import { drawFace, FACE_INK, type FaceContext } from './faces';

/**
 * The part of a 2D context the frame needs. Both `Konva.Context` (in a scene function) and the
 * canvas's own `CanvasRenderingContext2D` have it, and a test can record calls with a plain object.
 */
export interface FrameContext extends FaceContext {
  save(): void;
  restore(): void;
  closePath(): void;
  lineTo(x: number, y: number): void;
  bezierCurveTo(cp1x: number, cp1y: number, cp2x: number, cp2y: number, x: number, y: number): void;
  rect(x: number, y: number, width: number, height: number): void;
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  measureText(text: string): TextMetrics;
  createLinearGradient(x0: number, y0: number, x1: number, y1: number): CanvasGradient;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  globalAlpha: number;
  lineJoin: CanvasLineJoin;
}

/** A stage as the frame shows it. */
export interface FrameStageLabel {
  id: string;
  name: string;
  description: string;
  /** The customer's goal at this stage (issue 13), drawn under the name; missing or '' for none. */
  goal?: string;
}

/** A lane as the frame shows it. */
export interface FrameLaneLabel {
  id: string;
  name: string;
  kind: LaneKind;
}

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

/** What to draw besides the geometry. */
export interface DrawFrameOptions {
  /** Names and descriptions, by stage id (any order). Stages missing here are drawn unnamed. */
  stages: readonly FrameStageLabel[];
  /** Names and kinds, by lane id (any order). */
  lanes: readonly FrameLaneLabel[];
  /** Screen pixels per board unit (the camera's zoom), so hairlines stay one pixel and tiny text is skipped. Default 1. */
  scale?: number;
  /** A header to highlight (hovered or being dragged). */
  highlight?: { type: 'stage' | 'lane'; id: string } | null;
  /** Font stack for every label. */
  fontFamily?: string;
  /** The emotion curve, if already computed (else it is computed here from `emotions`). */
  curve?: EmotionCurve | null;
  /** Dark board colours ({@link FRAME_THEME_DARK}); exports leave it off. */
  dark?: boolean;
}

/** The frame's colours; the board's theme may read them to match. */
export const FRAME_THEME = {
  pill: 'rgba(255, 255, 255, 0.9)',
  frameFill: '#ffffff',
  frameEdge: '#cfd4dc',
  frameShadow: 'rgba(16, 24, 40, 0.06)',
  headerFill: '#fafbfc',
  grid: '#e2e5ea',
  headerGrid: '#cfd4dc',
  stageFill: '#ebf1ff',
  stageFillHighlight: '#dce7ff',
  stageEdge: '#c3d4ff',
  stageNumber: '#2f6bff',
  ink: '#1b1d21',
  ink2: '#4f5560',
  ink3: '#868c96',
  collapsedFill: '#f1f3f6',
  curve: '#2f6bff',
  curveAreaTop: 'rgba(47, 107, 255, 0.16)',
  curveAreaBottom: 'rgba(47, 107, 255, 0.01)',
  /** The room's spread around the curve: a translucent fill and a thin edge. */
  band: 'rgba(47, 107, 255, 0.18)',
  bandEdge: 'rgba(47, 107, 255, 0.55)',
  guide: '#e2e5ea',
  highlight: 'rgba(47, 107, 255, 0.07)',
  laneFill: {
    actions: '#f7f9fe',
    touchpoints: '#f5fafd',
    channels: '#f4fbfa',
    thoughts: '#faf7fe',
    emotions: '#fffcf5',
    pain_points: '#fff7f7',
    opportunities: '#f6fcf5',
    custom: '#fafaf9',
  } as Record<LaneKind, string>,
};


/** The frame's colours on the dark board (exports always use {@link FRAME_THEME}). */
export const FRAME_THEME_DARK: typeof FRAME_THEME = {
  pill: 'rgba(30, 33, 39, 0.92)',
  frameFill: '#1e2127',
  frameEdge: '#4a505b',
  frameShadow: 'rgba(0, 0, 0, 0.35)',
  headerFill: '#23272e',
  grid: '#343942',
  headerGrid: '#4a505b',
  stageFill: '#1f2a44',
  stageFillHighlight: '#26365c',
  stageEdge: '#34497a',
  stageNumber: '#8db1ff',
  ink: '#e8eaed',
  ink2: '#c3c8d0',
  ink3: '#9aa1ab',
  collapsedFill: '#262a31',
  curve: '#6b9bff',
  curveAreaTop: 'rgba(107, 155, 255, 0.22)',
  curveAreaBottom: 'rgba(107, 155, 255, 0.02)',
  band: 'rgba(141, 177, 255, 0.26)',
  bandEdge: 'rgba(141, 177, 255, 0.7)',
  guide: '#343942',
  highlight: 'rgba(107, 155, 255, 0.12)',
  laneFill: {
    actions: '#1f2330',
    touchpoints: '#1d2530',
    channels: '#1c2629',
    thoughts: '#23202f',
    emotions: '#27251d',
    pain_points: '#2a1f22',
    opportunities: '#1e271f',
    custom: '#23252a',
  },
};

/** A soft background and a header accent per lane kind. */
export const LANE_KIND_STYLE: Record<LaneKind, { fill: string; accent: string; label: string }> = {
  actions: { fill: '#f7f9fe', accent: '#4c6ef5', label: 'Actions' },
  touchpoints: { fill: '#f5fafd', accent: '#1c7ed6', label: 'Touchpoints' },
  channels: { fill: '#f4fbfa', accent: '#0ca678', label: 'Channels' },
  thoughts: { fill: '#faf7fe', accent: '#7950f2', label: 'Thoughts' },
  emotions: { fill: '#fffcf5', accent: '#f59f00', label: 'Emotions' },
  pain_points: { fill: '#fff7f7', accent: '#e03131', label: 'Pain points' },
  opportunities: { fill: '#f6fcf5', accent: '#37b24d', label: 'Opportunities' },
  custom: { fill: '#fafaf9', accent: '#868e96', label: 'Custom' },
};

/** The theme the frame is being drawn with (set by each drawFrame / drawCurveOnTop call). */
let T: typeof FRAME_THEME = FRAME_THEME;

/** Text smaller than this many screen pixels is not drawn. */
export const MIN_TEXT_PX = 4;

const DEFAULT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';

/**
 * Draws the frame. `emotions` gives each stage's score (from `stageEmotions`); pass `[]` to draw no
 * curve. Leaves the context's state as it found it.
 */
export function drawFrame(ctx: FrameContext, layout: FrameLayout, emotions: readonly FrameEmotion[], options: DrawFrameOptions): void {
  T = options.dark ? FRAME_THEME_DARK : FRAME_THEME;
  const scale = options.scale && options.scale > 0 ? options.scale : 1;
  const px = 1 / scale;
  const family = options.fontFamily ?? DEFAULT_FONT;
  const readable = (size: number) => size * scale >= MIN_TEXT_PX;
  const stageById = new Map(options.stages.map((s) => [s.id, s]));
  const laneById = new Map(options.lanes.map((l) => [l.id, l]));
  const { rect } = layout;
  const top = rect.y;
  const left = rect.x;
  const right = rect.x + rect.width;
  const bottom = rect.y + rect.height;
  const bodyTop = top + layout.stageHeaderHeight;
  const bodyLeft = left + layout.laneHeaderWidth;
  const radius = 14;

  ctx.save();

  // The card: a soft drop shadow (two offset fills: cheaper than a blur on every redraw), then white.
  ctx.fillStyle = T.frameShadow;
  roundRectPath(ctx, left, top + 4, rect.width, rect.height, radius);
  ctx.fill();
  roundRectPath(ctx, left - 1, top + 1, rect.width + 2, rect.height + 1, radius + 1);
  ctx.fill();
  ctx.fillStyle = T.frameFill;
  roundRectPath(ctx, left, top, rect.width, rect.height, radius);
  ctx.fill();

  // Header row and column backgrounds, clipped to the card's rounded corners by staying inside it.
  ctx.fillStyle = T.headerFill;
  roundRectPath(ctx, left, top, rect.width, layout.stageHeaderHeight, [radius, radius, 0, 0]);
  ctx.fill();
  ctx.fillRect(left, bodyTop, layout.laneHeaderWidth, Math.max(0, bottom - bodyTop - radius));
  if (bottom - bodyTop >= radius) {
    roundRectPath(ctx, left, bottom - radius, layout.laneHeaderWidth, radius, [0, 0, 0, radius]);
    ctx.fill();
  }

  // Rows: a soft background per lane kind; collapsed lanes a plain grey strip.
  const lastRow = layout.rows.length - 1;
  layout.rows.forEach((row, i) => {
    const kind = row.kind ?? laneById.get(row.laneId)?.kind ?? 'custom';
    ctx.fillStyle = row.collapsed ? T.collapsedFill : T.laneFill[kind];
    const w = right - bodyLeft;
    if (i === lastRow && row.height >= radius) {
      roundRectPath(ctx, bodyLeft, row.y, w, row.height, [0, 0, radius, 0]);
      ctx.fill();
    } else {
      ctx.fillRect(bodyLeft, row.y, w, row.height);
    }
    if (options.highlight?.type === 'lane' && options.highlight.id === row.laneId) {
      ctx.fillStyle = T.highlight;
      ctx.fillRect(left, row.y, rect.width, row.height);
    }
  });
  if (options.highlight?.type === 'stage') {
    const col = layout.columns.find((c) => c.stageId === options.highlight!.id);
    if (col) {
      ctx.fillStyle = T.highlight;
      ctx.fillRect(col.x, bodyTop, col.width, bottom - bodyTop);
    }
  }

  // Grid: hairlines between cells, a firmer line under and beside the headers.
  ctx.lineWidth = px;
  ctx.strokeStyle = T.grid;
  ctx.beginPath();
  for (let c = 1; c < layout.columns.length; c++) {
    const x = layout.columns[c]!.x;
    ctx.moveTo(x, bodyTop);
    ctx.lineTo(x, bottom);
  }
  for (let r = 1; r < layout.rows.length; r++) {
    const y = layout.rows[r]!.y;
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
  }
  ctx.stroke();
  ctx.strokeStyle = T.headerGrid;
  ctx.beginPath();
  ctx.moveTo(left, bodyTop);
  ctx.lineTo(right, bodyTop);
  ctx.moveTo(bodyLeft, top);
  ctx.lineTo(bodyLeft, bottom);
  ctx.stroke();

  // Stage headers: a chevron per stage (the journey reads left to right), number, name, description.
  layout.columns.forEach((col, s) => {
    const stage = stageById.get(col.stageId);
    const h = col.header;
    const inset = 10;
    const tip = Math.min(18, h.width / 8);
    const x0 = h.x + 4;
    const x1 = h.x + h.width + (s === layout.columns.length - 1 ? -inset : 2);
    const y0 = h.y + inset;
    const y1 = h.y + h.height - inset;
    const mid = (y0 + y1) / 2;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1 - tip, y0);
    ctx.lineTo(x1, mid);
    ctx.lineTo(x1 - tip, y1);
    ctx.lineTo(x0, y1);
    if (s > 0) ctx.lineTo(x0 + tip, mid);
    ctx.closePath();
    const lit = options.highlight?.type === 'stage' && options.highlight.id === col.stageId;
    ctx.fillStyle = lit ? T.stageFillHighlight : T.stageFill;
    ctx.fill();
    ctx.strokeStyle = T.stageEdge;
    ctx.lineWidth = px;
    ctx.stroke();

    const textX = x0 + (s > 0 ? tip + 10 : 14);
    const textW = Math.max(0, x1 - tip - 6 - textX);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    if (readable(11)) {
      ctx.fillStyle = T.stageNumber;
      ctx.font = `700 11px ${family}`;
      ctx.fillText(`STAGE ${s + 1}`, textX, y0 + 17, textW);
    }
    // With a goal, the header holds three lines: the name a little higher, the description, the goal.
    const goal = stage?.goal?.trim() ?? '';
    if (readable(17)) {
      ctx.fillStyle = stage ? T.ink : T.ink3;
      ctx.font = `650 17px ${family}`;
      ctx.fillText(fitLine(ctx, stage?.name || 'Untitled stage', textW), textX, y0 + (goal ? 34 : 37));
    }
    if (stage?.description && readable(goal ? 11 : 12)) {
      ctx.fillStyle = T.ink2;
      ctx.font = `400 ${goal ? 11 : 12}px ${family}`;
      const lines = wrapLines(ctx, stage.description, textW, 1);
      lines.forEach((line, i) => ctx.fillText(line, textX, y0 + (goal ? 49 : 55) + i * 15));
    }
    if (goal && readable(11)) {
      ctx.fillStyle = T.ink;
      ctx.font = `600 11px ${family}`;
      ctx.fillText(fitLine(ctx, `Goal: ${goal}`, textW), textX, y0 + (stage?.description ? 63 : 52));
    }
  });

  // Lane headers: accent stripe, name, and for a collapsed lane how many notes it hides.
  layout.rows.forEach((row) => drawLaneHeader(ctx, row, layout, laneById.get(row.laneId), family, readable));

  // The emotion curve and faces.
  const curve = options.curve !== undefined ? options.curve : emotions.length > 0 ? emotionCurve(layout, emotions) : null;
  if (curve) {
    const row = layout.rows.find((r) => r.laneId === curve.laneId);
    if (row && !row.collapsed) drawEmotions(ctx, layout, row, curve, emotions, { px, family, readable, bodyLeft, right });
  }

  // The card's edge last, over everything.
  ctx.strokeStyle = T.frameEdge;
  ctx.lineWidth = px;
  roundRectPath(ctx, left, top, rect.width, rect.height, radius);
  ctx.stroke();

  ctx.restore();
}

function drawLaneHeader(
  ctx: FrameContext,
  row: FrameRow,
  layout: FrameLayout,
  lane: FrameLaneLabel | undefined,
  family: string,
  readable: (size: number) => boolean,
): void {
  const h = row.header;
  const kind = row.kind ?? lane?.kind ?? 'custom';
  const style = LANE_KIND_STYLE[kind];
  const name = lane?.name || 'Untitled lane';
  const padX = 18;
  const textW = h.width - padX - 12;
  // Accent stripe along the header's left edge, inset so it reads as a tab.
  ctx.fillStyle = style.accent;
  const stripeInset = row.collapsed ? 8 : 12;
  roundRectPath(ctx, h.x + 6, h.y + stripeInset, 4, Math.max(0, h.height - 2 * stripeInset), 2);
  ctx.fill();

  ctx.textAlign = 'left';
  if (row.collapsed) {
    const count = countNotes(layout, row.index);
    ctx.textBaseline = 'middle';
    const cy = h.y + h.height / 2;
    if (readable(14)) {
      // A small right-pointing triangle: the lane is folded.
      ctx.fillStyle = T.ink3;
      ctx.beginPath();
      ctx.moveTo(h.x + padX, cy - 5);
      ctx.lineTo(h.x + padX + 7, cy);
      ctx.lineTo(h.x + padX, cy + 5);
      ctx.closePath();
      ctx.fill();
      const countText = count === 1 ? '1 note' : `${count} notes`;
      ctx.font = `500 12px ${family}`;
      const countW = ctx.measureText(countText).width;
      ctx.fillStyle = T.ink;
      ctx.font = `600 14px ${family}`;
      const nameW = Math.max(0, textW - 16 - countW - 8);
      const fitted = fitLine(ctx, name, nameW);
      ctx.fillText(fitted, h.x + padX + 16, cy);
      const used = ctx.measureText(fitted).width;
      ctx.fillStyle = T.ink3;
      ctx.font = `500 12px ${family}`;
      ctx.fillText(countText, h.x + padX + 16 + used + 8, cy);
      // The cells of a collapsed lane say the same, centred, so the strip is not mistaken for a gap.
      ctx.textAlign = 'center';
      for (let s = 0; s < layout.columns.length; s++) {
        const cell = layout.cells[row.index * layout.columns.length + s]!;
        const n = cell.noteIds.length;
        if (n === 0) continue;
        ctx.fillText(n === 1 ? '1 note' : `${n} notes`, cell.rect.x + cell.rect.width / 2, cy);
      }
    }
    ctx.textBaseline = 'alphabetic';
    return;
  }
  ctx.textBaseline = 'alphabetic';
  if (readable(15)) {
    ctx.fillStyle = T.ink;
    ctx.font = `650 15px ${family}`;
    const lines = wrapLines(ctx, name, textW, 2);
    lines.forEach((line, i) => ctx.fillText(line, h.x + padX, h.y + 30 + i * 19));
    if (readable(11) && style.label.toLowerCase() !== name.trim().toLowerCase() && kind !== 'custom') {
      ctx.fillStyle = T.ink3;
      ctx.font = `600 11px ${family}`;
      ctx.fillText(style.label.toUpperCase(), h.x + padX, h.y + 30 + lines.length * 19 + 2, textW);
    }
  }
}

function countNotes(layout: FrameLayout, laneIndex: number): number {
  let n = 0;
  const S = layout.columns.length;
  for (let s = 0; s < S; s++) n += layout.cells[laneIndex * S + s]!.noteIds.length;
  return n;
}

function drawEmotions(
  ctx: FrameContext,
  layout: FrameLayout,
  row: FrameRow,
  curve: EmotionCurve,
  emotions: readonly FrameEmotion[],
  o: { px: number; family: string; readable: (size: number) => boolean; bodyLeft: number; right: number },
): void {
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
  drawBands(ctx, curve.bands, o.px, true);
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
function drawBands(ctx: FrameContext, bands: readonly EmotionBand[], px: number, fill: boolean): void {
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

/** A rounded-rectangle path (radii: one, or top-left, top-right, bottom-right, bottom-left). */
function roundRectPath(ctx: FrameContext, x: number, y: number, w: number, h: number, radii: number | [number, number, number, number]): void {
  const [tl, tr, br, bl] = (typeof radii === 'number' ? [radii, radii, radii, radii] : radii).map((r) => Math.max(0, Math.min(r, w / 2, h / 2)));
  ctx.beginPath();
  ctx.moveTo(x + tl!, y);
  ctx.lineTo(x + w - tr!, y);
  if (tr) ctx.quadraticCurveTo(x + w, y, x + w, y + tr);
  ctx.lineTo(x + w, y + h - br!);
  if (br) ctx.quadraticCurveTo(x + w, y + h, x + w - br, y + h);
  ctx.lineTo(x + bl!, y + h);
  if (bl) ctx.quadraticCurveTo(x, y + h, x, y + h - bl);
  ctx.lineTo(x, y + tl!);
  if (tl) ctx.quadraticCurveTo(x, y, x + tl, y);
  ctx.closePath();
}

// Measuring is the costly part of drawing text; headers are redrawn on every camera move.
const fitCache = new Map<string, string>();
const FIT_CACHE_MAX = 2000;

/** `text` cut with an ellipsis to fit `maxWidth` in the context's current font. */
export function fitLine(ctx: Pick<FrameContext, 'measureText' | 'font'>, text: string, maxWidth: number): string {
  const key = `${ctx.font}\u0000${Math.round(maxWidth)}\u0000${text}`;
  const hit = fitCache.get(key);
  if (hit !== undefined) return hit;
  let out = text;
  if (ctx.measureText(text).width > maxWidth) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ctx.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    out = lo > 0 ? `${text.slice(0, lo).trimEnd()}…` : '';
  }
  if (fitCache.size >= FIT_CACHE_MAX) fitCache.clear();
  fitCache.set(key, out);
  return out;
}

/** Word-wraps `text` into at most `maxLines` lines of `maxWidth`, the last one cut with an ellipsis. */
export function wrapLines(ctx: Pick<FrameContext, 'measureText' | 'font'>, text: string, maxWidth: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!;
    if (!line || ctx.measureText(next).width <= maxWidth) {
      line = next;
      continue;
    }
    if (lines.length >= maxLines - 1) {
      // The last line takes the rest; fitLine cuts it with an ellipsis.
      line = [line, ...words.slice(i)].join(' ');
      break;
    }
    lines.push(line);
    line = words[i]!;
  }
  if (line) lines.push(line);
  const last = lines.length - 1;
  if (last >= 0) lines[last] = fitLine(ctx, lines[last]!, maxWidth);
  return lines.slice(0, maxLines);
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
  T = dark ? FRAME_THEME_DARK : FRAME_THEME;
  if (!curve || (curve.points.length === 0 && curve.bands.length === 0)) return;
  const row = frame.rows.find((r) => r.laneId === curve.laneId);
  if (!row || row.collapsed) return;
  const path = curve.path;
  ctx.save();
  drawBands(ctx, curve.bands, 1 / zoom, false);
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
