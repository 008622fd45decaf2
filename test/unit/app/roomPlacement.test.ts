import { describe, expect, it } from 'vitest';
import { roomHash, roomPlacement } from '../../../electron/app/roomPlacement';

const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const projector = { id: 2, bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, workArea: { x: 1440, y: 0, width: 1920, height: 1080 } };

describe('room view placement', () => {
  it('goes full screen on the display the facilitator is not on', () => {
    expect(roomPlacement([laptop, projector], laptop, { x: 100, y: 100, width: 1200, height: 700 })).toEqual({
      bounds: projector.bounds,
      fullscreen: true,
      displayId: 2,
    });
    // The facilitator moved to the big screen: the room takes the laptop's.
    expect(roomPlacement([laptop, projector], laptop, { x: 1600, y: 50, width: 1200, height: 700 })).toMatchObject({ fullscreen: true, displayId: 1 });
  });

  it('with one display, a window centred on it, not full screen, so the facilitator keeps their controls', () => {
    const place = roomPlacement([laptop], laptop, { x: 0, y: 25, width: 1440, height: 875 });
    expect(place.fullscreen).toBe(false);
    expect(place.displayId).toBe(1);
    expect(place.bounds).toEqual({ x: 80, y: 103, width: 1280, height: 720 });
    // A small screen: never larger than its work area.
    const small = { id: 3, bounds: { x: 0, y: 0, width: 1024, height: 600 }, workArea: { x: 0, y: 0, width: 1024, height: 560 } };
    expect(roomPlacement([small], small, null).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 560 });
  });

  it('the renderer route', () => {
    expect(roomHash('map 1/2')).toBe('#/room/map%201%2F2');
  });
});
