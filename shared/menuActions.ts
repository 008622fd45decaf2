/**
 * Actions the native menu (Electron) can ask the renderer to perform. The renderer registers a
 * handler per id in its actions registry; toolbar buttons and shortcuts run the same actions. An id
 * nothing has registered (e.g. Export on the home screen) does nothing. File > Open… is not here:
 * the main process shows the Open dialog and imports the file itself.
 */
export const MENU_ACTIONS = [
  'map.new',
  'map.saveAs',
  'map.export',
  'map.close',
  'edit.undo',
  'edit.redo',
  'edit.selectAll',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomFit',
  'view.zoomSelection',
  'view.zoom100',
  'view.theme.system',
  'view.theme.light',
  'view.theme.dark',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (MENU_ACTIONS as readonly string[]).includes(value);
}
