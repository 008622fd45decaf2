import { afterEach, describe, expect, test } from 'vitest';
import type { JourneyMap, Lane, Note, Persona, Stage } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { blankMap } from '../../fixtures/maps';
import { applyCalls, fakeApi, key, liveStages, mount, note, sentRecords, unmountCurrent } from './harness';

// Every edit of a stage, lane or persona is one undo step through the same history and save queue
// as the notes (issue 10).

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

const stage = (id: string, position: number): Stage => ({ id, mapId: 'm1', name: `Stage ${id}`, description: '', position, emotion: null, goal: '', expectations: '' });
const lane = (id: string, position: number, kind: Lane['kind']): Lane => ({ id, mapId: 'm1', name: `Lane ${id}`, kind, position, collapsed: false });
const persona = (id: string, name: string, position: number): Persona => ({
  id,
  mapId: 'm1',
  name,
  role: '',
  quote: '',
  goals: '',
  needs: '',
  frustrations: '',
  photo: null,
  color: 'blue',
  position,
});

function journey(notes: Note[]): JourneyMap {
  return {
    ...blankMap(),
    id: 'm1',
    title: 'Journey',
    createdAt: 0,
    updatedAt: 0,
    camera: { x: -20, y: -20, zoom: 0.5 },
    personaId: null,
    participants: [],
    rounds: [],
    votes: [],
    metrics: [],
    personas: [persona('p1', 'Busy Parent', 0)],
    stages: [stage('s1', 0), stage('s2', 1), stage('s3', 2)],
    lanes: [lane('act', 0, 'actions'), lane('emo', 1, 'emotions')],
    notes,
  };
}

const undoKey = () => key('z', { ctrlKey: true });
const redoKey = () => key('z', { ctrlKey: true, shiftKey: true });
const names = (list: readonly { name: string }[]) => list.map((x) => x.name);

