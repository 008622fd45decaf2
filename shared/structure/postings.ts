/**
 * An inverted index of sparse stem vectors in flat typed arrays: dot products of a query with
 * every indexed vector that shares a stem with it, touching only those. Used for the notes already
 * placed on a big board (thousands) against each free note, where a vocabulary of a few hundred
 * words means most vectors share a stem with most queries, so the constant factor matters.
 */
export class StemIndex {
  private readonly ids = new Map<string, number>();
  private readonly offsets: Int32Array;
  private readonly docs: Int32Array;
  private readonly values: Float64Array;
  private readonly dots: Float64Array;
  private readonly touched: Int32Array;
  private readonly seen: Uint8Array;

  /**
   * `weight(stem)` multiplies each indexed value (e.g. an IDF weight); default 1. A stem of weight
   * 0 links nothing: its entries are left out (queries may still name it; it adds nothing).
   */
  constructor(vectors: readonly Map<string, number>[], weight: (stem: string) => number = () => 1) {
    // One pass over the vectors (one map lookup per entry), then the entries sorted into their
    // stems' lists by counting: each list holds its vectors in order, as the lookups met them.
    let total = 0;
    for (const v of vectors) total += v.size;
    const entryStem = new Int32Array(total);
    const entryValue = new Float64Array(total);
    const entryDoc = new Int32Array(total);
    const factors: number[] = [];
    const counts: number[] = [];
    let e = 0;
    let at = 0;
    const ids = this.ids;
    // forEach, not for-of: no entry array per stem while the code is cold.
    const add = (x: number, k: string): void => {
      let id = ids.get(k);
      if (id === undefined) {
        ids.set(k, (id = counts.push(0) - 1));
        factors.push(weight(k));
      }
      if (factors[id] === 0) return;
      counts[id]!++;
      entryStem[e] = id;
      entryDoc[e] = at;
      entryValue[e++] = x * factors[id]!;
    };
    for (; at < vectors.length; at++) vectors[at]!.forEach(add);
    this.offsets = new Int32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) this.offsets[i + 1] = this.offsets[i]! + counts[i]!;
    const fill = this.offsets.slice(0, counts.length);
    this.docs = new Int32Array(e);
    this.values = new Float64Array(e);
    for (let q = 0; q < e; q++) {
      const p = fill[entryStem[q]!]!++;
      this.docs[p] = entryDoc[q]!;
      this.values[p] = entryValue[q]!;
    }
    this.dots = new Float64Array(vectors.length);
    this.touched = new Int32Array(vectors.length);
    this.seen = new Uint8Array(vectors.length);
  }

  /**
   * Adds the dot product of `query` (values multiplied by `weight(stem)`) with each indexed vector
   * sharing a stem with it into `dots`, listing those vectors in `touched` in the order first met;
   * returns how many. Callers read `dots[touched[q]]` and must clear it and `seen` after.
   */
  private accumulate(query: Map<string, number>, weight: (stem: string) => number): number {
    const { offsets, docs, values, dots, touched, seen } = this;
    let count = 0;
    for (const [k, x] of query) {
      const id = this.ids.get(k);
      if (id === undefined) continue;
      const f = x * weight(k);
      for (let p = offsets[id]!, end = offsets[id + 1]!; p < end; p++) {
        const at = docs[p]!;
        if (!seen[at]) {
          seen[at] = 1;
          touched[count++] = at;
        }
        dots[at] = dots[at]! + f * values[p]!;
      }
    }
    return count;
  }

  /**
   * Calls `visit(at, dot)` once for each indexed vector sharing a stem with `query`, with their
   * dot product (query values multiplied by `weight(stem)`).
   */
  each(
    query: Map<string, number>,
    visit: (at: number, dot: number) => void,
    weight: (stem: string) => number = () => 1,
  ): void {
    const { dots, touched, seen } = this;
    const count = this.accumulate(query, weight);
    for (let q = 0; q < count; q++) {
      const at = touched[q]!;
      const d = dots[at]!;
      dots[at] = 0;
      seen[at] = 0;
      visit(at, d);
    }
  }

  /**
   * The best cosine per label in one loop, no callback: for each indexed vector `at` sharing a stem
   * with `query`, its cosine `dot / (queryNorm * norms[at])` (0 where `norms[at]` is 0) raises
   * `best[labels[at]]` if higher. `best` is not cleared first (start it at 0 for "no match: 0").
   * The same figures as `each` with that comparison in its callback.
   */
  bestPerLabel(
    query: Map<string, number>,
    queryNorm: number,
    norms: Float64Array,
    labels: Int32Array,
    best: Float64Array,
    weight: (stem: string) => number = () => 1,
  ): void {
    const { offsets, docs, values, dots, touched, seen } = this;
    // When the query's posting lists hold more entries than there are vectors (a small vocabulary:
    // nearly every vector shares a stem with every query), add into every vector's slot without
    // keeping a list of those touched, then read all slots in order: a vector sharing no stem
    // reads 0, which cannot raise a best that is already >= 0, so the result is the same.
    let postings = 0;
    for (const k of query.keys()) {
      const id = this.ids.get(k);
      if (id !== undefined) postings += offsets[id + 1]! - offsets[id]!;
    }
    let bestFloor = Infinity;
    for (let j = 0; j < best.length; j++) bestFloor = Math.min(bestFloor, best[j]!);
    if (postings >= dots.length && bestFloor >= 0) {
      for (const [k, x] of query) {
        const id = this.ids.get(k);
        if (id === undefined) continue;
        const f = x * weight(k);
        for (let p = offsets[id]!, end = offsets[id + 1]!; p < end; p++) {
          const at = docs[p]!;
          dots[at] = dots[at]! + f * values[p]!;
        }
      }
      const ends = this.runsOf(labels, best.length);
      if (ends) {
        // Labels in runs (the vectors indexed label by label): each label's best is a running
        // maximum over its run, held in a register. The same maximum of the same cosines.
        let at = 0;
        for (let j = 0; j < ends.length; j++) {
          let top = best[j]!;
          for (const end = ends[j]!; at < end; at++) {
            const d = dots[at]!;
            if (d === 0) continue;
            dots[at] = 0;
            const pn = norms[at]!;
            const c = pn === 0 ? 0 : d / (queryNorm * pn);
            if (c > top) top = c;
          }
          best[j] = top;
        }
        return;
      }
      for (let at = 0; at < dots.length; at++) {
        const d = dots[at]!;
        if (d === 0) continue;
        dots[at] = 0;
        const pn = norms[at]!;
        const c = pn === 0 ? 0 : d / (queryNorm * pn);
        const j = labels[at]!;
        if (c > best[j]!) best[j] = c;
      }
      return;
    }
    const count = this.accumulate(query, weight);
    for (let q = 0; q < count; q++) {
      const at = touched[q]!;
      const d = dots[at]!;
      dots[at] = 0;
      seen[at] = 0;
      const pn = norms[at]!;
      const c = pn === 0 ? 0 : d / (queryNorm * pn);
      const j = labels[at]!;
      if (c > best[j]!) best[j] = c;
    }
  }

  /** The last `labels` seen by `runsOf`, and its answer. */
  private runsLabels: Int32Array | null = null;
  private runsEnds: Int32Array | null = null;
  private runsCount = -1;

  /**
   * When `labels` (one per indexed vector, each in [0, count)) never decrease, the end of each
   * label's run (`ends[j]`: one past its last vector); otherwise null. Remembered for the last
   * array passed (a caller asks once per query with the same labels, which it does not change).
   */
  private runsOf(labels: Int32Array, count: number): Int32Array | null {
    if (labels === this.runsLabels && this.runsCount === count) return this.runsEnds;
    let ends: Int32Array | null = labels.length === this.dots.length ? new Int32Array(count) : null;
    for (let at = 0, last = 0; ends && at < labels.length; at++) {
      const j = labels[at]!;
      if (!(j >= last && j < count)) ends = null;
      else last = j;
    }
    if (ends) {
      let at = 0;
      for (let j = 0; j < count; j++) {
        while (at < labels.length && labels[at] === j) at++;
        ends[j] = at;
      }
    }
    this.runsLabels = labels;
    this.runsEnds = ends;
    this.runsCount = count;
    return ends;
  }

  /**
   * The `k` nearest indexed vectors to `query` by cosine, in one loop, no callback: writes their
   * indexes and cosines, best first, into `bestAt` and `bestW` (length >= k) and returns how many.
   * Vectors with a norm of 0 and the vector at `skip` are left out; ties keep the vector met first
   * (the order `each` visits them).
   */
  nearest(
    query: Map<string, number>,
    queryNorm: number,
    norms: Float64Array,
    k: number,
    skip: number,
    bestAt: Int32Array,
    bestW: Float64Array,
    weight: (stem: string) => number = () => 1,
  ): number {
    const { dots, touched, seen } = this;
    const total = this.accumulate(query, weight);
    let count = 0;
    for (let q = 0; q < total; q++) {
      const j = touched[q]!;
      const d = dots[j]!;
      dots[j] = 0;
      seen[j] = 0;
      if (j === skip || norms[j]! === 0) continue;
      const c = d / (queryNorm * norms[j]!);
      if (count === k && (k === 0 || c <= bestW[k - 1]!)) continue;
      // Insert into the sorted top-k.
      let p = count < k ? count++ : k - 1;
      while (p > 0 && bestW[p - 1]! < c) {
        bestW[p] = bestW[p - 1]!;
        bestAt[p] = bestAt[p - 1]!;
        p--;
      }
      bestW[p] = c;
      bestAt[p] = j;
    }
    return count;
  }
}
