import { describe, expect, it } from 'vitest';
import { dropIndex, dropSlot, dropSlotPosition, layoutFrame, reorder, slotToIndex } from '../../../shared/journey';
import { lanes, notesIn, stages } from './fixtures';

describe('reorder', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves an item so it ends up at toIndex', () => {
    expect(reorder(ids, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(reorder(ids, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(reorder(ids, 1, 1)).toEqual(ids);
    expect(reorder(ids, 1, 3)).toEqual(['a', 'c', 'd', 'b']);
  });
  it('never changes its input and clamps indexes', () => {
    const frozen = Object.freeze([...ids]);
    expect(reorder(frozen, -5, 99)).toEqual(['b', 'c', 'd', 'a']);
    expect(reorder(frozen, 99, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(reorder(frozen, 1.7, Infinity)).toEqual(['a', 'c', 'd', 'b']);
    expect(reorder([], 0, 1)).toEqual([]);
    expect(frozen).toEqual(ids);
  });
  it('keeps every item exactly once', () => {
    for (let from = 0; from < 4; from++) {
      for (let to = 0; to < 4; to++) {
        const out = reorder(ids, from, to);
        expect([...out].sort()).toEqual(ids);
        expect(out[to]).toBe(ids[from]);
      }
    }
  });
});

describe('drop index from the pointer over headers', () => {
  // Column 1 is wider than the others, row 1 is collapsed: slots follow real geometry.
  const f = layoutFrame({ origin: { x: 0, y: 0 }, stages: stages(4), lanes: lanes(3, [1]), notes: notesIn('s1', 'l0', 6) });
  const centre = (i: number) => f.columns[i]!.x + f.columns[i]!.width / 2;

  it('flips the slot at each column centre', () => {
    expect(dropSlot(f, 'stage', -1000)).toBe(0);
    expect(dropSlot(f, 'stage', centre(0) - 1)).toBe(0);
    expect(dropSlot(f, 'stage', centre(0) + 1)).toBe(1);
    expect(dropSlot(f, 'stage', centre(1) - 1)).toBe(1);
    expect(dropSlot(f, 'stage', centre(1) + 1)).toBe(2);
    expect(dropSlot(f, 'stage', centre(3) + 1)).toBe(4);
    expect(dropSlot(f, 'stage', 1e9)).toBe(4);
  });

  it('works for lanes along y, collapsed ones included', () => {
    const mid = (i: number) => f.rows[i]!.y + f.rows[i]!.height / 2;
    expect(dropSlot(f, 'lane', mid(1) - 1)).toBe(1);
    expect(dropSlot(f, 'lane', mid(1) + 1)).toBe(2);
    expect(dropSlot(f, 'lane', mid(2) + 1)).toBe(3);
  });

  it('gives the indicator position of each gap', () => {
    expect(dropSlotPosition(f, 'stage', 0)).toBe(f.columns[0]!.x);
    expect(dropSlotPosition(f, 'stage', 2)).toBe(f.columns[2]!.x);
    expect(dropSlotPosition(f, 'stage', 4)).toBe(f.rect.x + f.rect.width);
    expect(dropSlotPosition(f, 'lane', 3)).toBe(f.rect.y + f.rect.height);
    expect(dropSlotPosition(f, 'lane', -3)).toBe(f.rows[0]!.y);
  });

  it('turns a gap into the index reorder expects', () => {
    expect(slotToIndex(1, 0)).toBe(0);
    expect(slotToIndex(1, 1)).toBe(1);
    expect(slotToIndex(1, 2)).toBe(1); // the gap right after itself: no move
    expect(slotToIndex(1, 4)).toBe(3);
    const ids = f.columns.map((c) => c.stageId);
    expect(reorder(ids, 0, dropIndex(f, 'stage', 0, centre(2) + 1))).toEqual(['s1', 's2', 's0', 's3']);
    expect(reorder(ids, 3, dropIndex(f, 'stage', 3, centre(0) - 1))).toEqual(['s3', 's0', 's1', 's2']);
    expect(reorder(ids, 2, dropIndex(f, 'stage', 2, centre(2)))).toEqual(ids);
  });
});
