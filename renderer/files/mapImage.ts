/**
 * The map as a picture (File > Export > PNG): the journey frame, every note with its text and
 * channel icons, and the emotion curve with the room's band, drawn with the board's own painters (drawFrame,
 * drawNotesSharp) so the image looks like the board. Runs in the export worker on an
 * OffscreenCanvas, so a big image never freezes the board; it also runs on a page (the tests).
 */
import { toBoardNote, type BoardNote } from '../../shared/board/history';
import { layoutBoardFrame } from '../../shared/board/frameDrop';
import { unionRects, type Rect } from '../../shared/board/camera';
import type { JourneyMap, Lane, Stage } from '../../shared/domain';
import {
  emotionCurve,
  mapStageEmotions,
  roomScoresOf,
  type EmotionCurve,
  type FrameLayout,
  type StageEmotion,
} from '../../shared/journey';
import { drawNotesSharp, type Context2D } from '../board/drawNotes';
import { BOARD_DARK, BOARD_LIGHT } from '../board/theme';
import { drawCurveOnTop, drawFrame } from '../journey/drawFrame';

/** What to draw: the notes as the board shows them (cells laid out, collapsed lanes hidden). */
export interface MapScene {
  notes: BoardNote[];
  frame: FrameLayout | null;
  stages: Stage[];
  lanes: Lane[];
  emotions: StageEmotion[];
  curve: EmotionCurve | null;
}

/** The board's picture of a map, laid out exactly as BoardController lays it out. */
export function sceneOf(map: JourneyMap): MapScene {
  const stages = [...map.stages].sort((a, b) => a.position - b.position);
  const lanes = [...map.lanes].sort((a, b) => a.position - b.position);
  const notes = map.notes.map(toBoardNote);
  if (stages.length === 0 || lanes.length === 0)
    return { notes, frame: null, stages, lanes, emotions: [], curve: null };
  const frame = layoutBoardFrame(stages, lanes, notes);
  const placed = new Map(frame.placements.map((p) => [p.id, p]));
  const shown: BoardNote[] = [];
  for (const n of notes) {
    const p = placed.get(n.id);
    if (!p) shown.push(n);
    else if (!p.hidden) shown.push({ ...n, x: p.x, y: p.y });
  }
  // The room's scores give the curve its band, as on the board.
  const emotions = mapStageEmotions(stages, notes, roomScoresOf(map));
  return { notes: shown, frame, stages, lanes, emotions, curve: emotionCurve(frame, emotions) };
}

/** Board units of margin around the whole map. */
const MAP_MARGIN = 48;

/** The board region holding the frame and every shown note, with a margin; null for an empty map. */
export function sceneBounds(scene: MapScene): Rect | null {
  const rects: Rect[] = scene.notes.map((n) => ({ x: n.x, y: n.y, width: n.width, height: n.height }));
  if (scene.frame) rects.push(scene.frame.rect);
  const r = unionRects(rects);
  return (
    r && {
      x: r.x - MAP_MARGIN,
      y: r.y - MAP_MARGIN,
      width: r.width + 2 * MAP_MARGIN,
      height: r.height + 2 * MAP_MARGIN,
    }
  );
}

/**
 * The most an image may hold. Chromium refuses canvases past 32,767 px a side or 268 M pixels, and
 * the RGBA buffer of 120 M pixels is already 480 MB: beyond these the scale is lowered instead (a
 * 1,000-note map still fits at 1x).
 */
export const IMAGE_LIMITS = { maxSide: 32_767, maxPixels: 120_000_000 } as const;

/** One image to make: the board region, pixels per board unit, and the size in pixels. */
export interface ImagePlan {
  rect: Rect;
  /** Pixels per board unit. */
  scale: number;
  width: number;
  height: number;
  /** The scale asked for, when it had to be lowered to fit IMAGE_LIMITS. */
  loweredFrom: number | null;
}

/** Sizes an image of `rect` at `scale` pixels per board unit, lowering the scale to fit `limits`. */
export function planImage(
  rect: Rect,
  scale: number,
  limits: { maxSide: number; maxPixels: number } = IMAGE_LIMITS,
): ImagePlan {
  if (!(rect.width > 0 && rect.height > 0 && scale > 0))
    throw new Error('There is nothing to draw: the area is empty.');
  const fit = Math.min(
    scale,
    limits.maxSide / rect.width,
    limits.maxSide / rect.height,
    Math.sqrt(limits.maxPixels / (rect.width * rect.height)),
  );
  const lowered = fit < scale;
  // Lowered: round down, so the image stays within the limits.
  const px = lowered ? (v: number) => Math.floor(v + 1e-6) : Math.round;
  return {
    rect,
    scale: fit,
    width: Math.max(1, Math.min(limits.maxSide, px(rect.width * fit))),
    height: Math.max(1, Math.min(limits.maxSide, px(rect.height * fit))),
    loweredFrom: lowered ? scale : null,
  };
}

