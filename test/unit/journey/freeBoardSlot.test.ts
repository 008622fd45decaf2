import { describe, expect, it } from 'vitest';
import { FREE_SLOT_MARGIN, NOTE_GAP, freeBoardSlot, layoutFrame, rectsOverlap, type Rect } from '../../../shared/journey';
import { lanes, notesIn, rng, stages } from './fixtures';

const f = layoutFrame({ origin: { x: -300, y: 40 }, stages: stages(4), lanes: lanes(7), notes: notesIn('s0', 'l0', 10) });

function rects(points: { x: number; y: number }[], w: number, h: number): Rect[] {
  return points.map((p) => ({ x: p.x, y: p.y, width: w, height: h }));
}

function expectApart(list: Rect[], others: Rect[]): void {
  let bad = 0;
  for (let i = 0; i < list.length; i++) {
    for (const o of others) if (rectsOverlap(list[i]!, o)) bad++;
    for (let j = i + 1; j < list.length; j++) if (rectsOverlap(list[i]!, list[j]!)) bad++;
  }
  expect(bad).toBe(0);
}

describe('freeBoardSlot', () => {
  it('places notes to the right of the frame, from its top, in columns as tall as the frame', () => {
    const pts = freeBoardSlot(f, 30);
    expect(pts).toHaveLength(30);
    expect(pts[0]).toEqual({ x: f.rect.x + f.rect.width + FREE_SLOT_MARGIN, y: f.rect.y });
    expect(pts[1]).toEqual({ x: pts[0]!.x, y: f.rect.y + 160 + NOTE_GAP });
    const bottom = Math.max(...pts.map((p) => p.y + 160));
    expect(bottom).toBeLessThanOrEqual(f.rect.y + f.rect.height);
    expectApart(rects(pts, 160, 160), [f.rect]);
  });

  it('can place them below the frame', () => {
    const pts = freeBoardSlot(f, 12, { width: 200, height: 100 }, { side: 'below', margin: 40 });
    expect(pts[0]).toEqual({ x: f.rect.x, y: f.rect.y + f.rect.height + 40 });
    expect(Math.max(...pts.map((p) => p.x + 200))).toBeLessThanOrEqual(f.rect.x + f.rect.width);
    expectApart(rects(pts, 200, 100), [f.rect]);
  });

  it('never overlaps the frame, whatever the count and size', () => {
    const r = rng(5);
    for (let i = 0; i < 50; i++) {
      const w = 40 + r() * 2000;
      const h = 40 + r() * 2000;
      const n = Math.floor(r() * 300);
      const side = r() < 0.5 ? 'right' : 'below';
      const pts = freeBoardSlot(f, n, { width: w, height: h }, { side });
      expect(pts).toHaveLength(n);
      const list = rects(pts, w, h);
      for (const q of list) expect(rectsOverlap(q, f.rect)).toBe(false);
    }
  });

  it('moves out past notes already there', () => {
    const first = rects(freeBoardSlot(f, 20), 160, 160);
    const second = rects(freeBoardSlot(f, 20, 160, { avoid: first }), 160, 160);
    expectApart(second, [f.rect, ...first]);
    expect(second[0]!.x).toBeGreaterThan(Math.max(...first.map((q) => q.x)));
    // Something far away or outside the band does not push the block.
    const notInWay = [{ x: f.rect.x + f.rect.width + 5000, y: f.rect.y, width: 10, height: 10 }, { x: f.rect.x + f.rect.width + 100, y: f.rect.y - 500, width: 200, height: 100 }];
    expect(freeBoardSlot(f, 3, 160, { avoid: notInWay })).toEqual(freeBoardSlot(f, 3));
    const below = rects(freeBoardSlot(f, 8, 160, { side: 'below' }), 160, 160);
    expectApart(rects(freeBoardSlot(f, 8, 160, { side: 'below', avoid: below }), 160, 160), [f.rect, ...below]);
  });

  it('returns nothing for no notes', () => {
    expect(freeBoardSlot(f, 0)).toEqual([]);
    expect(freeBoardSlot(f, -3)).toEqual([]);
  });
});
