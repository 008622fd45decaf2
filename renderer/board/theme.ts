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

/** The board's own colours in a theme (the canvas, grid and minimap); sticky notes keep their colours in both. */
export interface BoardPalette {
  dark: boolean;
  background: string;
  gridDot: string;
  minimapBg: string;
  minimapBorder: string;
  minimapFrame: string;
  minimapHeader: string;
  minimapEdge: string;
}

export const BOARD_LIGHT: BoardPalette = {
  dark: false,
  background: BOARD_BG,
  gridDot: GRID_DOT,
  minimapBg: '#ffffff',
  minimapBorder: '#e4e7ec',
  minimapFrame: '#ffffff',
  minimapHeader: '#ebf1ff',
  minimapEdge: '#cfd4dc',
};

export const BOARD_DARK: BoardPalette = {
  dark: true,
  background: '#15171b',
  gridDot: '#3a3f48',
  minimapBg: '#1e2127',
  minimapBorder: '#30343c',
  minimapFrame: '#262a31',
  minimapHeader: '#1f2a44',
  minimapEdge: '#4a505b',
};

let palette = BOARD_LIGHT;

/** The palette the board draws with now (exports never read it: they are always light). */
export function boardPalette(): BoardPalette {
  return palette;
}

/** Switches the board's palette; the board redraws (BoardController.themeChanged). */
export function setBoardDark(dark: boolean): void {
  palette = dark ? BOARD_DARK : BOARD_LIGHT;
}

/** The minimap's size on screen; it sits 14 px from the bottom-right corner. */
export const MINIMAP_SIZE = { width: 200, height: 136 };
/** The screen corner the minimap takes, with a gap: fit-all keeps notes out of it. */
export const MINIMAP_CORNER = { width: MINIMAP_SIZE.width + 14 + 16, height: MINIMAP_SIZE.height + 14 + 16 };
