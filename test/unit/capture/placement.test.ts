import { describe, expect, it } from 'vitest';
import { FRAME_ORIGIN, layoutFrame, rectsOverlap } from '../../../shared/journey';
import type { BoardNote } from '../../../shared/board/history';
import { boardNote } from '../../fixtures/notes';
import {
  acceptChanges,
  brainstormSlots,
  cellEnd,
  freeRects,
  mergeChanges,
  placeDrafts,
} from '../../../renderer/capture/placement';

const frame = layoutFrame({
  origin: FRAME_ORIGIN,
  stages: [{ id: 's1' }, { id: 's2' }],
  lanes: [
    { id: 'l1', collapsed: false, kind: 'actions' },
    { id: 'l2', collapsed: false, kind: 'pain_points' },
  ],
  notes: [],
});

const note = (id: string, extra: Partial<BoardNote> = {}): BoardNote => boardNote(id, extra);

const box = (p: { x: number; y: number }) => ({ x: p.x, y: p.y, width: 160, height: 160 });

describe('brainstormSlots', () => {
  it('beside the frame: the grid freeBoardSlot lays out, clear of the frame', () => {
    const slots = brainstormSlots(frame, { x: 0, y: 0 }, 5, []);
    expect(slots).toHaveLength(5);
    for (const s of slots) expect(rectsOverlap(box(s), frame.rect)).toBe(false);
    expect(slots[0]!.x).toBeGreaterThan(frame.rect.x + frame.rect.width);
  });

  it('fills the gaps between notes already there and never covers one', () => {
    const first = brainstormSlots(frame, { x: 0, y: 0 }, 6, []);
    // Notes sit in slots 0, 1 and 3: the next three go to 2, 4, 5.
    const avoid = [first[0]!, first[1]!, first[3]!].map(box);
    expect(brainstormSlots(frame, { x: 0, y: 0 }, 3, avoid)).toEqual([first[2], first[4], first[5]]);
  });

  it('a large note off the grid blocks every slot it touches', () => {
    const first = brainstormSlots(frame, { x: 0, y: 0 }, 4, []);
    const big = { x: first[0]!.x + 10, y: first[0]!.y + 10, width: 1900, height: 1900 };
    const slots = brainstormSlots(frame, { x: 0, y: 0 }, 10, [big]);
    for (const s of slots) expect(rectsOverlap(box(s), big)).toBe(false);
    for (let i = 0; i < slots.length; i++)
      for (let j = i + 1; j < slots.length; j++) expect(rectsOverlap(box(slots[i]!), box(slots[j]!))).toBe(false);
  });

  it('with no frame, a grid around the view centre', () => {
    const slots = brainstormSlots(null, { x: 1000, y: 500 }, 8, []);
    expect(slots).toHaveLength(8);
    expect(slots.some((s) => rectsOverlap(box(s), { x: 999, y: 499, width: 2, height: 2 }))).toBe(true);
    for (let i = 0; i < slots.length; i++)
      for (let j = i + 1; j < slots.length; j++) expect(rectsOverlap(box(slots[i]!), box(slots[j]!))).toBe(false);
  });

  it('nothing asked, nothing given', () => {
    expect(brainstormSlots(frame, { x: 0, y: 0 }, 0, [])).toEqual([]);
  });
});

