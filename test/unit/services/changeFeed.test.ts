import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreChange } from '../../../shared/api';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let heard: StoreChange[];
let stop: () => void;

beforeEach(() => {
  core = testCore();
  heard = [];
  stop = core.onChange((c) => heard.push(c));
});
afterEach(() => {
  stop();
  core.close();
});

describe('store-change feed', () => {
  it('names the map each committed write changed, with a growing revision', () => {
    const a = core.call('maps.create', { title: 'A', template: 'blank' });
    const b = core.call('maps.create', { title: 'B' });
    expect(heard.map((c) => c.mapId)).toEqual([a.id, b.id]);
    heard.length = 0;
    core.call('notes.create', { mapId: b.id, text: 'hello', x: 0, y: 0 });
    // stages.update names no map in its input: the store itself says which map changed.
    core.call('stages.update', { id: a.stages[0]!.id, name: 'Renamed' });
    core.call('maps.setCamera', { id: a.id, camera: { x: 1, y: 2, zoom: 1 } });
    expect(heard.map((c) => c.mapId)).toEqual([b.id, a.id, a.id]);
    const revisions = heard.map((c) => c.revision);
    expect([...revisions].sort((x, y) => x - y)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(revisions.length);
  });

  it('one event per map per write, however many rows it touched', () => {
    const m = core.call('maps.create', { title: 'Many' });
    heard.length = 0;
    core.call('notes.createMany', { mapId: m.id, notes: Array.from({ length: 50 }, (_, i) => ({ text: `n${i}`, x: i, y: 0 })) });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.mapId).toBe(m.id);
  });

  it('says nothing for reads, refused writes and rolled-back batches', () => {
    const m = core.call('maps.create', { title: 'Quiet' });
    heard.length = 0;
    core.call('maps.get', { id: m.id });
    core.call('maps.list', {});
    core.fail('notes.create', { mapId: m.id, text: 'x'.repeat(100_000), x: 0, y: 0 });
    const made = core.call('notes.create', { mapId: m.id, text: 'kept', x: 0, y: 0 });
    heard.length = 0;
    // The first change would land, the second is refused: the batch rolls back whole.
    core.fail('changes.apply', {
      mapId: m.id,
      changes: [
        { type: 'note', op: 'update', id: made.id, patch: { text: 'changed' } },
        { type: 'note', op: 'update', id: 'no-such-note', patch: { text: 'x' } },
      ],
    });
    expect(heard).toEqual([]);
    core.call('notes.updateMany', { mapId: m.id, notes: [{ id: made.id, text: 'now' }] });
    expect(heard.map((c) => c.mapId)).toEqual([m.id]);
  });

  it('a deleted map is reported; a listener that throws does not undo the write', () => {
    const m = core.call('maps.create', { title: 'Gone' });
    const off = core.onChange(() => {
      throw new Error('listener broke');
    });
    heard.length = 0;
    const errors = console.error;
    console.error = () => {};
    try {
      core.call('maps.delete', { id: m.id });
    } finally {
      console.error = errors;
      off();
    }
    expect(heard.map((c) => c.mapId)).toEqual([m.id]);
    expect(core.call('maps.list', {}).some((x) => x.id === m.id)).toBe(false);
  });
});
