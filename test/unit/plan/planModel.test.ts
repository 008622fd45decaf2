import { describe, expect, it } from 'vitest';
import type { BoardNote } from '../../../shared/board/history';
import { withDefaults } from '../../../shared/records';
import {
  acceptIntoNow,
  answeredBy,
  column,
  moveCard,
  moveForKey,
  pickRound,
  scoreAt,
  scoreChange,
  scoreForKey,
  toggleLink,
  votesByNote,
  type Round,
  type Vote,
} from '../../../renderer/plan/planModel';

function note(id: string, fields: Partial<BoardNote> = {}): BoardNote {
  return { id, ...withDefaults('note', { text: id, x: 0, y: 0, ...fields }) } as BoardNote;
}

const grid = { left: 100, top: 50, width: 500, height: 500 };

describe('where a drop lands on the 5x5 impact/effort grid', () => {
  it('effort grows left to right, impact bottom to top', () => {
    expect(scoreAt(110, 60, grid)).toEqual({ effort: 1, impact: 5 }); // top left: quick win corner
    expect(scoreAt(590, 540, grid)).toEqual({ effort: 5, impact: 1 }); // bottom right: money pit corner
    expect(scoreAt(350, 300, grid)).toEqual({ effort: 3, impact: 3 });
    expect(scoreAt(299, 151, grid)).toEqual({ effort: 2, impact: 4 });
  });
  it('the far edges belong to the last cells', () => {
    expect(scoreAt(600, 550, grid)).toEqual({ effort: 5, impact: 1 });
    expect(scoreAt(100, 50, grid)).toEqual({ effort: 1, impact: 5 });
  });
  it('outside the grid there is no score', () => {
    expect(scoreAt(99, 300, grid)).toBeNull();
    expect(scoreAt(300, 551, grid)).toBeNull();
    expect(scoreAt(300, 300, { ...grid, width: 0 })).toBeNull();
  });
});

describe('arrow keys on a focused matrix card', () => {
  it('an unscored card is placed in the middle first', () => {
    expect(scoreForKey({ impact: null, effort: null }, 'ArrowUp')).toEqual({ impact: 3, effort: 3 });
  });
  it('one step per key, kept within 1-5', () => {
    expect(scoreForKey({ impact: 3, effort: 3 }, 'ArrowUp')).toEqual({ impact: 4, effort: 3 });
    expect(scoreForKey({ impact: 3, effort: 3 }, 'ArrowLeft')).toEqual({ impact: 3, effort: 2 });
    expect(scoreForKey({ impact: 5, effort: 1 }, 'ArrowUp')).toBeNull();
    expect(scoreForKey({ impact: 5, effort: 1 }, 'ArrowLeft')).toBeNull();
    expect(scoreForKey({ impact: 2, effort: 2 }, 'Enter')).toBeNull();
  });
  it('a score change is made only when the score differs; null sends it back to the tray', () => {
    const n = note('o1', { kind: 'opportunity', impact: 4, effort: 2 });
    expect(scoreChange(n, { impact: 4, effort: 2 })).toBeNull();
    expect(scoreChange(n, { impact: 5, effort: 2 })).toEqual({ type: 'note', op: 'update', id: 'o1', patch: { impact: 5, effort: 2 } });
    expect(scoreChange(n, null)).toEqual({ type: 'note', op: 'update', id: 'o1', patch: { impact: null, effort: null } });
  });
});

