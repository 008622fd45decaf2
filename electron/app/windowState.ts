// The window's size, place, display and maximised state, remembered in the user-data folder.
// Pure geometry plus a JSON file: unit-tested without Electron (main.ts passes it the displays).
import path from 'node:path';
import { readJson, writeJsonAtomic } from './jsonFile';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 800, height: 500 };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** What Electron's screen module tells us of a display. */
export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}
export interface WindowState {
  bounds: Rect;
  displayId: number;
  maximized: boolean;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e6;

/** The saved state, or null when there is none or it is malformed. */
export function readWindowState(userData: string): WindowState | null {
  const raw = readJson(path.join(userData, WINDOW_STATE_FILE)) as Partial<WindowState> | null;
  if (!raw || typeof raw !== 'object') return null;
  const b = raw.bounds as Partial<Rect> | undefined;
  if (!b || !isInt(b.x) || !isInt(b.y) || !isInt(b.width) || !isInt(b.height) || !isInt(raw.displayId)) return null;
  return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, displayId: raw.displayId, maximized: raw.maximized === true };
}

export function writeWindowState(userData: string, state: WindowState): void {
  writeJsonAtomic(path.join(userData, WINDOW_STATE_FILE), state);
}

function centred(area: Rect, width: number, height: number): Rect {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return { x: Math.round(area.x + (area.width - w) / 2), y: Math.round(area.y + (area.height - h) / 2), width: w, height: h };
}

/**
 * Where the window opens: the saved place when its display is still attached (kept inside that
 * display's work area, in case its resolution changed), else the default size centred on the
 * primary display.
 */
export function initialBounds(saved: WindowState | null, displays: DisplayInfo[], primary: DisplayInfo): { bounds: Rect; maximized: boolean } {
  const display = saved ? displays.find((d) => d.id === saved.displayId) : undefined;
  if (!saved || !display) return { bounds: centred(primary.workArea, DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  const area = display.workArea;
  const width = Math.max(MIN_SIZE.width, Math.min(saved.bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.bounds.height, area.height));
  const x = Math.min(Math.max(saved.bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.bounds.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}
