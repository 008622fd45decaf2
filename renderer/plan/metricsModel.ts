/**
 * Customer metrics as the board and the editor show them, pure: the sentence a screen reader hears
 * and the editor's check of what was typed (one sentence naming the field). Each kind's name and
 * direction, how a figure is written (`metricText`: rounding, NPS's sign, the scale or %, the
 * target) and the status against target (in words and a symbol, never colour alone) are
 * shared/prioritise/metrics.ts, which the Present card and every export read too.
 */
import type { BoardRecord, Change } from '../../shared/board/history';
import { figureText, METRIC_INFO, metricStatus, metricText, NEAR_SHARE, NO_FIGURE, STATUS_TEXT, type MetricKind, type MetricStatus, type MetricText } from '../../shared/prioritise/metrics';
import { isoDate, METRIC_KINDS, METRIC_RANGES } from '../../shared/records/fields';

export type Metric = BoardRecord<'metric'>;
export { figureText, METRIC_INFO, METRIC_KINDS, METRIC_RANGES, metricStatus, metricText, NEAR_SHARE, NO_FIGURE, STATUS_TEXT, type MetricKind, type MetricStatus, type MetricText };

/**
 * One sentence for a screen reader, the figures written as on the row and in the exports, the
 * status in words without its symbol: "NPS +12, target +30, near target (source: Survey, 2026-10-01)".
 */
export function describeMetric(m: Pick<Metric, 'kind' | 'value' | 'target' | 'source' | 'date'>): string {
  const text = metricText(m);
  const parts = [`${text.label} ${text.value || 'no value'}`];
  if (text.target) parts.push(`target ${text.target}`);
  if (text.status !== 'unset') parts.push(STATUS_TEXT[text.status].words);
  const from = [m.source.trim(), m.date ?? ''].filter(Boolean).join(', ');
  return from ? `${parts.join(', ')} (source: ${from})` : parts.join(', ');
}

/** What the editor's fields hold, as typed. */
export interface MetricDraft {
  kind: MetricKind;
  value: string;
  target: string;
  source: string;
  date: string;
}

export type DraftResult = { ok: true; fields: Pick<Metric, 'kind' | 'value' | 'target' | 'source' | 'date'> } | { ok: false; field: keyof MetricDraft; message: string };

function parseNumber(text: string): number | null | undefined {
  const t = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Checks what was typed. A number must be one and in the kind's range; the date is YYYY-MM-DD;
 * the source at most 200 characters. A metric needs a value or a target. The message names the
 * field and says what to do.
 */
export function checkDraft(d: MetricDraft): DraftResult {
  const info = METRIC_INFO[d.kind];
  const range = METRIC_RANGES[d.kind];
  const out: { value: number | null; target: number | null } = { value: null, target: null };
  for (const field of ['value', 'target'] as const) {
    const n = parseNumber(d[field]);
    const name = field === 'value' ? 'Current value' : 'Target';
    if (n === undefined) return { ok: false, field, message: `${name}: "${d[field].trim()}" is not a number. Type a number from ${range.min} to ${range.max}, or leave it empty.` };
    if (n !== null && (n < range.min || n > range.max)) return { ok: false, field, message: `${name}: ${info.label} is from ${range.min} to ${range.max}${info.unit ? ' %' : ''}; ${n} is outside that.` };
    out[field] = n;
  }
  if (out.value === null && out.target === null) return { ok: false, field: 'value', message: 'Type a current value or a target (or both).' };
  const source = d.source.trim();
  if (source.length > 200) return { ok: false, field: 'source', message: `Source: at most 200 characters (${source.length} now).` };
  const date = d.date.trim();
  if (date !== '' && !isoDate.safeParse(date).success) return { ok: false, field: 'date', message: `Date: "${date}" is not a date. Use YYYY-MM-DD, e.g. 2026-11-30.` };
  return { ok: true, fields: { kind: d.kind, value: out.value, target: out.target, source, date: date === '' ? null : date } };
}

/** The draft for an existing metric, or a new one of a kind. */
export function draftOf(m: Metric | null, kind: MetricKind): MetricDraft {
  if (!m) return { kind, value: '', target: '', source: '', date: '' };
  return { kind: m.kind, value: m.value === null ? '' : String(m.value), target: m.target === null ? '' : String(m.target), source: m.source, date: m.date ?? '' };
}

/** The metrics of one stage (or of the whole map, `stageId` null), in the order of METRIC_KINDS. */
export function metricsOf(metrics: readonly Metric[], stageId: string | null): Metric[] {
  const order = (k: MetricKind) => METRIC_KINDS.indexOf(k);
  return metrics.filter((m) => m.stageId === stageId).sort((a, b) => order(a.kind) - order(b.kind) || (a.id < b.id ? -1 : 1));
}

/**
 * The change that saves a checked draft: an update of the metric of that stage and kind if there
 * is one, else a create with `newId`. Null when nothing changes.
 */
export function saveChange(metrics: readonly Metric[], stageId: string | null, fields: Pick<Metric, 'kind' | 'value' | 'target' | 'source' | 'date'>, newId: string, editingId: string | null): Change | null {
  const existing = metrics.find((m) => m.id === editingId) ?? metrics.find((m) => m.stageId === stageId && m.kind === fields.kind);
  if (!existing) return { type: 'metric', op: 'create', id: newId, value: { stageId, ...fields } };
  const patch: Partial<Metric> = {};
  for (const k of ['kind', 'value', 'target', 'source', 'date'] as const) if (existing[k] !== fields[k]) (patch as Record<string, unknown>)[k] = fields[k];
  return Object.keys(patch).length === 0 ? null : { type: 'metric', op: 'update', id: existing.id, patch };
}
