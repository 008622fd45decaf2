import { DEFAULT_TEXT_FIT } from '../../shared/board/textFit';

/** Sticky-note fills and edges: one palette for the board and every export. */
export { NOTE_FILL as NOTE_RGB, NOTE_EDGE } from '../../shared/export/palette';

export const SELECTION = '#2f6bff';
export const TEXT_COLOR = '#22262b';
export const BOARD_BG = '#f6f7f9';
export const GRID_DOT = '#cfd4dc';
/** One font stack for canvas and the editing textarea, so both wrap alike. */
export const NOTE_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';
export const TEXT_FIT = DEFAULT_TEXT_FIT;
/** Below this many screen pixels, note text is not drawn (blocks only). */
export const MIN_READABLE_PX = 4;
