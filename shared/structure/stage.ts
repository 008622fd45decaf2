/**
 * Which stage a note belongs to. Each stage is described by its name, its description and any
 * notes already placed in it; each note is compared with each stage on three levels:
 *  1. shared word stems, weighted by TF-IDF over the stages (a word in every stage tells nothing);
 *  2. shared journey phases (journey.ts): "reads reviews" and a stage called "Consideration" meet
 *     on the research phase even with no word in common;
 *  3. where the note's phases usually sit in a journey versus where the stage sits in this one.
 * Then the batch is used as a whole: confident notes join their stage's vocabulary (one round of
 * self-training) and stage sizes are nudged towards even, since workshops fill every stage; then
 * stageGraph.ts propagates stages between notes that share rare words.
 */
import { PHASES } from './journey';
import { StemIndex } from './postings';
import type { Terms } from './terms';

export { textTerms, type Terms } from './terms';

export interface StageInput {
  name: string;
  description: string;
}

/** Weights of the stage score. Exposed so the bench can check their sensitivity. */
export interface StageWeights {
  lexical: number;
  phase: number;
  position: number;
  placed: number;
  selfTrain: number;
  /** Rounds of self-training on the batch. */
  rounds: number;
  /** Probability above which a note lends its words to its stage during self-training. */
  confident: number;
  balance: number;
  /**
   * Label propagation over the batch's note graph (stageGraph.ts): the share of a note's stage
   * distribution taken from its nearest notes, 0 (off) .. 1.
   */
  propagate: number;
  /** Nearest notes each note listens to during propagation. */
  neighbours: number;
  /** Lean of notes that are positive feelings towards the later stages (log odds, last vs first stage). */
  positiveLate: number;
}

export const DEFAULT_STAGE_WEIGHTS: StageWeights = {
  lexical: 2,
  phase: 0.3,
  position: 0.35,
  placed: 0.8,
  selfTrain: 0.4,
  rounds: 3,
  confident: 0.5,
  balance: 0.5,
  propagate: 0.5,
  neighbours: 10,
  positiveLate: 2,
};

