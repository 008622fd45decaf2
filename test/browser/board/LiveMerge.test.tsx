// Live merges on the board (issue 14): notes written elsewhere show in the very first frame after
// the merge that brings them (in some form: a plain card until their bitmap is made), and once the
// budgeted work is done the board looks exactly as a board opened fresh on the same notes.
import { afterEach, describe, expect, test } from 'vitest';
import { act } from 'react';
import type { ChangesSince, StoreChangeEvent } from '../../../shared/api';
import type { Note } from '../../../shared/domain';
import { NOTE_RGB } from '../../../renderer/board/theme';
import { drawNotes, hiddenUnder } from '../../../renderer/board/drawNotes';
import { patchRect } from '../../../renderer/board/livePatch';
import { boardNote } from '../../fixtures/notes';
import { fakeApi, frames, liveStages, makeMap, mount, note, notesLayer, unmountCurrent, type FakeApi } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

/** Lets a resolved answer's continuations (the read, the merge) run, with no frame between. */
const microtasks = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

/** A seeded random source, so each run merges the same notes. */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

/** The notes canvas's pixels, and where a board point lands on it. */
function snapshot() {
  const layer = notesLayer();
  const canvas = layer.getCanvas();
  const ratio = canvas.getPixelRatio();
  const m = layer.getAbsoluteTransform().getMatrix();
  const data = layer.getContext()._context.getImageData(0, 0, canvas.width, canvas.height);
  const at = (x: number, y: number) => {
    const px = Math.floor((x * m[0]! + m[4]!) * ratio);
    const py = Math.floor((y * m[3]! + m[5]!) * ratio);
    const i = (py * data.width + px) * 4;
    return [data.data[i]!, data.data[i + 1]!, data.data[i + 2]!, data.data[i + 3]!];
  };
  return { data, at, transform: [...m] };
}

function rgb(hex: string): number[] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * A fake store that follows `changes.since`: the board's first read answers nothing new; each
 * later read is answered by the test (`answer`), so the test knows the task in which a merge lands.
 */
function liveApi() {
  const api = fakeApi() as FakeApi & { subscribe: NonNullable<FakeApi['subscribe']> };
  let heard: ((e: StoreChangeEvent) => void) | null = null;
  let revision = 0;
  let pending: ((answer: ChangesSince) => void) | null = null;
  api.subscribe = (_mapId, cb) => {
    heard = cb;
    return () => (heard = null);
  };
  api.respond = (method) => {
    if (method !== 'changes.since') return {};
    if (revision === 0) return { feed: 'f', revision: (revision = 1), map: null, header: null, records: [] } satisfies ChangesSince;
    return new Promise<ChangesSince>((resolve) => (pending = resolve));
  };
  return {
    api,
    /** Tells the board its map changed, waits for its read, and answers it with these notes (merged in the same task). */
    async send(notes: Note[]) {
      heard!({ mapId: 'm1', revision: revision + 1 } as StoreChangeEvent);
      for (let i = 0; i < 200 && !pending; i++) await new Promise((r) => setTimeout(r, 10));
      const answer = pending!;
      pending = null;
      // In act: the merge updates the HUD's store (React panels follow it).
      await act(async () => {
        answer({ feed: 'f', revision: ++revision, map: null, header: null, records: notes.map((n) => ({ type: 'note' as const, id: n.id, record: n })) });
        await microtasks();
      });
    },
  };
}

