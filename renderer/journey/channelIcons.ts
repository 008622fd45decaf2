/**
 * Small line icons for the channel tags a note can carry, on a 24-unit grid. The same path data is
 * stroked on a canvas (the board, `drawChannelIcon`) and in the DOM (`<ChannelIcon>` in
 * ChannelIcon.tsx), so a channel looks the same everywhere. Drawn, not emoji: the machines this
 * runs on offline often have no colour-emoji font.
 */
import { CHANNEL_LABELS, type Channel } from '../../shared/domain';

/** The grid the paths are drawn on. */
export const CHANNEL_ICON_GRID = 24;

/** SVG path data per channel, meant to be stroked (round caps and joins, width about 1.8). */
export const CHANNEL_ICON_PATHS: Record<Channel, string> = {
  // A globe: outline, two meridians, the equator and two parallels.
  web: 'M21 12 A9 9 0 1 1 3 12 A9 9 0 1 1 21 12 Z M12 3 C8.4 6.6 8.4 17.4 12 21 M12 3 C15.6 6.6 15.6 17.4 12 21 M3 12 H21 M4.6 7.5 H19.4 M4.6 16.5 H19.4',
  // A smartphone with a home bar.
  app: 'M9 2.5 H15 A2 2 0 0 1 17 4.5 V19.5 A2 2 0 0 1 15 21.5 H9 A2 2 0 0 1 7 19.5 V4.5 A2 2 0 0 1 9 2.5 Z M10.5 18.5 H13.5',
  // An envelope.
  email: 'M4.5 5 H19.5 A1.5 1.5 0 0 1 21 6.5 V17.5 A1.5 1.5 0 0 1 19.5 19 H4.5 A1.5 1.5 0 0 1 3 17.5 V6.5 A1.5 1.5 0 0 1 4.5 5 Z M3.5 6.5 L12 13 L20.5 6.5',
  // A telephone handset.
  phone:
    'M5.2 3.5 H8.6 L10.2 7.8 L8.1 9.4 C9.2 11.9 12.1 14.8 14.6 15.9 L16.2 13.8 L20.5 15.4 V18.8 C20.5 19.7 19.8 20.5 18.9 20.5 C10.9 20.2 3.8 13.1 3.5 5.1 C3.5 4.2 4.3 3.5 5.2 3.5 Z',
  // A shop front with a scalloped awning and a door.
  store:
    'M3 9 L4.6 4 H19.4 L21 9 M3 9 C3 10.7 4.3 12 6 12 C7.7 12 9 10.7 9 9 C9 10.7 10.3 12 12 12 C13.7 12 15 10.7 15 9 C15 10.7 16.3 12 18 12 C19.7 12 21 10.7 21 9 M5 12 V20 H19 V12 M10 20 V15 H14 V20',
  // A speech bubble with three dots.
  chat: 'M4.5 4.5 H19.5 A1.5 1.5 0 0 1 21 6 V15 A1.5 1.5 0 0 1 19.5 16.5 H10 L6 20 V16.5 H4.5 A1.5 1.5 0 0 1 3 15 V6 A1.5 1.5 0 0 1 4.5 4.5 Z M8 10.5 H8.01 M12 10.5 H12.01 M16 10.5 H16.01',
  // Three connected nodes (sharing).
  social:
    'M20.5 5.5 A2.5 2.5 0 1 1 15.5 5.5 A2.5 2.5 0 1 1 20.5 5.5 Z M8.5 12 A2.5 2.5 0 1 1 3.5 12 A2.5 2.5 0 1 1 8.5 12 Z M20.5 18.5 A2.5 2.5 0 1 1 15.5 18.5 A2.5 2.5 0 1 1 20.5 18.5 Z M8.2 10.8 L15.8 6.7 M8.2 13.2 L15.8 17.3',
  // A postcard: stamp in the corner, address lines.
  post: 'M3 5.5 H21 V18.5 H3 Z M15 8 H18.5 V11.5 H15 Z M5.5 10 H11 M5.5 13 H12.5 M5.5 16 H10',
  // Two people.
  in_person:
    'M12.5 8 A3.5 3.5 0 1 1 5.5 8 A3.5 3.5 0 1 1 12.5 8 Z M2.5 20 C2.5 16.4 5.4 14 9 14 C12.6 14 15.5 16.4 15.5 20 M15.5 4.7 A3.3 3.3 0 0 1 15.5 11.3 M17.8 14.4 C20 15.2 21.5 17.3 21.5 20',
};

/** The icon's accessible name. */
export function channelLabel(channel: Channel): string {
  return CHANNEL_LABELS[channel];
}

const pathCache = new Map<Channel, Path2D>();

/** The channel's path as a Path2D (cached), or null where Path2D does not exist. */
export function channelPath(channel: Channel): Path2D | null {
  if (typeof Path2D === 'undefined') return null;
  let p = pathCache.get(channel);
  if (!p) {
    p = new Path2D(CHANNEL_ICON_PATHS[channel]);
    pathCache.set(channel, p);
  }
  return p;
}

/** The part of a 2D context (Konva's or the canvas's own) an icon needs. */
export interface IconContext {
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  scale(x: number, y: number): void;
  stroke(path?: Path2D): void;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
}

/**
 * Strokes a channel icon `size` units square with its top-left at `x`, `y`, in the context's
 * current units (board units on the board). `lineWidth` is in the same units.
 */
export function drawChannelIcon(
  ctx: IconContext,
  channel: Channel,
  x: number,
  y: number,
  size: number,
  color: string,
  lineWidth = size / 13,
): void {
  const path = channelPath(channel);
  if (!path) return;
  const k = size / CHANNEL_ICON_GRID;
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(k, k);
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth / k;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.stroke(path);
  ctx.restore();
}