/** Paints the scene's part inside `plan.rect` into a context `plan.width` × `plan.height` pixels. */
export function drawScene(
  ctx: Context2D,
  scene: MapScene,
  plan: ImagePlan,
  onProgress?: (notesDone: number) => void,
  /** The dark board's colours (the room view in the dark theme); every export leaves it off and stays light. */
  dark = false,
): void {
  const { rect, scale } = plan;
  ctx.save();
  ctx.fillStyle = (dark ? BOARD_DARK : BOARD_LIGHT).background;
  ctx.fillRect(0, 0, plan.width, plan.height);
  ctx.setTransform(scale, 0, 0, scale, -rect.x * scale, -rect.y * scale);
  if (scene.frame)
    drawFrame(ctx, scene.frame, scene.emotions, {
      stages: scene.stages,
      lanes: scene.lanes,
      scale,
      curve: scene.curve,
      dark,
    });
  const inside = scene.notes.filter(
    (n) => n.x < rect.x + rect.width && n.x + n.width > rect.x && n.y < rect.y + rect.height && n.y + n.height > rect.y,
  );
  drawNotesSharp(ctx, inside, scale, onProgress);
  if (scene.frame) drawCurveOnTop(ctx, scene.frame, scene.curve, scene.emotions, scale, dark);
  ctx.restore();
}

/** What to picture: the whole map, or the board region that was on screen. */
export type ImageArea = { kind: 'map' } | { kind: 'view'; rect: Rect; zoom: number };

export interface PngProgress {
  phase: 'drawing' | 'encoding';
  done: number;
  total: number;
}

/**
 * A PNG of the map. `multiplier` is 1, 2 or 3: for the whole map, 1x is one pixel per board unit;
 * for the current view, 1x is the view's size on screen. Needs OffscreenCanvas (a worker or a page).
 */
export async function mapToPng(
  map: JourneyMap,
  area: ImageArea,
  multiplier: number,
  onProgress?: (p: PngProgress) => void,
): Promise<{ bytes: Uint8Array; plan: ImagePlan }> {
  const scene = sceneOf(map);
  const rect = area.kind === 'map' ? sceneBounds(scene) : area.rect;
  if (!rect) throw new Error('This map is empty: add a note or a stage before exporting a picture of it.');
  const plan = planImage(rect, multiplier * (area.kind === 'view' ? area.zoom : 1));
  return { bytes: await renderPng(scene, plan, onProgress), plan };
}

async function renderPng(scene: MapScene, plan: ImagePlan, onProgress?: (p: PngProgress) => void): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(plan.width, plan.height);
  const ctx = canvas.getContext('2d');
  if (!ctx)
    throw new Error(`This computer could not make a ${plan.width} × ${plan.height} px image. Try a smaller scale.`);
  const total = scene.notes.length;
  drawScene(ctx, scene, plan, (done) => onProgress?.({ phase: 'drawing', done, total }));
  onProgress?.({ phase: 'encoding', done: total, total });
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}

/** Longest side of the map picture on a PowerPoint overview slide: sharp on a 4K projector, small in the file. */
export const OVERVIEW_MAX_SIDE = 2400;

/**
 * The whole map as a picture for the PowerPoint overview slide (always light, like every export):
 * at most {@link OVERVIEW_MAX_SIDE} pixels a side, 2 pixels per board unit for a small map.
 * Undefined for an empty map.
 */
export async function mapOverviewPng(map: JourneyMap): Promise<{ png: Uint8Array; width: number; height: number } | undefined> {
  const scene = sceneOf(map);
  const rect = sceneBounds(scene);
  if (!rect) return undefined;
  const plan = planImage(rect, 2, { maxSide: OVERVIEW_MAX_SIDE, maxPixels: OVERVIEW_MAX_SIDE * OVERVIEW_MAX_SIDE });
  return { png: await renderPng(scene, plan), width: plan.width, height: plan.height };
}
