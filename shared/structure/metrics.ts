/**
 * Scores for the classifier against labelled notes. Pure maths, used by the bench and its tests.
 */

/** Share of positions where prediction equals gold; 0 for empty input. */
export function accuracy<T>(gold: readonly T[], pred: readonly T[]): number {
  assertSameLength(gold, pred);
  if (gold.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) ok++;
  return ok / gold.length;
}

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Precision, recall and F1 per label, over every label seen in gold or predictions. */
export function perLabel(gold: readonly string[], pred: readonly string[]): LabelScore[] {
  assertSameLength(gold, pred);
  const labels = [...new Set([...gold, ...pred])].sort();
  return labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i] === label;
      const p = pred[i] === label;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support: tp + fn };
  });
}

/** Unweighted mean of per-label F1 (labels seen in gold or predictions); 0 for empty input. */
export function macroF1(gold: readonly string[], pred: readonly string[]): number {
  const scores = perLabel(gold, pred);
  if (scores.length === 0) return 0;
  return scores.reduce((a, s) => a + s.f1, 0) / scores.length;
}

/** Mean absolute error; 0 for empty input. */
export function meanAbsoluteError(gold: readonly number[], pred: readonly number[]): number {
  assertSameLength(gold, pred);
  if (gold.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < gold.length; i++) s += Math.abs(gold[i]! - pred[i]!);
  return s / gold.length;
}

/** Counts of (gold, predicted) pairs: matrix[gold][pred]. */
export function confusion(gold: readonly string[], pred: readonly string[]): Record<string, Record<string, number>> {
  assertSameLength(gold, pred);
  const m: Record<string, Record<string, number>> = {};
  for (let i = 0; i < gold.length; i++) {
    const row = (m[gold[i]!] ??= {});
    row[pred[i]!] = (row[pred[i]!] ?? 0) + 1;
  }
  return m;
}

function assertSameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new RangeError(`gold has ${a.length} labels but predictions have ${b.length}`);
}
