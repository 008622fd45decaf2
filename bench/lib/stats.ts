// Figures from per-frame samples.

/** The q-quantile (0..1) by the nearest-rank method; NaN for no samples. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const p95 = (values: readonly number[]) => quantile(values, 0.95);

/** Rounds to one decimal for printing, keeping the figure a number. */
export const round1 = (value: number) => Math.round(value * 10) / 10;

/** Frames per second from the frame start times (ms) of consecutive frames. */
export function fps(frameStarts: readonly number[]): number {
  if (frameStarts.length < 2) return 0;
  const span = frameStarts[frameStarts.length - 1]! - frameStarts[0]!;
  return span > 0 ? ((frameStarts.length - 1) * 1000) / span : 0;
}
