import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../electron/app/menu';
import { MENU_ACTIONS, type MenuAction } from '../../../shared/menuActions';

// Derived, not imported: only electron/app/ may import 'electron', even for types.
type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number];

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(platform: NodeJS.Platform, isDev = false) {
  const sent: MenuAction[] = [];
  const about = vi.fn();
  const open = vi.fn();
  const template = menuTemplate({ platform, isDev, send: (a) => sent.push(a), open, about });
  return { template, items: flatten(template), sent, open, about };
}

const byAccelerator = (items: MenuItemConstructorOptions[], accelerator: string) => items.filter((i) => i.accelerator === accelerator);

describe('menuTemplate', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`on ${platform}, every menu action id is reachable and sends exactly its id`, () => {
      const { items, sent } = build(platform);
      const actionItems = items.filter((i) => typeof i.id === 'string' && (MENU_ACTIONS as readonly string[]).includes(i.id));
      expect(new Set(actionItems.map((i) => i.id))).toEqual(new Set(MENU_ACTIONS));
      for (const item of actionItems) item.click?.(undefined as never, undefined, undefined as never);
      expect(sent).toEqual(actionItems.map((i) => i.id));
    });

    it(`on ${platform}, cut/copy/paste are roles so the board gets DOM clipboard events`, () => {
      const roles = build(platform).items.map((i) => i.role);
      expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'togglefullscreen']));
      expect(roles).not.toContain('undo');
      expect(roles).not.toContain('selectAll');
    });

    it(`on ${platform}, the usual accelerators are bound and none twice`, () => {
      const { items } = build(platform);
      const registered = items.filter((i) => i.accelerator && i.registerAccelerator !== false).map((i) => i.accelerator);
      expect(new Set(registered).size).toBe(registered.length);
      expect(byAccelerator(items, 'CmdOrCtrl+Z')[0]?.id).toBe('edit.undo');
      expect(byAccelerator(items, 'Shift+CmdOrCtrl+Z')[0]?.id).toBe('edit.redo');
      expect(byAccelerator(items, 'CmdOrCtrl+=')[0]?.id).toBe('view.zoomIn');
      expect(byAccelerator(items, 'CmdOrCtrl+-')[0]?.id).toBe('view.zoomOut');
      expect(byAccelerator(items, 'CmdOrCtrl+0')[0]?.id).toBe('view.zoom100');
      expect(byAccelerator(items, 'CmdOrCtrl+O')[0]?.id).toBe('file.open');
      expect(byAccelerator(items, 'CmdOrCtrl+Shift+S')[0]?.id).toBe('map.saveAs');
      expect(byAccelerator(items, 'CmdOrCtrl+E')[0]?.id).toBe('map.export');
    });

    it(`on ${platform}, File offers Open…, Open Recent, Save as .journey… and Export…; Open… stays in the main process`, () => {
      const { template, sent, open } = build(platform);
      const file = template.find((m) => m.label === 'File' || m.label === '&File');
      const labels = (file?.submenu as MenuItemConstructorOptions[]).map((i) => i.label).filter(Boolean);
      expect(labels.slice(0, 5)).toEqual(['New map', 'Open…', 'Open Recent', 'Save as .journey…', 'Export…']);
      const openItem = (file?.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Open…');
      openItem?.click?.(undefined as never, undefined, undefined as never);
      expect(open).toHaveBeenCalledOnce();
      expect(sent).toEqual([]);
    });

    it(`on ${platform}, Shift+1 is shown but left to the renderer`, () => {
      const fit = build(platform).items.find((i) => i.id === 'view.zoomFit');
      expect(fit?.accelerator).toBe('Shift+1');
      expect(fit?.registerAccelerator).toBe(false);
    });

    it(`on ${platform}, Help has About Journeyboard`, () => {
      const { template, about } = build(platform);
      const help = template.find((m) => m.role === 'help');
      const item = (help?.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'About Journeyboard');
      item?.click?.(undefined as never, undefined, undefined as never);
      expect(about).toHaveBeenCalledOnce();
    });
  }

  it('adds Ctrl+Y for redo on Windows and Linux only', () => {
    expect(byAccelerator(build('win32').items, 'CmdOrCtrl+Y')[0]?.click).toBeTypeOf('function');
    expect(byAccelerator(build('linux').items, 'CmdOrCtrl+Y')).toHaveLength(1);
    expect(byAccelerator(build('darwin').items, 'CmdOrCtrl+Y')).toHaveLength(0);
  });

  it('puts Quit in the app menu on macOS and in File elsewhere', () => {
    expect(build('darwin').template[0]?.label).toBe('Journeyboard');
    const file = build('linux').template[0];
    expect(file?.label).toBe('&File');
    expect(build('darwin').template[1]?.label).toBe('File');
    expect((file?.submenu as MenuItemConstructorOptions[]).some((i) => i.role === 'quit')).toBe(true);
  });

  it('offers developer tools only when unpackaged', () => {
    expect(build('linux', true).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(build('linux', false).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});
