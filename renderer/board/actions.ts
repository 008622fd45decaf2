/**
 * The board's actions: one declaration per action with its id (menu ids from
 * shared/menuActions.ts plus `board.*`), label and keyboard shortcuts. The keymap (`actionForKey`)
 * and the tooltips (`tooltip`) are derived from these declarations, so a shortcut is written once.
 * `Mod` is Cmd on a Mac and Ctrl elsewhere, in matching and in what the tooltips say.
 */
import type { Action } from '../actions/registry';
import { NOTE_COLORS } from '../../shared/domain';
import type { BoardController } from './BoardController';
import { isTextTarget } from '../ui/keys';

/** An action as declared: what it is called and the keys that run it (first one shown in tooltips). */
export interface ActionSpec {
  id: string;
  label: string;
  /** e.g. 'Mod+Z', 'Mod+Shift+Z', 'Shift+1', 'Delete'. A digit matches the key's position (Digit1), so Shift+1 works on any layout. */
  keys?: readonly string[];
  /**
   * The browser runs these keys itself (copy, cut, paste raise clipboard events the board handles):
   * shown in tooltips, not dispatched by the keymap.
   */
  nativeKeys?: boolean;
}

/** Every board action, in menu order. */
export const BOARD_ACTIONS: readonly ActionSpec[] = [
  { id: 'edit.undo', label: 'Undo', keys: ['Mod+Z'] },
  { id: 'edit.redo', label: 'Redo', keys: ['Mod+Shift+Z', 'Mod+Y'] },
  { id: 'edit.selectAll', label: 'Select all', keys: ['Mod+A'] },
  { id: 'edit.copy', label: 'Copy', keys: ['Mod+C'], nativeKeys: true },
  { id: 'edit.cut', label: 'Cut', keys: ['Mod+X'], nativeKeys: true },
  { id: 'edit.paste', label: 'Paste', keys: ['Mod+V'], nativeKeys: true },
  { id: 'view.zoomIn', label: 'Zoom in', keys: ['Mod+=', 'Mod++'] },
  { id: 'view.zoomOut', label: 'Zoom out', keys: ['Mod+-'] },
  { id: 'view.zoomFit', label: 'Zoom to fit all', keys: ['Shift+1'] },
  { id: 'view.zoomSelection', label: 'Zoom to selection', keys: ['Shift+2'] },
  { id: 'view.zoom100', label: 'Zoom to 100%', keys: ['Shift+0', 'Mod+0'] },
  { id: 'board.tool.select', label: 'Select', keys: ['V'] },
  { id: 'board.tool.hand', label: 'Hand: pan the board', keys: ['H'] },
  { id: 'board.note.new', label: 'New note', keys: ['N'] },
  { id: 'board.note.newCentered', label: 'New note' },
  { id: 'board.note.edit', label: 'Edit note', keys: ['Enter'] },
  { id: 'board.delete', label: 'Delete', keys: ['Delete', 'Backspace', 'Shift+Delete', 'Shift+Backspace'] },
  { id: 'board.duplicate', label: 'Duplicate', keys: ['Mod+D'] },
  { id: 'board.deselect', label: 'Deselect', keys: ['Escape'] },
  { id: 'board.note.moveToCell', label: 'Move to cell…', keys: ['M'] },
  { id: 'board.stage.add', label: 'Add a stage at the end of the journey' },
  { id: 'board.lane.add', label: 'Add a lane under the last one' },
  // On the stage or lane whose header menu is open:
  { id: 'board.header.rename', label: 'Rename' },
  { id: 'board.header.describe', label: 'Edit description' },
  { id: 'board.header.addAfter', label: 'Add stage after / lane below' },
  { id: 'board.header.collapse', label: 'Collapse or expand lane' },
  { id: 'board.header.resetEmotion', label: 'Reset emotion to the notes’ average' },
  { id: 'board.header.delete', label: 'Delete' },
  ...NOTE_COLORS.map((color) => ({ id: `board.color.${color}`, label: `Colour: ${color}` })),
];

const SPECS = new Map(BOARD_ACTIONS.map((a) => [a.id, a]));

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A key as people read it: `Mod` becomes Cmd on a Mac, Ctrl elsewhere. */
export function keyLabel(key: string, mac = isMac): string {
  return key.replace(/^Mod\+/, mac ? 'Cmd+' : 'Ctrl+');
}

/** The first shortcut of an action, as shown ("Ctrl+Z"), or undefined. */
export function shortcutOf(id: string, mac = isMac): string | undefined {
  const key = SPECS.get(id)?.keys?.[0];
  return key ? keyLabel(key, mac) : undefined;
}

/** A button's tooltip: the action's label (or `label`) and its shortcut, e.g. "Undo (Ctrl+Z)". */
export function tooltip(id: string, label = SPECS.get(id)?.label ?? id, extra?: string): string {
  const key = shortcutOf(id);
  const hints = [key, extra].filter(Boolean).join(', or ');
  return hints ? `${label} (${hints})` : label;
}

