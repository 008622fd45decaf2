import { describe, expect, test } from 'vitest';
import { fitText, wrapText } from '../../../shared/board/textFit';

/** Every character is 0.5em wide: easy to reason about. */
const measure = (text: string, size: number) => text.length * size * 0.5;
const opts = { padding: 10, lineHeight: 1.25, maxFontSize: 24, minFontSize: 6 };

describe('text fitting', () => {
  test('wraps at spaces, keeps explicit breaks, splits long words', () => {
    expect(wrapText('aa bb cc', 25, 10, measure)).toEqual(['aa bb', 'cc']);
    expect(wrapText('one\ntwo', 1000, 10, measure)).toEqual(['one', 'two']);
    expect(wrapText('abcdefghij', 20, 10, measure)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('', 100, 10, measure)).toEqual(['']);
  });

  test('short text gets the largest size', () => {
    const l = fitText('Hi', 160, 160, measure, opts);
    expect(l.fontSize).toBe(24);
    expect(l.lines).toEqual(['Hi']);
    expect(l.overflow).toBe(false);
  });

  test('long text shrinks until it fits the box, and the result does fit', () => {
    const text = 'The booking page times out when the customer pays with a card from abroad';
    const l = fitText(text, 160, 160, measure, opts);
    expect(l.fontSize).toBeLessThan(24);
    expect(l.fontSize).toBeGreaterThanOrEqual(6);
    expect(l.lines.length * l.fontSize * 1.25).toBeLessThanOrEqual(140);
    for (const line of l.lines) expect(measure(line, l.fontSize)).toBeLessThanOrEqual(140);
    // One size larger would not fit.
    const bigger = l.fontSize + 1;
    const lines = wrapText(text, 140, bigger, measure);
    expect(lines.length * bigger * 1.25).toBeGreaterThan(140);
  });

  test('prefers a smaller size over splitting a word', () => {
    // At 24 "confirmation" (12 chars = 144 px) is wider than 140 px; at 23 it fits whole.
    const l = fitText('a confirmation', 160, 160, measure, opts);
    expect(l.fontSize).toBe(23);
    expect(l.lines).toEqual(['a', 'confirmation']);
  });

  test('a bigger box fits bigger text; overflow is reported at the minimum', () => {
    const text = 'word '.repeat(40).trim();
    expect(fitText(text, 400, 400, measure, opts).fontSize).toBeGreaterThan(fitText(text, 160, 160, measure, opts).fontSize);
    const tiny = fitText('word '.repeat(500), 60, 60, measure, opts);
    expect(tiny.fontSize).toBe(6);
    expect(tiny.overflow).toBe(true);
  });
});
