// StemIndex's one-loop queries (bestPerLabel for the nearest placed note of each stage, nearest for a
// note's k nearest notes) must give exactly what visiting every pair through `each` gave before,
// and agree with comparing each vector directly: the stage suggestions may not move at all.
import { describe, expect, it } from 'vitest';
import { StemIndex } from '../../../shared/structure/postings';

function random(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 16807) % 2147483647) / 2147483647;
}

/** Random sparse vectors over `vocabulary` stems, some empty, some repeated. */
function vectors(count: number, rnd: () => number, vocabulary = 40): Map<string, number>[] {
  const stems = Array.from({ length: vocabulary }, (_, i) => `s${i}`);
  const one = (): Map<string, number> => {
    const v = new Map<string, number>();
    const size = Math.floor(rnd() * 8);
    for (let k = 0; k < size; k++) v.set(stems[Math.floor(rnd() * stems.length)]!, 1 + Math.floor(rnd() * 3));
    return v;
  };
  const out: Map<string, number>[] = [];
  for (let i = 0; i < count; i++) out.push(i > 0 && rnd() < 0.1 ? new Map(out[i - 1]!) : one());
  return out;
}

const weight = (k: string): number => 1 + (Number(k.slice(1)) % 5) / 4;

function normOf(v: Map<string, number>, w: (k: string) => number): number {
  let s = 0;
  for (const [k, x] of v) s += (x * w(k)) ** 2;
  return Math.sqrt(s);
}

function directCosine(q: Map<string, number>, v: Map<string, number>, w: (k: string) => number): number | null {
  let dot = 0;
  let shares = false;
  for (const [k, x] of q) {
    const y = v.get(k);
    if (y === undefined) continue;
    shares = true;
    dot += x * w(k) * (y * w(k));
  }
  const nq = normOf(q, w);
  const nv = normOf(v, w);
  return shares ? (nv === 0 ? 0 : dot / (nq * nv)) : null;
}

describe('StemIndex.bestPerLabel', () => {
  // 40 stems: each query meets a few vectors; 4 stems: every query meets nearly every vector.
  // Labels in any order, or in runs (vectors indexed stage by stage, one label with none), asked
  // alternately with another labelling of the same index.
  for (const vocabulary of [40, 4])
    for (const runs of [false, true])
      it(`gives the best cosine per label of visiting every pair, and of comparing directly (${vocabulary} stems${runs ? ', labels in runs' : ''})`, () => {
        const rnd = random(5);
        const docs = vectors(400, rnd, vocabulary);
        const shuffled = Int32Array.from(docs, () => Math.floor(rnd() * 6));
        const inRuns = Int32Array.from(shuffled, (j) => (j === 3 ? 4 : j)).sort();
        const norms = Float64Array.from(docs, (v) => normOf(v, weight));
        const index = new StemIndex(docs, weight);
        let turn = 0;
        for (const query of vectors(40, rnd, vocabulary)) {
          const labels = runs && turn++ % 3 !== 2 ? inRuns : shuffled;
          const qn = normOf(query, weight);
          if (qn === 0) continue;
          const viaEach = new Float64Array(6);
          index.each(
            query,
            (at, d) => {
              const c = norms[at] === 0 ? 0 : d / (qn * norms[at]!);
              if (c > viaEach[labels[at]!]!) viaEach[labels[at]!] = c;
            },
            weight,
          );
          const best = new Float64Array(6);
          index.bestPerLabel(query, qn, norms, labels, best, weight);
          expect([...best]).toEqual([...viaEach]);
          const direct = new Array<number>(6).fill(0);
          docs.forEach((v, at) => {
            const c = directCosine(query, v, weight);
            if (c !== null && c > direct[labels[at]!]!) direct[labels[at]!] = c;
          });
          direct.forEach((c, j) => expect(best[j]).toBeCloseTo(c, 12));
        }
      });

  it('leaves labels with no vector sharing a stem at what they held', () => {
    const index = new StemIndex([new Map([['late', 1]]), new Map([['app', 2]])]);
    const best = new Float64Array([0, 0.25]);
    index.bestPerLabel(new Map([['late', 3]]), 3, new Float64Array([1, 2]), new Int32Array([0, 1]), best);
    expect([...best]).toEqual([1, 0.25]);
  });

  it('keeps a negative starting best where no vector shares a stem, when the query meets as many postings as vectors', () => {
    const index = new StemIndex([
      new Map([
        ['late', 1],
        ['x', 1],
      ]),
      new Map([['late', 2]]),
      new Map([['app', 1]]),
    ]);
    const best = new Float64Array([0, -1]);
    const query = new Map([
      ['late', 1],
      ['x', 1],
    ]);
    index.bestPerLabel(query, Math.SQRT2, new Float64Array([Math.SQRT2, 2, 1]), new Int32Array([0, 0, 1]), best);
    expect(best[1]).toBe(-1);
    expect(best[0]).toBeCloseTo(1, 12);
  });
});

