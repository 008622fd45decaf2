import type { Action } from '../actions/registry';
import { NOTE_COLORS } from '../../shared/domain';
import type { BoardController } from './BoardController';

const mod = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? 'Cmd' : 'Ctrl';

/**
 * The board's actions, run by id from the Electron menu (ids in shared/menuActions.ts), the
 * toolbar and the keyboard alike.
 */
export function boardActions(c: BoardController): Action[] {
  const actions: Action[] = [
    // From the native menu these also arrive while a text field has focus: then they edit the text.
    { id: 'edit.undo', label: 'Undo', shortcut: `${mod}+Z`, perform: () => (inText() ? void document.execCommand('undo') : c.undo()) },
    { id: 'edit.redo', label: 'Redo', shortcut: `${mod}+Shift+Z`, perform: () => (inText() ? void document.execCommand('redo') : c.redo()) },
    { id: 'edit.selectAll', label: 'Select all', shortcut: `${mod}+A`, perform: () => (inText() ? void document.execCommand('selectAll') : c.selectAll()) },
    { id: 'view.zoomIn', label: 'Zoom in', shortcut: `${mod}+=`, perform: () => c.zoomStep(1) },
    { id: 'view.zoomOut', label: 'Zoom out', shortcut: `${mod}+-`, perform: () => c.zoomStep(-1) },
    { id: 'view.zoomFit', label: 'Zoom to fit all', shortcut: 'Shift+1', perform: () => c.fitAll() },
    { id: 'view.zoomSelection', label: 'Zoom to selection', shortcut: 'Shift+2', enabled: () => c.selection.size > 0, perform: () => c.fitSelection() },
    { id: 'view.zoom100', label: 'Zoom to 100%', shortcut: 'Shift+0', perform: () => c.zoomTo100() },
    { id: 'board.tool.select', label: 'Select', shortcut: 'V', perform: () => c.setTool('select') },
    { id: 'board.tool.hand', label: 'Hand (pan)', shortcut: 'H', perform: () => c.setTool('hand') },
    { id: 'board.note.new', label: 'New note', shortcut: 'N', perform: () => c.createNote(c.pointerOrCenter()) },
    { id: 'board.note.newCentered', label: 'New note', perform: () => c.createNote(c.viewCenter()) },
    { id: 'board.note.edit', label: 'Edit note', shortcut: 'Enter', enabled: () => c.selection.size === 1, perform: () => c.startEditing([...c.selection][0]!) },
    { id: 'board.delete', label: 'Delete', shortcut: 'Delete', enabled: () => c.selection.size > 0, perform: () => c.deleteSelection() },
    { id: 'board.duplicate', label: 'Duplicate', shortcut: `${mod}+D`, enabled: () => c.selection.size > 0, perform: () => c.duplicateSelection() },
    { id: 'board.deselect', label: 'Deselect', shortcut: 'Escape', perform: () => c.setSelection([]) },
  ];
  for (const color of NOTE_COLORS) {
    actions.push({ id: `board.color.${color}`, label: `Colour: ${color}`, perform: () => c.setColor(color) });
  }
  return actions;
}

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The action id a key press runs on the board, or null. Pure, so it is unit-testable. */
export function actionForKey(e: KeyLike): string | null {
  const cmd = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.altKey) return null;
  if (cmd) {
    if (key === 'z') return e.shiftKey ? 'edit.redo' : 'edit.undo';
    if (key === 'y') return 'edit.redo';
    if (key === 'a') return 'edit.selectAll';
    if (key === 'd') return 'board.duplicate';
    if (key === '=' || key === '+') return 'view.zoomIn';
    if (key === '-') return 'view.zoomOut';
    if (e.code === 'Digit0' && !e.shiftKey) return 'view.zoom100';
    return null;
  }
  if (e.shiftKey) {
    if (e.code === 'Digit1') return 'view.zoomFit';
    if (e.code === 'Digit2') return 'view.zoomSelection';
    if (e.code === 'Digit0') return 'view.zoom100';
  }
  if (e.shiftKey && key !== 'Delete' && key !== 'Backspace') return null;
  switch (key) {
    case 'v':
      return 'board.tool.select';
    case 'h':
      return 'board.tool.hand';
    case 'n':
      return 'board.note.new';
    case 'Enter':
      return 'board.note.edit';
    case 'Delete':
    case 'Backspace':
      return 'board.delete';
    case 'Escape':
      return 'board.deselect';
    default:
      return null;
  }
}

/** Arrow keys move the selection by 1 board unit, 10 with shift. */
export function nudgeForKey(e: KeyLike): { dx: number; dy: number } | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const d = e.shiftKey ? 10 : 1;
  switch (e.key) {
    case 'ArrowLeft':
      return { dx: -d, dy: 0 };
    case 'ArrowRight':
      return { dx: d, dy: 0 };
    case 'ArrowUp':
      return { dx: 0, dy: -d };
    case 'ArrowDown':
      return { dx: 0, dy: d };
    default:
      return null;
  }
}

function inText(): boolean {
  return typeof document !== 'undefined' && isTextTarget(document.activeElement);
}

/** True when keys belong to a text field, not the board. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT';
}
