// The recent-files list and the window's remembered place, as plain Node (no Electron).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recentLabel } from '../../../electron/app/menu';
import { createRecentFiles, RECENT_MAX, readRecentFiles } from '../../../electron/app/recentFiles';
import { initialBounds, readWindowState, writeWindowState, type DisplayInfo } from '../../../electron/app/windowState';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-desktop-state-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('recent files', () => {
  it('keeps the newest first, once each, at most ten, only absolute .journey paths, and drops files that are gone', () => {
    const files = Array.from({ length: 12 }, (_, i) => path.join(dir, `map ${i}.journey`));
    for (const f of files) fs.writeFileSync(f, '');
    const changed = vi.fn();
    const recent = createRecentFiles(dir, changed);
    for (const f of files) recent.add(f);
    expect(recent.add('relative.journey')).toBe(false);
    expect(recent.add(path.join(dir, 'export.json'))).toBe(false);
    recent.add(files[5]!);
    expect(recent.list()).toHaveLength(RECENT_MAX);
    expect(recent.list()[0]).toBe(files[5]);
    expect(recent.list()[1]).toBe(files[11]);
    expect(changed).toHaveBeenCalledTimes(13);

    fs.rmSync(files[11]!);
    expect(readRecentFiles(dir)).not.toContain(files[11]);
    recent.prune();
    expect(recent.list()).not.toContain(files[11]);
    recent.clear();
    expect(readRecentFiles(dir)).toEqual([]);
  });

  it('a damaged or foreign list is read as empty and replaced, never refused', () => {
    fs.writeFileSync(path.join(dir, 'recent-files.json'), '{not json');
    expect(readRecentFiles(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'recent-files.json'), JSON.stringify({ files: ['/a\0b.journey', 7, null] }));
    expect(readRecentFiles(dir, () => true)).toEqual([]);
  });

  it('menu labels name the file, then its folder; & is shown, not a mnemonic', () => {
    expect(recentLabel('/home/ana/Q&A.journey')).toBe('Q&&A.journey — /home/ana');
    expect(recentLabel('/home/ana/Q&A.journey', true)).toBe('Q&A.journey — /home/ana');
    expect(recentLabel('C:\\Users\\ana\\plan.journey')).toBe('plan.journey — C:\\Users\\ana');
  });
});

describe('window place', () => {
  const primary: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 0, width: 1440, height: 870 } };
  const side: DisplayInfo = { id: 9, bounds: { x: -1280, y: 0, width: 1280, height: 1024 }, workArea: { x: -1280, y: 0, width: 1280, height: 1024 } };

  it('round-trips through the file; a malformed file is ignored', () => {
    writeWindowState(dir, { bounds: { x: -1200, y: 40, width: 1000, height: 700 }, displayId: 9, maximized: false });
    expect(readWindowState(dir)).toEqual({ bounds: { x: -1200, y: 40, width: 1000, height: 700 }, displayId: 9, maximized: false });
    fs.writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify({ bounds: { x: 'a' }, displayId: 1 }));
    expect(readWindowState(dir)).toBeNull();
  });

  it('restores on a display still attached, kept inside its work area; else centred on the primary', () => {
    const saved = { bounds: { x: -1200, y: 40, width: 1000, height: 700 }, displayId: 9, maximized: true };
    expect(initialBounds(saved, [primary, side], primary)).toEqual({ bounds: saved.bounds, maximized: true });
    expect(initialBounds(saved, [primary], primary)).toEqual({ bounds: { x: 80, y: 25, width: 1280, height: 820 }, maximized: false });
    expect(initialBounds(null, [primary], primary).bounds).toEqual({ x: 80, y: 25, width: 1280, height: 820 });
    // The display shrank: the window is pulled back inside it and no larger than it.
    const big = { bounds: { x: 900, y: 600, width: 3000, height: 2000 }, displayId: 1, maximized: false };
    expect(initialBounds(big, [primary], primary).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
  });
});
