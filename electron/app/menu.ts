// The native menu as a template. Only a type import from 'electron' (erased at build time), so the
// template, its accelerators and its action ids are unit-tested under plain Node; main.ts turns it
// into a Menu.
//
// Cut/Copy/Paste are Electron roles: they fire DOM clipboard events the board listens to. File >
// Open… runs in the main process (the Open dialog and the import, nativeFiles.ts). Every other
// command is sent to the renderer as a MenuAction (shared/menuActions.ts) and runs through the
// renderer's actions registry, like its toolbar buttons and shortcuts.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../../shared/menuActions';

export interface MenuDeps {
  platform: NodeJS.Platform;
  /** Adds a Developer menu (reload, devtools) when running unpackaged. */
  isDev: boolean;
  /** Sends an action to the renderer (creating the window first if there is none). */
  send(action: MenuAction): void;
  /** File > Open…: the main process shows the Open dialog and imports the file itself. */
  open(): void;
  /** Shows the About box. */
  about(): void;
  /** File > Open Recent: .journey files, newest first. */
  recent?: readonly string[];
  /** Opens one of `recent` (main checks it still exists). */
  openRecent?(file: string): void;
  /** File > Open Recent > Clear recent. */
  clearRecent?(): void;
}

/** A recent file's menu label: its name, then its folder, so two "plan.journey" are told apart. */
export function recentLabel(file: string, mac = false): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const name = file.slice(cut + 1);
  const dir = cut > 0 ? file.slice(0, cut) : '';
  const label = dir ? `${name} — ${dir}` : name;
  // "&" starts a mnemonic on Windows and Linux; a literal one is written "&&".
  return mac ? label : label.replace(/&/g, '&&');
}

export function menuTemplate({ platform, isDev, send, open, about, recent = [], openRecent, clearRecent }: MenuDeps): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  // "&File": Alt+F opens it on Windows and Linux; macOS has no mnemonics.
  const top = (label: string) => (mac ? label : `&${label}`);
  const action = (label: string, id: MenuAction, accelerator?: string, extra: MenuItemConstructorOptions = {}): MenuItemConstructorOptions => ({
    label,
    id,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(id),
    ...extra,
  });

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Journeyboard',
          submenu: [
            { label: 'About Journeyboard', click: about },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit', label: 'Quit Journeyboard' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: top('File'),
    submenu: [
      action('New map', 'map.new', 'CmdOrCtrl+N'),
      { label: 'Open…', id: 'file.open', accelerator: 'CmdOrCtrl+O', click: () => open() },
      {
        label: 'Open Recent',
        id: 'file.openRecent',
        submenu: [
          ...(recent.length === 0
            ? [{ label: 'No recent maps', enabled: false }]
            : recent.map((file, i) => ({ label: recentLabel(file, mac), id: `file.openRecent.${i}`, click: () => openRecent?.(file) }))),
          { type: 'separator' as const },
          { label: 'Clear recent', id: 'file.clearRecent', enabled: recent.length > 0, click: () => clearRecent?.() },
        ],
      },
      { type: 'separator' },
      action('Save as .journey…', 'map.saveAs', 'CmdOrCtrl+Shift+S'),
      action('Export…', 'map.export', 'CmdOrCtrl+E'),
      { type: 'separator' },
      action('Close', 'map.close', 'CmdOrCtrl+W'),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: top('Edit'),
    submenu: [
      action('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      action('Redo', 'edit.redo', 'Shift+CmdOrCtrl+Z'),
      // Windows and Linux users also expect Ctrl+Y. A hidden item keeps the menu to one Redo.
      ...(mac ? [] : [action('Redo', 'edit.redo', 'CmdOrCtrl+Y', { id: 'edit.redo.alt', visible: false })]),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      action('Select all', 'edit.selectAll', 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: top('View'),
    submenu: [
      action('Zoom in', 'view.zoomIn', 'CmdOrCtrl+='),
      // CmdOrCtrl+Plus on keyboards where + needs no Shift (numpad, some layouts).
      action('Zoom in', 'view.zoomIn', 'CmdOrCtrl+Plus', { id: 'view.zoomIn.alt', visible: false }),
      action('Zoom out', 'view.zoomOut', 'CmdOrCtrl+-'),
      // Shift+1 / Shift+2 are handled by the renderer's own shortcuts: shown, not registered, so the
      // key still reaches text fields (a "!" in a note).
      action('Zoom to fit', 'view.zoomFit', 'Shift+1', { registerAccelerator: false }),
      action('Zoom to selection', 'view.zoomSelection', 'Shift+2', { registerAccelerator: false }),
      action('Actual size', 'view.zoom100', 'CmdOrCtrl+0'),
      { type: 'separator' },
      {
        label: 'Theme',
        id: 'view.theme',
        submenu: [action('System', 'view.theme.system'), action('Light', 'view.theme.light'), action('Dark', 'view.theme.dark')],
      },
      { type: 'separator' },
      { role: 'togglefullscreen', label: 'Toggle full screen' },
    ],
  };

  const developer: MenuItemConstructorOptions[] = isDev
    ? [{ label: top('Developer'), submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] }]
    : [];

  const help: MenuItemConstructorOptions = {
    label: top('Help'),
    role: 'help',
    submenu: [{ label: 'About Journeyboard', click: about }],
  };

  const windowMenu: MenuItemConstructorOptions[] = mac ? [{ role: 'windowMenu' }] : [];

  return [...appMenu, file, edit, view, ...developer, ...windowMenu, help];
}
