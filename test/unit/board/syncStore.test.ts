/**
 * The board's document and sync against the real store (SQLite in memory, `changes.apply` through
 * the core's dispatch), with the web server's 1 MiB body limit in front of it.
 */
import { describe, expect, test } from 'vitest';
import { BoardDocument } from '../../../renderer/board/document';
import { BoardSync } from '../../../renderer/board/sync';
import type { JourneyboardApi } from '../../../shared/api';
import { valueOf, type Change } from '../../../shared/board/history';
import { ApiError } from '../../../shared/errors';
import { API_BODY_MAX_BYTES } from '../../../shared/limits';
import { boardNote } from '../../fixtures/notes';
import { testCore } from '../helpers';

function open() {
  const core = testCore();
  const bodies: number[] = [];
  // What the web client and server do to a call: JSON over HTTP, refused over 1 MiB, errors rethrown with their index.
  const api: JourneyboardApi = {
    call: async (method, input) => {
      await Promise.resolve();
      const body = new TextEncoder().encode(JSON.stringify(input)).length;
      if (method === 'changes.apply') bodies.push(body);
      if (body > API_BODY_MAX_BYTES) throw new ApiError('too_large', `The request is larger than ${API_BODY_MAX_BYTES} bytes.`);
      const r = core.dispatch(method, JSON.parse(JSON.stringify(input)));
      if (!r.ok) throw ApiError.fromBody(r.error);
      return r.value as never;
    },
  };
  const created = core.call('maps.create', { title: 'Checkout', template: 'online-shopping' });
  const map = core.call('maps.get', { id: created.id });
  const doc = new BoardDocument(map);
  const told: string[] = [];
  const sync = new BoardSync({ mapId: map.id, api, doc, notify: (s) => told.push(s), queue: { delayMs: 0, retryMs: 1 } });
  const stored = () => core.call('maps.get', { id: map.id });
  return { core, doc, sync, told, bodies, stored, mapId: map.id };
}

const sortById = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('the board saving to the real store', () => {
  test('deleting a stage with notes, and undoing it: the store follows the board each time', async () => {
    const { doc, sync, stored } = open();
    const stage = doc.stages[1]!;
    const lane = doc.lanes[0]!;
    doc.commit('Add notes', [
      { type: 'note', op: 'create', id: 'n1', value: valueOf(boardNote('n1', { stageId: stage.id, laneId: lane.id })) },
      { type: 'note', op: 'create', id: 'n2', value: valueOf(boardNote('n2', { stageId: stage.id, laneId: lane.id, y: 200 })) },
    ]);
    await sync.whenIdle();
    const before = stored();

    doc.commit('Delete stage', doc.deleteStage(stage.id));
    await sync.whenIdle();
    let now = stored();
    expect(now.stages.map((s) => s.id)).toEqual(doc.stages.map((s) => s.id));
    expect(now.stages.map((s) => s.position)).toEqual(doc.stages.map((_, i) => i));
    expect(now.notes.find((n) => n.id === 'n1')).toMatchObject({ stageId: null, laneId: null, x: doc.note('n1')!.x });

    doc.undo();
    await sync.whenIdle();
    now = stored();
    expect(sortById(now.stages)).toEqual(sortById(before.stages));
    expect(now.notes.find((n) => n.id === 'n1')).toMatchObject({ stageId: stage.id, laneId: lane.id });
    expect(now.notes.find((n) => n.id === 'n2')).toMatchObject({ stageId: stage.id, laneId: lane.id, y: 200 });
  });

  test('deleting a persona untags its notes in the store; undo tags them again', async () => {
    const { doc, sync, stored } = open();
    doc.commit('Add persona', doc.createPersona('p1', { name: 'Busy Parent', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'pink' }));
    doc.commit('Tag', [{ type: 'note', op: 'create', id: 'n1', value: valueOf(boardNote('n1', { personaIds: ['p1'] })) }]);
    await sync.whenIdle();
    doc.commit('Delete persona', doc.deletePersona('p1'));
    await sync.whenIdle();
    expect(stored().personas).toEqual([]);
    expect(stored().notes.find((n) => n.id === 'n1')!.personaIds).toEqual([]);
    doc.undo();
    await sync.whenIdle();
    expect(stored().personas.map((p) => p.name)).toEqual(['Busy Parent']);
    expect(stored().notes.find((n) => n.id === 'n1')!.personaIds).toEqual(['p1']);
  });

  test('a note deleted in another window: the batch’s other edits land, and the person is told', async () => {
    const { core, doc, sync, told, stored, mapId } = open();
    doc.commit('Add', ['a', 'b', 'c'].map((id): Change => ({ type: 'note', op: 'create', id, value: valueOf(boardNote(id)) })));
    await sync.whenIdle();
    core.call('changes.apply', { mapId, changes: [{ type: 'note', op: 'delete', id: 'b' }] });
    doc.commit('Type', ['a', 'b', 'c'].map((id): Change => ({ type: 'note', op: 'update', id, patch: { text: `${id} edited` } })));
    await sync.whenIdle();
    const mine = stored().notes.filter((n) => ['a', 'b', 'c'].includes(n.id));
    expect(mine.map((n) => [n.id, n.text]).sort()).toEqual([
      ['a', 'a edited'],
      ['c', 'c edited'],
    ]);
    expect(told).toEqual(['One note could not be saved: it was deleted in another window.']);
    expect(doc.notes.has('b')).toBe(false);
    expect(sync.status).toBe('saved');
  });

  test('a CJK paste over 1 MiB in bytes lands whole, in bodies the web server takes', async () => {
    const { doc, sync, stored, bodies } = open();
    const notes = Array.from({ length: 400 }, (_, i): Change => ({ type: 'note', op: 'create', id: `cjk-${i}`, value: valueOf(boardNote(`cjk-${i}`, { text: '旅程'.repeat(500) })) }));
    doc.commit('Paste', notes);
    await sync.whenIdle();
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(b).toBeLessThanOrEqual(API_BODY_MAX_BYTES);
    expect(stored().notes.filter((n) => n.id.startsWith('cjk-'))).toHaveLength(400);
  });
});