function addTo<K>(m: Map<K, number>, k: K, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

function norm(m: Map<unknown, number>): number {
  let s = 0;
  for (const v of m.values()) s += v * v;
  return Math.sqrt(s);
}

function dot<K>(a: Map<K, number>, b: Map<K, number>, weight?: (k: K) => number): number {
  // No pair array, and forEach rather than for-of (no entry array per key while the code is cold).
  let s = 0;
  const small = a.size <= b.size ? a : b;
  const big = a.size <= b.size ? b : a;
  small.forEach((v, k) => {
    const u = big.get(k);
    if (u !== undefined) s += v * u * (weight ? weight(k) : 1);
  });
  return s;
}

function scaled<K>(m: Map<K, number>, f: number, into: Map<K, number>): void {
  for (const [k, v] of m) addTo(into, k, v * f);
}

/** A placed note's stems as arrays, to compare other notes with it. */
interface Entries {
  keys: string[];
  values: number[];
}

function entriesOf(m: Map<string, number>): Entries {
  return { keys: [...m.keys()], values: [...m.values()] };
}

/** `m` has these keys with these values, in this order. */
function sameEntries(e: Entries, m: Map<string, number>): boolean {
  if (e.keys.length !== m.size) return false;
  let i = 0;
  for (const [k, v] of m) {
    if (e.keys[i] !== k || e.values[i] !== v) return false;
    i++;
  }
  return true;
}

interface StageModel {
  stems: Map<string, number>;
  phases: Map<number, number>;
  /** Position of the stage in this journey, 0..1. */
  at: number;
  placed: Terms[];
}

function weightedNorm(a: Map<string, number>, idf: (k: string) => number): number {
  // forEach, not for-of: no entry array per stem while the code is cold (thousands of placed notes).
  let s = 0;
  a.forEach((v, k) => {
    s += (v * idf(k)) ** 2;
  });
  return Math.sqrt(s);
}

function cosineIdf(
  a: Map<string, number>,
  na: number,
  b: Map<string, number>,
  nb: number,
  idf: (k: string) => number,
): number {
  if (na === 0 || nb === 0) return 0;
  return dot(a, b, (k) => idf(k) ** 2) / (na * nb);
}

/**
 * Stage scores for every note (rows: notes, columns: stages), before normalisation.
 * `placed` are notes already on the board with their stage.
 */
export function scoreStages(
  notes: Terms[],
  stages: { name: Terms; description: Terms }[],
  placed: { terms: Terms; stageIndex: number }[],
  weights: StageWeights = DEFAULT_STAGE_WEIGHTS,
): number[][] {
  const n = stages.length;
  const models: StageModel[] = stages.map((s, i) => {
    const stems = new Map<string, number>();
    scaled(s.name.stems, 2, stems);
    scaled(s.description.stems, 1, stems);
    const phases = new Map<number, number>();
    scaled(s.name.phases, 2, phases);
    scaled(s.description.phases, 1, phases);
    return { stems, phases, at: n > 1 ? i / (n - 1) : 0.5, placed: [] };
  });
  for (const p of placed) models[p.stageIndex]?.placed.push(p.terms);

  // Document frequency of a stem over the stage descriptions: rare across stages = telling.
  const df = new Map<string, number>();
  for (const m of models) for (const k of m.stems.keys()) addTo(df, k, 1);
  const idfCache = new Map<string, number>();
  const idf = (k: string): number => {
    let v = idfCache.get(k);
    if (v === undefined) idfCache.set(k, (v = Math.log(1 + n / (df.get(k) ?? 0.5))));
    return v;
  };
  // Phase frequency over stages, the same idea one level up.
  const pf = new Map<number, number>();
  for (const m of models) for (const k of m.phases.keys()) addTo(pf, k, 1);
  const pidf = (k: number): number => Math.log(1 + n / (pf.get(k) ?? 0.5));

  const stageNorms = models.map((m) => weightedNorm(m.stems, idf));
  // The nearest placed note of each stage, through an inverted index of the placed notes' stems:
  // only placed notes sharing a stem with the note are visited (a big board has thousands). Placed
  // notes with the same stems in the same order in the same stage have the same cosine with every
  // note, so each such group is indexed once (a board repeats itself: copies, numbered variants).
  const placedStems: Map<string, number>[] = [];
  const placedStages: number[] = [];
  // Groups by a hash of (stage, stems in order, counts) over interned stem ids; equal hashes are
  // compared entry by entry, so only equal notes share a group (no key string per placed note).
  const stemIds = new Map<string, number>();
  const groups = new Map<number, number[]>();
  const entries: (Entries | undefined)[] = [];
  let h = 0;
  const hashEntry = (v: number, k: string): void => {
    let id = stemIds.get(k);
    if (id === undefined) stemIds.set(k, (id = stemIds.size));
    h = (Math.imul(h, 31) + id) | 0;
    h = (Math.imul(h, 31) + v) | 0;
  };
  models.forEach((m, j) => {
    for (const p of m.placed) {
      h = j + 1;
      p.stems.forEach(hashEntry);
      const group = groups.get(h);
      if (group) {
        let seen = false;
        for (const q of group) {
          if (placedStages[q] !== j) continue;
          if (placedStems[q] === p.stems || sameEntries((entries[q] ??= entriesOf(placedStems[q]!)), p.stems)) seen = true;
        }
        if (seen) continue;
        group.push(placedStems.length);
      } else groups.set(h, [placedStems.length]);
      placedStems.push(p.stems);
      placedStages.push(j);
    }
  });
  // Plain loops: Float64Array.from with a map function is slow before the code is optimised.
  const placedNorms = new Float64Array(placedStems.length);
  const placedLabels = new Int32Array(placedStems.length);
  for (let i = 0; i < placedStems.length; i++) {
    placedNorms[i] = weightedNorm(placedStems[i]!, idf);
    placedLabels[i] = placedStages[i]!;
  }
  const placedIndex = new StemIndex(placedStems, idf);
  function nearestPlacedCosines(stems: Map<string, number>, noteNorm: number): Float64Array {
    const best = new Float64Array(n);
    if (placedStems.length === 0 || noteNorm === 0) return best;
    placedIndex.bestPerLabel(stems, noteNorm, placedNorms, placedLabels, best, idf);
    return best;
  }
  const phaseNorms = models.map((m) => norm(m.phases));
  const out: number[][] = [];
  // A note's phases as arrays, read once per stage in a plain loop (no entry array per phase).
  const phaseAt: number[] = [];
  const phaseMass: number[] = [];
  for (const note of notes) {
    const noteNorm = weightedNorm(note.stems, idf);
    const row = emptyRow();
    let notePhaseMass = 0;
    phaseAt.length = 0;
    phaseMass.length = 0;
    note.phases.forEach((v, p) => {
      notePhaseMass += v;
      phaseAt.push(PHASES[p]!.at);
      phaseMass.push(v);
    });
    const nearestPlaced = nearestPlacedCosines(note.stems, noteNorm);
    for (let j = 0; j < models.length; j++) {
      const m = models[j]!;
      let s = weights.lexical * cosineIdf(note.stems, noteNorm, m.stems, stageNorms[j]!, idf);
      // Phases named by the stage itself.
      const pn = phaseNorms[j]!;
      if (pn > 0 && notePhaseMass > 0)
        s += (weights.phase * dot(note.phases, m.phases, pidf)) / (pn * Math.sqrt(notePhaseMass));
      // Phases by their usual place in a journey, against this stage's place.
      if (notePhaseMass > 0) {
        let k = 0;
        for (let q = 0; q < phaseAt.length; q++) {
          const d = (phaseAt[q]! - m.at) / 0.2;
          k += phaseMass[q]! * Math.exp(-0.5 * d * d);
        }
        s += (weights.position * k) / notePhaseMass;
      }
      s += weights.placed * nearestPlaced[j]!;
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/**
 * An empty row (stage scores or probabilities) whose elements are doubles from the start, whatever
 * is pushed: every row has the one array shape, so the code reading rows stays optimised. Rows made
 * by `Array.prototype.map` could come out holey after a deoptimisation inside the callback on a
 * big batch (the shape the warm-up never showed), and each reader of such a row then deoptimised
 * in turn.
 */
export function emptyRow(): number[] {
  const row = [0.5];
  row.length = 0;
  return row;
}

/** Softmax of each row at temperature t. */
export function softmaxRows(scores: number[][], t: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < scores.length; i++) {
    const row = scores[i]!;
    const max = Math.max(...row);
    const e = emptyRow();
    let z = 0;
    for (let j = 0; j < row.length; j++) e.push(Math.exp((row[j]! - max) / t));
    for (let j = 0; j < e.length; j++) z += e[j]!;
    const r = emptyRow();
    for (let j = 0; j < e.length; j++) r.push(e[j]! / z);
    out.push(r);
  }
  return out;
}

/**
 * Nudge column sums towards even (a few Sinkhorn steps, damped by `strength` 0..1): a workshop puts
 * notes in every stage, so a stage that attracts far more than its share is probably over-scored.
 */
export function balance(probs: number[][], strength: number, iterations = 5): number[][] {
  if (probs.length === 0 || strength <= 0) return probs;
  const n = probs.length;
  const k = probs[0]!.length;
  const target = n / k;
  const col = new Float64Array(k).fill(1);
  // The current balanced rows, flat: p[i*k + j] = probs[i][j] * col[j], renormalised per row.
  // The rows as given, read once (arrays of any element kind: softmax rows, propagated rows...),
  // so that the loops below see only typed arrays.
  const given = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) given[i * k + j] = probs[i]![j]!;
  const p = given.slice();
  const sums = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sums[j] = sums[j]! + p[i * k + j]!;
    for (let j = 0; j < k; j++) col[j] = col[j]! * Math.pow(target / Math.max(sums[j]!, 1e-9), strength);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < k; j++) z += (p[i * k + j] = given[i * k + j]! * col[j]!);
      for (let j = 0; j < k; j++) p[i * k + j] = p[i * k + j]! / z;
    }
  }
  return rowsOf(p, n, k);
}

