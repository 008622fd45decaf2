import type { NoteColor } from '../../shared/domain';
import { DEFAULT_TEXT_FIT } from '../../shared/board/textFit';

/** Sticky-note fills, by the colour names in shared/domain.ts. */
export const NOTE_RGB: Record<NoteColor, string> = {
  yellow: '#fff3a3',
  orange: '#ffd29c',
  pink: '#ffc4d6',
  purple: '#dccbff',
  blue: '#bfdcff',
  teal: '#b4ece2',
  green: '#cdeeb0',
  gray: '#e3e5e8',
};

/** Slightly darker edge per colour, for the block level of detail and the minimap. */
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

export const SELECTION = '#2f6bff';
export const TEXT_COLOR = '#22262b';
export const BOARD_BG = '#f6f7f9';
export const GRID_DOT = '#cfd4dc';
/** One font stack for canvas and the editing textarea, so both wrap alike. */
export const NOTE_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';
export const TEXT_FIT = DEFAULT_TEXT_FIT;
/** Below this many screen pixels, note text is not drawn (blocks only). */
export const MIN_READABLE_PX = 4;
