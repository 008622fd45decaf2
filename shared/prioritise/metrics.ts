/**
 * Customer metrics against their targets, pure: each kind's name, scale and direction, how far a
 * figure is from its target (met, near, far) in words and a symbol, so no view says it in colour
 * alone, and how a figure is written (rounding, sign, scale or unit). The board's metrics row and
 * editor (renderer/plan), the Present card (renderer/room) and every export (shared/export) read it
 * here, so a client opening an exported file sees the numbers the facilitator showed.
 */
import type { Metric } from '../domain';
import { METRIC_KINDS, METRIC_RANGES } from '../records/fields';

export type MetricKind = (typeof METRIC_KINDS)[number];

/**
 * Each kind: its short and long name, its unit ('%' or none), what follows a figure when written
 * (`suffix`: the scale "/ 5", or " %"), whether it is written with a sign (NPS), and its direction.
 */
export const METRIC_INFO: Record<MetricKind, { label: string; long: string; unit: string; suffix: string; signed: boolean; higherIsBetter: boolean }> = {
  csat: { label: 'CSAT', long: 'Customer satisfaction, 1 to 5', unit: '', suffix: ' / 5', signed: false, higherIsBetter: true },
  nps: { label: 'NPS', long: 'Net Promoter Score, -100 to 100', unit: '', suffix: '', signed: true, higherIsBetter: true },
  // CES 2.0: agreement (1-7) with "they made it easy to handle my issue": higher is easier.
  ces: { label: 'CES', long: 'Customer effort score, 1 to 7 (higher is easier)', unit: '', suffix: ' / 7', signed: false, higherIsBetter: true },
  conversion: { label: 'Conversion', long: 'Conversion rate, %', unit: '%', suffix: ' %', signed: false, higherIsBetter: true },
  churn: { label: 'Churn', long: 'Churn rate, % (lower is better)', unit: '%', suffix: ' %', signed: false, higherIsBetter: false },
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

// ---------------------------------------------------------------------------------------------
// How a figure is written: one formatter for the board, the Present card and every export.
// ---------------------------------------------------------------------------------------------

/** What every view shows in place of a figure that is not there (no value, no target). */
export const NO_FIGURE = '–';

/**
 * A figure rounded as every view shows it: to one decimal, halves away from zero, on the decimal
 * that was typed (4.35 is 4.4, although the nearest double is a hair under 4.35; Excel's display
 * rounds the same way). Never -0.
 */
export function roundFigure(v: number): number {
  const tenths = Math.round(Math.abs(Number((v * 10).toPrecision(12))));
  return tenths === 0 ? 0 : (Math.sign(v) * tenths) / 10;
}

/**
 * A value or target as written everywhere: at most one decimal (none when it rounds to a whole
 * number), NPS with its sign ("+32", "-5", "0"), CSAT and CES on their scale ("4.2 / 5",
 * "5.1 / 7"), percentages with " %" ("12.5 %"). '' when there is none.
 */
export function figureText(kind: MetricKind, v: number | null): string {
  if (v === null) return '';
  const r = roundFigure(v);
  const info = METRIC_INFO[kind];
  const digits = String(Math.abs(r));
  const sign = r < 0 ? '-' : info.signed && r > 0 ? '+' : '';
  return `${sign}${digits}${info.suffix}`;
}

/** A metric as every view writes it. */
export interface MetricText {
  /** "CSAT", "NPS", … */
  label: string;
  /** The current value ("4.2 / 5", "+32", "12.5 %"), '' when none. */
  value: string;
  /** The target, written like the value, '' when none. */
  target: string;
  status: MetricStatus;
  /** "✓ on target", "~ near target", "! far from target"; '' with no value or no target. */
  statusText: string;
  /** All of it on one line: "CSAT 4.2 / 5, target 4.5 / 5, ~ near target"; "NPS –, target +30". */
  line: string;
}

/** How a metric reads: its figures, target and status, the same on the board and in every export. */
export function metricText(m: Pick<Metric, 'kind' | 'value' | 'target'>): MetricText {
  const label = METRIC_INFO[m.kind].label;
  const value = figureText(m.kind, m.value);
  const target = figureText(m.kind, m.target);
  const status = metricStatus(m);
  const statusText = statusLabel(status);
  let line = `${label} ${value || NO_FIGURE}`;
  if (target) line += `, target ${target}`;
  if (statusText) line += `, ${statusText}`;
  return { label, value, target, status, statusText, line };
}

/**
 * The Excel number format that shows a value as {@link figureText} writes it while the cell stays
 * a number: the same decimals (chosen per value: "0" or "0.0"), the scale or " %" as literal text,
 * and NPS's sign ("+" only above zero; a value that rounds to 0 shows "0", never "-0" or "+0").
 * Null for no value. Excel and LibreOffice round the shown digits half away from zero, as
 * {@link roundFigure} does.
 */
export function figureNumFmt(kind: MetricKind, v: number | null): string | null {
  if (v === null) return null;
  const r = roundFigure(v);
  const digits = Number.isInteger(r) ? '0' : '0.0';
  const info = METRIC_INFO[kind];
  const suffix = info.suffix ? `"${info.suffix}"` : '';
  const body = `${digits}${suffix}`;
  // Three sections (positive; negative; zero): the negative one writes its own minus, and a value
  // that rounds to 0 uses an unsigned body whatever its sign.
  if (r === 0) return `${body};${body};${body}`;
  return info.signed ? `"+"${body};"-"${body};${body}` : `${body};"-"${body};${body}`;
}
