/**
 * What painting the frame needs from a 2D context (`FrameContext`), and the small helpers the frame
 * and its emotion lane share: a rounded-rectangle path, and text cut or wrapped to a width.
 */
import type { FaceContext } from './faces';

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

/** A rounded-rectangle path (radii: one, or top-left, top-right, bottom-right, bottom-left). */
export function roundRectPath(ctx: FrameContext, x: number, y: number, w: number, h: number, radii: number | [number, number, number, number]): void {
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
