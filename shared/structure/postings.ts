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

  /** `weight(stem)` multiplies each indexed value (e.g. an IDF weight); default 1. */
  constructor(vectors: readonly Map<string, number>[], weight: (stem: string) => number = () => 1) {
    // One pass over the vectors (one map lookup per entry), then the entries sorted into their
    // stems' lists by counting: each list holds its vectors in order, as the lookups met them.
    let total = 0;
    for (const v of vectors) total += v.size;
    const entryStem = new Int32Array(total);
    const entryValue = new Float64Array(total);
    const factors: number[] = [];
    const counts: number[] = [];
    let e = 0;
    for (const v of vectors)
      for (const [k, x] of v) {
        let id = this.ids.get(k);
        if (id === undefined) {
          this.ids.set(k, (id = counts.push(0) - 1));
          factors.push(weight(k));
        }
        counts[id]!++;
        entryStem[e] = id;
        entryValue[e++] = x * factors[id]!;
      }
    this.offsets = new Int32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) this.offsets[i + 1] = this.offsets[i]! + counts[i]!;
    const fill = this.offsets.slice(0, counts.length);
    this.docs = new Int32Array(total);
    this.values = new Float64Array(total);
    e = 0;
    vectors.forEach((v, at) => {
      for (let end = e + v.size; e < end; e++) {
        const p = fill[entryStem[e]!]!++;
        this.docs[p] = at;
        this.values[p] = entryValue[e]!;
      }
    });
    this.dots = new Float64Array(vectors.length);
    this.touched = new Int32Array(vectors.length);
    this.seen = new Uint8Array(vectors.length);
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
    for (let q = 0; q < count; q++) {
      const at = touched[q]!;
      const d = dots[at]!;
      dots[at] = 0;
      seen[at] = 0;
      visit(at, d);
    }
  }
}
