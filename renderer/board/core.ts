/**
 * What the board's parts share. `BoardController` builds one `BoardCore` and hands it to each
 * part; the parts reach each other through it. Outside code never sees it: it talks to the
 * controller's public methods.
 *
 * - model: the document (notes, spatial index, stages, lanes, personas) and its history and queue
 * - frame: the journey frame laid out from the document (cells, emotion curve)
 * - camera: camera, viewport, zoom and fit, camera saving
 * - render: the Konva layers and everything drawn on them
 * - tools: pointer input, one state per gesture (select, hand, header drag, emotion drag, resize)
 * - editing: the selection, the note being typed into, new notes
 * - commands: note commands (colour, delete, nudge, duplicate, clipboard, channel and persona tags)
 * - structure: stage and lane commands and the header menu
 */
import type Konva from 'konva';
import type { JourneyboardApi } from '../../shared/api';
import { COORD_LIMIT, NOTE_MAX_SIZE, NOTE_MIN_SIZE } from '../../shared/domain';
import type { BoardModel } from './model';
import type { JourneyFrame } from './frame';
import type { BoardCamera } from './camera';
import type { BoardRenderer } from './rendering';
import type { BoardTools } from './tools/tools';
import type { BoardEditing } from './editing';
import type { NoteCommands } from './commands';
import type { StructureCommands } from './structure';
import type { UiStore } from './uiStore';

/** The Konva nodes the controller draws into (made by Board.tsx). */
export interface KonvaParts {
  stage: Konva.Stage;
  staticLayer: Konva.Layer;
  staticShape: Konva.Shape;
  frameLayer: Konva.Layer;
  frameShape: Konva.Shape;
  liveLayer: Konva.Layer;
  liftShape: Konva.Shape;
  selectionShape: Konva.Shape;
  proxy: Konva.Rect;
  transformer: Konva.Transformer;
  marquee: Konva.Rect;
}

/** A stage or lane header, as the menu and the in-place editor name it. */
export interface HeaderRef {
  type: 'stage' | 'lane';
  id: string;
}

export interface BoardCore {
  readonly mapId: string;
  readonly api: JourneyboardApi;
  readonly ui: UiStore;
  model: BoardModel;
  frame: JourneyFrame;
  camera: BoardCamera;
  render: BoardRenderer;
  tools: BoardTools;
  editing: BoardEditing;
  commands: NoteCommands;
  structure: StructureCommands;
  /** The Konva nodes and the board element, while mounted. */
  konva: KonvaParts | null;
  host: HTMLElement | null;
  /** The dotted grid behind the canvases (moved by the camera). */
  grid: HTMLElement | null;
  /** Called after every document change (notes, structure, personas). */
  readonly docListeners: Set<() => void>;
}

export const clampCoord = (n: number) => Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, Math.round(n)));
export const clampSize = (n: number) => Math.max(NOTE_MIN_SIZE, Math.min(NOTE_MAX_SIZE, Math.round(n)));

export function newId(): string {
  return crypto.randomUUID();
}

/** Tells React panels and listeners that the document changed. */
export function docChanged(core: BoardCore): void {
  const { model, editing } = core;
  core.ui.setState((s) => ({
    docVersion: s.docVersion + 1,
    canUndo: model.history.canUndo,
    canRedo: model.history.canRedo,
    selectionCount: editing.selection.size,
    noteCount: model.notes.size,
  }));
  for (const fn of core.docListeners) fn();
}