/** `n` rows of `k` from a flat row-major array, in plain loops: Array.from over typed subarrays
 * allocated a view and iterator results per row. */
export function rowsOf(flat: ArrayLike<number>, n: number, k: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = emptyRow();
    for (let j = 0; j < k; j++) row.push(flat[i * k + j]!);
    out.push(row);
  }
  return out;
}

/**
 * The most likely stage sequence when notes come in journey order: a non-decreasing path through
 * the stages (Viterbi), paying `skipPenalty` (log units) for each stage skipped at the start, the
 * end or between two notes.
 */
export function orderedPath(probs: number[][], skipPenalty = 2): number[] {
  return viterbi(probs, skipPenalty).path;
}

/** log(p + 1e-6) of every probability, in rows of doubles (emptyRow). */
function logRows(probs: number[][]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < probs.length; i++) {
    const row = probs[i]!;
    const r = emptyRow();
    for (let j = 0; j < row.length; j++) r.push(Math.log(row[j]! + 1e-6));
    out.push(r);
  }
  return out;
}

function viterbi(probs: number[][], skipPenalty: number): { path: number[]; score: number } {
  return viterbiLog(logRows(probs), skipPenalty);
}

function viterbiLog(lp: number[][], skipPenalty: number): { path: number[]; score: number } {
  const n = lp.length;
  if (n === 0) return { path: [], score: 0 };
  const k = lp[0]!.length;
  // Two rows of scores swapped each step and one flat table of back pointers (row i at i*k).
  let prev = new Float64Array(k);
  let row = new Float64Array(k);
  for (let j = 0; j < k; j++) prev[j] = lp[0]![j]! - skipPenalty * j;
  const back = new Int32Array(n * k);
  back.fill(-1, 0, k);
  for (let i = 1; i < n; i++) {
    const l = lp[i]!;
    const b = i * k;
    // Best predecessor q <= j, paying for the stages skipped between q and j:
    // max(prev[j], max_{q<j} prev[q] + pen*q - pen*(j-1)), kept as a running maximum.
    let runMax = -Infinity;
    let runArg = 0;
    for (let j = 0; j < k; j++) {
      let best = prev[j]!;
      let arg = j;
      if (j > 0) {
        const v = runMax - skipPenalty * (j - 1);
        if (v > best) {
          best = v;
          arg = runArg;
        }
      }
      row[j] = best + l[j]!;
      back[b + j] = arg;
      const cand = prev[j]! + skipPenalty * j;
      if (cand > runMax) {
        runMax = cand;
        runArg = j;
      }
    }
    [prev, row] = [row, prev];
  }
  let j = 0;
  let best = -Infinity;
  for (let q = 0; q < k; q++) {
    const e = prev[q]! - skipPenalty * (k - 1 - q);
    if (e > best) {
      best = e;
      j = q;
    }
  }
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = j;
    j = back[i * k + j]!;
  }
  return { path, score: best };
}

/**
 * Evidence that the notes arrived in journey order: how far the best in-order path through the
 * given order beats the same path through shuffled copies of it, in standard deviations of the
 * shuffled scores (a permutation test; the shuffles use a fixed seed, so it is deterministic).
 */
export function orderEvidence(probs: number[][], shuffles = 12, skipPenalty = 2): number {
  if (probs.length < 4) return 0;
  const lp = logRows(probs);
  const given = viterbiLog(lp, skipPenalty).score;
  let seed = 0x2545f491;
  const rnd = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const scores: number[] = [];
  for (let r = 0; r < shuffles; r++) {
    const copy = lp.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    scores.push(viterbiLog(copy, skipPenalty).score);
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length - 1)) || 1;
  return (given - mean) / sd;
}
