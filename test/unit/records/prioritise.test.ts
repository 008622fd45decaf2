import { describe, expect, test } from 'vitest';
import type { JourneyMap, Vote } from '../../../shared/domain';
import { anonymised, budgetLeft, compareRounds, insights, proposeNow, quadrant, tally, voteRefusal } from '../../../shared/prioritise/index';
import { withDefaults } from '../../../shared/records/index';

const v = (id: string, roundId: string, participantId: string | null, noteId: string, count = 1): Vote => ({ id, mapId: 'm', roundId, participantId, noteId, count });
const round = { id: 'r', title: 'Pains', target: 'pain_point' as const, dots: 2, multiple: false, status: 'open' as const };

describe('voting logic', () => {
  test('tally: totals with paper counts, most first, ties by note id, only voted notes', () => {
    const votes = [v('1', 'r', 'a', 'n2'), v('2', 'r', 'b', 'n1'), v('3', 'r', null, 'n3', 4), v('4', 'other', 'a', 'n9')];
    expect(tally('r', votes)).toEqual([
      { noteId: 'n3', votes: 4 },
      { noteId: 'n1', votes: 1 },
      { noteId: 'n2', votes: 1 },
    ]);
  });

  test('budget left per participant, and every refusal', () => {
    const votes = [v('1', 'r', 'a', 'n1'), v('2', 'r', null, 'n2', 9)];
    expect(budgetLeft(round, ['a', 'b'], votes)).toEqual(new Map([['a', 1], ['b', 2]]));
    const pain = { kind: 'pain_point' as const };
    expect(voteRefusal(round, pain, v('x', 'r', 'a', 'n3'), votes)).toBeNull();
    expect(voteRefusal(round, pain, v('x', 'r', 'a', 'n1'), votes)).toMatchObject({ code: 'limit' });
    expect(voteRefusal(round, pain, v('x', 'r', 'a', 'n3'), [...votes, v('3', 'r', 'a', 'n4')])).toMatchObject({ code: 'limit' });
    expect(voteRefusal(round, { kind: 'opportunity' }, v('x', 'r', 'a', 'n3'), votes)).toMatchObject({ code: 'invalid_input' });
    expect(voteRefusal({ ...round, status: 'closed' }, pain, v('x', 'r', 'b', 'n3'), votes)).toMatchObject({ code: 'closed' });
    expect(voteRefusal(round, pain, v('x', 'r', null, 'n2', 1), votes)).toMatchObject({ code: 'invalid_input' });
    expect(voteRefusal(round, pain, v('x', 'r', null, 'n5', 40), votes)).toBeNull();
  });

  test('compare two rounds: by the later results, then what only the earlier had', () => {
    const votes = [v('1', 'old', 'a', 'x'), v('2', 'old', 'b', 'y'), v('3', 'old', 'c', 'y'), v('4', 'new', 'a', 'x', 1), v('5', 'new', null, 'z', 3)];
    expect(compareRounds('old', 'new', votes)).toEqual([
      { noteId: 'z', before: 0, after: 3, change: 3, rankBefore: null, rankAfter: 1 },
      { noteId: 'x', before: 1, after: 1, change: 0, rankBefore: 2, rankAfter: 2 },
      { noteId: 'y', before: 2, after: 0, change: -2, rankBefore: 1, rankAfter: null },
    ]);
  });

  test('anonymised: an anonymous round becomes one count per note with no participant; others are untouched', () => {
    const map = {
      rounds: [{ id: 'r', anonymous: true }, { id: 's', anonymous: false }],
      votes: [v('1', 'r', 'a', 'n1'), v('2', 'r', 'b', 'n1'), v('3', 'r', null, 'n2', 3), v('4', 's', 'a', 'n1')],
    } as unknown as JourneyMap;
    const out = anonymised(map);
    expect(out.votes).toEqual([v('1', 'r', null, 'n1', 2), v('3', 'r', null, 'n2', 3), v('4', 's', 'a', 'n1')]);
    expect(map.votes[0]!.participantId).toBe('a');
  });
});

describe('matrix, roadmap and insights', () => {
  test('quadrants: impact and effort of 3 or more count as high', () => {
    expect(quadrant(5, 1)).toBe('quick_win');
    expect(quadrant(3, 2)).toBe('quick_win');
    expect(quadrant(3, 3)).toBe('big_bet');
    expect(quadrant(2, 2)).toBe('fill_in');
    expect(quadrant(1, 5)).toBe('money_pit');
    expect(quadrant(null, 2)).toBeNull();
  });

  const note = (id: string, fields: Record<string, unknown>) => ({ ...withDefaults('note', { text: id, x: 0, y: 0, ...fields }), id, mapId: 'm', createdAt: 0, updatedAt: 0 });

  test('proposeNow: unplaced quick wins, best first', () => {
    const notes = [
      note('o1', { kind: 'opportunity', impact: 4, effort: 2 }),
      note('o2', { kind: 'opportunity', impact: 5, effort: 2 }),
      note('o3', { kind: 'opportunity', impact: 5, effort: 1, phase: 'next' }),
      note('o4', { kind: 'opportunity', impact: 5, effort: 4 }),
      note('p1', { kind: 'pain_point', impact: 5, effort: 1 }),
    ];
    expect(proposeNow(notes as never).map((n: { id: string }) => n.id)).toEqual(['o2', 'o1']);
  });

  test('insights: each line with its figure and the notes behind it', () => {
    const map = {
      id: 'm',
      stages: [
        { id: 's1', name: 'Browse', emotion: null, position: 0 },
        { id: 's2', name: 'Pay', emotion: null, position: 1 },
      ],
      notes: [
        note('p1', { kind: 'pain_point', severity: 2, stageId: 's1', sentiment: -1 }),
        note('p2', { kind: 'pain_point', severity: 5, stageId: 's2', sentiment: -2 }),
        note('p3', { kind: 'pain_point', stageId: 's2' }),
        note('h', { kind: 'thought', stageId: 's1', sentiment: 2 }),
        note('o1', { kind: 'opportunity', impact: 5, effort: 1, phase: 'now' }),
        note('o2', { kind: 'opportunity', impact: 1, effort: 5, phase: 'not_doing' }),
        note('o3', { kind: 'opportunity' }),
      ],
      rounds: [{ id: 'r', openedAt: 1, position: 0 }],
      votes: [v('1', 'r', 'a', 'p1'), v('2', 'r', 'b', 'p1'), v('3', 'r', null, 'p3', 3), v('4', 'r', 'c', 'p2')],
    } as unknown as JourneyMap;
    const got = insights(map);
    expect(got.roundId).toBe('r');
    expect(got.topPains.map((l) => [l.key, l.value, l.noteIds])).toEqual([
      ['p2', 5, ['p2']],
      ['p1', 4, ['p1']],
      ['p3', 3, ['p3']],
    ]);
    expect(got.lowestEmotionStage).toMatchObject({ key: 's2', label: 'Pay', value: -2, noteIds: ['p2'] });
    expect(got.mostPainStage).toMatchObject({ key: 's2', value: 6, noteIds: ['p2', 'p3'] });
    expect(got.quadrants.map((l) => [l.key, l.noteIds])).toEqual([
      ['quick_win', ['o1']],
      ['big_bet', []],
      ['fill_in', []],
      ['money_pit', ['o2']],
      ['unscored', ['o3']],
    ]);
    expect(got.phases.map((l) => [l.label, l.value])).toEqual([
      ['Now', 1],
      ['Next', 0],
      ['Later', 0],
      ['Not doing', 1],
    ]);
  });
});
