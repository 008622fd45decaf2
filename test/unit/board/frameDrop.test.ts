import { describe, expect, test } from 'vitest';
import { allHaveChannel, dropChanges, dropTargetOf, readingOrder, scoreAtY, toggleChannelChanges, type DropNote } from '../../../shared/board/frameDrop';
import type { LaneKind } from '../../../shared/domain';

const kinds: Record<string, LaneKind> = { a: 'actions', e: 'emotions', c: 'custom' };
const kindOf = (id: string) => kinds[id];
const n = (id: string, extra: Partial<DropNote> = {}): DropNote => ({ id, x: 10, y: 20, stageId: null, laneId: null, kind: null, ...extra });

describe('dropTargetOf', () => {
  test('a cell takes the notes with its lane kind; outside frees them; a header leaves them be', () => {
    expect(dropTargetOf({ type: 'cell', stageId: 's1', laneId: 'e', stageIndex: 0, laneIndex: 1, collapsed: false }, kindOf)).toEqual({
      type: 'cell',
      stageId: 's1',
      laneId: 'e',
      laneKind: 'emotions',
    });
    expect(dropTargetOf(null, kindOf)).toEqual({ type: 'free' });
    expect(dropTargetOf({ type: 'stage', id: 's1', index: 0 }, kindOf)).toEqual({ type: 'none' });
    expect(dropTargetOf({ type: 'corner' }, kindOf)).toEqual({ type: 'none' });
    // A lane the board does not know counts as custom: it gives no kind.
    expect(dropTargetOf({ type: 'cell', stageId: 's1', laneId: 'zz', stageIndex: 0, laneIndex: 0, collapsed: false }, kindOf)).toMatchObject({ laneKind: 'custom' });
  });
});

describe('dropChanges', () => {
  test('into a cell: stage, lane, the lane kind and the dropped position', () => {
    expect(dropChanges([n('x')], 5.4, -3.6, { type: 'cell', stageId: 's', laneId: 'a', laneKind: 'actions' })).toEqual([
      { type: 'note', op: 'update', id: 'x', patch: { x: 15, y: 16, stageId: 's', laneId: 'a', kind: 'action' } },
    ]);
  });
  test('a custom lane keeps the note kind', () => {
    const [c] = dropChanges([n('x', { kind: 'thought' })], 0, 0, { type: 'cell', stageId: 's', laneId: 'c', laneKind: 'custom' });
    expect(c).toEqual({ type: 'note', op: 'update', id: 'x', patch: { x: 10, y: 20, stageId: 's', laneId: 'c' } });
  });
  test('out of the frame frees every note where it was dropped; a header drop only moves', () => {
    const notes = [n('x', { stageId: 's', laneId: 'a', kind: 'action' }), n('y', { x: 200 })];
    expect(dropChanges(notes, 100, 0, { type: 'free' })).toEqual([
      { type: 'note', op: 'update', id: 'x', patch: { x: 110, y: 20, stageId: null, laneId: null } },
      { type: 'note', op: 'update', id: 'y', patch: { x: 300, y: 20, stageId: null, laneId: null } },
    ]);
    expect(dropChanges(notes, 1, 1, { type: 'none' })).toEqual([
      { type: 'note', op: 'update', id: 'x', patch: { x: 11, y: 21 } },
      { type: 'note', op: 'update', id: 'y', patch: { x: 201, y: 21 } },
    ]);
  });
});

describe('readingOrder', () => {
  test('top edge first, then left, then id', () => {
    const list = [
      { id: 'c', x: 0, y: 50 },
      { id: 'b', x: 100, y: 0 },
      { id: 'a', x: 0, y: 0 },
      { id: 'd', x: 0, y: 0 },
    ];
    expect(list.sort(readingOrder).map((p) => p.id)).toEqual(['a', 'd', 'b', 'c']);
  });
});

describe('channels', () => {
  test('adds to those missing it, removes from all when all have it, keeps CHANNELS order', () => {
    const notes = [
      { id: 'x', channels: ['web' as const] },
      { id: 'y', channels: ['email' as const] },
    ];
    expect(allHaveChannel(notes, 'web')).toBe(false);
    expect(toggleChannelChanges(notes, 'web')).toEqual([{ type: 'note', op: 'update', id: 'y', patch: { channels: ['web', 'email'] } }]);
    const both = [
      { id: 'x', channels: ['web' as const, 'app' as const] },
      { id: 'y', channels: ['web' as const] },
    ];
    expect(allHaveChannel(both, 'web')).toBe(true);
    expect(toggleChannelChanges(both, 'web')).toEqual([
      { type: 'note', op: 'update', id: 'x', patch: { channels: ['app'] } },
      { type: 'note', op: 'update', id: 'y', patch: { channels: [] } },
    ]);
    expect(allHaveChannel([], 'web')).toBe(false);
  });
});

describe('scoreAtY', () => {
  test('+2 at the top, -2 at the bottom, snapped to halves and clamped', () => {
    expect(scoreAtY(100, 100, 300)).toBe(2);
    expect(scoreAtY(300, 100, 300)).toBe(-2);
    expect(scoreAtY(200, 100, 300)).toBe(0);
    expect(Object.is(scoreAtY(201, 100, 300), 0)).toBe(true);
    expect(scoreAtY(160, 100, 300)).toBe(1);
    expect(scoreAtY(130, 100, 300)).toBe(1.5);
    expect(scoreAtY(140, 100, 300)).toBe(1);
    expect(scoreAtY(-500, 100, 300)).toBe(2);
    expect(scoreAtY(900, 100, 300)).toBe(-2);
    expect(scoreAtY(5, 10, 10)).toBe(0);
  });
});
