import { afterEach, describe, expect, test } from 'vitest';
import Konva from 'konva';
import { liveStages, makeMap, mount, note, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

const stage = () => Konva.stages[Konva.stages.length - 1]!;
const layer = (name: string) => stage().findOne<Konva.Layer>(`.${name}`)!;

/** Alpha (0-255) of a layer's canvas where it shows at a point of the stage (its box on the page says where). */
function alphaAt(name: string, x: number, y: number): number {
  const l = layer(name);
  const canvas = l.getCanvas();
  const stageBox = stage().content.getBoundingClientRect();
  const box = canvas._canvas.getBoundingClientRect();
  const ratio = canvas.getPixelRatio();
  const cx = Math.round((x + stageBox.left - box.left) * ratio);
  const cy = Math.round((y + stageBox.top - box.top) * ratio);
  if (cx < 0 || cy < 0 || cx >= canvas.width || cy >= canvas.height) return -1;
  return l.getContext()._context.getImageData(cx, cy, 1, 1).data[3]!;
}

const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (k: number) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
  step(n);
});

/** Counts the draws of each layer from now on. */
function countDraws(): Record<string, number> {
  const counts: Record<string, number> = { frame: 0, notes: 0, interaction: 0 };
  for (const name of Object.keys(counts)) layer(name).on('draw.count', () => counts[name]!++);
  return counts;
}

describe('panning', () => {
  test('a pan within the padding moves the drawn canvas instead of drawing it; notes that come into view were drawn already', async () => {
    // One note in view, one just right of it (out of the 1000 px wide view).
    const m = await mount(makeMap([note('a', 100, 100), note('b', 1100, 100)]));
    await frames(3); // the canvases grow their padding in the frame after the first full one
    expect(alphaAt('notes', 110, 110)).toBe(255);
    const draws = countDraws();
    for (let i = 1; i <= 10; i++) {
      m.c.setCamera({ x: i * 20, y: i * 5, zoom: 1 });
      await frames(1);
    }
    await frames(2);
    expect(draws.notes).toBe(0);
    expect(draws.interaction).toBe(0);
    expect(draws.frame).toBe(0);
    // Camera at (200, 50): note a shows from (-100, 50) to (60, 210), note b from (900, 50).
    expect(alphaAt('notes', 910, 60)).toBe(255);
    expect(alphaAt('notes', 50, 60)).toBe(255);
    expect(alphaAt('notes', 70, 60)).toBe(0);
    expect(alphaAt('notes', 880, 60)).toBe(0);
    expect(m.c.visibleCount()).toBe(2);

    // Far past the padding: drawn again for the new camera, with no transform left.
    m.c.setCamera({ x: 1000, y: 0, zoom: 1 });
    await frames(2);
    expect(draws.notes).toBe(1);
    expect(layer('notes').getCanvas()._canvas.style.transform).toBe('');
    expect(alphaAt('notes', 110, 110)).toBe(255);
    expect(alphaAt('notes', 90, 110)).toBe(0);

    // A zoom redraws, for the view alone until the zoom rests; then the padding is drawn and
    // small pans only move the canvas again.
    m.c.setCamera({ x: 1000, y: 0, zoom: 0.5 });
    await frames(2);
    expect(draws.notes).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await frames(2);
    expect(draws.notes).toBe(3);
    m.c.setCamera({ x: 1100, y: 20, zoom: 0.5 });
    await frames(2);
    expect(draws.notes).toBe(3);
  });

  test('with a selection the interaction layer follows every pan; the frame layer is hidden while the map has no frame', async () => {
    const m = await mount(makeMap([note('a', 100, 100)]));
    await frames(3);
    expect(layer('frame').visible()).toBe(false);
    m.c.setSelection(['a']);
    await frames(2);
    const draws = countDraws();
    m.c.setCamera({ x: 30, y: 0, zoom: 1 });
    await frames(2);
    expect(draws.interaction).toBe(1);
    // The outline of the selected note moved with it: 3 px outside its left edge, now at x = 67.
    expect(alphaAt('interaction', 66, 150)).toBeGreaterThan(0);
    expect(alphaAt('interaction', 96, 150)).toBe(0);
    // Deselected: cleared once more, then left alone.
    m.c.setSelection([]);
    m.c.setCamera({ x: 40, y: 0, zoom: 1 });
    await frames(2);
    m.c.setCamera({ x: 50, y: 0, zoom: 1 });
    await frames(2);
    expect(draws.interaction).toBe(2);
    expect(alphaAt('interaction', 46, 150)).toBe(0);
  });
});
