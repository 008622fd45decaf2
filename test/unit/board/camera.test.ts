import { describe, expect, test } from 'vitest';
import {
  boardToScreen,
  clampZoom,
  containsRect,
  fitRect,
  MAX_ZOOM,
  MIN_ZOOM,
  panBy,
  rectFromPoints,
  screenToBoard,
  stepZoom,
  unionRects,
  viewRect,
  wheelZoomFactor,
  zoomAt,
} from '../../../shared/board/camera';

describe('camera', () => {
  const cam = { x: 100, y: -50, zoom: 2 };

  test('screen and board transforms are inverse', () => {
    const p = { x: 37, y: 410 };
    const b = screenToBoard(cam, p);
    expect(b).toEqual({ x: 118.5, y: 155 });
    expect(boardToScreen(cam, b)).toEqual(p);
  });

  test('view rect and pan', () => {
    expect(viewRect(cam, { width: 800, height: 600 })).toEqual({ x: 100, y: -50, width: 400, height: 300 });
    expect(panBy(cam, 40, -20)).toEqual({ x: 80, y: -40, zoom: 2 });
  });

  test('zoom around a point keeps that point fixed and clamps to 5%..400%', () => {
    const anchor = { x: 300, y: 200 };
    const before = screenToBoard(cam, anchor);
    const next = zoomAt(cam, 3, anchor);
    expect(next.zoom).toBe(3);
    const after = screenToBoard(next, anchor);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
    expect(zoomAt(cam, 100, anchor).zoom).toBe(MAX_ZOOM);
    expect(zoomAt(cam, 0.0001, anchor).zoom).toBe(MIN_ZOOM);
    expect(clampZoom(Number.NaN)).toBe(1);
  });

  test('fit a rectangle centres it and never zooms past the limit', () => {
    const fit = fitRect({ x: 0, y: 0, width: 2000, height: 1000 }, { width: 1000, height: 600 }, { padding: 0 });
    expect(fit.zoom).toBe(0.5);
    expect(fit.x).toBe(0);
    expect(fit.y).toBe(-100);
    const small = fitRect({ x: 10, y: 10, width: 10, height: 10 }, { width: 1000, height: 600 }, { maxZoom: 1 });
    expect(small.zoom).toBe(1);
    const huge = fitRect({ x: 0, y: 0, width: 1e7, height: 1e7 }, { width: 1000, height: 600 });
    expect(huge.zoom).toBe(MIN_ZOOM);
  });

  test('rect helpers', () => {
    expect(unionRects([])).toBeNull();
    expect(unionRects([{ x: 0, y: 0, width: 10, height: 10 }, { x: -5, y: 20, width: 5, height: 5 }])).toEqual({ x: -5, y: 0, width: 15, height: 25 });
    expect(rectFromPoints({ x: 10, y: 5 }, { x: 0, y: 20 })).toEqual({ x: 0, y: 5, width: 10, height: 15 });
    expect(containsRect({ x: 0, y: 0, width: 10, height: 10 }, { x: 1, y: 1, width: 9, height: 9 })).toBe(true);
    expect(containsRect({ x: 0, y: 0, width: 10, height: 10 }, { x: 1, y: 1, width: 10, height: 9 })).toBe(false);
  });

  test('wheel and step zoom', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100)).toBeCloseTo(1 / wheelZoomFactor(-100), 9);
    expect(wheelZoomFactor(-10000)).toBe(wheelZoomFactor(-100));
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(1, -1)).toBe(0.75);
    expect(stepZoom(0.8, -1)).toBe(0.75);
    expect(stepZoom(4, 1)).toBe(4);
    expect(stepZoom(0.05, -1)).toBe(0.05);
  });
});

describe('fit leaves room for the minimap', () => {
  const viewport = { width: 1600, height: 900 };
  const corner = { width: 230, height: 166 };
  const onScreen = (cam: { x: number; y: number; zoom: number }, r: { x: number; y: number; width: number; height: number }) => ({
    left: (r.x - cam.x) * cam.zoom,
    top: (r.y - cam.y) * cam.zoom,
    right: (r.x + r.width - cam.x) * cam.zoom,
    bottom: (r.y + r.height - cam.y) * cam.zoom,
  });
  for (const rect of [
    { x: 0, y: 0, width: 8000, height: 2000 }, // wide: room is left at the bottom
    { x: -500, y: 0, width: 1000, height: 3000 }, // tall: room is left on the right
    { x: 0, y: 0, width: 1600, height: 900 },
  ]) {
    test(`a ${rect.width}x${rect.height} board stays clear of the bottom-right corner`, () => {
      const cam = fitRect(rect, viewport, { padding: 64, maxZoom: 1, corner });
      const s = onScreen(cam, rect);
      expect(s.left).toBeGreaterThanOrEqual(64 - 0.01);
      expect(s.top).toBeGreaterThanOrEqual(64 - 0.01);
      const clearRight = s.right <= viewport.width - corner.width + 0.01;
      const clearBottom = s.bottom <= viewport.height - corner.height + 0.01;
      expect(clearRight || clearBottom).toBe(true);
      // And it uses the room: no smaller than a plain fit shrunk by the corner on its cheaper side.
      const plain = fitRect(rect, viewport, { padding: 64, maxZoom: 1 });
      expect(cam.zoom).toBeGreaterThan(plain.zoom * 0.75);
    });
  }
});
