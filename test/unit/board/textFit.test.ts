import { describe, expect, test } from 'vitest';
import { fitText, graphemes, wrapText } from '../../../shared/board/textFit';

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

/** CJK, kana and emoji are one em wide, everything else half an em, counted by grapheme. */
const wide = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{Extended_Pictographic}\u3000-\u303f\uff00-\uffef]/u;
const measureIntl = (text: string, size: number) => graphemes(text).reduce((w, g) => w + (wide.test(g) ? 1 : 0.5) * size, 0);
const NO_LINE_START = /^[。、，．！？」）』】ー%]/u;

describe('text fitting in every script', () => {
  test('Japanese without spaces wraps across lines at a readable size, between words', () => {
    const text = '予約ページがカードで払うと時間切れになり、もう一度最初から入力しなければならない。';
    const l = fitText(text, 200, 200, measureIntl, opts);
    expect(l.lines.length).toBeGreaterThan(2);
    expect(l.fontSize).toBeGreaterThanOrEqual(14);
    expect(l.overflow).toBe(false);
    expect(l.lines.join('')).toBe(text);
    for (const line of l.lines) {
      expect(measureIntl(line, l.fontSize)).toBeLessThanOrEqual(180);
      expect(line).not.toMatch(NO_LINE_START);
    }
    // Words stay whole: "ページ" and "カード" are never cut.
    expect(l.lines.some((line) => line.endsWith('ペ') || line.endsWith('カ'))).toBe(false);
  });

  test('Chinese wraps like Japanese, punctuation stays with its word', () => {
    const text = '客户在支付时页面超时，无法完成订单，只好打电话给客服。';
    const lines = wrapText(text, 100, 16, measureIntl);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe(text);
    for (const line of lines) {
      expect(measureIntl(line, 16)).toBeLessThanOrEqual(100);
      expect(line).not.toMatch(NO_LINE_START);
    }
  });

  test('opening brackets stay with what follows them', () => {
    const lines = wrapText('予約「ページ」予約「ページ」予約「ページ」', 80, 16, measureIntl);
    for (const line of lines) expect(line.endsWith('「')).toBe(false);
  });

  test('Cyrillic and Arabic break at spaces, like Latin', () => {
    expect(wrapText('Привет мир дом', 60, 10, measureIntl)).toEqual(['Привет мир', 'дом']);
    expect(wrapText('Hello world home', 60, 10, measureIntl)).toEqual(['Hello world', 'home']);
    expect(wrapText('الدفع لا يعمل عند الحجز', 70, 10, measureIntl)).toEqual(['الدفع لا يعمل', 'عند الحجز']);
  });

  test('right-to-left is told by the first letter', () => {
    expect(fitText('الدفع لا يعمل', 160, 160, measureIntl, opts).rtl).toBe(true);
    expect(fitText('12 שלום world', 160, 160, measureIntl, opts).rtl).toBe(true);
    expect(fitText('Checkout الدفع', 160, 160, measureIntl, opts).rtl).toBe(false);
    expect(fitText('予約', 160, 160, measureIntl, opts).rtl).toBe(false);
  });

  test('emoji are never split, even in a run wider than the line', () => {
    const family = '👨‍👩‍👧';
    const thumbs = '👍🏽';
    const flag = '🇩🇪';
    const text = `${family}${thumbs}${flag}`.repeat(6);
    const lines = wrapText(text, 40, 10, measureIntl);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(text);
    for (const line of lines) expect(line.replaceAll(family, '').replaceAll(thumbs, '').replaceAll(flag, '')).toBe('');
    // Beside words: "Great😀" may break before the emoji, and a long accented word only between letters.
    expect(wrapText('Great😀', 30, 10, measureIntl)).toEqual(['Great', '😀']);
    const accented = 'e\u0301'.repeat(12);
    for (const line of wrapText(accented, 20, 10, measureIntl)) expect(line.startsWith('\u0301')).toBe(false);
  });

  test('mixed text keeps Latin words and prices whole', () => {
    const lines = wrapText('Booking 予約 page $50 e-mail', 45, 10, measureIntl);
    expect(lines.join(' ')).toContain('$50');
    expect(lines).toContain('Booking');
  });
});