describe('placeDrafts', () => {
  it('cell drafts go to the end of their cell; the rest to free slots, not over free notes', () => {
    let seq = 0;
    const existing = [note('free', { ...brainstormSlots(frame, { x: 0, y: 0 }, 1, [])[0]! })];
    const placed = placeDrafts(
      [
        { text: 'a', stageId: 's2', laneId: 'l2', kind: 'pain_point', author: 'Ana' },
        { text: 'b', stageId: null, laneId: null, kind: null, author: null },
        { text: 'c', stageId: 's9', laneId: 'l1', kind: 'action', author: null },
      ],
      { frame, center: { x: 0, y: 0 }, notes: existing, newId: () => `n${++seq}` },
    );
    expect(placed.map((n) => [n.id, n.text, n.stageId, n.laneId, n.kind, n.author])).toEqual([
      ['n1', 'a', 's2', 'l2', 'pain_point', 'Ana'],
      ['n2', 'b', null, null, null, null],
      // A stage the frame does not have: the brainstorm area, kind kept.
      ['n3', 'c', null, null, 'action', null],
    ]);
    const cell = frame.cells.find((c) => c.stageId === 's2' && c.laneId === 'l2')!;
    expect(rectsOverlap(box(placed[0]!), cell.rect)).toBe(true);
    for (const n of placed.slice(1)) {
      expect(rectsOverlap(box(n), existing[0]!)).toBe(false);
      expect(rectsOverlap(box(n), frame.rect)).toBe(false);
    }
  });
});

describe('acceptChanges', () => {
  it('sets stage, lane, kind and sentiment and puts the note at the end of its cell', () => {
    const [c] = acceptChanges(
      [{ noteId: 'n1', stageId: 's1', laneId: 'l2', kind: 'pain_point', sentiment: -1 }],
      frame,
    );
    const end = cellEnd(frame, 's1', 'l2')!;
    expect(c).toEqual({
      type: 'note',
      op: 'update',
      id: 'n1',
      patch: { stageId: 's1', laneId: 'l2', kind: 'pain_point', sentiment: -1, x: end.x, y: end.y },
    });
  });
});

describe('mergeChanges', () => {
  it('keeps the first note with the longest text, every author, the union of channels and personas; deletes the rest', () => {
    const group = [
      note('a', { text: 'Slow checkout', author: 'Ana', channels: ['web'], personaIds: ['p1'] }),
      note('b', { text: '  Checkout is slow on the phone  ', author: 'Bo', channels: ['app', 'web'] }),
      note('c', { text: 'slow checkout!', author: 'Ana', personaIds: ['p2', 'p1'] }),
      note('d', { text: 'checkout slow', author: null }),
    ];
    expect(mergeChanges(group)).toEqual([
      {
        type: 'note',
        op: 'update',
        id: 'a',
        patch: {
          text: 'Checkout is slow on the phone',
          author: 'Ana, Bo',
          channels: ['web', 'app'],
          personaIds: ['p1', 'p2'],
        },
      },
      { type: 'note', op: 'delete', id: 'b' },
      { type: 'note', op: 'delete', id: 'c' },
      { type: 'note', op: 'delete', id: 'd' },
    ]);
  });
  it('no authors: null; fewer than two notes: nothing', () => {
    expect(mergeChanges([note('a'), note('b', { text: 'longer' })])[0]).toMatchObject({
      patch: { author: null, text: 'longer' },
    });
    expect(mergeChanges([note('a')])).toEqual([]);
  });
});

describe('freeRects', () => {
  it('only notes outside a cell', () => {
    expect(
      freeRects([note('a', { x: 5 }), note('b', { stageId: 's1', laneId: 'l1' }), note('c', { stageId: 's1' })]).map(
        (r) => r.x,
      ),
    ).toEqual([5, 0]);
  });
});

describe('brainstormSlots at workshop scale', () => {
  it('places 20,000 notes beside 5,000 free ones without covering any', () => {
    const first = brainstormSlots(frame, { x: 0, y: 0 }, 10_000, []);
    const avoid = first.filter((_, i) => i % 2 === 0).map(box);
    const slots = brainstormSlots(frame, { x: 0, y: 0 }, 20_000, avoid);
    expect(slots).toHaveLength(20_000);
    const taken = new Set(avoid.map((r) => `${r.x},${r.y}`));
    expect(slots.some((s) => taken.has(`${s.x},${s.y}`))).toBe(false);
    expect(new Set(slots.map((s) => `${s.x},${s.y}`)).size).toBe(20_000);
  });
});
