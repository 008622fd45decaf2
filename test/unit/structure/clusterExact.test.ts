// clusterNotes' shortcuts (shared-token counting with a size bound and a minimum overlap, the
// bound on what the trigrams could add, the early exits, the caches of words, notes and the last
// board's trigram table) must give exactly the groups of comparing every pair with the plain rule.
// These notes are built to sit near the bounds: typos and word forms that only the trigrams join,
// notes from one word to a long paragraph, repeated words, numbers with units and symbols.
import { describe, expect, it } from 'vitest';
import { clusterNotes, normaliseNote } from '../../../shared/structure/cluster';
import { allPairsGroups } from './clusterReference';

type Note = { id: string; text: string };

function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 16807) % 2147483647) / 2147483647;
}

const WORDS = `refund late parcel courier app login slow queue staff helpful price form confusing waited
  delivery missing email reminder checkout payment failed store call agent received password reset
  invoice booking cancelled voucher`.split(/\s+/);

/** One word changed the way people mistype: two letters swapped, one dropped, one doubled. */
function typo(word: string, rnd: () => number): string {
  if (word.length < 4) return word;
  const k = 1 + Math.floor(rnd() * (word.length - 2));
  const r = rnd();
  if (r < 0.4) return word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2);
  if (r < 0.7) return word.slice(0, k) + word.slice(k + 1);
  return word.slice(0, k) + word[k] + word.slice(k);
}

/** Notes and their near-copies (typos, a word dropped or added, units, shouting), of very mixed lengths. */
function nearBoundNotes(seed: number): Note[] {
  const rnd = seeded(seed);
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const extras = ['40mins', '40 min', '£20', '20%', '3-5 days', '2 wks', 'café', 'constructor', "can't", 'x2'];
  const notes: Note[] = [];
  for (let i = 0; i < 110; i++) {
    const r = rnd();
    const count = r < 0.15 ? 1 : r < 0.75 ? 2 + Math.floor(rnd() * 6) : r < 0.93 ? 8 + Math.floor(rnd() * 15) : 40 + Math.floor(rnd() * 80);
    const words = Array.from({ length: count }, () => (rnd() < 0.08 ? extras[Math.floor(rnd() * extras.length)]! : pick()));
    // Some notes repeat a word, so trigram counts above 1 test the bound on what shared trigrams add.
    if (rnd() < 0.2) words.push(words[0]!, words[0]!);
    notes.push({ id: `b${i}`, text: words.join(' ') });
    const copies = Math.floor(rnd() * 3);
    for (let c = 0; c < copies; c++) {
      const changed = words.map((w) => (rnd() < 0.35 ? typo(w, rnd) : w));
      if (changed.length > 1 && rnd() < 0.3) changed.splice(Math.floor(rnd() * changed.length), 1);
      if (rnd() < 0.3) changed.push(pick());
      const text = changed.join(' ');
      notes.push({ id: `b${i}c${c}`, text: rnd() < 0.2 ? `${text.toUpperCase()}!!` : text });
    }
  }
  return notes;
}

function jaccard(a: string, b: string): number {
  const x = new Set(normaliseNote(a));
  const y = new Set(normaliseNote(b));
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / (x.size + y.size - shared);
}

describe('clusters near the bounds', () => {
  const notes = nearBoundNotes(5);
  const text = new Map(notes.map((n) => [n.id, n.text]));
  for (const threshold of [0.3, 0.45, 0.5, 0.6, 0.75, 0.9]) {
    it(`finds exactly the groups of comparing every pair at ${threshold}`, () => {
      expect(clusterNotes(notes, { threshold })).toEqual(allPairsGroups(notes, threshold));
    });
  }

  it('joins some notes only through their trigrams (the data reaches that path)', () => {
    // A group with two notes whose words alone are below the threshold: typos joined by trigrams.
    const groups = clusterNotes(notes);
    const throughTrigrams = groups.some((g) =>
      g.some((a) => g.some((b) => a < b && jaccard(text.get(a)!, text.get(b)!) < 0.6)),
    );
    expect(throughTrigrams).toBe(true);
  });

  it('gives the same groups for any order of the notes', () => {
    const shuffled = [...notes].reverse();
    const sorted = (groups: string[][]) => groups.map((g) => [...g].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(sorted(clusterNotes(shuffled))).toEqual(sorted(clusterNotes(notes)));
  });
});

describe('clusters of one board after another', () => {
  // Prepared notes and the last board's trigram table are kept between calls: a call on another
  // board, or on the same board with notes added or removed, must not reuse what no longer fits.
  const a = nearBoundNotes(11);
  const b = nearBoundNotes(12);
  it('finds every board its own groups, in any sequence of calls', () => {
    const boards = [a, b, a, a.slice(10), [...a, ...b.slice(0, 30)], a, b];
    for (const board of boards) expect(clusterNotes(board)).toEqual(allPairsGroups(board, 0.6));
  });
});

describe('notes that share no word', () => {
  it('joins them at a low threshold when their trigrams are close enough', () => {
    // Jaccard 0, trigram cosine about 0.66: similarity 0.33, so the same point at 0.3, not at 0.6.
    const notes = [
      { id: 'a', text: 'booking booking booking' },
      { id: 'b', text: 'bookig boking bokoing' },
      { id: 'c', text: 'refund late' },
    ];
    expect(clusterNotes(notes, { threshold: 0.3 })).toEqual([['a', 'b']]);
    expect(clusterNotes(notes, { threshold: 0.6 })).toEqual([]);
    for (const threshold of [0.3, 0.5, 0.6]) expect(clusterNotes(notes, { threshold })).toEqual(allPairsGroups(notes, threshold));
  });

  it('refuses a threshold outside (0, 1] and says what is allowed', () => {
    for (const threshold of [0, -0.2, 1.5, Number.NaN])
      expect(() => clusterNotes([{ id: 'a', text: 'late' }], { threshold })).toThrow(/above 0 and at most 1/);
  });
});

describe('notes with unusual words', () => {
  it('handles a word that is a property of every JavaScript object', () => {
    // "constructor" used to find Object's own property among the units and shorthand, and throw.
    expect(normaliseNote('Constructor called twice')).toEqual(['constructor', 'call', '2', 'times']);
    const notes = [
      { id: 'a', text: 'constructor late' },
      { id: 'b', text: 'Constructor LATE!' },
      { id: 'c', text: 'toString valueOf' },
    ];
    expect(clusterNotes(notes)).toEqual([['a', 'b']]);
  });
});
