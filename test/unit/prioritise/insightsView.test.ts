import { describe, expect, test } from 'vitest';
import type { Insights } from '../../../shared/prioritise';
import { sectionsOf } from '../../../renderer/prioritise/insightsView';

const x: Insights = {
  roundId: 'r1',
  topPains: [
    { key: 'n1', label: 'Slots run out', value: 12, votes: 3, severity: 4, noteIds: ['n1'] },
    { key: 'n2', label: 'Card asked twice', value: 2, votes: 2, severity: null, noteIds: ['n2'] },
  ],
  lowestEmotionStage: { key: 's2', label: 'Checkout', value: -1.5, noteIds: ['n2', 'n5'] },
  mostPainStage: { key: 's1', label: 'Delivery', value: 7, noteIds: ['n1', 'n3'] },
  quadrants: [
    { key: 'quick_wins', label: 'Quick wins', value: 1, noteIds: ['o1'] },
    { key: 'unscored', label: 'Unscored', value: 0, noteIds: [] },
  ],
  phases: [{ key: 'now', label: 'Now', value: 0, noteIds: [] }],
};

describe('insights panel lines', () => {
  test('each line says its figure in words and keeps its notes', () => {
    const [pains, hurts, quadrants, phases] = sectionsOf(x, 'Which pain points hurt most?');
    expect(pains!.title).toBe('Top pain points (votes in “Which pain points hurt most?” × severity)');
    expect(pains!.lines.map((l) => [l.label, l.figure, l.noteIds])).toEqual([
      ['Slots run out', '3 votes × 4 = 12', ['n1']],
      ['Card asked twice', '2 votes × 1 (unrated) = 2', ['n2']],
    ]);
    expect(hurts!.lines.map((l) => [l.label, l.figure, l.noteIds])).toEqual([
      ['Lowest emotion: Checkout', '-1.5', ['n2', 'n5']],
      ['Most pain: Delivery', '2 pain points, total severity 7', ['n1', 'n3']],
    ]);
    expect(quadrants!.lines.map((l) => [l.label, l.figure])).toEqual([
      ['Quick wins', '1'],
      ['Unscored', '0'],
    ]);
    // A roadmap with nothing on it says so instead of listing zeros.
    expect(phases!.lines).toEqual([]);
  });

  test('with no votes, pain points rank by severity', () => {
    const [pains] = sectionsOf({ ...x, roundId: null, topPains: [{ key: 'n1', label: 'Slots', value: 4, votes: 0, severity: 4, noteIds: ['n1'] }] }, null);
    expect(pains!.title).toBe('Top pain points (by severity; no votes yet)');
    expect(pains!.lines[0]!.figure).toBe('severity 4');
  });
});