describe('StemIndex.nearest', () => {
  it('gives the k best cosines of visiting every pair, ties to the vector met first, skipping itself and empty vectors', () => {
    const rnd = random(9);
    const docs = vectors(400, rnd);
    const norms = Float64Array.from(docs, (v) => normOf(v, () => 1));
    const index = new StemIndex(docs);
    for (const k of [1, 3, 10]) {
      const bestAt = new Int32Array(k);
      const bestW = new Float64Array(k);
      for (let i = 0; i < 60; i++) {
        if (norms[i] === 0) continue;
        const visited: { at: number; c: number }[] = [];
        index.each(docs[i]!, (at, d) => {
          if (at !== i && norms[at] !== 0) visited.push({ at, c: d / (norms[i]! * norms[at]!) });
        });
        // A stable sort keeps the order of visiting among equal cosines.
        const expected = visited.sort((a, b) => b.c - a.c).slice(0, k);
        const count = index.nearest(docs[i]!, norms[i]!, norms, k, i, bestAt, bestW);
        expect(count).toBe(expected.length);
        expect([...bestAt.subarray(0, count)]).toEqual(expected.map((e) => e.at));
        expect([...bestW.subarray(0, count)]).toEqual(expected.map((e) => e.c));
        for (let q = 0; q < count; q++)
          expect(bestW[q]).toBeCloseTo(
            directCosine(docs[i]!, docs[bestAt[q]!]!, () => 1)!,
            12,
          );
      }
    }
  });

  it('finds nothing for k = 0 and leaves the index clean for the next query', () => {
    const docs = [new Map([['late', 1]]), new Map([['late', 2]])];
    const norms = new Float64Array([1, 2]);
    const index = new StemIndex(docs);
    expect(index.nearest(docs[0]!, 1, norms, 0, 0, new Int32Array(0), new Float64Array(0))).toBe(0);
    const seen: [number, number][] = [];
    index.each(docs[0]!, (at, d) => seen.push([at, d]));
    expect(seen).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('links nothing through a stem of weight 0: the same neighbours and cosines as leaving that stem out of every vector', () => {
    // The neighbour graph indexes the notes' own stem counts weighted by rarity, 0 for stems that
    // do not link notes, instead of building a weighted copy of every note without those stems.
    const rnd = random(21);
    const docs = vectors(300, rnd, 30);
    const rarity = (k: string): number => (Number(k.slice(1)) % 4 === 0 ? 0 : 1 + (Number(k.slice(1)) % 3) / 2);
    const copies = docs.map((v) => {
      const m = new Map<string, number>();
      for (const [k, x] of v) if (rarity(k) !== 0) m.set(k, x * rarity(k));
      return m;
    });
    const norms = Float64Array.from(copies, (v) => normOf(v, () => 1));
    const weighted = new StemIndex(docs, rarity);
    const filtered = new StemIndex(copies);
    const k = 5;
    const a = { at: new Int32Array(k), w: new Float64Array(k) };
    const b = { at: new Int32Array(k), w: new Float64Array(k) };
    for (let i = 0; i < docs.length; i++) {
      if (norms[i] === 0) continue;
      const n = weighted.nearest(docs[i]!, norms[i]!, norms, k, i, a.at, a.w, rarity);
      expect(n).toBe(filtered.nearest(copies[i]!, norms[i]!, norms, k, i, b.at, b.w));
      expect([...a.at.subarray(0, n)]).toEqual([...b.at.subarray(0, n)]);
      expect([...a.w.subarray(0, n)]).toEqual([...b.w.subarray(0, n)]);
    }
    const met: number[] = [];
    weighted.each(new Map([['s0', 1]]), (at) => met.push(at));
    expect(met).toEqual([]);
  });
});
