// How a metric is written (shared/prioritise/metrics): one formatter for the board's metrics row,
// the Present card and every export, so a client reads the numbers the facilitator showed.
import { describe, expect, it } from 'vitest';
import { figureNumFmt, figureText, metricText, NO_FIGURE, roundFigure } from '../../../shared/prioritise/metrics';

describe('roundFigure', () => {
  it('rounds to one decimal, halves away from zero, on the decimal that was typed', () => {
    expect(roundFigure(4.25)).toBe(4.3);
    expect(roundFigure(4.35)).toBe(4.4); // the double is 4.34999…: still 4.4, as typed
    expect(roundFigure(1.45)).toBe(1.5);
    expect(roundFigure(-32.45)).toBe(-32.5);
    expect(roundFigure(12.345)).toBe(12.3);
    expect(roundFigure(4.96)).toBe(5);
    expect(roundFigure(100)).toBe(100);
  });
  it('never gives -0', () => {
    expect(Object.is(roundFigure(-0.04), 0)).toBe(true);
    expect(Object.is(roundFigure(-0), 0)).toBe(true);
  });
});

describe('figureText', () => {
  it('writes CSAT and CES on their scale, at most one decimal', () => {
    expect(figureText('csat', 4.2)).toBe('4.2 / 5');
    expect(figureText('csat', 4)).toBe('4 / 5');
    expect(figureText('csat', 4.25)).toBe('4.3 / 5');
    expect(figureText('csat', 4.96)).toBe('5 / 5');
    expect(figureText('ces', 5.1)).toBe('5.1 / 7');
  });
  it('writes NPS with its sign above zero, a minus below, none at 0', () => {
    expect(figureText('nps', 32)).toBe('+32');
    expect(figureText('nps', -12)).toBe('-12');
    expect(figureText('nps', 0)).toBe('0');
    expect(figureText('nps', 0.04)).toBe('0');
    expect(figureText('nps', -0.04)).toBe('0');
    expect(figureText('nps', 32.5)).toBe('+32.5');
    expect(figureText('nps', -100)).toBe('-100');
  });
  it('writes percentages with " %", 0 included', () => {
    expect(figureText('conversion', 12.345)).toBe('12.3 %');
    expect(figureText('conversion', 0)).toBe('0 %');
    expect(figureText('churn', 100)).toBe('100 %');
  });
  it('is empty with no figure', () => {
    expect(figureText('csat', null)).toBe('');
    expect(figureText('nps', null)).toBe('');
  });
});

describe('metricText', () => {
  it('gives the figures, the status and one line', () => {
    expect(metricText({ kind: 'csat', value: 4.2, target: 4.5 })).toEqual({
      label: 'CSAT',
      value: '4.2 / 5',
      target: '4.5 / 5',
      status: 'near',
      statusText: '~ near target',
      line: 'CSAT 4.2 / 5, target 4.5 / 5, ~ near target',
    });
    expect(metricText({ kind: 'nps', value: -12, target: 20 }).line).toBe('NPS -12, target +20, ! far from target');
    expect(metricText({ kind: 'churn', value: 4, target: 5 }).line).toBe('Churn 4 %, target 5 %, ✓ on target');
    expect(metricText({ kind: 'nps', value: 0, target: 0 }).line).toBe('NPS 0, target 0, ✓ on target');
  });
  it('says nothing of a target or status it does not have', () => {
    expect(metricText({ kind: 'ces', value: 5.1, target: null }).line).toBe('CES 5.1 / 7');
    const noValue = metricText({ kind: 'conversion', value: null, target: 25 });
    expect(noValue.value).toBe('');
    expect(noValue.statusText).toBe('');
    expect(noValue.line).toBe(`Conversion ${NO_FIGURE}, target 25 %`);
  });
});

describe('figureNumFmt (Excel)', () => {
  it('matches the decimals, the scale or unit, and NPS sign', () => {
    expect(figureNumFmt('csat', 4.2)).toBe('0.0" / 5";"-"0.0" / 5";0.0" / 5"');
    expect(figureNumFmt('csat', 4)).toBe('0" / 5";"-"0" / 5";0" / 5"');
    expect(figureNumFmt('ces', 4.96)).toBe('0" / 7";"-"0" / 7";0" / 7"');
    expect(figureNumFmt('conversion', 12.345)).toBe('0.0" %";"-"0.0" %";0.0" %"');
    expect(figureNumFmt('nps', 32)).toBe('"+"0;"-"0;0');
    expect(figureNumFmt('nps', -32.5)).toBe('"+"0.0;"-"0.0;0.0');
  });
  it('shows a figure that rounds to 0 without a sign, and nothing for no figure', () => {
    expect(figureNumFmt('nps', -0.04)).toBe('0;0;0');
    expect(figureNumFmt('nps', 0)).toBe('0;0;0');
    expect(figureNumFmt('nps', null)).toBeNull();
  });
});
