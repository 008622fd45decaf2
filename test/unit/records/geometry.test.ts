import { describe, expect, it } from 'vitest';
import { intersects } from '../../../shared/board/camera';
import { rectsOverlap } from '../../../shared/geometry';
import { rectsOverlap as frameOverlap } from '../../../shared/journey/frame';

const a = { x: 0, y: 0, width: 10, height: 10 };

describe('one overlap rule (shared/geometry.ts)', () => {
  it('rectangles that share area overlap', () => {
    expect(rectsOverlap(a, { x: 5, y: 5, width: 10, height: 10 })).toBe(true);
    expect(rectsOverlap(a, { x: 2, y: 2, width: 1, height: 1 })).toBe(true);
  });

  it('touching edges or corners do not count, and apart is apart', () => {
    expect(rectsOverlap(a, { x: 10, y: 0, width: 10, height: 10 })).toBe(false);
    expect(rectsOverlap(a, { x: 0, y: 10, width: 10, height: 10 })).toBe(false);
    expect(rectsOverlap(a, { x: 10, y: 10, width: 5, height: 5 })).toBe(false);
    expect(rectsOverlap(a, { x: 11, y: 0, width: 5, height: 5 })).toBe(false);
  });

  it('the board culling and the frame use that same rule', () => {
    for (const b of [{ x: 10, y: 0, width: 5, height: 5 }, { x: 9.5, y: 9.5, width: 5, height: 5 }, { x: -20, y: -20, width: 5, height: 5 }]) {
      expect(intersects(a, b)).toBe(rectsOverlap(a, b));
      expect(frameOverlap(a, b)).toBe(rectsOverlap(a, b));
    }
  });
});
