/**
 * The batch as a graph: notes of one workshop that share a rare word usually sit near each other
 * in the journey ("courier", "adjuster", "meter" recur in neighbouring notes), so each free note is
 * linked to its nearest notes by shared content stems, weighted by their rarity in the batch, and
 * stage probabilities are propagated along those links (label propagation). Notes already placed
 * in cells join the graph as anchors whose stage is known. Then two priors true of workshops in
 * general: a note that is a positive feeling leans towards the later stages (relief, delight and
 * pride come when the job is done), and stages have comparable sizes (balance, in stage.ts).
 *
 * Cost: one inverted-index query per free note (StemIndex); stems found in more than a tenth of
 * the batch are left out of the links (they are the workshop's topic, not a stage's), which also
 * keeps posting lists short on a big board.
 */
import { StemIndex } from './postings';
import { emptyRow, rowsOf } from './stage';
import type { Terms } from './terms';

/** Each free note's nearest notes: indexes (free notes first, then anchors) and cosine weights. */
export interface Neighbours {
  at: Int32Array;
  weight: Float64Array;
}

/** Stems shared by more than this share of the batch's notes do not link notes. */
const MAX_SHARE = 0.1;

/**
 * The `k` nearest notes of each free note, among the free notes and the anchors (placed notes),
 * by cosine of their content stems weighted by log(1 + N / df) over the batch. Only stems that
 * occur in at least two notes and in at most max(2, 10 %) of them count.
 */
export function nearestNotes(free: Terms[], anchors: Terms[], k: number): Neighbours[] {
  const all = free.length + anchors.length;
  const termsAt = (i: number): Terms => (i < free.length ? free[i]! : anchors[i - free.length]!);
  const df = new Map<string, number>();
  // forEach, not for-of: no iterator result or entry array per stem while the code is cold.
  const count = (_: number, s: string): void => void df.set(s, (df.get(s) ?? 0) + 1);
  for (let i = 0; i < all; i++) termsAt(i).stems.forEach(count);
  const maxDf = Math.max(2, MAX_SHARE * all);
  // Each linking stem's weight, once (0: the stem does not link notes).
  const rarity = new Map<string, number>();
  for (const [s, d] of df) rarity.set(s, d < 2 || d > maxDf ? 0 : Math.log(1 + all / d));
  // The notes' own stem counts, indexed with each stem's rarity as its weight (rarity 0: left out),
  // rather than a rarity-weighted copy of every note's stems (5,000 maps on a big board).
  const vectors: Map<string, number>[] = new Array(all);
  const norms = new Float64Array(all);
  let n2 = 0;
  const addSquare = (c: number, s: string): void => {
    const r = rarity.get(s)!;
    if (r === 0) return;
    const x = c * r;
    n2 += x * x;
  };
  for (let i = 0; i < all; i++) {
    const stems = termsAt(i).stems;
    n2 = 0;
    stems.forEach(addSquare);
    vectors[i] = stems;
    norms[i] = Math.sqrt(n2);
  }
  const weightOf = (s: string): number => rarity.get(s)!;
  const index = new StemIndex(vectors, weightOf);
  const out: Neighbours[] = [];
  const bestAt = new Int32Array(k);
  const bestW = new Float64Array(k);
  for (let i = 0; i < free.length; i++) {
    const count = norms[i]! > 0 ? index.nearest(vectors[i]!, norms[i]!, norms, k, i, bestAt, bestW, weightOf) : 0;
    out.push({ at: bestAt.slice(0, count), weight: bestW.slice(0, count) });
  }
  return out;
}

/**
 * Label propagation: each free note's stage distribution becomes (1 - alpha) x its own (from the
 * words and the map) + alpha x the weighted mean of its neighbours' distributions, repeated until
 * it settles. Anchors keep their known stage. The own distributions are flattened first (square
 * root) so that a note's neighbours can outvote a weak lead of its own words.
 */
export function propagate(
  probs: number[][],
  neighbours: Neighbours[],
  anchorStages: number[],
  alpha: number,
  iterations = 20,
): number[][] {
  const n = probs.length;
  if (n === 0 || alpha <= 0) return probs;
  const k = probs[0]!.length;
  // Flat rows: own[i*k + c]; f and next swap each round.
  const own = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = probs[i]!;
    let z = 0;
    for (let c = 0; c < k; c++) z += own[i * k + c] = Math.sqrt(row[c]!);
    for (let c = 0; c < k; c++) own[i * k + c] = z > 0 ? own[i * k + c]! / z : 1 / k;
  }
  let f = own.slice();
  let next = new Float64Array(n * k);
  for (let it = 0; it < iterations; it++) {
    let change = 0;
    for (let i = 0; i < n; i++) {
      const nb = neighbours[i]!;
      const base = i * k;
      let z = 0;
      for (let c = 0; c < k; c++) next[base + c] = 0;
      for (let q = 0; q < nb.at.length; q++) {
        const j = nb.at[q]!;
        const w = nb.weight[q]!;
        z += w;
        if (j < n) for (let c = 0; c < k; c++) next[base + c] = next[base + c]! + w * f[j * k + c]!;
        else {
          const s = anchorStages[j - n]!;
          if (s >= 0 && s < k) next[base + s] = next[base + s]! + w;
        }
      }
      for (let c = 0; c < k; c++) {
        const v = z > 0 ? (1 - alpha) * own[base + c]! + (alpha * next[base + c]!) / z : own[base + c]!;
        change = Math.max(change, Math.abs(v - f[base + c]!));
        next[base + c] = v;
      }
    }
    [f, next] = [next, f];
    if (change < 1e-6) break;
  }
  return rowsOf(f, n, k);
}

/**
 * Multiplies each note's stage probabilities by exp(lean x (position - 0.5)), position being the
 * stage's place in the journey 0..1: a positive lean favours later stages. Rows are renormalised.
 */
export function leanLater(probs: number[][], lean: number[]): number[][] {
  // Plain loops into rows of doubles (stage.ts emptyRow), the same values as map and reduce.
  const out: number[][] = [];
  for (let i = 0; i < probs.length; i++) {
    const row = probs[i]!;
    const l = lean[i] ?? 0;
    if (l === 0) {
      out.push(row);
      continue;
    }
    const k = row.length;
    const r = emptyRow();
    for (let j = 0; j < k; j++) r.push(row[j]! * Math.exp(l * ((k > 1 ? j / (k - 1) : 0.5) - 0.5)));
    let z = 0;
    for (let j = 0; j < k; j++) z += r[j]!;
    z = z || 1;
    const scaled = emptyRow();
    for (let j = 0; j < k; j++) scaled.push(r[j]! / z);
    out.push(scaled);
  }
  return out;
}
