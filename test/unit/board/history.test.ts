import { describe, expect, test } from 'vitest';
import { applyChanges, emptyRecords, History, noteCreate, valueOf, type BoardNote, type Change, type NoteChange } from '../../../shared/board/history';
import { boardNote } from '../../fixtures/notes';

const n = (id: string, x = 0): BoardNote => boardNote(id, { x });
/** Records holding these notes (the document `applyChanges` edits). */
const withNotes = (notes: Map<string, BoardNote>) => ({ ...emptyRecords(), note: notes });
const asChanges = (changes: NoteChange[]): Change[] => changes;

describe('applyChanges', () => {
  test('returns the inverse, which restores the document exactly', () => {
    const doc = new Map([['a', n('a')], ['b', n('b', 200)]]);
    const before = structuredClone([...doc]);
    const changes: NoteChange[] = [
      { type: 'note', op: 'update', id: 'a', patch: { x: 50, text: 'moved' } },
      { type: 'note', op: 'delete', id: 'b' },
      noteCreate(n('c', 400)),
    ];
    const inverse = applyChanges(withNotes(doc), asChanges(changes));
    expect(doc.get('a')).toMatchObject({ x: 50, text: 'moved' });
    expect(doc.has('b')).toBe(false);
    expect(doc.has('c')).toBe(true);
    applyChanges(withNotes(doc), inverse);
    expect([...doc].sort()).toEqual(before.sort());
  });

  test('skips changes to missing notes and no-op patches', () => {
    const doc = new Map([['a', n('a')]]);
    expect(applyChanges(withNotes(doc), asChanges([{ type: 'note', op: 'update', id: 'zz', patch: { x: 1 } }, { type: 'note', op: 'delete', id: 'zz' }]))).toEqual([]);
    expect(applyChanges(withNotes(doc), asChanges([{ type: 'note', op: 'update', id: 'a', patch: { x: 0 } }]))).toEqual([]);
  });
});

describe('History', () => {
  test('undo and redo move steps between stacks; a new step drops redo', () => {
    const h = new History<string>();
    expect(h.canUndo).toBe(false);
    h.push({ label: 'one', undo: 'u1', redo: 'r1' });
    h.push({ label: 'two', undo: 'u2', redo: 'r2' });
    expect(h.undo()?.undo).toBe('u2');
    expect(h.canRedo).toBe(true);
    expect(h.redo()?.redo).toBe('r2');
    h.undo();
    h.push({ label: 'three', undo: 'u3', redo: 'r3' });
    expect(h.canRedo).toBe(false);
    expect(h.undo()?.label).toBe('three');
    expect(h.undo()?.label).toBe('one');
    expect(h.undo()).toBeUndefined();
  });

  test('is bounded and amendable', () => {
    const h = new History<number>(3);
    for (let i = 0; i < 5; i++) h.push({ label: `s${i}`, undo: i, redo: i });
    expect(h.size).toBe(3);
    expect(h.peek()?.label).toBe('s4');
    h.replaceLast({ label: 'amended', undo: 9, redo: 9 });
    expect(h.peek()?.label).toBe('amended');
    h.replaceLast(null);
    expect(h.peek()?.label).toBe('s3');
  });

  test('a 20-note drag is one step', () => {
    const doc = new Map(Array.from({ length: 20 }, (_, i) => [`n${i}`, n(`n${i}`, i * 10)] as const));
    const h = new History<Change[]>();
    const move: Change[] = [...doc.keys()].map((id) => ({ type: 'note', op: 'update', id, patch: { x: doc.get(id)!.x + 100 } }));
    h.push({ label: 'Move', redo: move, undo: applyChanges(withNotes(doc), move) });
    expect(h.size).toBe(1);
    applyChanges(withNotes(doc), h.undo()!.undo);
    expect(doc.get('n5')!.x).toBe(50);
  });
});

describe('changes to any record', () => {
  test('one list mixes record types; the inverse of a delete holds every field', () => {
    const records = emptyRecords();
    records.stage.set('s1', { id: 's1', name: 'Pay', description: 'Card', position: 0, emotion: -1, goal: '', expectations: '' });
    records.note.set('a', n('a'));
    records.note.set('b', boardNote('b', { stageId: 's1', laneId: 'l1', personaIds: ['p1'] }));
    const before = structuredClone(records);
    const changes: Change[] = [
      { type: 'note', op: 'update', id: 'b', patch: { stageId: null, laneId: null, x: 900 } },
      { type: 'stage', op: 'delete', id: 's1' },
      { type: 'persona', op: 'create', id: 'p2', value: { name: 'Student', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'blue', position: 0 } },
    ];
    const inverse = applyChanges(records, changes);
    expect(records.stage.has('s1')).toBe(false);
    expect(inverse[1]).toEqual({ type: 'stage', op: 'create', id: 's1', value: { name: 'Pay', description: 'Card', position: 0, emotion: -1, goal: '', expectations: '' } });
    applyChanges(records, inverse);
    expect(records).toEqual(before);
  });

  test('an unchanged list (same items) is no change', () => {
    const records = emptyRecords();
    records.note.set('a', boardNote('a', { personaIds: ['p1', 'p2'] }));
    expect(applyChanges(records, [{ type: 'note', op: 'update', id: 'a', patch: { personaIds: ['p1', 'p2'] } }])).toEqual([]);
    expect(applyChanges(records, [{ type: 'note', op: 'update', id: 'a', patch: { personaIds: ['p2', 'p1'] } }])).toHaveLength(1);
  });

  test('noteCreate is the change that creates a note as it is', () => {
    expect(noteCreate(n('a'))).toEqual({ type: 'note', op: 'create', id: 'a', value: valueOf(n('a')) });
  });
});
