/**
 * The map header's persona as a change like any record's (issue 10): the board's document holds
 * it, so deleting the persona the map is for and undoing that brings the choice back; the save
 * queue writes it after the persona it points at; the real store follows the board each time.
 */
import { describe, expect, test } from 'vitest';
import { BoardDocument } from '../../../renderer/board/document';
import { BoardSync } from '../../../renderer/board/sync';
import type { JourneyboardApi } from '../../../shared/api';
import type { Change } from '../../../shared/board/history';
import { SaveQueue, type Clock } from '../../../shared/board/saveQueue';
import { ApiError } from '../../../shared/errors';
import { testCore } from '../helpers';
import { journeyMap } from './mapFixture';

const retiree = { name: 'Retiree', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'green' as const };

describe("the board's document: the persona the map is for", () => {
  test('deleting the map persona clears the choice; undo brings it back with the persona; redo clears it again', () => {
    const doc = new BoardDocument({ ...journeyMap(), personaId: 'p1' });
    expect(doc.header.personaId).toBe('p1');
    const step = doc.commit('Delete persona', doc.deletePersona('p1'))!;
    expect(doc.header.personaId).toBeNull();
    expect(step.redo).toContainEqual({ type: 'map', op: 'update', id: doc.mapId, patch: { personaId: null } });
    doc.undo();
    expect(doc.get('persona', 'p1')).toBeDefined();
    expect(doc.header.personaId).toBe('p1');
    doc.redo();
    expect(doc.header.personaId).toBeNull();
    expect(doc.get('persona', 'p1')).toBeUndefined();
  });

  test('deleting another persona leaves the choice alone', () => {
    const doc = new BoardDocument({ ...journeyMap(), personaId: 'p1' });
    const step = doc.commit('Delete persona', doc.deletePersona('p2'))!;
    expect(doc.header.personaId).toBe('p1');
    expect(step.redo.some((c) => c.type === 'map')).toBe(false);
  });

  test('choosing the map persona is one undo step', () => {
    const doc = new BoardDocument(journeyMap());
    expect(doc.header.personaId).toBeNull();
    doc.commit('Choose persona', [doc.headerChange({ personaId: 'p2' })]);
    expect(doc.header.personaId).toBe('p2');
    expect(doc.commit('Choose persona', [doc.headerChange({ personaId: 'p2' })])).toBeNull();
    doc.undo();
    expect(doc.header.personaId).toBeNull();
    doc.redo();
    expect(doc.header.personaId).toBe('p2');
  });
});

describe('the save queue', () => {
  test('writes a map change after the persona it points at, whatever the order queued', async () => {
    const sent: Change[][] = [];
    const clock: Clock = { setTimeout: (fn) => setTimeout(fn, 0), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    const q = new SaveQueue({ clock, send: async (changes) => void sent.push(changes) });
    q.enqueue([
      { type: 'map', op: 'update', id: 'm1', patch: { personaId: 'p9' } },
      { type: 'persona', op: 'create', id: 'p9', value: { ...retiree, position: 0 } },
      { type: 'note', op: 'update', id: 'n1', patch: { text: 'x' } },
      { type: 'stage', op: 'delete', id: 's1' },
    ]);
    q.flush();
    await q.whenIdle();
    expect(sent.flat().map((c) => `${c.op} ${c.type}`)).toEqual(['create persona', 'update note', 'update map', 'delete stage']);
  });
});

describe('the board saving the map persona to the real store', () => {
  function open() {
    const core = testCore();
    const told: string[] = [];
    const api: JourneyboardApi = {
      call: async (method, input) => {
        await Promise.resolve();
        const r = core.dispatch(method, JSON.parse(JSON.stringify(input)));
        if (!r.ok) throw ApiError.fromBody(r.error);
        return r.value as never;
      },
    };
    const created = core.call('maps.create', { title: 'Checkout' });
    const doc = new BoardDocument(core.call('maps.get', { id: created.id }));
    const sync = new BoardSync({ mapId: created.id, api, doc, notify: (s) => told.push(s), queue: { delayMs: 0, retryMs: 1 } });
    return { core, doc, sync, told, stored: () => core.call('maps.get', { id: created.id }) };
  }

  test('add a persona (the map is for it), delete it, undo: the store follows the board each time', async () => {
    const { doc, sync, stored } = open();
    doc.commit('Add persona', [...doc.createPersona('p1', retiree), doc.headerChange({ personaId: 'p1' })]);
    await sync.whenIdle();
    expect(stored().personaId).toBe('p1');

    doc.commit('Delete persona', doc.deletePersona('p1'));
    await sync.whenIdle();
    expect(stored()).toMatchObject({ personaId: null, personas: [] });

    doc.undo();
    await sync.whenIdle();
    expect(stored().personaId).toBe('p1');
    expect(stored().personas.map((p) => p.name)).toEqual(['Retiree']);

    doc.redo();
    await sync.whenIdle();
    expect(stored()).toMatchObject({ personaId: null, personas: [] });
  });

  test('choosing a persona another window deleted is refused: the person is told, and the board takes the store’s choice', async () => {
    const { core, doc, sync, told, stored } = open();
    doc.commit('Add persona', [...doc.createPersona('p1', retiree), ...doc.createPersona('p2', { ...retiree, name: 'Student' })]);
    await sync.whenIdle();
    core.call('personas.delete', { id: 'p2' });
    doc.commit('Choose persona', [doc.headerChange({ personaId: 'p2' })]);
    await sync.whenIdle();
    await new Promise((r) => setTimeout(r, 0));
    expect(told).toEqual(['One map setting could not be saved: the stage, lane or persona it refers to was deleted in another window.']);
    expect(stored().personaId).toBeNull();
    await expect.poll(() => doc.header.personaId).toBeNull();
  });
});
