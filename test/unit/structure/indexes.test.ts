// The shortcuts that make suggestions and clusters fast on a big board must not change what they
// find: clusters equal the groups of comparing every pair, the inverted index gives the same dot
// products as comparing directly, and the plain tokeniser keeps what the stage matching needs.
import { describe, expect, it } from 'vitest';
import { clusterNotes } from '../../../shared/structure/cluster';
import { allPairsGroups } from './clusterReference';
import { StemIndex } from '../../../shared/structure/postings';
import { textTerms } from '../../../shared/structure/terms';
import { PHASES } from '../../../shared/structure/journey';

/** Seeded notes from a small vocabulary (nearly every pair shares a word), some long, some typos. */
function smallVocabularyNotes(n: number, seed = 3): { id: string; text: string }[] {
  let x = seed;
  const rnd = (): number => (x = (x * 16807) % 2147483647) / 2147483647;
  const words = `refund late parcel courier app login slow queue staff helpful price form confusing waited hour
    delivery missing email reminder checkout payment failed store call agent recieved received`.split(/\s+/);
  return Array.from({ length: n }, (_, i) => {
    const r = rnd();
    const count =
      r < 0.7 ? 2 + Math.floor(rnd() * 6) : r < 0.95 ? 8 + Math.floor(rnd() * 12) : 30 + Math.floor(rnd() * 30);
    const text = Array.from({ length: count }, () => words[Math.floor(rnd() * words.length)]!).join(' ');
    return { id: `n${i}`, text };
  });
}

describe('clusters on a small vocabulary', () => {
  const notes = smallVocabularyNotes(300);
  for (const threshold of [0.45, 0.6, 0.75]) {
    it(`finds exactly the groups of comparing every pair at ${threshold}`, () => {
      expect(clusterNotes(notes, { threshold })).toEqual(allPairsGroups(notes, threshold));
    });
  }
});

describe('clusters of repeated notes', () => {
  // Copies of one text, the same words written differently ("Parcel LATE!!" / "parcel late"), notes
  // of stop words only (they match nothing, even each other) and paragraphs beside short notes:
  // the shortcuts for repeated texts and for short notes against long ones must not change a group.
  const base = smallVocabularyNotes(120, 7);
  const notes = [
    ...base,
    ...base.slice(0, 40).map((n, i) => ({ id: `copy${i}`, text: n.text })),
    ...base.slice(20, 60).map((n, i) => ({ id: `loud${i}`, text: `${n.text.toUpperCase()}!!` })),
    ...['the and', 'THE AND', 'so very', 'the and'].map((text, i) => ({ id: `stop${i}`, text })),
    ...base.slice(0, 10).map((n, i) => ({ id: `para${i}`, text: `${n.text} ${base[i + 50]!.text} ${base[i + 80]!.text}` })),
  ];
  for (const threshold of [0.45, 0.6, 0.75]) {
    it(`finds exactly the groups of comparing every pair at ${threshold}`, () => {
      expect(clusterNotes(notes, { threshold })).toEqual(allPairsGroups(notes, threshold));
    });
  }
  it('puts every copy of a text in one group and leaves notes of stop words alone', () => {
    const groups = clusterNotes(notes);
    const of = (id: string) => groups.find((g) => g.includes(id));
    for (let i = 0; i < 40; i++) expect(of(`copy${i}`)).toContain(`n${i}`);
    for (let i = 0; i < 4; i++) expect(of(`stop${i}`)).toBeUndefined();
  });
});

describe('the inverted index of stems', () => {
  it('gives each shared-stem vector its dot product with the query, weighted', () => {
    const vectors = [
      new Map([
        ['refund', 2],
        ['late', 1],
      ]),
      new Map([['app', 1]]),
      new Map([
        ['late', 3],
        ['parcel', 1],
      ]),
    ];
    const weight = (k: string): number => (k === 'late' ? 0.5 : 1);
    const index = new StemIndex(vectors, weight);
    const seen = new Map<number, number>();
    index.each(
      new Map([
        ['late', 2],
        ['refund', 1],
      ]),
      (at, dot) => seen.set(at, dot),
      weight,
    );
    // refund: 1*2; late: 2*1 weighted 0.5*0.5 -> 0.5; the app-only vector shares nothing.
    expect(Object.fromEntries(seen)).toEqual({ 0: 2.5, 2: 1.5 });
  });

  it('gives the same dot products as comparing each vector directly, on many vectors', () => {
    let x = 11;
    const rnd = (): number => (x = (x * 16807) % 2147483647) / 2147483647;
    const stems = Array.from({ length: 40 }, (_, i) => `s${i}`);
    const vector = () => {
      const v = new Map<string, number>();
      const size = 1 + Math.floor(rnd() * 8);
      for (let k = 0; k < size; k++) v.set(stems[Math.floor(rnd() * stems.length)]!, 1 + Math.floor(rnd() * 3));
      return v;
    };
    const weight = (k: string): number => 1 + (Number(k.slice(1)) % 5) / 4;
    const vectors = Array.from({ length: 300 }, vector);
    const index = new StemIndex(vectors, weight);
    for (let q = 0; q < 30; q++) {
      const query = vector();
      const seen = new Map<number, number>();
      index.each(query, (at, dot) => seen.set(at, dot), weight);
      const direct = new Map<number, number>();
      vectors.forEach((v, at) => {
        let dot = 0;
        let shares = false;
        for (const [k, qv] of query) {
          const iv = v.get(k);
          if (iv === undefined) continue;
          shares = true;
          dot += qv * weight(k) * (iv * weight(k));
        }
        if (shares) direct.set(at, dot);
      });
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual([...direct.keys()].sort((a, b) => a - b));
      for (const [at, dot] of direct) expect(seen.get(at)).toBeCloseTo(dot, 12);
    }
  });
});

describe('content terms for stage matching', () => {
  it('drops function words and meets word forms, irregular verbs included', () => {
    const a = textTerms('She paid for the parcels and they were delivered');
    const b = textTerms('pays for a parcel, delivers it');
    expect([...a.stems.keys()].sort()).toEqual([...b.stems.keys()].sort());
    expect(textTerms('the and of it was to').stems.size).toBe(0);
  });

  it('finds journey phases in word forms and two-word phrases', () => {
    const phaseIds = (text: string) => [...textTerms(text).phases.keys()].map((p) => PHASES[p]!.id);
    expect(phaseIds('compared three quotes')).toContain('research');
    expect(phaseIds('she signed up online')).toContain('decide');
    expect(phaseIds('cancelled the subscription')).toContain('renew');
  });
});
