import { describe, expect, test } from 'vitest';
import { BoardDocument } from '../../../renderer/board/document';
import { BoardSync } from '../../../renderer/board/sync';
import { valueOf, type Change } from '../../../shared/board/history';
import { ApiError } from '../../../shared/errors';
import { boardNote } from '../../fixtures/notes';
import { FakeStore, manualClock } from './fakeStore';
import { journeyMap } from './mapFixture';

/** A board document and its sync over a fake store that starts with the same map. */
function open() {
  const store = new FakeStore();
  const map = journeyMap();
  store.elsewhere([
    ...map.personas.map(({ mapId: _m, ...p }): Change => ({ type: 'persona', op: 'create', id: p.id, value: valueOf(p) })),
    ...map.stages.map((s): Change => ({ type: 'stage', op: 'create', id: s.id, value: { name: s.name, description: s.description, position: s.position, emotion: s.emotion, goal: s.goal, expectations: s.expectations } })),
    ...map.lanes.map((l): Change => ({ type: 'lane', op: 'create', id: l.id, value: { name: l.name, kind: l.kind, position: l.position, collapsed: l.collapsed } })),
    ...map.notes.map((n): Change => ({ type: 'note', op: 'create', id: n.id, value: valueOf(boardNote(n.id, n)) })),
  ]);
  const clock = manualClock();
  const doc = new BoardDocument(map);
  const told: string[] = [];
  const warned: string[] = [];
  const sync = new BoardSync({ mapId: 'm1', api: store.api, doc, clock, notify: (s) => told.push(s), warn: (m) => warned.push(m) });
  /** Runs every timer and waits until the sync is idle. */
  const settle = async () => {
    await clock.drain();
    await sync.whenIdle();
  };
  return { store, doc, sync, clock, told, warned, settle };
}

