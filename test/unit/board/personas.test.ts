import { describe, expect, test } from 'vitest';
import { allHavePersona, patchWithoutPersonas, personaInitials, togglePersonaChanges, withoutPersonas } from '../../../shared/board/personas';
import { noteCreate, type NoteChange } from '../../../shared/board/history';
import { boardNote } from '../../fixtures/notes';

describe('persona tags', () => {
  test('toggle adds to the notes missing it, and removes from all when all have it', () => {
    const notes = [
      { id: 'a', personaIds: ['p1'] },
      { id: 'b', personaIds: [] },
    ];
    expect(togglePersonaChanges(notes, 'p1')).toEqual([{ type: 'note', op: 'update', id: 'b', patch: { personaIds: ['p1'] } }]);
    expect(togglePersonaChanges(notes, 'p2')).toEqual([
      { type: 'note', op: 'update', id: 'a', patch: { personaIds: ['p1', 'p2'] } },
      { type: 'note', op: 'update', id: 'b', patch: { personaIds: ['p2'] } },
    ]);
    const all = [
      { id: 'a', personaIds: ['p1', 'p2'] },
      { id: 'b', personaIds: ['p2'] },
    ];
    expect(allHavePersona(all, 'p2')).toBe(true);
    expect(togglePersonaChanges(all, 'p2')).toEqual([
      { type: 'note', op: 'update', id: 'a', patch: { personaIds: ['p1'] } },
      { type: 'note', op: 'update', id: 'b', patch: { personaIds: [] } },
    ]);
    expect(allHavePersona([], 'p2')).toBe(false);
  });

  test('a deleted persona leaves changes and patches; untouched ones stay the same objects', () => {
    const gone = new Set(['x']);
    const note = boardNote('n', { text: '', width: 1, height: 1, personaIds: ['x', 'y'] });
    const changes: NoteChange[] = [
      noteCreate(note),
      { type: 'note', op: 'update', id: 'n', patch: { personaIds: ['x'], text: 'hi' } },
      { type: 'note', op: 'update', id: 'm', patch: { text: 'keep' } },
      { type: 'note', op: 'delete', id: 'd' },
    ];
    const out = withoutPersonas(changes, gone);
    expect(out).not.toBe(changes);
    expect(out[0]).toEqual(noteCreate({ ...note, personaIds: ['y'] }));
    expect(out[1]).toEqual({ type: 'note', op: 'update', id: 'n', patch: { personaIds: [], text: 'hi' } });
    expect(out[2]).toBe(changes[2]);
    expect(note.personaIds).toEqual(['x', 'y']);
    const clean = [changes[2]!];
    expect(withoutPersonas(clean, gone)).toBe(clean);
    expect(patchWithoutPersonas({ personaIds: ['x', 'z'] }, gone)).toEqual({ personaIds: ['z'] });
  });

  test('initials', () => {
    expect(personaInitials('Busy Parent')).toBe('BP');
    expect(personaInitials('  anna maria  lopez ')).toBe('AL');
    expect(personaInitials('Éva')).toBe('ÉV');
    expect(personaInitials('')).toBe('?');
  });
});
