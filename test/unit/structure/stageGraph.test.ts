import { describe, expect, it } from 'vitest';
import { classifyNotes } from '../../../shared/structure/classify';
import { textTerms } from '../../../shared/structure/stage';
import { leanLater, nearestNotes, propagate } from '../../../shared/structure/stageGraph';

// A small gym-membership workshop written for this test (not from any corpus).
const stages = [
  { name: 'Find a gym', description: 'Looks for gyms nearby and compares prices' },
  { name: 'Join', description: 'Signs the membership form and pays the joining fee' },
  { name: 'Train', description: 'Workouts, classes and equipment on the gym floor' },
];
const notes = [
  'compares prices of three gyms nearby',
  'looks for a gym close to the office',
  'gyms nearby all hide their prices',
  'membership form on a tablet asks for bank details twice',
  'pays the joining fee at the desk',
  'signs the membership form at the desk',
  'joining fee waived with a membership code',
  'kettlebell workouts on the gym floor',
  'classes are always full',
  'equipment on the gym floor is broken again',
];
// Shares no word with any stage's name or description, and one word ("tablet") with one note of
// the fullest stage: only that neighbour can place it (balancing alone would send it elsewhere).
const lonely = 'tablet froze halfway through';

describe('stage graph', () => {
  it("links notes by the rarer words they share, never by the batch's topic word", () => {
    const batch = Array.from({ length: 20 }, (_, i) =>
      textTerms(`bank note ${['alpha', 'beta', 'gamma', 'delta', 'omega'][i % 5]}${i}`),
    );
    batch[3] = textTerms('bank overdraft fee');
    batch[11] = textTerms('bank overdraft limit');
    const g = nearestNotes(batch, [], 5);
    expect([...g[3]!.at]).toEqual([11]);
    expect([...g[11]!.at]).toEqual([3]);
    // "bank" is in every note: it says nothing about which notes belong together.
    expect(g[0]!.at.length).toBe(0);
  });

  it('puts a note that shares no word with any stage where its neighbours are', () => {
    const batch = [...notes, lonely].map((text) => ({ text }));
    const withoutGraph = classifyNotes(batch, { stages }, { stageWeights: { propagate: 0 }, useOrder: false });
    expect(withoutGraph.at(-1)!.stageIndex).not.toBe(1);
    const out = classifyNotes(batch, { stages }, { useOrder: false });
    expect(out.at(-1)!.stageIndex).toBe(1);
    // The notes with clear words stay where their words put them.
    expect(out.slice(0, 3).map((c) => c.stageIndex)).toEqual([0, 0, 0]);
    expect(out.slice(7, 10).map((c) => c.stageIndex)).toEqual([2, 2, 2]);
  });

  it('placed notes are anchors: their stage reaches the free notes that share their words', () => {
    const free = ['crowded kettlebell area', 'corner needs more space', 'smells of bleach'];
    const g = nearestNotes(free.map(textTerms), [textTerms('kettlebell corner'), textTerms('reception desk')], 3);
    const flat = free.map(() => [1 / 3, 1 / 3, 1 / 3]);
    const out = propagate(flat, g, [2, 0], 0.5);
    expect(out[0]![2]).toBeGreaterThan(out[0]![0]!);
    expect(out[1]![2]).toBeGreaterThan(out[1]![1]!);
    // A note linked to nothing keeps its own distribution.
    expect(out[2]).toEqual(flat[2]);
    expect(propagate(flat, g, [2, 0], 0)).toBe(flat);
  });

  it('leanLater moves a positive feeling towards the later stages and leaves the rest alone', () => {
    const even = [0.25, 0.25, 0.25, 0.25];
    const [late, same] = leanLater([even, even], [2, 0]);
    expect(late![3]).toBeGreaterThan(late![0]!);
    expect(late!.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(same).toBe(even);
  });
});