describe('BoardSync', () => {
  test('an edit of every kind of record goes through one queue as one batch', async () => {
    const { store, doc, sync, settle } = open();
    doc.commit('Edit', [
      { type: 'note', op: 'update', id: 'free', patch: { text: 'moved', x: 10 } },
      { type: 'stage', op: 'update', id: 's1', patch: { name: 'Look around' } },
      { type: 'lane', op: 'update', id: 'l2', patch: { collapsed: true } },
      { type: 'persona', op: 'update', id: 'p2', patch: { quote: 'Cheap please' } },
    ]);
    expect(sync.status).toBe('saving');
    expect(sync.hasUnsentChanges()).toBe(true);
    await settle();
    expect(store.batches).toHaveLength(1);
    expect(store.records.note.get('free')).toMatchObject({ text: 'moved', x: 10 });
    expect(store.records.stage.get('s1')!.name).toBe('Look around');
    expect(store.records.lane.get('l2')!.collapsed).toBe(true);
    expect(store.records.persona.get('p2')!.quote).toBe('Cheap please');
    expect(sync.status).toBe('saved');
    expect(sync.hasUnsentChanges()).toBe(false);
  });

  test('deleting a stage and undoing it: the store gets the stage back, with its notes where they were', async () => {
    const { store, doc, settle } = open();
    doc.commit('Delete stage', doc.deleteStage('s2'));
    await settle();
    expect(store.records.stage.has('s2')).toBe(false);
    expect(store.records.note.get('a')).toMatchObject({ stageId: null, laneId: null });
    expect(store.records.stage.get('s3')!.position).toBe(1);

    doc.undo();
    await settle();
    expect(store.records.stage.get('s2')).toEqual({ id: 's2', name: 'Pay', description: 'Card or wallet', position: 1, emotion: -1, goal: '', expectations: '' });
    expect(store.records.note.get('a')).toMatchObject({ stageId: 's2', laneId: 'l1', x: 500, y: 100 });
    expect(store.records.note.get('b')).toMatchObject({ stageId: 's2', laneId: 'l2', x: 500, y: 400 });
    expect(store.records.stage.get('s3')!.position).toBe(2);
  });

  test('a note deleted in another window: the other edits land, the person is told once, the board drops the note', async () => {
    const { store, doc, sync, told, settle } = open();
    store.elsewhere([{ type: 'note', op: 'delete', id: 'b' }]);
    doc.commit('Recolour', ['a', 'b', 'c'].map((id): Change => ({ type: 'note', op: 'update', id, patch: { color: 'green' } })));
    await settle();
    expect(store.records.note.get('a')!.color).toBe('green');
    expect(store.records.note.get('c')!.color).toBe('green');
    expect(told).toEqual(['One note could not be saved: it was deleted in another window.']);
    expect(doc.notes.has('b')).toBe(false);
    expect(doc.index.has('b')).toBe(false);
    // Reading the store's copy is not an edit: no undo step, nothing written.
    expect(doc.history.size).toBe(1);
    expect(store.batches.filter((b) => b.ok)).toHaveLength(1);
    expect(sync.status).toBe('saved');
  });

  test('a refused change is not retried; the board takes the store’s copy of that record', async () => {
    const { store, doc, told, settle } = open();
    // A batch writes stages before notes: the stage rename is change 0.
    store.fail.push({ method: 'changes.apply', error: new ApiError('invalid_input', 'changes.0.patch.name: a name is at most 100 characters', 0) });
    doc.commit('Rename', [
      { type: 'note', op: 'update', id: 'c', patch: { text: 'kept' } },
      { type: 'stage', op: 'update', id: 's3', patch: { name: 'refused' } },
    ]);
    await settle();
    expect(store.batches.map((b) => [b.ok, b.changes.map((c) => c.id)])).toEqual([
      [false, ['s3', 'c']],
      [true, ['c']],
    ]);
    expect(told).toEqual(['One stage could not be saved: the store refused it (changes.0.patch.name: a name is at most 100 characters).']);
    expect(store.records.note.get('c')!.text).toBe('kept');
    expect(doc.stages.find((s) => s.id === 's3')!.name).toBe('Wait');
    expect(doc.note('c')!.text).toBe('kept');
  });

  test('a failure that may pass is retried until it lands; meanwhile the change counts as unsent', async () => {
    const { store, doc, sync, clock, told, settle } = open();
    store.fail.push({ method: 'changes.apply', error: new ApiError('internal', 'Journeyboard is not reachable.') });
    doc.commit('Move', [{ type: 'note', op: 'update', id: 'free', patch: { x: 42 } }]);
    clock.runAll();
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    expect(sync.status).toBe('error');
    expect(sync.errorMessage).toBe('Journeyboard is not reachable.');
    expect(sync.hasUnsentChanges()).toBe(true);
    await settle();
    expect(store.records.note.get('free')!.x).toBe(42);
    expect(told).toEqual([]);
    expect(sync.hasUnsentChanges()).toBe(false);
  });

  test('the camera is saved after it stops, once per new place, and at once on flush', async () => {
    const { store, sync, clock } = open();
    sync.saveCamera({ x: 1, y: 2, zoom: 1 });
    sync.saveCamera({ x: 5, y: 2, zoom: 1 });
    expect(clock.delays()).toEqual([400]);
    await clock.drain();
    expect(store.camera).toEqual({ x: 5, y: 2, zoom: 1 });
    sync.saveCamera({ x: 5, y: 2, zoom: 1 });
    await clock.drain();
    expect(store.calls.filter((m) => m === 'maps.setCamera')).toHaveLength(1);
    sync.saveCamera({ x: 9, y: 9, zoom: 2 });
    sync.flush();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.camera).toEqual({ x: 9, y: 9, zoom: 2 });
    expect(clock.delays()).toEqual([]);
  });

  test('a camera that could not be saved is not shown to the person, and is tried again', async () => {
    const { store, sync, clock, told, warned } = open();
    store.fail.push({ method: 'maps.setCamera', error: new ApiError('internal', 'down') });
    sync.saveCamera({ x: 1, y: 1, zoom: 1 });
    await clock.drain();
    expect(warned).toHaveLength(1);
    expect(told).toEqual([]);
    sync.saveCamera({ x: 1, y: 1, zoom: 1 });
    await clock.drain();
    expect(store.camera).toEqual({ x: 1, y: 1, zoom: 1 });
  });

  test('reload saves what is queued first, then shows the store’s map with a fresh history', async () => {
    const { store, doc, sync } = open();
    doc.commit('Move', [{ type: 'note', op: 'update', id: 'free', patch: { x: 7 } }]);
    store.elsewhere([{ type: 'note', op: 'create', id: 'theirs', value: valueOf(boardNote('theirs')) }]);
    const reloading = sync.reload();
    expect(await reloading).toBe(true);
    expect(store.records.note.get('free')!.x).toBe(7);
    expect(doc.note('free')!.x).toBe(7);
    expect(doc.notes.has('theirs')).toBe(true);
    expect(doc.history.canUndo).toBe(false);
  });

  test('a reload that cannot read the store says so and keeps the board', async () => {
    const { store, doc, sync, told } = open();
    store.fail.push({ method: 'maps.get', error: new ApiError('internal', 'Journeyboard is not reachable.') });
    expect(await sync.reload()).toBe(false);
    expect(told).toEqual(['The board could not be read again: Journeyboard is not reachable.']);
    expect(doc.notes.size).toBe(4);
  });

  test('dispose sends what is left and stops listening', async () => {
    const { store, doc, sync } = open();
    doc.commit('Move', [{ type: 'note', op: 'update', id: 'free', patch: { x: 3 } }]);
    sync.dispose();
    await sync.whenIdle();
    expect(store.records.note.get('free')!.x).toBe(3);
    doc.commit('Move', [{ type: 'note', op: 'update', id: 'free', patch: { x: 4 } }]);
    expect(sync.hasUnsentChanges()).toBe(false);
  });
});
