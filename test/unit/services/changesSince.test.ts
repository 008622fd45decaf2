/**
 * changes.since: the records written after a live change's revision, as stored now, from the
 * change feed's journal; the whole map when the journal cannot say.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreChange } from '../../../shared/api';
import { JOURNAL_KEYS, JOURNAL_MAPS } from '../../../electron/services/changeFeed';
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

const last = () => heard[heard.length - 1]!.revision;

describe('changes.since', () => {
  it('answers the records written since a revision, each once, as stored now; a deleted one as null', () => {
    const m = core.call('maps.create', { title: 'Live', template: 'blank' });
    const a = core.call('notes.create', { mapId: m.id, text: 'a', x: 0, y: 0 });
    const base = last();
    const b = core.call('notes.create', { mapId: m.id, text: 'b', x: 10, y: 0 });
    core.call('notes.updateMany', { mapId: m.id, notes: [{ id: b.id, text: 'b2' }] });
    core.call('notes.updateMany', { mapId: m.id, notes: [{ id: b.id, text: 'b3' }] });
    core.call('notes.deleteMany', { mapId: m.id, ids: [a.id] });
    const answer = core.call('changes.since', { mapId: m.id, revision: base });
    expect(answer.map).toBeNull();
    expect(answer.revision).toBe(last());
    const byId = Object.fromEntries(answer.records.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([a.id, b.id].sort());
    expect(byId[a.id]).toEqual({ type: 'note', id: a.id, record: null });
    expect(byId[b.id]!.record).toMatchObject({ id: b.id, mapId: m.id, text: 'b3', x: 10 });
    // The notes' writes touched the map's row too (its updatedAt): the header comes along.
    expect(answer.header).toMatchObject({ id: m.id, title: 'Live' });
  });

  it('nothing new since the last revision: no records; another map\'s writes are not this map\'s', () => {
    const m = core.call('maps.create', { title: 'One' });
    const other = core.call('maps.create', { title: 'Other' });
    core.call('notes.create', { mapId: m.id, text: 'x', x: 0, y: 0 });
    const base = last();
    core.call('notes.create', { mapId: other.id, text: 'y', x: 0, y: 0 });
    const answer = core.call('changes.since', { mapId: m.id, revision: base });
    expect(answer).toMatchObject({ map: null, header: null, records: [] });
    expect(answer.revision).toBe(last());
  });

  it('covers every record type (votes, stages, ...), and records a cascade deleted', () => {
    const m = core.call('maps.create', { title: 'Votes', template: 'blank' });
    const note = core.call('notes.create', { mapId: m.id, text: 'vote me', x: 0, y: 0 });
    const p = core.call('participants.create', { mapId: m.id, name: 'Ada' });
    const round = core.call('rounds.create', { mapId: m.id, title: 'Top pains', target: 'any' });
    const base = last();
    core.call('votes.cast', { roundId: round.id, participantId: p.id, noteId: note.id });
    let answer = core.call('changes.since', { mapId: m.id, revision: base });
    const vote = answer.records.find((r) => r.type === 'vote');
    expect(vote?.record).toMatchObject({ roundId: round.id, noteId: note.id, count: 1 });
    const after = answer.revision;
    core.call('notes.deleteMany', { mapId: m.id, ids: [note.id] });
    answer = core.call('changes.since', { mapId: m.id, revision: after });
    expect(answer.records).toEqual(expect.arrayContaining([
      { type: 'note', id: note.id, record: null },
      { type: 'vote', id: vote!.id, record: null },
    ]));
  });

  it('the whole map when the changes are not known: no revision, another feed, a revision it never gave, or older than the journal', () => {
    const m = core.call('maps.create', { title: 'Full' });
    core.call('notes.create', { mapId: m.id, text: 'x', x: 0, y: 0 });
    const { feed } = core.call('changes.since', { mapId: m.id, revision: 0 });
    for (const input of [
      { mapId: m.id, revision: null },
      { mapId: m.id, revision: 0, feed: 'another-run' },
      { mapId: m.id, revision: last() + 5, feed },
    ]) {
      const answer = core.call('changes.since', input);
      expect(answer.map?.notes.map((n) => n.text)).toEqual(['x']);
      expect(answer.records).toEqual([]);
    }
    const base = last();
    // One write of more records than the journal keeps: anything before it is answered whole.
    core.call('notes.createMany', { mapId: m.id, notes: Array.from({ length: JOURNAL_KEYS + 1 }, (_, i) => ({ text: `n${i}`, x: i, y: 0 })) });
    const answer = core.call('changes.since', { mapId: m.id, revision: base, feed });
    expect(answer.map?.notes.length).toBeGreaterThan(JOURNAL_KEYS);
    // A recent revision is still answered record by record.
    const recent = last();
    core.call('notes.create', { mapId: m.id, text: 'late', x: 0, y: 0 });
    const delta = core.call('changes.since', { mapId: m.id, revision: recent, feed });
    expect(delta.map).toBeNull();
    expect(delta.records.map((r) => r.record && 'text' in r.record ? r.record.text : null)).toEqual(['late']);
  });

  it('keeps the journal of the maps written most recently: an older map is answered whole for what it no longer knows', () => {
    const first = core.call('maps.create', { title: 'First' });
    const before = last();
    core.call('notes.create', { mapId: first.id, text: 'early', x: 0, y: 0 });
    const afterFirst = last();
    for (let i = 0; i < JOURNAL_MAPS; i++) core.call('maps.create', { title: `Map ${i}` });
    const { feed } = core.call('changes.since', { mapId: first.id, revision: afterFirst });
    expect(core.call('changes.since', { mapId: first.id, revision: before, feed }).map?.notes.map((n) => n.text)).toEqual(['early']);
    // Nothing written to it since its journal went: nothing to answer.
    expect(core.call('changes.since', { mapId: first.id, revision: afterFirst, feed })).toMatchObject({ map: null, records: [] });
    core.call('notes.create', { mapId: first.id, text: 'late', x: 0, y: 0 });
    const delta = core.call('changes.since', { mapId: first.id, revision: afterFirst, feed });
    expect(delta.map).toBeNull();
    expect(delta.records.map((r) => (r.record && 'text' in r.record ? r.record.text : null))).toEqual(['late']);
  });

  it('refuses a missing map and bad input, and writes nothing', () => {
    const m = core.call('maps.create', { title: 'Here' });
    heard.length = 0;
    expect(core.fail('changes.since', { mapId: 'nope', revision: 0 }).code).toBe('not_found');
    expect(core.fail('changes.since', { mapId: m.id, revision: -1 }).message).toMatch(/revision/);
    expect(core.fail('changes.since', { mapId: m.id, revision: 1.5 }).message).toMatch(/revision/);
    expect(heard).toEqual([]);
  });
});