/** The board's actions, with what each does on this controller. */
export function boardActions(c: BoardController): Action[] {
  const header = () => c.ui.getState().headerMenu;
  const stageOf = (id: string) => c.stages.find((s) => s.id === id);
  const laneOf = (id: string) => c.lanes.find((l) => l.id === id);
  const run: Record<string, Pick<Action, 'perform' | 'enabled'>> = {
    // From the native menu these also arrive while a text field has focus: then they edit the text.
    'edit.undo': { perform: () => (inText() ? void document.execCommand('undo') : c.undo()) },
    'edit.redo': { perform: () => (inText() ? void document.execCommand('redo') : c.redo()) },
    'edit.selectAll': { perform: () => (inText() ? void document.execCommand('selectAll') : c.selectAll()) },
    // The clipboard events these raise reach Board.tsx, which hands them to the controller.
    'edit.copy': { enabled: () => c.selection.size > 0, perform: () => void document.execCommand('copy') },
    'edit.cut': { enabled: () => c.selection.size > 0, perform: () => void document.execCommand('cut') },
    'edit.paste': { perform: () => void document.execCommand('paste') },
    'view.zoomIn': { perform: () => c.zoomStep(1) },
    'view.zoomOut': { perform: () => c.zoomStep(-1) },
    'view.zoomFit': { perform: () => c.fitAll() },
    'view.zoomSelection': { enabled: () => c.selection.size > 0, perform: () => c.fitSelection() },
    'view.zoom100': { perform: () => c.zoomTo100() },
    'board.tool.select': { perform: () => c.setTool('select') },
    'board.tool.hand': { perform: () => c.setTool('hand') },
    'board.note.new': { perform: () => void c.createNote(c.pointerOrCenter()) },
    'board.note.newCentered': { perform: () => void c.createNote(c.viewCenter()) },
    'board.note.edit': { enabled: () => c.selection.size === 1, perform: () => c.startEditing([...c.selection][0]!) },
    'board.delete': { enabled: () => c.selection.size > 0, perform: () => c.deleteSelection() },
    'board.duplicate': { enabled: () => c.selection.size > 0, perform: () => c.duplicateSelection() },
    'board.deselect': { perform: () => c.setSelection([]) },
    'board.note.moveToCell': { enabled: () => c.selection.size > 0 && c.frame !== null, perform: () => c.ui.setState({ cellPicker: true }) },
    'board.stage.add': { perform: () => void c.addStage() },
    'board.lane.add': { perform: () => void c.addLane() },
    'board.header.rename': { enabled: () => header() !== null, perform: () => c.editHeader(header()!, 'name') },
    'board.header.describe': { enabled: () => header()?.type === 'stage', perform: () => c.editHeader(header()!, 'description') },
    'board.header.addAfter': {
      enabled: () => header() !== null,
      perform: () => {
        const h = header()!;
        c.openHeaderMenu(null);
        if (h.type === 'stage') void c.addStage(c.stages.findIndex((s) => s.id === h.id) + 1);
        else void c.addLane(c.lanes.findIndex((l) => l.id === h.id) + 1);
      },
    },
    'board.header.collapse': {
      enabled: () => header()?.type === 'lane',
      perform: () => {
        const h = header()!;
        c.openHeaderMenu(null);
        void c.toggleLaneCollapsed(h.id);
      },
    },
    'board.header.resetEmotion': {
      enabled: () => {
        const h = header();
        return h?.type === 'stage' && (stageOf(h.id)?.emotion ?? null) !== null;
      },
      perform: () => {
        const h = header()!;
        c.openHeaderMenu(null);
        void c.setStageEmotion(h.id, null);
      },
    },
    'board.header.delete': {
      enabled: () => {
        const h = header();
        return h !== null && (h.type === 'stage' ? !!stageOf(h.id) : !!laneOf(h.id));
      },
      perform: () => void c.deleteHeader(header()!),
    },
  };
  for (const color of NOTE_COLORS) run[`board.color.${color}`] = { perform: () => c.setColor(color) };
  return BOARD_ACTIONS.map((spec) => ({ id: spec.id, label: spec.label, shortcut: shortcutOf(spec.id), ...run[spec.id]! }));
}

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Binding {
  id: string;
  mod: boolean;
  shift: boolean;
  key: string;
}

const BINDINGS: Binding[] = BOARD_ACTIONS.filter((a) => !a.nativeKeys).flatMap((a) =>
  (a.keys ?? []).map((k) => {
    const parts = k.endsWith('++') ? [...k.slice(0, -2).split('+'), '+'] : k.split('+');
    const key = parts.pop()!;
    return { id: a.id, mod: parts.includes('Mod'), shift: parts.includes('Shift'), key };
  }),
);

function matches(b: Binding, e: KeyLike, cmd: boolean): boolean {
  if (b.mod !== cmd) return false;
  if (/^[0-9]$/.test(b.key)) return e.shiftKey === b.shift && e.code === `Digit${b.key}`;
  if (/^[A-Z]$/.test(b.key)) return e.shiftKey === b.shift && e.key.toLowerCase() === b.key.toLowerCase();
  // A symbol ('=', '+', '-') says by itself whether Shift was needed to type it.
  if (b.key.length === 1) return e.key === b.key;
  return e.shiftKey === b.shift && e.key === b.key;
}

/** The action id a key press runs on the board, or null. Pure, so it is unit-testable. */
export function actionForKey(e: KeyLike): string | null {
  if (e.altKey) return null;
  const cmd = e.ctrlKey || e.metaKey;
  return BINDINGS.find((b) => matches(b, e, cmd))?.id ?? null;
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

/** True when keys belong to a text field, not the board (one rule for the board and the panels: ui/keys.ts). */
export { isTextTarget };
