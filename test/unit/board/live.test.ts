/**
 * The board following the store live (issue 14): another client's writes (a phone through the
 * room, another window) reach the board's document through `changes.since`, merged as the store's
 * (no undo step, nothing written back), while the person's own edits win and the undo history
 * stays usable. Real store (SQLite in memory), the real change feed as `api.subscribe`.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { BoardDocument } from '../../../renderer/board/document';
import { BoardSync } from '../../../renderer/board/sync';
import type { JourneyboardApi, MethodName, StoreChangeEvent } from '../../../shared/api';
import { valueOf } from '../../../shared/board/history';
import { ApiError } from '../../../shared/errors';
import { boardNote } from '../../fixtures/notes';
import { testCore } from '../helpers';

const opened: (() => void)[] = [];
afterEach(() => {
  for (const close of opened.splice(0)) close();
});

function open(options: { queueDelayMs?: number } = {}) {
  const core = testCore();
  const calls: MethodName[] = [];
  const subscribers = new Set<(e: StoreChangeEvent) => void>();
  let connected = true;
  core.onChange((c) => {
    if (!connected) return;
    for (const cb of [...subscribers]) cb(c);
  });
  const api: JourneyboardApi = {
    call: async (method, input) => {
      await Promise.resolve();
      calls.push(method);
      const r = core.dispatch(method, JSON.parse(JSON.stringify(input)));
      if (!r.ok) throw ApiError.fromBody(r.error);
      return JSON.parse(JSON.stringify(r.value)) as never;
    },
    subscribe: (mapId, cb) => {
      const own = (e: StoreChangeEvent) => (e.mapId === mapId || e.resync) && cb(e);
      subscribers.add(own);
      return () => subscribers.delete(own);
    },
  };
  const created = core.call('maps.create', { title: 'Workshop', template: 'blank' });
  const map = core.call('maps.get', { id: created.id });
  const doc = new BoardDocument(map);
  const sync = new BoardSync({ mapId: map.id, api, doc, queue: { delayMs: options.queueDelayMs ?? 0, retryMs: 1 } });
  sync.live(api.subscribe!, { intervalMs: 0, delayMs: 0 });
  opened.push(() => {
    sync.dispose();
    core.close();
  });
  /** Every read and write settled. */
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await sync.whenIdle();
      await sync.whenLiveIdle();
    }
  };
  const stored = () => core.call('maps.get', { id: map.id });
  /** The live channel drops (changes are not heard) and comes back (`resync`). */
  const drop = () => (connected = false);
  const back = () => {
    connected = true;
    for (const cb of [...subscribers]) cb({ mapId: map.id, revision: 0, resync: true });
  };
  return { core, doc, sync, calls, settle, stored, mapId: map.id, drop, back };
}