describe('roadmap columns', () => {
  const notes = [
    note('a', { phase: 'now', phaseOrder: 1 }),
    note('b', { phase: 'now', phaseOrder: 0 }),
    note('c', { phase: 'next', phaseOrder: 0 }),
    note('d', { phase: 'now', phaseOrder: null }),
    note('e'),
  ];
  it('a column is in phaseOrder, unordered cards last in their given order', () => {
    expect(column(notes, 'now').map((n) => n.id)).toEqual(['b', 'a', 'd']);
    expect(column(notes, 'later')).toEqual([]);
  });
  it('reordering within a column renumbers only what changes', () => {
    expect(moveCard(notes, 'd', 'now', 0)).toEqual([
      { type: 'note', op: 'update', id: 'd', patch: { phaseOrder: 0 } },
      { type: 'note', op: 'update', id: 'b', patch: { phaseOrder: 1 } },
      { type: 'note', op: 'update', id: 'a', patch: { phaseOrder: 2 } },
    ]);
  });
  it('moving to another column sets the phase and the place', () => {
    expect(moveCard(notes, 'c', 'now', 1)).toEqual([
      { type: 'note', op: 'update', id: 'c', patch: { phase: 'now', phaseOrder: 1 } },
      { type: 'note', op: 'update', id: 'a', patch: { phaseOrder: 2 } },
      { type: 'note', op: 'update', id: 'd', patch: { phaseOrder: 3 } },
    ]);
    expect(moveCard(notes, 'e', 'later', 5)).toEqual([{ type: 'note', op: 'update', id: 'e', patch: { phase: 'later', phaseOrder: 0 } }]);
  });
  it('a card put back where it is changes nothing; off the roadmap clears phase and order', () => {
    expect(moveCard(notes, 'b', 'now', 0)).toEqual([{ type: 'note', op: 'update', id: 'd', patch: { phaseOrder: 2 } }]);
    expect(moveCard(notes, 'a', null, 0)).toEqual([{ type: 'note', op: 'update', id: 'a', patch: { phase: null, phaseOrder: null } }]);
    expect(moveCard(notes, 'missing', 'now', 0)).toEqual([]);
  });
  it('arrow keys: up and down within the column, left and right to the end of the next', () => {
    expect(moveForKey(notes, 'a', 'ArrowUp')).toEqual({ phase: 'now', index: 0 });
    expect(moveForKey(notes, 'b', 'ArrowUp')).toBeNull();
    expect(moveForKey(notes, 'a', 'ArrowDown')).toEqual({ phase: 'now', index: 2 });
    expect(moveForKey(notes, 'a', 'ArrowRight')).toEqual({ phase: 'next', index: 1 });
    expect(moveForKey(notes, 'a', 'ArrowLeft')).toEqual({ phase: null, index: 0 }); // off the roadmap
    expect(moveForKey(notes, 'e', 'ArrowRight')).toEqual({ phase: 'now', index: 3 });
    expect(moveForKey(notes, 'e', 'ArrowLeft')).toBeNull();
    expect(moveForKey(notes, 'e', 'ArrowUp')).toBeNull();
  });
  it('accepting proposals puts them after the cards already in Now', () => {
    expect(acceptIntoNow(notes, ['e', 'c'])).toEqual([{ type: 'note', op: 'update', id: 'e', patch: { phase: 'now', phaseOrder: 3 } }]);
  });
});

describe('votes and links', () => {
  const round = (id: string, openedAt: number, position = 0) => ({ id, openedAt, position }) as Round;
  it('the chosen round, else the latest opened', () => {
    const rounds = [round('r1', 10), round('r2', 30), round('r3', 20)];
    expect(pickRound(rounds, 'r3')?.id).toBe('r3');
    expect(pickRound(rounds, 'gone')?.id).toBe('r2');
    expect(pickRound([], null)).toBeNull();
  });
  it('dots per note in one round, typed paper counts included', () => {
    const votes = [
      { id: 'v1', roundId: 'r1', noteId: 'p1', participantId: 'a', count: 1 },
      { id: 'v2', roundId: 'r1', noteId: 'p1', participantId: null, count: 4 },
      { id: 'v3', roundId: 'r2', noteId: 'p1', participantId: 'a', count: 1 },
      { id: 'v4', roundId: 'r1', noteId: 'p2', participantId: 'b', count: 1 },
    ] as Vote[];
    expect(votesByNote('r1', votes)).toEqual(new Map([['p1', 5], ['p2', 1]]));
    expect(votesByNote(null, votes).size).toBe(0);
  });
  it('links show on both sides, and toggle one at a time', () => {
    const o1 = note('o1', { kind: 'opportunity', linkedNoteIds: ['p1'] });
    const o2 = note('o2', { kind: 'opportunity', linkedNoteIds: ['p1', 'p2'] });
    const back = answeredBy([o1, o2, note('p1')]);
    expect(back.get('p1')!.map((n) => n.id)).toEqual(['o1', 'o2']);
    expect(back.get('p2')!.map((n) => n.id)).toEqual(['o2']);
    expect(toggleLink(o1, 'p2')).toEqual({ type: 'note', op: 'update', id: 'o1', patch: { linkedNoteIds: ['p1', 'p2'] } });
    expect(toggleLink(o2, 'p1')).toEqual({ type: 'note', op: 'update', id: 'o2', patch: { linkedNoteIds: ['p2'] } });
    expect(toggleLink(o1, 'o1')).toBeNull();
  });
});
