/**
 * The board's model and editing when records change elsewhere (issue 14), in Node: the drawing
 * parts are stand-ins, the document, sync, model and editing are the board's own, against the real
 * store. A note deleted elsewhere leaves the selection; the note being typed into closes its editor
 * and keeps the typing in a new note; undo passes over steps left with nothing.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BoardCore } from '../../../renderer/board/core';
import { BoardEditing } from '../../../renderer/board/editing';
import { BoardModel } from '../../../renderer/board/model';
import { createUiStore } from '../../../renderer/board/uiStore';
import { useNotices } from '../../../renderer/state/notices';
import type { JourneyboardApi, StoreChangeEvent } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import { testCore } from '../helpers';

const opened: (() => void)[] = [];
afterEach(() => {
  for (const close of opened.splice(0)) close();
});

/** Whether the renderer patches the notes canvas for a merge (the usual case) or draws it all (zooming, a drag). */
let patches = false;

function open() {
  const store = testCore();
  const subscribers = new Set<(e: StoreChangeEvent) => void>();
  store.onChange((c) => subscribers.forEach((cb) => cb(c)));
  const api: JourneyboardApi = {
    call: async (method, input) => {
      await Promise.resolve();
      const r = store.dispatch(method, JSON.parse(JSON.stringify(input)));
      if (!r.ok) throw ApiError.fromBody(r.error);
      return r.value as never;
    },
    subscribe: (mapId, cb) => {
      const own = (e: StoreChangeEvent) => e.mapId === mapId && cb(e);
      subscribers.add(own);
      return () => subscribers.delete(own);
    },
  };
  const created = store.call('maps.create', { title: 'Workshop', template: 'blank' });
  const map = store.call('maps.get', { id: created.id });
  const noop = () => {};
  const core = {
    mapId: map.id,
    api,
    ui: createUiStore({ x: 0, y: 0, zoom: 1 }, 0),
    frame: { laying: false, layout: null, touches: () => false, touchesEmotions: () => false, relayout: noop, refreshEmotions: noop, cellFieldsAt: () => ({}) },
    render: { invalidate: noop, personasChanged: noop, requery: noop, redrawAll: noop, drawLive: noop, showsAny: () => true, patchNotes: () => patches },
    tools: { finishGesture: noop, resize: { sync: noop } },
    camera: { ensureVisible: noop },
    docListeners: new Set(),
    konva: null,
    host: null,
    grid: null,
  } as unknown as BoardCore;
  core.model = new BoardModel(core, map, api);
  core.editing = new BoardEditing(core);
  core.model.sync.live(api.subscribe!, { intervalMs: 0, delayMs: 0 });
  opened.push(() => {
    core.model.sync.dispose();
    store.close();
  });
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await core.model.whenSaved();
      await core.model.sync.whenLiveIdle();
    }
  };
  return { store, core, settle, mapId: map.id, stored: () => store.call('maps.get', { id: map.id }) };
}

describe.each([false, true])('the board when records change elsewhere (canvas patched: %s)', (patched) => {
  beforeEach(() => {
    patches = patched;
  });
  test('a selected note deleted elsewhere leaves the selection; the others stay selected', async () => {
    const { store, core, settle, mapId } = open();
    const a = store.call('notes.create', { mapId, text: 'a', x: 0, y: 0 });
    const b = store.call('notes.create', { mapId, text: 'b', x: 200, y: 0 });
    await settle();
    core.editing.setSelection([a.id, b.id]);
    store.call('notes.deleteMany', { mapId, ids: [a.id] });
    await settle();
    expect([...core.editing.selection]).toEqual([b.id]);
    expect(core.ui.getState().noteCount).toBe(1);
  });

  test('the note being typed into is deleted elsewhere: the editor closes and the typing is kept in a new note in its place', async () => {
    const { store, core, settle, mapId, stored } = open();
    const n = store.call('notes.create', { mapId, text: 'from a phone', x: 40, y: 60, color: 'green' });
    await settle();
    core.editing.startEditing(n.id);
    core.editing.setEditText('from a phone, and the facilitator typed more');
    expect(core.ui.getState().editing).toEqual({ id: n.id, isNew: false });
    useNotices.setState({ notices: [] } as never);
    store.call('notes.deleteMany', { mapId, ids: [n.id] });
    await settle();
    expect(core.ui.getState().editing).toBeNull();
    expect(core.editing.editingId).toBeNull();
    expect(core.model.notes.has(n.id)).toBe(false);
    const kept = [...core.model.notes.values()];
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ text: 'from a phone, and the facilitator typed more', x: 40, y: 60, color: 'green', participantId: null });
    expect([...core.editing.selection]).toEqual([kept[0]!.id]);
    expect(JSON.stringify(useNotices.getState())).toMatch(/deleted elsewhere/);
    expect(stored().notes.map((x) => x.text)).toEqual(['from a phone, and the facilitator typed more']);
    // One undo step: the kept note goes again.
    core.model.undo();
    expect(core.model.notes.size).toBe(0);
  });

  test('nothing typed: the editor just closes', async () => {
    const { store, core, settle, mapId } = open();
    const n = store.call('notes.create', { mapId, text: 'untouched', x: 0, y: 0 });
    await settle();
    core.editing.startEditing(n.id);
    store.call('notes.deleteMany', { mapId, ids: [n.id] });
    await settle();
    expect(core.ui.getState().editing).toBeNull();
    expect(core.model.notes.size).toBe(0);
    expect(core.model.history.canUndo).toBe(false);
  });

  test('undo passes over a step whose notes were all deleted elsewhere, to the one before', async () => {
    const { store, core, settle, mapId } = open();
    const a = store.call('notes.create', { mapId, text: 'a', x: 0, y: 0 });
    const b = store.call('notes.create', { mapId, text: 'b', x: 0, y: 0 });
    await settle();
    core.model.commit('Move b', [{ type: 'note', op: 'update', id: b.id, patch: { x: 500 } }]);
    core.model.commit('Recolour a', [{ type: 'note', op: 'update', id: a.id, patch: { color: 'blue' } }]);
    await settle();
    store.call('notes.deleteMany', { mapId, ids: [a.id] });
    await settle();
    expect(() => core.model.undo()).not.toThrow();
    expect(core.model.notes.get(b.id)!.x).toBe(0);
    expect([...core.editing.selection]).toEqual([b.id]);
    expect(core.model.history.canUndo).toBe(false);
  });
});
