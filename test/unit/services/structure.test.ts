import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { FRAME_ORIGIN, layoutFrame, rectsOverlap } from '../../../shared/journey/index';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let map: JourneyMap;
beforeEach(() => {
  core = testCore();
  map = core.call('maps.create', { title: 'Workshop' });
});
afterEach(() => core.close());

const get = () => core.call('maps.get', { id: map.id });

describe('stages', () => {
  it('create appends, or inserts at an index, keeping positions 0..n-1', () => {
    const a = core.call('stages.create', { mapId: map.id, name: 'Awareness' });
    const c = core.call('stages.create', { mapId: map.id, name: 'Purchase', description: 'pays' });
    const b = core.call('stages.create', { mapId: map.id, name: 'Consideration', index: 1 });
    expect(get().stages.map((s) => [s.name, s.position])).toEqual([
      ['Awareness', 0],
      ['Consideration', 1],
      ['Purchase', 2],
    ]);
    expect([a.position, b.position]).toEqual([0, 1]);
    expect(c.description).toBe('pays');
  });

  it('update renames and describes', () => {
    const s = core.call('stages.create', { mapId: map.id, name: 'Join' });
    expect(core.call('stages.update', { id: s.id, name: 'Sign up', description: 'creates an account' })).toMatchObject({
      name: 'Sign up',
      description: 'creates an account',
    });
    expect(core.fail('stages.update', { id: s.id, name: '' }).code).toBe('invalid_input');
    expect(core.fail('stages.update', { id: 'ghost', name: 'x' }).code).toBe('not_found');
  });

  it('reorder takes every stage once and refuses anything else', () => {
    const [a, b, c] = ['A', 'B', 'C'].map((name) => core.call('stages.create', { mapId: map.id, name }));
    core.call('stages.reorder', { mapId: map.id, ids: [c!.id, a!.id, b!.id] });
    expect(get().stages.map((s) => s.name)).toEqual(['C', 'A', 'B']);
    const e = core.fail('stages.reorder', { mapId: map.id, ids: [a!.id, b!.id] });
    expect(e).toEqual({ code: 'invalid_input', message: 'ids: give every stage of this map exactly once, in the new order (the map has 3 stages).' });
    expect(core.fail('stages.reorder', { mapId: map.id, ids: [a!.id, a!.id, b!.id] }).code).toBe('invalid_input');
    expect(get().stages.map((s) => s.name)).toEqual(['C', 'A', 'B']);
  });

  it('delete never deletes notes: they return to the free board beside the frame, overlapping nothing', () => {
    const s = core.call('stages.create', { mapId: map.id, name: 'Use' });
    const keep = core.call('stages.create', { mapId: map.id, name: 'Leave' });
    const lane = map.lanes[0]!;
    core.call('notes.createMany', {
      mapId: map.id,
      notes: [
        { text: 'in the stage', x: 0, y: 0, stageId: s.id, laneId: lane.id },
        { text: 'also in it', x: 200, y: 0, stageId: s.id, laneId: lane.id },
        { text: 'elsewhere', x: 1000, y: 0, stageId: keep.id, laneId: lane.id },
        // Already on the free board, just where the freed notes would go first.
        { text: 'brainstorm', x: 2000, y: 0 },
      ],
    });
    const before = get();
    const frameBefore = frameOf(before);
    core.call('notes.updateMany', { mapId: map.id, notes: [{ id: before.notes[3]!.id, x: frameBefore.rect.x + frameBefore.rect.width - 300 + 80, y: 0 }] });

    expect(core.call('stages.delete', { id: s.id })).toEqual({ id: s.id, freedNotes: 2 });
    const after = get();
    expect(after.stages.map((x) => [x.name, x.position])).toEqual([['Leave', 0]]);
    const frame = frameOf(after);
    const freed = after.notes.filter((n) => n.text === 'in the stage' || n.text === 'also in it');
    expect(freed).toHaveLength(2);
    for (const n of freed) {
      expect(n.stageId).toBeNull();
      expect(n.laneId).toBeNull();
      expect(rectsOverlap(n, frame.rect)).toBe(false);
      for (const other of after.notes) if (other.id !== n.id && !other.stageId) expect(rectsOverlap(n, other)).toBe(false);
    }
    expect(after.notes.find((n) => n.text === 'elsewhere')).toMatchObject({ stageId: keep.id, laneId: lane.id });
  });
});

function frameOf(m: JourneyMap) {
  return layoutFrame({
    origin: FRAME_ORIGIN,
    stages: m.stages.map((s) => ({ id: s.id })),
    lanes: m.lanes.map((l) => ({ id: l.id, collapsed: l.collapsed, kind: l.kind })),
    notes: m.notes,
  });
}

describe('lanes', () => {
  it('create a custom lane at an index; rename, collapse, change kind', () => {
    const l = core.call('lanes.create', { mapId: map.id, name: 'Backstage', index: 2 });
    expect(l.kind).toBe('custom');
    expect(get().lanes.map((x) => x.name).slice(0, 4)).toEqual(['Actions', 'Touchpoints', 'Backstage', 'Channels']);
    expect(core.call('lanes.update', { id: l.id, name: 'Systems', collapsed: true })).toMatchObject({ name: 'Systems', collapsed: true });
    expect(core.call('lanes.update', { id: l.id, kind: 'thoughts' }).kind).toBe('thoughts');
    expect(core.fail('lanes.update', { id: l.id, kind: 'gossip' }).code).toBe('invalid_input');
  });

  it('reorder and delete (notes kept on the free board)', () => {
    const ids = map.lanes.map((l) => l.id);
    core.call('lanes.reorder', { mapId: map.id, ids: [...ids].reverse() });
    expect(get().lanes[0]!.name).toBe('Opportunities');
    const pain = map.lanes[5]!;
    core.call('notes.create', { mapId: map.id, text: 'hidden fees', x: 0, y: 0, laneId: pain.id, kind: 'pain_point' });
    expect(core.call('lanes.delete', { id: pain.id })).toEqual({ id: pain.id, freedNotes: 1 });
    const after = get();
    expect(after.lanes).toHaveLength(6);
    expect(after.lanes.map((l) => l.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(after.notes[0]).toMatchObject({ text: 'hidden fees', laneId: null, kind: 'pain_point' });
  });
});
