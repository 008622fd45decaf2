import { createStore } from 'zustand/vanilla';
import type { Camera, NoteColor } from '../../shared/domain';
import type { BoardPersona } from '../../shared/board/history';
import type { SaveStatus } from '../../shared/board/saveQueue';

export type Tool = 'select' | 'hand';

/**
 * Session and ephemeral state that React panels show (toolbar, zoom, status, editor). The
 * document itself lives in the BoardController, not here, so a change to one note does not
 * re-render anything but the canvas.
 */
export interface BoardUiState {
  tool: Tool;
  color: NoteColor;
  camera: Camera;
  selectionCount: number;
  /** The note whose text is being edited in the textarea overlay. */
  editing: { id: string; isNew: boolean } | null;
  saveStatus: SaveStatus;
  saveError: string | null;
  /** What the store refused for good, in one sentence (until the next edit is being saved). */
  saveNotice: string | null;
  /** Space held, or middle button down: the board pans. */
  panning: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Notes on the board (the empty-board hint shows at zero). */
  noteCount: number;
  /** Bumped whenever the document changes (the channel picker re-reads the selection). */
  docVersion: number;
  /** Bumped whenever the journey frame is laid out again (overlays re-read its geometry). */
  frameVersion: number;
  /** The map's personas (the persona picker), in panel order. */
  personas: readonly BoardPersona[];
  /** The persona whose lens is on (its notes drawn normally, the others dimmed), or null. */
  lens: string | null;
  /** The stage or lane header whose menu is open. */
  headerMenu: { type: 'stage' | 'lane'; id: string } | null;
  /** The header field being typed into in place. */
  headerEdit: { type: 'stage' | 'lane'; id: string; field: 'name' | 'description' | 'goal' } | null;
  /** True while the "Move to cell" picker is open. */
  cellPicker: boolean;
  /** The metrics row's height under the frame in board units, as last measured (fit-all keeps it in view); null until then. */
  metricsRowHeight: number | null;
}

export function createUiStore(camera: Camera, noteCount = 0) {
  return createStore<BoardUiState>()(() => ({
    tool: 'select',
    color: 'yellow',
    camera,
    selectionCount: 0,
    editing: null,
    saveStatus: 'saved',
    saveError: null,
    saveNotice: null,
    panning: false,
    canUndo: false,
    canRedo: false,
    noteCount,
    docVersion: 0,
    frameVersion: 0,
    headerMenu: null,
    headerEdit: null,
    cellPicker: false,
    metricsRowHeight: null,
    personas: [],
    lens: null,
  }));
}

export type UiStore = ReturnType<typeof createUiStore>;
