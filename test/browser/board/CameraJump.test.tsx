// A camera jump like Present's (renderer/room/Presentation.tsx: from the whole map in to a stage's
// column at 125%): once the canvas stops changing, every note in view shows its text, as a board
// opened fresh at that camera draws it; none is left a blank card (or a blurred bitmap of another
// zoom) while the notes around it, or those in the canvas's padding, are finished.
import { afterEach, describe, expect, test } from 'vitest';
import { act } from 'react';
import type { Camera, Note } from '../../../shared/domain';
import type { BoardController } from '../../../renderer/board/BoardController';
import { frame, frames, liveStages, makeMap, mount, note, notesLayer, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});


function pixels() {
  const layer = notesLayer();
  const canvas = layer.getCanvas();
  return { data: layer.getContext()._context.getImageData(0, 0, canvas.width, canvas.height), m: [...layer.getAbsoluteTransform().getMatrix()], ratio: canvas.getPixelRatio() };
}
type Shot = ReturnType<typeof pixels>;

/** The canvas once it has not changed for 10 frames (what a person sees as settled). */
async function settled(): Promise<Shot> {
  let last = pixels();
  for (let i = 0; i < 60; i++) {
    await frames(10);
    const next = pixels();
    if (next.data.data.every((v, k) => v === last.data.data[k])) return next;
    last = next;
  }
  return last;
}

/**
 * Notes wholly in view whose pixels differ from the fresh board's, inside their card (4 units in
 * from its edges, where the text is; what is left are the edges' antialiasing where patches meet).
 */
function differingNotes(c: BoardController, notes: Note[], a: Shot, b: Shot): string[] {
  const view = c.camera;
  const { width, height } = c.viewport;
  const out: string[] = [];
  for (const n of notes) {
    if (n.x < view.x || n.y < view.y || n.x + n.width > view.x + width / view.zoom || n.y + n.height > view.y + height / view.zoom) continue;
    const px = (x: number) => Math.round((x * a.m[0]! + a.m[4]!) * a.ratio);
    const py = (y: number) => Math.round((y * a.m[3]! + a.m[5]!) * a.ratio);
    let same = true;
    for (let y = py(n.y + 4); same && y < py(n.y + n.height - 4); y++) {
      for (let x = px(n.x + 4); x < px(n.x + n.width - 4); x++) {
        const i = (y * a.data.width + x) * 4;
        if (a.data.data[i] !== b.data.data[i] || a.data.data[i + 1] !== b.data.data[i + 1] || a.data.data[i + 2] !== b.data.data[i + 2] || a.data.data[i + 3] !== b.data.data[i + 3]) {
          same = false;
          break;
        }
      }
    }
    if (!same) out.push(n.id);
  }
  return out;
}

/** A journey-like grid: 300 notes in rows of cards with text, as a workshop map has them. */
function grid(): Note[] {
  const out: Note[] = [];
  for (let i = 0; i < 300; i++) out.push(note(`n${i}`, (i % 25) * 175, Math.floor(i / 25) * 175, { text: `Customer step ${i}: filters reset when going back` }));
  return out;
}

describe('camera jumps', () => {
  for (const glide of [false, true]) {
    test(`after ${glide ? 'a glide' : 'a jump'} in like Present, the settled canvas shows every note as a fresh board does`, async () => {
      const notes = grid();
      const m = await mount(makeMap(notes, { x: -40, y: -40, zoom: 0.23 }));
      await settled();
      // From the overview in to a column at 125%: at once (reduced motion), or easing over 20 frames.
      const from = m.c.camera;
      const to: Camera = { x: 1800, y: 700, zoom: 1.25 };
      const steps = glide ? 20 : 1;
      for (let i = 1; i <= steps; i++) {
        const e = i / steps;
        act(() => m.c.setCamera({ x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e, zoom: Math.exp(Math.log(from.zoom) + (Math.log(to.zoom) - Math.log(from.zoom)) * e) }));
        await frame();
      }
      const after = await settled();
      const camera = m.c.camera;
      expect(camera.zoom).toBe(1.25);
      unmountCurrent();

      const fresh = await mount(makeMap(notes, camera));
      // The fresh board drawn in full, every bitmap made (a test waiting for a full frame gets one).
      await fresh.c.nextFrame();
      const reference = await settled();
      expect(reference.m).toEqual(after.m);
      const shown = differingNotes(fresh.c, notes, after, reference);
      expect(shown).toEqual([]);
    }, 60_000);
  }
});
