/**
 * The emotion faces, drawn as vectors (a round face, two eyes, a mouth that bends with the score)
 * rather than emoji, so they look the same on a canvas, in the DOM and in print on a machine with
 * no colour-emoji font. Colours run from red (-2) through grey (0) to green (+2).
 */
import { emotionFace, type EmotionFace } from '../../shared/journey';

/** Ring and feature colour per level, -2 to +2. */
export const FACE_INK: Record<EmotionFace['level'], string> = {
  [-2]: '#d6336c',
  [-1]: '#e8590c',
  0: '#868e96',
  1: '#5c940d',
  2: '#2b8a3e',
};

/** Fill per level, -2 to +2. */
export const FACE_FILL: Record<EmotionFace['level'], string> = {
  [-2]: '#fff0f6',
  [-1]: '#fff4e6',
  0: '#f8f9fa',
  1: '#f4fce3',
  2: '#ebfbee',
};

/** The geometry of a face of radius `r` centred on 0, 0 (y down). */
export interface FaceGeometry {
  eyeRadius: number;
  eyes: [{ x: number; y: number }, { x: number; y: number }];
  /** Mouth: a quadratic curve from `from` to `to` bending through `control`. */
  mouth: { from: { x: number; y: number }; control: { x: number; y: number }; to: { x: number; y: number } };
}

/** Eyes and mouth for a whole level (-2..+2) at radius `r`. */
export function faceGeometry(level: number, r: number): FaceGeometry {
  const half = (level === 0 ? 0.34 : 0.42) * r;
  const endsY = (level < 0 ? 0.44 : 0.3) * r;
  const controlY = endsY + level * 0.2 * r;
  return {
    eyeRadius: 0.1 * r,
    eyes: [
      { x: -0.34 * r, y: -0.2 * r },
      { x: 0.34 * r, y: -0.2 * r },
    ],
    mouth: { from: { x: -half, y: endsY }, control: { x: 0, y: controlY }, to: { x: half, y: endsY } },
  };
}

/** SVG path data of a face's mouth at radius `r`, centred on `cx`, `cy`. */
export function mouthPathData(level: number, r: number, cx = 0, cy = 0): string {
  const { mouth: m } = faceGeometry(level, r);
  const f = (v: number) => String(Math.round(v * 100) / 100);
  return `M ${f(cx + m.from.x)} ${f(cy + m.from.y)} Q ${f(cx + m.control.x)} ${f(cy + m.control.y)} ${f(cx + m.to.x)} ${f(cy + m.to.y)}`;
}

/** The part of a 2D context (Konva's or the canvas's own) a face needs. */
export interface FaceContext {
  beginPath(): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number, counterClockwise?: boolean): void;
  moveTo(x: number, y: number): void;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void;
  fill(): void;
  stroke(): void;
  setLineDash(segments: number[]): void;
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineCap: CanvasLineCap;
}

/**
 * Draws the face for `score` (rounded as {@link emotionFace} does) centred on `cx`, `cy`. A score
 * set by hand gets a solid ring; a derived one a dashed ring, so the two read differently.
 */
export function drawFace(ctx: FaceContext, cx: number, cy: number, r: number, score: number, manual: boolean): EmotionFace {
  const face = emotionFace(score);
  const ink = FACE_INK[face.level];
  const g = faceGeometry(face.level, r);
  const ring = Math.max(1, r * 0.13);
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fillStyle = FACE_FILL[face.level];
  ctx.fill();
  ctx.strokeStyle = ink;
  ctx.lineWidth = ring;
  ctx.setLineDash(manual ? [] : [r * 0.32, r * 0.22]);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = ink;
  for (const e of g.eyes) {
    ctx.beginPath();
    ctx.arc(cx + e.x, cy + e.y, g.eyeRadius, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.beginPath();
  ctx.moveTo(cx + g.mouth.from.x, cy + g.mouth.from.y);
  ctx.quadraticCurveTo(cx + g.mouth.control.x, cy + g.mouth.control.y, cx + g.mouth.to.x, cy + g.mouth.to.y);
  ctx.lineCap = 'round';
  ctx.lineWidth = ring;
  ctx.stroke();
  return face;
}