describe('live merges', () => {
  test('arriving notes show in the first frame after their merge, and the settled board equals a fresh one', async () => {
    // 300 notes on the right of the view (the bitmap scale stays the same as notes arrive), then
    // 500 green notes arriving on the left in merges of 25, as a room sends them.
    const random = rng(11);
    const before: Note[] = [];
    for (let i = 0; i < 300; i++) before.push(note(`old${i}`, 560 + Math.round(random() * 380), Math.round(random() * 540)));
    const arriving: Note[] = [];
    for (let i = 0; i < 500; i++) {
      arriving.push(note(`new${i}`, Math.round(random() * 360), Math.round(random() * 540), { color: 'green', text: `From phone ${i % 50}: note ${i}` }));
    }
    const live = liveApi();
    const m = await mount(makeMap(before), live.api);
    await frames(3);
    const green = rgb(NOTE_RGB.green);
    let checked = 0;
    for (let b = 0; b < arriving.length; b += 25) {
      const batch = arriving.slice(b, b + 25);
      await live.send(batch);
      expect(m.c.noteCount()).toBe(300 + b + batch.length);
      // The first frame after the merge: read once the board's own work of that frame is done.
      const shot = await new Promise<ReturnType<typeof snapshot>>((resolve) => requestAnimationFrame(() => resolve(snapshot())));
      const shown = arriving.slice(0, b + batch.length);
      for (const [k, n] of batch.entries()) {
        // A point near the note's top-left corner (inside a plain card, outside the text) that no note above it (nor its shadow) reaches.
        const p = { x: n.x + 10, y: n.y + 10 };
        const above = shown.slice(b + k + 1);
        if (above.some((o) => p.x >= o.x - 14 && p.x <= o.x + o.width + 14 && p.y >= o.y - 14 && p.y <= o.y + o.height + 14)) continue;
        const [r, g, bl, a] = shot.at(p.x, p.y);
        expect({ id: n.id, color: [r, g, bl], alpha: a }).toEqual({ id: n.id, color: green, alpha: 255 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);

    // Let the budgeted work finish: the canvas stops changing.
    let last = snapshot().data.data;
    for (let i = 0; i < 60; i++) {
      await frames(10);
      const next = snapshot().data.data;
      if (next.every((v, k) => v === last[k])) break;
      last = next;
    }
    const settled = snapshot();

    const camera = m.c.camera;
    unmountCurrent();

    // A fresh board on the same notes (same paint order) and camera, drawn once in full.
    await mount(makeMap([...before, ...arriving], camera));
    await frames(3);
    let fresh = snapshot();
    for (let i = 0; i < 60; i++) {
      await frames(10);
      const next = snapshot();
      if (next.data.data.every((v, k) => v === fresh.data.data[k])) break;
      fresh = next;
    }
    expect(fresh.transform).toEqual(settled.transform);
    expect([fresh.data.width, fresh.data.height]).toEqual([settled.data.width, settled.data.height]);
    let differing = 0;
    for (let k = 0; k < fresh.data.data.length; k++) if (fresh.data.data[k] !== settled.data.data[k]) differing++;
    expect(differing).toBe(0);
  }, 60_000);
});

describe('notes hidden under others', () => {
  /** Draws the notes onto a fresh canvas at `zoom` (every bitmap made first) and returns its pixels. */
  function paint(list: Parameters<typeof drawNotes>[1], zoom: number, cull: boolean, lens: string | null, marks: Parameters<typeof drawNotes>[5], clip?: { x: number; y: number; width: number; height: number }) {
    const canvas = document.createElement('canvas');
    canvas.width = 900;
    canvas.height = 700;
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(zoom, 0, 0, zoom, 20, 20);
    // As a live patch draws: clipped to the rectangle widened to whole pixels, and told so.
    if (clip) patchRect(ctx, { k: zoom, e: 20, f: 20 }, clip, (c) => drawNotes(ctx, list, zoom, lens, false, marks, { deadline: Infinity, cull, clip: c }));
    else drawNotes(ctx, list, zoom, lens, false, marks, { deadline: Infinity, cull });
    return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  }

  test('a pile of notes is drawn without those wholly hidden, and looks exactly the same', () => {
    const random = rng(5);
    const list = Array.from({ length: 400 }, (_, i) =>
      boardNote(`p${i}`, {
        x: Math.round(random() * 700),
        y: Math.round(random() * 500),
        width: 120 + Math.round(random() * 120),
        height: 120 + Math.round(random() * 80),
        color: (['yellow', 'green', 'blue', 'pink'] as const)[i % 4],
        text: `note ${i} with a few words`,
        personaIds: i % 7 === 0 ? ['lensed'] : [],
      }),
    );
    const badges = new Map(list.filter((_, i) => i % 5 === 0).map((n) => [n.id, 3]));
    // Many notes of a pile this dense are wholly under the notes on top.
    const flags = hiddenUnder(list, null, null)!;
    expect(flags.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    // A lens dims most notes: dimmed notes hide nothing under them.
    const lensed = hiddenUnder(list, 'lensed', null);
    expect(lensed?.reduce((a, b) => a + b, 0) ?? 0).toBeLessThan(flags.reduce((a, b) => a + b, 0));
    // Within a patch's rectangle, far more are hidden (only what shows in it counts).
    const inClip = hiddenUnder(list, null, null, { x: 203, y: 151, width: 230, height: 170 })!;
    expect(inClip.reduce((a, b) => a + b, 0)).toBeGreaterThan(flags.reduce((a, b) => a + b, 0));
    for (const zoom of [1, 0.5, 0.3]) {
      for (const lens of [null, 'lensed']) {
        const marks = { badges, keep: null };
        for (const clip of [undefined, { x: 203, y: 151, width: 230, height: 170 }]) {
          const culled = paint(list, zoom, true, lens, marks, clip);
          const all = paint(list, zoom, false, lens, marks, clip);
          let differing = 0;
          for (let k = 0; k < all.length; k++) if (culled[k] !== all[k]) differing++;
          expect({ zoom, lens, clip, differing }).toEqual({ zoom, lens, clip, differing: 0 });
        }
      }
    }
  });
});