describe('undo of stages, lanes and personas', () => {
  test('renaming a stage is one undo step; undo and redo are saved too', async () => {
    const { c, api } = await mount(journey([]));
    await c.renameHeader({ type: 'stage', id: 's2' }, 'name', 'Compare');
    expect(names(c.stages)).toEqual(['Stage s1', 'Compare', 'Stage s3']);
    expect(c.undoDepth()).toBe(1);
    await c.whenSaved();
    undoKey();
    expect(names(c.stages)).toEqual(['Stage s1', 'Stage s2', 'Stage s3']);
    await c.whenSaved();
    expect(sentRecords(api, 'update', 'stage').at(-1)).toEqual({ id: 's2', name: 'Stage s2' });
    redoKey();
    expect(c.stages[1]!.name).toBe('Compare');
    await c.whenSaved();
    expect(sentRecords(api, 'update', 'stage').at(-1)).toEqual({ id: 's2', name: 'Compare' });
  });

  test('adding a stage is one undo step: undo removes it, redo brings it back in its place', async () => {
    const { c, api } = await mount(journey([]));
    const id = (await c.addStage(1))!;
    expect(c.stages.map((s) => s.id)).toEqual(['s1', id, 's2', 's3']);
    expect(c.undoDepth()).toBe(1);
    await c.whenSaved();
    expect(sentRecords(api, 'create', 'stage')).toEqual([expect.objectContaining({ id, name: 'New stage', position: 1 })]);
    // (The new stage's name is open for typing, so Ctrl+Z would undo typing there.)
    c.undo();
    expect(c.stages.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    await c.whenSaved();
    expect(applyCalls(api).at(-1)!.input.changes).toContainEqual({ type: 'stage', op: 'delete', id });
    c.redo();
    expect(c.stages.map((s) => s.id)).toEqual(['s1', id, 's2', 's3']);
    await c.whenSaved();
  });

  test('reordering stages is one undo step; the notes follow their column back', async () => {
    const { c } = await mount(journey([note('a', 0, 0, { stageId: 's1', laneId: 'act', kind: 'action' })]));
    const x0 = c.note('a')!.x;
    await c.moveHeader({ type: 'stage', id: 's1' }, 2);
    expect(c.stages.map((s) => s.id)).toEqual(['s2', 's3', 's1']);
    expect(c.note('a')!.x).toBeGreaterThan(x0);
    expect(c.undoDepth()).toBe(1);
    undoKey();
    expect(c.stages.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(c.note('a')!.x).toBe(x0);
    redoKey();
    expect(c.stages.map((s) => s.id)).toEqual(['s2', 's3', 's1']);
    await c.whenSaved();
  });

  test('deleting a stage keeps the history; undo brings the stage back with its notes in it', async () => {
    const { c } = await mount(
      journey([note('a', 0, 0, { stageId: 's2', laneId: 'act', kind: 'action' }), note('b', 0, 0, { stageId: 's2', laneId: 'emo', sentiment: 1 })]),
    );
    await c.renameHeader({ type: 'stage', id: 's1' }, 'name', 'Discover');
    const before = { a: c.note('a')!, b: c.note('b')! };
    await c.deleteHeader({ type: 'stage', id: 's2' });
    expect(c.stages.map((s) => s.id)).toEqual(['s1', 's3']);
    expect(c.note('a')).toMatchObject({ stageId: null, laneId: null });
    expect(c.note('b')).toMatchObject({ stageId: null, laneId: null });
    expect(c.undoDepth()).toBe(2);
    undoKey();
    expect(c.stages.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(c.note('a')).toMatchObject({ stageId: 's2', laneId: 'act', x: before.a.x, y: before.a.y });
    expect(c.note('b')).toMatchObject({ stageId: 's2', laneId: 'emo', x: before.b.x, y: before.b.y });
    expect(c.frame!.columns.map((col) => col.stageId)).toEqual(['s1', 's2', 's3']);
    // The rename before the delete is still there to undo.
    undoKey();
    expect(c.stages[0]!.name).toBe('Stage s1');
    await c.whenSaved();
  });

  test('collapsing a lane is one undo step', async () => {
    const { c } = await mount(journey([note('a', 0, 0, { stageId: 's1', laneId: 'act', kind: 'action' })]));
    await c.toggleLaneCollapsed('act');
    expect(c.isHidden('a')).toBe(true);
    undoKey();
    expect(c.lanes[0]!.collapsed).toBe(false);
    expect(c.isHidden('a')).toBe(false);
    await c.whenSaved();
  });

  test('editing and deleting a persona are undo steps like any other; a deleted persona’s tags come back on undo', async () => {
    const { c, api } = await mount(journey([note('a', 0, 0, { personaIds: ['p1'] })]));
    expect(c.updatePersona('p1', { name: 'Working Parent' })).toBe(true);
    expect(c.personas[0]!.name).toBe('Working Parent');
    expect(c.ui.getState().personas[0]!.name).toBe('Working Parent');
    undoKey();
    expect(c.personas[0]!.name).toBe('Busy Parent');
    redoKey();
    await c.whenSaved();
    expect(sentRecords(api, 'update', 'persona').at(-1)).toEqual({ id: 'p1', name: 'Working Parent' });

    expect(c.deletePersona('p1')).toBe(true);
    expect(c.personas).toEqual([]);
    expect(c.note('a')!.personaIds).toEqual([]);
    undoKey();
    expect(c.personas.map((p) => p.id)).toEqual(['p1']);
    expect(c.note('a')!.personaIds).toEqual(['p1']);
    await c.whenSaved();
  });

  test('a change the store refuses for good is told in one sentence, and the other edits still save', async () => {
    const api = fakeApi();
    api.respond = (method, input) => {
      if (method === 'maps.get') return journey([note('b', 2400, 0)]);
      const changes = (input as { changes?: { id: string }[] }).changes ?? [];
      const index = changes.findIndex((x) => x.id === 'a');
      if (index >= 0) throw new ApiError('not_found', 'changes.' + index + ': no note "a" in this map.', index);
      return {};
    };
    const { c } = await mount(journey([note('a', 2000, 0), note('b', 2400, 0)]), api);
    c.commit('Edit', [
      { type: 'note', op: 'update', id: 'a', patch: { text: 'deleted elsewhere' } },
      { type: 'note', op: 'update', id: 'b', patch: { text: 'still saved' } },
    ]);
    await c.renameHeader({ type: 'stage', id: 's3' }, 'name', 'Pay');
    await c.whenSaved();
    const pill = document.querySelector('[data-testid="save-status"]')!;
    await expect.poll(() => pill.textContent).toBe('One note could not be saved: it was deleted in another window.');
    expect(pill.getAttribute('data-status')).toBe('saved');
    expect(sentRecords(api, 'update')).toContainEqual({ id: 'b', text: 'still saved' });
    expect(sentRecords(api, 'update', 'stage')).toContainEqual({ id: 's3', name: 'Pay' });
    // The refused note is taken from the store (it is gone there), and the queue does not retry it.
    await expect.poll(() => c.hasNote('a')).toBe(false);
    const calls = applyCalls(api).length;
    await new Promise((r) => setTimeout(r, 700));
    expect(applyCalls(api).length).toBe(calls);
    const { useNotices } = await import('../../../renderer/state/notices');
    expect(useNotices.getState().notices.some((n) => n.message === 'One note could not be saved: it was deleted in another window.')).toBe(true);
  });
});
