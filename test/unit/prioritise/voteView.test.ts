import { describe, expect, test } from 'vitest';
import {
  castChange,
  castRefusal,
  countsOf,
  covers,
  paperCountChanges,
  paperCountRefusal,
  tally,
  retractChange,
  topSet,
  usedDots,
  votersOf,
  type Participant,
  type Round,
  type Vote,
} from '../../../renderer/prioritise/voteView';

const round = (extra: Partial<Round> = {}): Round => ({
  id: 'r1',
  title: 'Which pain points hurt most?',
  target: 'pain_point',
  dots: 2,
  multiple: false,
  anonymous: false,
  status: 'open',
  openedAt: 1,
  closedAt: null,
  position: 0,
  ...extra,
});
const ana: Participant = { id: 'pa', name: 'Ana', color: 'teal', position: 0 };
const ben: Participant = { id: 'pb', name: 'Ben', color: 'pink', position: 1 };
let seq = 0;
const vote = (noteId: string, participantId: string | null, count = 1, roundId = 'r1'): Vote => ({ id: `v${++seq}`, roundId, participantId, noteId, count });
const pain = { id: 'n1', kind: 'pain_point' as const, text: 'Delivery slots run out by Tuesday' };

describe('what a round covers and who may vote', () => {
  test('a round on pain points covers pain points only; "any" covers every note', () => {
    expect(covers(round(), { kind: 'pain_point' })).toBe(true);
    expect(covers(round(), { kind: 'opportunity' })).toBe(false);
    expect(covers(round(), { kind: null })).toBe(false);
    expect(covers(round({ target: 'any' }), { kind: null })).toBe(true);
  });

  test('each refusal is one sentence naming what is wrong', () => {
    expect(castRefusal({ round: round(), participant: ana, note: pain, votes: [] })).toBeNull();
    expect(castRefusal({ round: round({ status: 'closed' }), participant: ana, note: pain, votes: [] })).toMatch(/is closed/);
    expect(castRefusal({ round: round(), participant: ana, note: { id: 'n2', kind: 'opportunity', text: 'Evening slots' }, votes: [] })).toBe(
      'This round is on pain points, and “Evening slots” is not a pain point.',
    );
    const used = [vote('n2', 'pa'), vote('n3', 'pa')];
    expect(castRefusal({ round: round(), participant: ana, note: pain, votes: used })).toBe('Ana has no dots left: all 2 are used. Take one back to move it.');
    // Ben's budget is his own.
    expect(castRefusal({ round: round(), participant: ben, note: pain, votes: used })).toBeNull();
  });

  test('one dot per note unless the round allows several', () => {
    const votes = [vote('n1', 'pa')];
    expect(castRefusal({ round: round(), participant: ana, note: pain, votes })).toMatch(/already has a dot on “Delivery slots/);
    expect(castRefusal({ round: round({ multiple: true }), participant: ana, note: pain, votes })).toBeNull();
  });

  test('paper dots count for the note but against nobody’s budget', () => {
    const votes = [vote('n1', null, 7)];
    expect(usedDots('r1', 'pa', votes)).toBe(0);
    expect(countsOf('r1', votes).get('n1')).toBe(7);
  });
});

describe('results', () => {
  const votes = [vote('a', 'pa'), vote('b', 'pa'), vote('b', 'pb'), vote('c', 'pb'), vote('c', null, 1), vote('d', 'pa', 1, 'r2')];

  test('counts per note in one round, most first', () => {
    const list = tally('r1', votes);
    expect(list).toEqual([
      { noteId: 'b', votes: 2 },
      { noteId: 'c', votes: 2 },
      { noteId: 'a', votes: 1 },
    ]);
  });

  test('top N keeps notes tied with the N-th', () => {
    const list = tally('r1', votes);
    expect([...topSet(list, 1)]).toEqual(['b', 'c']);
    expect([...topSet(list, 2)]).toEqual(['b', 'c']);
    expect([...topSet(list, 3)]).toEqual(['b', 'c', 'a']);
    expect(topSet(list, 0).size).toBe(0);
  });

  test('who voted, with paper dots last', () => {
    const people = new Map([ana, ben].map((p) => [p.id, p]));
    expect(votersOf('r1', 'c', votes, people)).toBe('Ben, 1 on paper');
    expect(votersOf('r1', 'b', [...votes, vote('b', 'pa')], people)).toBe('Ana ×2, Ben');
  });
});

describe('the changes a vote makes', () => {
  test('cast creates a dot; take back removes the newest of that person on that note', () => {
    expect(castChange('v9', 'r1', 'pa', 'n1')).toEqual({ type: 'vote', op: 'create', id: 'v9', value: { roundId: 'r1', participantId: 'pa', noteId: 'n1', count: 1 } });
    const votes = [vote('n1', 'pa'), vote('n1', 'pb'), vote('n1', 'pa')];
    expect(retractChange('r1', 'pa', 'n1', votes)).toEqual({ type: 'vote', op: 'delete', id: votes[2]!.id });
    expect(retractChange('r1', 'pa', 'n2', votes)).toBeNull();
  });

  test('a typed paper count is created, changed, merged and removed at 0', () => {
    const ids = () => 'new';
    expect(paperCountChanges(ids, 'r1', 'n1', 4, [])).toEqual([{ type: 'vote', op: 'create', id: 'new', value: { roundId: 'r1', participantId: null, noteId: 'n1', count: 4 } }]);
    const a = vote('n1', null, 2);
    const b = vote('n1', null, 3);
    expect(paperCountChanges(ids, 'r1', 'n1', 6, [a, b, vote('n1', 'pa')])).toEqual([
      { type: 'vote', op: 'delete', id: b.id },
      { type: 'vote', op: 'update', id: a.id, patch: { count: 6 } },
    ]);
    expect(paperCountChanges(ids, 'r1', 'n1', 0, [a])).toEqual([{ type: 'vote', op: 'delete', id: a.id }]);
    expect(paperCountRefusal('12')).toBeNull();
    expect(paperCountRefusal('-1')).toMatch(/whole number/);
    expect(paperCountRefusal('2.5')).toMatch(/whole number/);
    expect(paperCountRefusal('20000')).toMatch(/at most 10,000/);
  });
});
