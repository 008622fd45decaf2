import { describe, expect, test } from 'vitest';
import { BoardDocument, type DocChange } from '../../../renderer/board/document';
import { valueOf, type Change } from '../../../shared/board/history';
import { boardNote } from '../../fixtures/notes';
import { journeyMap } from './mapFixture';

function open() {
  const doc = new BoardDocument(journeyMap());
  const heard: DocChange[] = [];
  doc.onChange((e) => heard.push(e));
  return { doc, heard };
}

/** Everything the document holds, as plain data (to compare before and after). */
const snapshot = (doc: BoardDocument) => ({
  notes: [...doc.notes.values()].sort((a, b) => a.id.localeCompare(b.id)),
  stages: doc.stages.map((s) => ({ ...s })),
  lanes: doc.lanes.map((l) => ({ ...l })),
  personas: doc.personas.map((p) => ({ ...p })),
});

describe('BoardDocument', () => {
  test('holds the map as the board shows it: stages, lanes and personas by position, notes indexed', () => {
    const { doc } = open();
    expect(doc.stages.map((s) => s.name)).toEqual(['Browse', 'Pay', 'Wait']);
    expect(doc.stages[1]).toEqual({ id: 's2', name: 'Pay', description: 'Card or wallet', position: 1, emotion: -1, goal: '', expectations: '' });
    expect(doc.lanes.map((l) => l.id)).toEqual(['l1', 'l2']);
    expect(doc.personas.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(doc.notes.size).toBe(4);
    expect(doc.note('a')).not.toHaveProperty('mapId');
    expect(doc.index.hitTest({ x: 510, y: 110 })).toBe('a');
  });

  test('a commit is one undo step, saved, and undo and redo go back and forth', () => {
    const { doc, heard } = open();
    const before = snapshot(doc);
    const step = doc.commit('Move', [
      { type: 'note', op: 'update', id: 'free', patch: { x: 0, y: -900 } },
      { type: 'note', op: 'create', id: 'new', value: valueOf(boardNote('new', { x: 3000, y: 3000 })) },
      { type: 'stage', op: 'update', id: 's1', patch: { name: 'Look around' } },
    ]);
    expect(step?.label).toBe('Move');
    expect(doc.history.size).toBe(1);
    expect(heard.map((e) => [e.source, e.save, e.changes.length])).toEqual([['commit', true, 3]]);
    expect(doc.index.hitTest({ x: 3010, y: 3010 })).toBe('new');
    expect(doc.stages[0]!.name).toBe('Look around');

    const undone = doc.undo();
    expect(undone?.map((c) => `${c.op} ${c.type} ${c.id}`)).toEqual(['update stage s1', 'delete note new', 'update note free']);
    expect(snapshot(doc)).toEqual(before);
    expect(doc.index.hitTest({ x: 3010, y: 3010 })).toBeNull();
    doc.redo();
    expect(doc.note('free')!.x).toBe(0);
    expect(doc.stages[0]!.name).toBe('Look around');
    expect(heard.map((e) => e.source)).toEqual(['commit', 'undo', 'redo']);
  });

  test('a commit that changes nothing is no step and is not saved', () => {
    const { doc, heard } = open();
    expect(doc.commit('Nothing', [{ type: 'note', op: 'update', id: 'a', patch: { x: 500, personaIds: ['p1'] } }])).toBeNull();
    expect(doc.commit('Gone', [{ type: 'note', op: 'update', id: 'zz', patch: { x: 1 } }])).toBeNull();
    expect(doc.history.size).toBe(0);
    expect(heard).toEqual([]);
  });

  test('deleting a stage frees its notes beside the frame; undo brings back the stage and where its notes were', () => {
    const { doc } = open();
    const before = snapshot(doc);
    const changes = doc.deleteStage('s2');
    doc.commit('Delete stage', changes);
    expect(doc.history.size).toBe(1);
    expect(doc.stages.map((s) => [s.id, s.position])).toEqual([
      ['s1', 0],
      ['s3', 1],
    ]);
    for (const id of ['a', 'b']) {
      const n = doc.note(id)!;
      expect(n.stageId).toBeNull();
      expect(n.laneId).toBeNull();
      // Beside the frame, clear of the note already free there.
      expect(n.x).toBeGreaterThan(500);
    }
    expect(doc.note('a')!.y).toBeLessThan(doc.note('b')!.y);
    // Other notes keep their cells.
    expect(doc.note('c')).toMatchObject({ stageId: 's1', laneId: 'l1' });

    doc.undo();
    expect(snapshot(doc)).toEqual(before);
    expect(doc.stages[1]).toEqual({ id: 's2', name: 'Pay', description: 'Card or wallet', position: 1, emotion: -1, goal: '', expectations: '' });
    expect(doc.note('a')).toMatchObject({ stageId: 's2', laneId: 'l1', x: 500, y: 100 });
    doc.redo();
    expect(doc.stages.map((s) => s.id)).toEqual(['s1', 's3']);
  });

  test('deleting a lane frees its notes; undo restores the lane and their placement', () => {
    const { doc } = open();
    const before = snapshot(doc);
    doc.commit('Delete lane', doc.deleteLane('l1'));
    expect(doc.lanes.map((l) => [l.id, l.position])).toEqual([['l2', 0]]);
    expect(doc.note('a')).toMatchObject({ stageId: null, laneId: null });
    expect(doc.note('c')).toMatchObject({ stageId: null, laneId: null });
    expect(doc.note('b')).toMatchObject({ stageId: 's2', laneId: 'l2' });
    doc.undo();
    expect(snapshot(doc)).toEqual(before);
  });

  test('adding a stage in the middle moves the later ones on; undo takes it out again', () => {
    const { doc } = open();
    const before = snapshot(doc);
    doc.commit('Add stage', doc.createStage('s9', { name: 'Compare' }, 1));
    expect(doc.stages.map((s) => [s.id, s.position])).toEqual([
      ['s1', 0],
      ['s9', 1],
      ['s2', 2],
      ['s3', 3],
    ]);
    expect(doc.stages[1]).toEqual({ id: 's9', name: 'Compare', description: '', position: 1, emotion: null, goal: '', expectations: '' });
    doc.undo();
    expect(snapshot(doc)).toEqual(before);
    doc.commit('Add lane', doc.createLane('l9', { name: 'Ideas' }));
    expect(doc.lanes.map((l) => [l.id, l.position, l.kind])).toEqual([
      ['l1', 0, 'actions'],
      ['l2', 1, 'pain_points'],
      ['l9', 2, 'custom'],
    ]);
  });

  test('reordering is one step of position updates', () => {
    const { doc } = open();
    const changes = doc.reorder('stage', ['s3', 's1', 's2']);
    expect(changes).toEqual([
      { type: 'stage', op: 'update', id: 's3', patch: { position: 0 } },
      { type: 'stage', op: 'update', id: 's1', patch: { position: 1 } },
      { type: 'stage', op: 'update', id: 's2', patch: { position: 2 } },
    ]);
    doc.commit('Move stage', changes);
    expect(doc.stages.map((s) => s.id)).toEqual(['s3', 's1', 's2']);
    doc.undo();
    expect(doc.stages.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(doc.reorder('lane', ['l1', 'l2'])).toEqual([]);
  });

  test('deleting a persona untags its notes; undo brings back the persona and its tags', () => {
    const { doc } = open();
    const before = snapshot(doc);
    doc.commit('Delete persona', doc.deletePersona('p1'));
    expect(doc.personas.map((p) => [p.id, p.position])).toEqual([['p2', 0]]);
    expect(doc.note('a')!.personaIds).toEqual([]);
    expect(doc.note('b')!.personaIds).toEqual(['p2']);
    doc.undo();
    expect(snapshot(doc)).toEqual(before);
    expect(doc.personas[0]).toMatchObject({ name: 'Busy Parent', role: 'Buyer', quote: 'Quick!', frustrations: 'Queues', color: 'pink' });
  });

  test('a persona edit is an undo step like any other', () => {
    const { doc } = open();
    doc.commit('Add persona', doc.createPersona('p3', { name: 'Retiree', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'green' }));
    doc.commit('Rename persona', [{ type: 'persona', op: 'update', id: 'p3', patch: { name: 'Pensioner' } }]);
    expect(doc.personas.map((p) => [p.name, p.position])).toEqual([
      ['Busy Parent', 0],
      ['Student', 1],
      ['Pensioner', 2],
    ]);
    doc.undo();
    expect(doc.personas[2]!.name).toBe('Retiree');
    doc.undo();
    expect(doc.personas).toHaveLength(2);
  });

  test('hidden notes (collapsed lanes) stay in the document and out of the index', () => {
    const { doc } = open();
    doc.setHidden(['a']);
    expect(doc.index.has('a')).toBe(false);
    doc.apply([{ type: 'note', op: 'update', id: 'a', patch: { text: 'still hidden' } }]);
    expect(doc.index.has('a')).toBe(false);
    expect(doc.note('a')!.text).toBe('still hidden');
    doc.setHidden([]);
    expect(doc.index.has('a')).toBe(true);
  });

  test('apply changes without an undo step; what came from the store is not saved', () => {
    const { doc, heard } = open();
    const inverse = doc.apply([{ type: 'note', op: 'update', id: 'c', patch: { x: 216, y: 116 } }]);
    expect(inverse).toEqual([{ type: 'note', op: 'update', id: 'c', patch: { x: 200, y: 100 } }]);
    doc.reconcile('note', 'a', null);
    doc.reconcile('stage', 's1', { id: 's1', name: 'Browse (theirs)', description: '', position: 0, emotion: null, mapId: 'm1' } as never);
    expect(doc.history.size).toBe(0);
    expect(doc.notes.has('a')).toBe(false);
    expect(doc.stages[0]!.name).toBe('Browse (theirs)');
    expect(doc.stages[0]).not.toHaveProperty('mapId');
    expect(heard.map((e) => [e.source, e.save])).toEqual([
      ['apply', true],
      ['store', false],
      ['store', false],
    ]);
  });

  test('load replaces everything and clears the history', () => {
    const { doc, heard } = open();
    doc.commit('Edit', [{ type: 'note', op: 'delete', id: 'free' }] as Change[]);
    const map = journeyMap();
    map.notes = map.notes.filter((n) => n.id !== 'c');
    doc.load(map);
    expect(doc.notes.has('c')).toBe(false);
    expect(doc.notes.has('free')).toBe(true);
    expect(doc.history.canUndo).toBe(false);
    expect(heard.at(-1)).toMatchObject({ reset: true, save: false });
  });
});
