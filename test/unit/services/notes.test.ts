import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let map: JourneyMap;
beforeEach(() => {
  core = testCore();
  map = core.call('maps.create', { title: 'Workshop' });
});
afterEach(() => core.close());

const notes = () => core.call('maps.get', { id: map.id }).notes;

describe('notes', () => {
  it('create fills defaults and returns the note', () => {
    const n = core.call('notes.create', { mapId: map.id, text: '40 min on hold', x: 12.5, y: -40 });
    expect(n).toMatchObject({
      mapId: map.id,
      text: '40 min on hold',
      x: 12.5,
      y: -40,
      width: 160,
      height: 160,
      color: 'yellow',
      stageId: null,
      laneId: null,
      kind: null,
      sentiment: null,
      author: null,
    });
    expect(notes()).toEqual([n]);
  });

  it('create keeps a client-given id (optimistic creation, undo of a delete)', () => {
    const n = core.call('notes.create', { mapId: map.id, id: 'client-1', text: 'x', x: 0, y: 0 });
    expect(n.id).toBe('client-1');
    expect(core.fail('notes.create', { mapId: map.id, id: 'client-1', text: 'again', x: 0, y: 0 }).code).toBe('conflict');
  });

  it('createMany is all or nothing: one bad note and none is written', () => {
    const e = core.fail('notes.createMany', {
      mapId: map.id,
      notes: [
        { text: 'fine', x: 0, y: 0 },
        { text: 'in a stage that is not there', x: 0, y: 0, stageId: 'ghost' },
      ],
    });
    expect(e).toEqual({ code: 'not_found', message: 'notes[1]: no stage "ghost" in this map.' });
    expect(notes()).toEqual([]);
  });

  it('updateMany patches several notes in one call and keeps what it was not given', () => {
    const [a, b] = core.call('notes.createMany', {
      mapId: map.id,
      notes: [
        { text: 'a', x: 0, y: 0, color: 'pink' },
        { text: 'b', x: 200, y: 0 },
      ],
    });
    core.tick();
    const lane = map.lanes[0]!;
    const updated = core.call('notes.updateMany', {
      mapId: map.id,
      notes: [
        { id: a!.id, x: 50, y: 60 },
        { id: b!.id, text: 'b, edited', laneId: lane.id, kind: 'action', sentiment: -1 },
      ],
    });
    expect(updated[0]).toMatchObject({ x: 50, y: 60, text: 'a', color: 'pink' });
    expect(updated[1]).toMatchObject({ text: 'b, edited', laneId: lane.id, kind: 'action', sentiment: -1, x: 200 });
    expect(updated[1]!.updatedAt).toBe(b!.updatedAt + 1000);
    expect(notes()).toEqual(updated);
  });

  it('updateMany rolls back every patch when one names an unknown note', () => {
    const [a] = core.call('notes.createMany', { mapId: map.id, notes: [{ text: 'a', x: 0, y: 0 }] });
    const e = core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: a!.id, x: 999 }, { id: 'ghost', x: 1 }] });
    expect(e.code).toBe('not_found');
    expect(e.message).toContain('notes[1]: no note "ghost"');
    expect(notes()[0]!.x).toBe(0);
  });

  it('a note of another map cannot be changed or deleted through this map', () => {
    const other = core.call('maps.create', { title: 'Other' });
    const n = core.call('notes.create', { mapId: other.id, text: 'theirs', x: 0, y: 0 });
    expect(core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: n.id, text: 'mine' }] }).code).toBe('not_found');
    expect(core.fail('notes.deleteMany', { mapId: map.id, ids: [n.id] }).code).toBe('not_found');
    expect(core.call('maps.get', { id: other.id }).notes[0]!.text).toBe('theirs');
  });

  it('deleteMany removes the notes and is all or nothing', () => {
    const [a, b] = core.call('notes.createMany', { mapId: map.id, notes: [{ text: 'a', x: 0, y: 0 }, { text: 'b', x: 0, y: 0 }] });
    expect(core.fail('notes.deleteMany', { mapId: map.id, ids: [a!.id, 'ghost'] }).code).toBe('not_found');
    expect(notes()).toHaveLength(2);
    expect(core.call('notes.deleteMany', { mapId: map.id, ids: [a!.id, b!.id] })).toEqual({ deleted: 2 });
    expect(notes()).toEqual([]);
  });

  describe('refuses bad input and changes nothing', () => {
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['text over 5,000 characters', { text: 'x'.repeat(5001), x: 0, y: 0 }, /^text: a note's text is at most 5000 characters\.$/],
      ['NaN x', { text: 'a', x: NaN, y: 0 }, /^x: expected number, received NaN\.$/],
      ['infinite y', { text: 'a', x: 0, y: Infinity }, /^y: expected number, received Infinity\.$/],
      ['a coordinate far off the board', { text: 'a', x: 1e12, y: 0 }, /^x: must be within/],
      ['x as a string', { text: 'a', x: '10', y: 0 }, /^x: expected number, received string\.$/],
      ['a missing text', { x: 0, y: 0 }, /^text: expected string, received undefined\.$/],
      ['an unknown colour', { text: 'a', x: 0, y: 0, color: 'chartreuse' }, /^color: /],
      ['a tiny width', { text: 'a', x: 0, y: 0, width: 2 }, /^width: must be between 40 and 2000\.$/],
      ['sentiment out of range', { text: 'a', x: 0, y: 0, sentiment: 3 }, /^sentiment: /],
      ['an unknown kind', { text: 'a', x: 0, y: 0, kind: 'rumour' }, /^kind: /],
    ];
    for (const [what, note, message] of bad) {
      it(what, () => {
        const e = core.fail('notes.create', { mapId: map.id, ...note });
        expect(e.code).toBe('invalid_input');
        expect(e.message).toMatch(message);
        expect(notes()).toEqual([]);
      });
    }

    it('an unknown map', () => {
      expect(core.fail('notes.create', { mapId: 'ghost', text: 'a', x: 0, y: 0 }).code).toBe('not_found');
    });

    it('an empty batch', () => {
      expect(core.fail('notes.updateMany', { mapId: map.id, notes: [] }).message).toBe('notes: give at least one.');
    });

    it('a patch with NaN inside a batch', () => {
      const n = core.call('notes.create', { mapId: map.id, text: 'a', x: 0, y: 0 });
      const e = core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: n.id, x: 5 }, { id: n.id, y: NaN }] });
      expect(e.message).toBe('notes.1.y: expected number, received NaN.');
      expect(notes()[0]!.x).toBe(0);
    });
  });
});
