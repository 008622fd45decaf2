// Where the room view's window opens (issue 13): full screen on a display other than the
// facilitator's when there is one (the projector), else a window beside the facilitator's on the
// same display, not full screen, so the facilitator keeps their controls. Pure: unit-tested.
import type { DisplayInfo, Rect } from './windowState';

export const ROOM_DEFAULT_SIZE = { width: 1280, height: 720 };

export interface RoomPlacement {
  bounds: Rect;
  /** True on a display of its own (the projector). */
  fullscreen: boolean;
  displayId: number;
}

function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
}

/**
 * `facilitator`: the facilitator's window's bounds (null when it has none). The room goes to the
 * first display that does not hold the centre of that window; failing that, centred on the
 * facilitator's display (or the primary one), windowed.
 */
export function roomPlacement(displays: readonly DisplayInfo[], primary: DisplayInfo, facilitator: Rect | null): RoomPlacement {
  const cx = facilitator ? facilitator.x + facilitator.width / 2 : primary.bounds.x + 1;
  const cy = facilitator ? facilitator.y + facilitator.height / 2 : primary.bounds.y + 1;
  const own = displays.find((d) => contains(d.bounds, cx, cy)) ?? primary;
  const other = displays.find((d) => d.id !== own.id);
  if (other) return { bounds: { ...other.bounds }, fullscreen: true, displayId: other.id };
  const area = own.workArea;
  const width = Math.min(ROOM_DEFAULT_SIZE.width, area.width);
  const height = Math.min(ROOM_DEFAULT_SIZE.height, area.height);
  return {
    bounds: { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height },
    fullscreen: false,
    displayId: own.id,
  };
}

/** The renderer route of a map's room view (renderer/state/route.ts parses it). */
export function roomHash(mapId: string): string {
  return `#/room/${encodeURIComponent(mapId)}`;
}
