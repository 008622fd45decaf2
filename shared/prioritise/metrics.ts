/**
 * Customer metrics against their targets, pure: each kind's name, scale and direction, and how far
 * a figure is from its target (met, near, far) in words and a symbol, so no view says it in colour
 * alone. The board's metrics row (renderer/plan) and every export (shared/export) read it here.
 */
import type { Metric } from '../domain';
import { METRIC_KINDS, METRIC_RANGES } from '../records/fields';

export type MetricKind = (typeof METRIC_KINDS)[number];

export const METRIC_INFO: Record<MetricKind, { label: string; long: string; unit: string; higherIsBetter: boolean }> = {
  csat: { label: 'CSAT', long: 'Customer satisfaction, 1 to 5', unit: '', higherIsBetter: true },
  nps: { label: 'NPS', long: 'Net Promoter Score, -100 to 100', unit: '', higherIsBetter: true },
  // CES 2.0: agreement (1-7) with "they made it easy to handle my issue": higher is easier.
  ces: { label: 'CES', long: 'Customer effort score, 1 to 7 (higher is easier)', unit: '', higherIsBetter: true },
  conversion: { label: 'Conversion', long: 'Conversion rate, %', unit: '%', higherIsBetter: true },
  churn: { label: 'Churn', long: 'Churn rate, % (lower is better)', unit: '%', higherIsBetter: false },
};

/** Where a figure stands against its target; `unset` when it has no value or no target. */
export type MetricStatus = 'met' | 'near' | 'far' | 'unset';

/** How each status reads: a symbol and words, always shown beside its colour. */
export const STATUS_TEXT: Record<MetricStatus, { symbol: string; words: string }> = {
  met: { symbol: '✓', words: 'on target' },
  near: { symbol: '~', words: 'near target' },
  far: { symbol: '!', words: 'far from target' },
  unset: { symbol: '', words: 'no target' },
};

/** Within this share of the kind's whole scale short of the target counts as near. */
export const NEAR_SHARE = 0.1;

/**
 * How far a metric is from its target: met (at or better than it, in the kind's direction),
 * near (short by at most a tenth of the scale), far, or unset (no value or no target).
 */
export function metricStatus(m: Pick<Metric, 'kind' | 'value' | 'target'>): MetricStatus {
  if (m.value === null || m.target === null) return 'unset';
  const range = METRIC_RANGES[m.kind];
  const short = (METRIC_INFO[m.kind].higherIsBetter ? m.target - m.value : m.value - m.target) / (range.max - range.min);
  if (short <= 0) return 'met';
  return short <= NEAR_SHARE ? 'near' : 'far';
}

/** A status as one label: "✓ on target", "! far from target"; '' when unset. */
export function statusLabel(status: MetricStatus): string {
  return status === 'unset' ? '' : `${STATUS_TEXT[status].symbol} ${STATUS_TEXT[status].words}`;
}
