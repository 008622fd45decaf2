import { describe, expect, it } from 'vitest';
import { checkDraft, describeMetric, metricStatus, metricsOf, saveChange, type Metric } from '../../../renderer/plan/metricsModel';

const metric = (id: string, fields: Partial<Metric>): Metric => ({ id, stageId: null, kind: 'csat', value: null, target: null, source: '', date: null, ...fields });

describe('how far a metric is from its target', () => {
  it('at or past the target (in the kind’s direction) is met', () => {
    expect(metricStatus({ kind: 'csat', value: 4.5, target: 4 })).toBe('met');
    expect(metricStatus({ kind: 'churn', value: 3, target: 5 })).toBe('met');
  });
  it('short by up to a tenth of the scale is near, more is far', () => {
    expect(metricStatus({ kind: 'nps', value: 12, target: 30 })).toBe('near'); // 18 of 200
    expect(metricStatus({ kind: 'nps', value: -20, target: 30 })).toBe('far');
    expect(metricStatus({ kind: 'churn', value: 9, target: 5 })).toBe('near');
    expect(metricStatus({ kind: 'churn', value: 20, target: 5 })).toBe('far');
    expect(metricStatus({ kind: 'csat', value: 3, target: 4.5 })).toBe('far');
  });
  it('without a value or a target there is no status', () => {
    expect(metricStatus({ kind: 'csat', value: null, target: 4 })).toBe('unset');
    expect(metricStatus({ kind: 'csat', value: 4, target: null })).toBe('unset');
  });
  it('is said in words, not only in colour', () => {
    expect(describeMetric({ kind: 'nps', value: 12, target: 30, source: 'Survey Q3', date: '2026-10-01' })).toBe('NPS +12, target +30, near target (source: Survey Q3, 2026-10-01)');
    expect(describeMetric({ kind: 'conversion', value: 12.345, target: null, source: '', date: null })).toBe('Conversion 12.3 %');
    expect(describeMetric({ kind: 'nps', value: -5, target: 0, source: '', date: null })).toBe('NPS -5, target 0, near target');
    expect(describeMetric({ kind: 'csat', value: null, target: 4.5, source: 'Survey', date: null })).toBe('CSAT no value, target 4.5 / 5 (source: Survey)');
  });
});

describe('the metrics editor checks what was typed', () => {
  const draft = { kind: 'nps' as const, value: '12', target: '30', source: ' Survey ', date: '2026-10-01' };
  it('accepts numbers in range, a trimmed source and a real date', () => {
    expect(checkDraft(draft)).toEqual({ ok: true, fields: { kind: 'nps', value: 12, target: 30, source: 'Survey', date: '2026-10-01' } });
    expect(checkDraft({ ...draft, kind: 'conversion', value: '12,5 %', target: '', date: '' })).toEqual({
      ok: true,
      fields: { kind: 'conversion', value: 12.5, target: null, source: 'Survey', date: null },
    });
  });
  it('names the field and says what to do', () => {
    expect(checkDraft({ ...draft, value: '150' })).toEqual({ ok: false, field: 'value', message: 'Current value: NPS is from -100 to 100; 150 is outside that.' });
    expect(checkDraft({ ...draft, kind: 'csat', value: '4', target: '6' })).toMatchObject({ ok: false, field: 'target' });
    expect(checkDraft({ ...draft, value: 'lots' })).toMatchObject({ ok: false, field: 'value', message: expect.stringContaining('is not a number') });
    expect(checkDraft({ ...draft, date: '2026-02-30' })).toMatchObject({ ok: false, field: 'date' });
    expect(checkDraft({ ...draft, value: '', target: '' })).toMatchObject({ ok: false, field: 'value' });
    expect(checkDraft({ ...draft, source: 'x'.repeat(201) })).toMatchObject({ ok: false, field: 'source' });
  });
});

describe('saving a metric', () => {
  const all = [metric('m1', { stageId: 's1', kind: 'nps', value: 10 }), metric('m2', { stageId: null, kind: 'csat', value: 4 }), metric('m3', { stageId: 's1', kind: 'csat', value: 3 })];
  it('a stage’s metrics in kind order', () => {
    expect(metricsOf(all, 's1').map((m) => m.id)).toEqual(['m3', 'm1']);
    expect(metricsOf(all, null).map((m) => m.id)).toEqual(['m2']);
  });
  it('updates the stage’s metric of that kind, or creates one', () => {
    const fields = { kind: 'nps' as const, value: 20, target: 30, source: '', date: null };
    expect(saveChange(all, 's1', fields, 'new', null)).toEqual({ type: 'metric', op: 'update', id: 'm1', patch: { value: 20, target: 30 } });
    expect(saveChange(all, 's2', fields, 'new', null)).toEqual({ type: 'metric', op: 'create', id: 'new', value: { stageId: 's2', ...fields } });
    expect(saveChange(all, 's1', { ...fields, value: 10, target: null }, 'new', null)).toBeNull();
  });
});