describe('the board follows the store live', () => {
  test("another client's notes appear, change and go, with no undo step and nothing written back", async () => {
    const { core, doc, sync, calls, settle, mapId } = open();
    await settle();
    const a = core.call('notes.create', { mapId, text: 'from a phone', x: 10, y: 20, author: 'Ada' });
    await settle();
    expect(doc.note(a.id)).toMatchObject({ text: 'from a phone', x: 10, y: 20, author: 'Ada' });
    core.call('notes.updateMany', { mapId, notes: [{ id: a.id, text: 'edited on the phone' }] });
    await settle();
    expect(doc.note(a.id)!.text).toBe('edited on the phone');
    expect(doc.index.has(a.id)).toBe(true);
    core.call('notes.deleteMany', { mapId, ids: [a.id] });
    await settle();
    expect(doc.note(a.id)).toBeUndefined();
    expect(doc.index.has(a.id)).toBe(false);
    expect(doc.history.canUndo).toBe(false);
    expect(calls).not.toContain('changes.apply');
    expect(calls).not.toContain('maps.get');
    expect(sync.liveStats.full).toBe(0);
  });

  test('every record type, from the registry: a vote cast elsewhere reaches the document, and goes with its note', async () => {
    const { core, doc, settle, mapId } = open();
    const note = core.call('notes.create', { mapId, text: 'pain', x: 0, y: 0 });
    const p = core.call('participants.create', { mapId, name: 'Ada' });
    const round = core.call('rounds.create', { mapId, title: 'Top pains', target: 'any' });
    const vote = core.call('votes.cast', { roundId: round.id, participantId: p.id, noteId: note.id });
    await settle();
    expect(doc.get('participant', p.id)?.name).toBe('Ada');
    expect(doc.get('round', round.id)?.status).toBe('open');
    expect(doc.get('vote', vote.id)).toMatchObject({ noteId: note.id, count: 1 });
    core.call('notes.deleteMany', { mapId, ids: [note.id] });
    await settle();
    expect(doc.get('vote', vote.id)).toBeUndefined();
  });

  test('a burst of writes elsewhere is read in one go', async () => {
    const { core, doc, sync, settle, mapId } = open();
    await settle();
    const before = sync.liveStats.reads;
    for (let i = 0; i < 100; i++) core.call('notes.create', { mapId, text: `n${i}`, x: i * 10, y: 0 });
    await settle();
    expect(doc.notes.size).toBe(100);
    expect(sync.liveStats.reads - before).toBe(1);
  });

  test("the echo of the board's own saves changes nothing in the document", async () => {
    const { doc, sync, settle, stored } = open();
    await settle();
    let heard = 0;
    doc.onChange((e) => e.source === 'store' && heard++);
    doc.commit('Add', [{ type: 'note', op: 'create', id: 'local-1', value: valueOf(boardNote('local-1', { text: 'mine' })) }]);
    await settle();
    doc.commit('Move', [{ type: 'note', op: 'update', id: 'local-1', patch: { x: 300 } }]);
    await settle();
    expect(stored().notes.find((n) => n.id === 'local-1')).toMatchObject({ text: 'mine', x: 300 });
    expect(sync.liveStats.reads).toBeGreaterThan(1);
    expect(sync.liveStats.applied).toBe(0);
    expect(heard).toBe(0);
    expect(doc.history.size).toBe(2);
  });

  test('a local edit not yet saved wins over a change made elsewhere, is saved over it, and the next change settles the board', async () => {
    const { core, doc, sync, settle, stored, mapId } = open({ queueDelayMs: 60_000 });
    const n = core.call('notes.create', { mapId, text: 'first', x: 0, y: 0 });
    await settle();
    expect(doc.note(n.id)!.text).toBe('first');
    doc.commit('Edit text', [{ type: 'note', op: 'update', id: n.id, patch: { text: 'the facilitator typed this' } }]);
    // Elsewhere, meanwhile: the same note's text and colour.
    core.call('notes.updateMany', { mapId, notes: [{ id: n.id, text: 'a phone typed this', color: 'pink' }] });
    await sync.whenLiveIdle();
    expect(doc.note(n.id)).toMatchObject({ text: 'the facilitator typed this', color: 'yellow' });
    sync.flush();
    await settle();
    // Saved over the store's text; the colour, which the board did not edit, comes from elsewhere.
    expect(stored().notes.find((x) => x.id === n.id)).toMatchObject({ text: 'the facilitator typed this', color: 'pink' });
    expect(doc.note(n.id)).toMatchObject({ text: 'the facilitator typed this', color: 'pink' });
    // Undo is the person's own step: back to the text before their edit.
    doc.undo();
    expect(doc.note(n.id)!.text).toBe('first');
  });

  test('a note deleted elsewhere disappears; undo passes over what it no longer has and never writes it back', async () => {
    const { core, doc, settle, stored, mapId } = open();
    doc.commit('Add', [
      { type: 'note', op: 'create', id: 'a', value: valueOf(boardNote('a', { text: 'a' })) },
      { type: 'note', op: 'create', id: 'b', value: valueOf(boardNote('b', { text: 'b', x: 200 })) },
    ]);
    doc.commit('Move both', [
      { type: 'note', op: 'update', id: 'a', patch: { y: 500 } },
      { type: 'note', op: 'update', id: 'b', patch: { y: 500 } },
    ]);
    doc.commit('Recolour a', [{ type: 'note', op: 'update', id: 'a', patch: { color: 'blue' } }]);
    await settle();
    core.call('notes.deleteMany', { mapId, ids: ['a'] });
    await settle();
    expect(doc.note('a')).toBeUndefined();
    // The recolour of a has nothing left; the move keeps b's half.
    expect(doc.history.steps().map((s) => s.redo.length)).toEqual([1, 1, 0]);
    expect(doc.undo()).toEqual([]);
    const undone = doc.undo();
    expect(undone).toEqual([{ type: 'note', op: 'update', id: 'b', patch: { y: 0 } }]);
    // Undoing the add deletes b; redoing it brings back b only, not the note deleted elsewhere.
    doc.undo();
    expect(doc.notes.size).toBe(0);
    doc.redo();
    expect([...doc.notes.keys()]).toEqual(['b']);
    await settle();
    expect(stored().notes.map((n) => n.id)).toEqual(['b']);
  });

  test('after the live channel dropped, the board reads the whole map and takes what it missed, keeping its unsaved edits', async () => {
    const { core, doc, sync, settle, stored, mapId, drop, back } = open({ queueDelayMs: 60_000 });
    const gone = core.call('notes.create', { mapId, text: 'will go', x: 0, y: 0 });
    const kept = core.call('notes.create', { mapId, text: 'will change', x: 0, y: 0 });
    await settle();
    drop();
    core.call('notes.deleteMany', { mapId, ids: [gone.id] });
    core.call('notes.updateMany', { mapId, notes: [{ id: kept.id, text: 'changed while unheard' }] });
    const added = core.call('notes.create', { mapId, text: 'added while unheard', x: 0, y: 0 });
    // The facilitator's own new note, not saved yet (the queue waits).
    doc.commit('Add', [{ type: 'note', op: 'create', id: 'local-1', value: valueOf(boardNote('local-1')) }]);
    await sync.whenLiveIdle();
    expect(doc.note(gone.id)).toBeDefined();
    back();
    await sync.whenLiveIdle();
    expect(sync.liveStats.full).toBe(1);
    expect(doc.note(gone.id)).toBeUndefined();
    expect(doc.note(kept.id)!.text).toBe('changed while unheard');
    expect(doc.note(added.id)!.text).toBe('added while unheard');
    expect(doc.note('local-1')).toBeDefined();
    expect(doc.history.size).toBe(1);
    sync.flush();
    await settle();
    expect(stored().notes.map((n) => n.id).sort()).toEqual([kept.id, added.id, 'local-1'].sort());
  });

  test('a map deleted elsewhere ends the following', async () => {
    const { core, doc, sync, settle, mapId } = open();
    await settle();
    const n = core.call('notes.create', { mapId, text: 'x', x: 0, y: 0 });
    await settle();
    expect(doc.note(n.id)).toBeDefined();
    core.call('maps.delete', { id: mapId });
    await settle();
    const reads = sync.liveStats.reads;
    core.call('maps.create', { title: 'Another' });
    await settle();
    expect(sync.liveStats.reads).toBe(reads);
  });
});
