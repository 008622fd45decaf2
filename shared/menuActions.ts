/**
 * Actions the native menu (Electron) can ask the renderer to perform. The renderer registers a
 * handler per id in its actions registry; toolbar buttons and shortcuts run the same actions.
 */
export const MENU_ACTIONS = [
  'map.new',
  'map.open',
  'map.close',
  'edit.undo',
  'edit.redo',
  'edit.selectAll',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomFit',
  'view.zoomSelection',
  'view.zoom100',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (MENU_ACTIONS as readonly string[]).includes(value);
}
