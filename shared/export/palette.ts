/**
 * The sticky-note palette, shared by the board (renderer/board/theme.ts re-exports it) and the
 * export writers, so a note is the same yellow on screen, in PowerPoint and in a PDF.
 */
import type { NoteColor } from '../domain';

/** Sticky-note fills, as `#rrggbb`, by the colour names in shared/domain.ts. */
export const NOTE_FILL: Record<NoteColor, string> = {
  yellow: '#fff3a3',
  orange: '#ffd29c',
  pink: '#ffc4d6',
  purple: '#dccbff',
  blue: '#bfdcff',
  teal: '#b4ece2',
  green: '#cdeeb0',
  gray: '#e3e5e8',
};

/** A slightly darker edge per colour, for the border of a note. */
export const NOTE_EDGE: Record<NoteColor, string> = {
  yellow: '#f0dc6a',
  orange: '#f3b46a',
  pink: '#f2a2bb',
  purple: '#bea6f3',
  blue: '#94c1f4',
  teal: '#86d6c8',
  green: '#a9d98a',
  gray: '#c6cad0',
};

/** Text on notes and in headers. */
export const INK = '#22262b';
/** Secondary text: descriptions, counts, captions. */
export const MUTED_INK = '#5f6b7a';
/** Behind the board. */
export const PAPER = '#f6f7f9';
/** Header cells of the frame. */
export const HEADER_FILL = '#e9edf3';
/** Lines of the frame grid. */
export const GRID_LINE = '#cfd4dc';
/** The emotion curve. */
export const CURVE = '#2f6bff';
/** The room's spread around the curve (issue 14): the band's fill (drawn at {@link CURVE_BAND_OPACITY}) and its edge. */
export const CURVE_BAND = '#2f6bff';
export const CURVE_BAND_OPACITY = 0.16;
export const CURVE_BAND_EDGE = '#8fb0ff';
/** An accent for titles and rules. */
export const ACCENT = '#2f6bff';

/**
 * A metric's status against its target (shared/prioritise/metrics): text colour and a soft fill,
 * the light values of the board's `--plan-met`/`--plan-near`/`--plan-far` (renderer/plan/plan.css;
 * keep them in step). Always printed with the status's symbol and words, never as colour alone.
 */
export const METRIC_STATUS_COLOR: Record<'met' | 'near' | 'far', { ink: string; fill: string }> = {
  met: { ink: '#1f6b3a', fill: '#e4f6ea' },
  near: { ink: '#7a4b00', fill: '#fff3da' },
  far: { ink: '#a32b20', fill: '#fdeceb' },
};

/** `#rrggbb` as `rrggbb` (pptxgenjs and exceljs want colours without the hash). */
export function hex6(color: string): string {
  return color.replace(/^#/, '').toUpperCase();
}

/** `#rrggbb` as 0..1 channels (pdf-lib's `rgb`). */
export function rgb01(color: string): { r: number; g: number; b: number } {
  const v = Number.parseInt(color.replace(/^#/, ''), 16);
  return { r: ((v >> 16) & 255) / 255, g: ((v >> 8) & 255) / 255, b: (v & 255) / 255 };
}
