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
 *
 * The Emotions lane is `drawEmotions.ts`, the colours `frameTheme.ts`, the context type and the
 * path and text helpers `framePaint.ts`; this file re-exports what callers use from them.
 */
import type { LaneKind } from '../../shared/domain';
import { emotionCurve, type EmotionCurve, type FrameLayout, type FrameRow } from '../../shared/journey';
import { drawEmotions, type FrameEmotion } from './drawEmotions';
import { fitLine, roundRectPath, wrapLines, type FrameContext } from './framePaint';
import { frameTheme, LANE_KIND_STYLE, type FrameTheme } from './frameTheme';

export { drawCurveOnTop, formatScore, type FrameEmotion } from './drawEmotions';
export { fitLine, wrapLines, type FrameContext } from './framePaint';
export { FRAME_THEME, FRAME_THEME_DARK, frameTheme, LANE_KIND_STYLE, type FrameTheme } from './frameTheme';

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
  /** Dark board colours (`FRAME_THEME_DARK`); exports leave it off. */
  dark?: boolean;
}

/** Text smaller than this many screen pixels is not drawn. */
export const MIN_TEXT_PX = 4;

const DEFAULT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';

/**
 * Draws the frame. `emotions` gives each stage's score (from `stageEmotions`); pass `[]` to draw no
 * curve. Leaves the context's state as it found it.
 */
export function drawFrame(ctx: FrameContext, layout: FrameLayout, emotions: readonly FrameEmotion[], options: DrawFrameOptions): void {
  const T = frameTheme(options.dark);
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
  layout.rows.forEach((row) => drawLaneHeader(ctx, T, row, layout, laneById.get(row.laneId), family, readable));

  // The emotion curve and faces.
  const curve = options.curve !== undefined ? options.curve : emotions.length > 0 ? emotionCurve(layout, emotions) : null;
  if (curve) {
    const row = layout.rows.find((r) => r.laneId === curve.laneId);
    if (row && !row.collapsed) drawEmotions(ctx, layout, row, curve, emotions, { T, px, family, readable, bodyLeft, right });
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
  T: FrameTheme,
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

