import { describe, expect, test } from 'vitest';
import { SpatialIndex } from '../../../shared/board/spatial';

const item = (id: string, x: number, y: number, w = 100, h = 100) => ({ id, x, y, width: w, height: h });

describe('SpatialIndex', () => {
  test('queries what intersects a rect, bottom to top', () => {
    const idx = new SpatialIndex();
    idx.load([item('a', 0, 0), item('b', 50, 50), item('c', 1000, 1000)]);
    expect(idx.query({ x: 60, y: 60, width: 10, height: 10 })).toEqual(['a', 'b']);
    expect(idx.query({ x: 500, y: 500, width: 10, height: 10 })).toEqual([]);
    expect(idx.size).toBe(3);
  });

  test('hit test returns the topmost note under a point', () => {
    const idx = new SpatialIndex();
    idx.load([item('a', 0, 0), item('b', 50, 50)]);
    expect(idx.hitTest({ x: 75, y: 75 })).toBe('b');
    expect(idx.hitTest({ x: 10, y: 10 })).toBe('a');
    expect(idx.hitTest({ x: 500, y: 10 })).toBeNull();
    idx.upsert(item('c', 60, 60));
    expect(idx.hitTest({ x: 75, y: 75 })).toBe('c');
  });

  test('moving keeps paint order; removing forgets', () => {
    const idx = new SpatialIndex();
    idx.load([item('a', 0, 0), item('b', 500, 0)]);
    idx.upsert(item('a', 450, 0));
    expect(idx.hitTest({ x: 520, y: 10 })).toBe('b');
    idx.remove('b');
    expect(idx.hitTest({ x: 520, y: 10 })).toBe('a');
    expect(idx.has('b')).toBe(false);
    expect(idx.order('b')).toBe(-1);
  });

  test('contained query and bounds', () => {
    const idx = new SpatialIndex();
    expect(idx.bounds()).toBeNull();
    idx.load([item('a', 0, 0), item('b', 90, 0), item('c', -200, 300, 50, 50)]);
    expect(idx.queryContained({ x: -1, y: -1, width: 150, height: 150 })).toEqual(['a']);
    expect(idx.bounds()).toEqual({ x: -200, y: 0, width: 390, height: 350 });
  });

  test('ten thousand notes: the view returns only its own', () => {
    const idx = new SpatialIndex();
    const items = [];
    for (let i = 0; i < 10_000; i++) items.push(item(`n${i}`, (i % 100) * 200, Math.floor(i / 100) * 200));
    idx.load(items);
    expect(idx.query({ x: 0, y: 0, width: 1000, height: 600 })).toHaveLength(6 * 4);
  });
});
