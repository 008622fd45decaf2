// The PNG export as it really runs: in the export worker, on an OffscreenCanvas, in Chromium.
import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { NOTE_FILL } from '../../../shared/export/palette';
import { exportInWorker } from '../../../renderer/files/exportFormats';
import { sceneBounds, sceneOf, type PngProgress } from '../../../renderer/files/mapImage';
import { sampleMap, sampleNote } from '../journey/sampleMap';

/** A free note far right of the frame, in pink, with nothing else near it. */
function mapWithFreeNote(): JourneyMap {
  const map = sampleMap();
  return { ...map, notes: [...map.notes, sampleNote('free', { text: 'Loose idea', x: 3000, y: 200, color: 'pink' })] };
}

async function decode(
  content: Uint8Array | string,
): Promise<{ bitmap: ImageBitmap; pixel: (x: number, y: number) => [number, number, number, number] }> {
  expect(typeof content).not.toBe('string');
  const bytes = content as Uint8Array;
  // The PNG signature: a real PNG file, not a data URL or raw pixels.
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  return {
    bitmap,
    pixel: (x, y) => [...ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data] as [number, number, number, number],
  };
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const near = (a: number[], b: number[], tolerance = 6) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

describe('PNG export', () => {
  it('pictures the whole map at 1x and 2x: frame, notes in their cells, and free notes, in a worker with progress', async () => {
    const map = mapWithFreeNote();
    const bounds = sceneBounds(sceneOf(map))!;
    const progress: PngProgress[] = [];
    const one = await exportInWorker(
      { format: 'png', map, now: 0, image: { area: { kind: 'map' }, multiplier: 1 } },
      new AbortController().signal,
      (p) => progress.push(p),
    );
    const img1 = await decode(one.content);
    expect([img1.bitmap.width, img1.bitmap.height]).toEqual([Math.round(bounds.width), Math.round(bounds.height)]);
    expect(one.note).toBeUndefined();
    expect(progress.at(-1)).toMatchObject({ phase: 'encoding', total: map.notes.length });
    expect(progress.some((p) => p.phase === 'drawing' && p.done === map.notes.length)).toBe(true);

    // The free note is pink where it lies on the board (a corner inside it, clear of its text).
    const at = (x: number, y: number, scale: number) => [(x - bounds.x) * scale, (y - bounds.y) * scale] as const;
    expect(near(img1.pixel(...at(3012, 212, 1)).slice(0, 3), rgb(NOTE_FILL.pink))).toBe(true);
    // Empty board around it.
    expect(img1.pixel(...at(2950, 600, 1))[3]).toBe(255);
    expect(near(img1.pixel(...at(2950, 600, 1)).slice(0, 3), rgb(NOTE_FILL.pink))).toBe(false);

    // A note in a cell is drawn where the frame puts it, not at its stored position.
    const placed = sceneOf(map).notes.find((n) => n.id === 'n0')!;
    expect(near(img1.pixel(...at(placed.x + 10, placed.y + 10, 1)).slice(0, 3), rgb(NOTE_FILL.yellow))).toBe(true);

    const two = await exportInWorker(
      { format: 'png', map, now: 0, image: { area: { kind: 'map' }, multiplier: 2 } },
      new AbortController().signal,
    );
    const img2 = await decode(two.content);
    expect([img2.bitmap.width, img2.bitmap.height]).toEqual([
      Math.round(bounds.width * 2),
      Math.round(bounds.height * 2),
    ]);
    expect(near(img2.pixel(...at(3012, 212, 2)).slice(0, 3), rgb(NOTE_FILL.pink))).toBe(true);
  });

  it('pictures the current view: the region on screen at its on-screen size times the scale', async () => {
    const map = mapWithFreeNote();
    const area = { kind: 'view' as const, rect: { x: 2900, y: 100, width: 800, height: 500 }, zoom: 0.5 };
    const out = await exportInWorker(
      { format: 'png', map, now: 0, image: { area, multiplier: 3 } },
      new AbortController().signal,
    );
    const img = await decode(out.content);
    // 800 x 500 board units at 50 % is 400 x 250 on screen; 3x that.
    expect([img.bitmap.width, img.bitmap.height]).toEqual([1200, 750]);
    const scale = 1.5;
    expect(near(img.pixel((3012 - 2900) * scale, (212 - 100) * scale).slice(0, 3), rgb(NOTE_FILL.pink))).toBe(true);
  });

  it('says so when it must lower the scale of a very large map, and refuses an empty one', async () => {
    const map = sampleMap();
    const far = { ...map, notes: [...map.notes, sampleNote('far', { x: 60_000, y: 0 })] };
    const out = await exportInWorker(
      { format: 'png', map: far, now: 0, image: { area: { kind: 'map' }, multiplier: 3 } },
      new AbortController().signal,
    );
    expect(out.note).toMatch(/larger than an image can hold, so it was made at 0\.\d+x \(32,767 × \d[\d,]* px\)/);
    const img = await decode(out.content);
    expect(img.bitmap.width).toBe(32_767);

    const empty: JourneyMap = { ...map, stages: [], notes: [] };
    await expect(
      exportInWorker(
        { format: 'png', map: empty, now: 0, image: { area: { kind: 'map' }, multiplier: 1 } },
        new AbortController().signal,
      ),
    ).rejects.toThrow(/This map is empty/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const pending = exportInWorker(
      { format: 'png', map: mapWithFreeNote(), now: 0, image: { area: { kind: 'map' }, multiplier: 3 } },
      controller.signal,
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
