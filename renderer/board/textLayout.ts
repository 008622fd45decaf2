import { fitText, type TextLayout } from '../../shared/board/textFit';
import type { BoardNote } from '../../shared/board/history';
import { NOTE_FONT_FAMILY, TEXT_FIT } from './theme';

let ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;

/** A 2D context for measuring: a canvas element on the page, an OffscreenCanvas in a worker (image exports). */
export function scratchContext(): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null {
  if (typeof document !== 'undefined') return document.createElement('canvas').getContext('2d');
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1).getContext('2d');
  return null;
}
let ctxSize = -1;
const widths = new Map<string, number>();

/** Measures with a scratch canvas; caches per size and string (notes re-fit often). */
export function measure(text: string, fontSize: number): number {
  const key = `${fontSize}|${text}`;
  const hit = widths.get(key);
  if (hit !== undefined) return hit;
  if (!ctx) ctx = scratchContext();
  if (!ctx) return text.length * fontSize * 0.55;
  if (ctxSize !== fontSize) {
    ctx.font = `${fontSize}px ${NOTE_FONT_FAMILY}`;
    ctxSize = fontSize;
  }
  const w = ctx.measureText(text).width;
  if (widths.size > 50_000) widths.clear();
  widths.set(key, w);
  return w;
}

const layouts = new Map<string, { key: string; layout: TextLayout }>();

/** The fitted text of a note, recomputed only when its text or size changes. */
export function layoutFor(note: Pick<BoardNote, 'id' | 'text' | 'width' | 'height'>): TextLayout {
  const key = `${note.width}x${note.height}|${note.text}`;
  const hit = layouts.get(note.id);
  if (hit && hit.key === key) return hit.layout;
  const layout = fitText(note.text, note.width, note.height, measure, TEXT_FIT);
  layouts.set(note.id, { key, layout });
  return layout;
}

export function forgetLayout(id: string): void {
  layouts.delete(id);
}
