import { afterEach, describe, expect, test } from 'vitest';
import { layoutFor, measure } from '../../../renderer/board/textLayout';
import { TEXT_FIT } from '../../../renderer/board/theme';
import { graphemes } from '../../../shared/board/textFit';
import { makeMap, mount, note, unmountCurrent } from './harness';

afterEach(() => unmountCurrent());

/** The same complaint in five scripts, each about as long as the English one to read. */
const TEXTS = {
  latin: 'The booking page times out when I pay with a card from abroad',
  cyrillic: 'Страница бронирования зависает, когда я плачу картой из-за границы',
  japanese: '海外のカードで支払うと予約ページが時間切れになってしまう',
  chinese: '用国外的银行卡付款时，预订页面总是超时，无法完成订单',
  arabic: 'تنتهي مهلة صفحة الحجز عندما أدفع ببطاقة من الخارج',
  emoji: '😀👍🏽👨‍👩‍👧🇩🇪'.repeat(5),
};

describe('note text in every script (measured by Chromium)', () => {
  test('CJK wraps over several lines at a size like other text; every line fits; nothing is lost', async () => {
    const notes = Object.entries(TEXTS).map(([id, text], i) => note(id, 40 + i * 200, 60, { text }));
    const { c } = await mount(makeMap(notes));
    await c.nextFrame();
    const inner = 160 - 2 * TEXT_FIT.padding;
    const layouts = Object.fromEntries(notes.map((n) => [n.id, layoutFor(n)]));
    for (const n of notes) {
      const l = layouts[n.id]!;
      expect(l.overflow, n.id).toBe(false);
      expect(l.lines.length, n.id).toBeGreaterThan(1);
      for (const line of l.lines) expect(measure(line, l.fontSize), `${n.id}: ${line}`).toBeLessThanOrEqual(inner);
      const joined = l.lines.join(/[\p{sc=Han}\p{sc=Hiragana}\p{Extended_Pictographic}]/u.test(n.text) ? '' : ' ');
      expect(joined, n.id).toBe(n.text);
    }
    // Before, Japanese and Chinese were one unbreakable word shrunk onto one line at a tiny size.
    expect(layouts.japanese!.fontSize).toBeGreaterThanOrEqual(layouts.latin!.fontSize * 0.8);
    expect(layouts.chinese!.fontSize).toBeGreaterThanOrEqual(layouts.latin!.fontSize * 0.8);
    expect(layouts.chinese!.lines.some((line) => /^[，。]/u.test(line))).toBe(false);
    // Emoji run: each line holds whole emoji only.
    const pieces = ['😀', '👍🏽', '👨‍👩‍👧', '🇩🇪'];
    for (const line of layouts.emoji!.lines) {
      expect(graphemes(line).every((g) => pieces.includes(g)), line).toBe(true);
    }
    expect(layouts.arabic!.rtl).toBe(true);
    expect(layouts.latin!.rtl).toBe(false);
  });

  test('the editor types right to left for Arabic, like the note is drawn', async () => {
    const { c } = await mount(makeMap([note('a', 60, 60, { text: TEXTS.arabic })]));
    c.startEditing('a');
    await expect.poll(() => document.querySelector('[data-testid="note-editor"]')).not.toBeNull();
    const el = document.querySelector<HTMLTextAreaElement>('[data-testid="note-editor"]')!;
    expect(getComputedStyle(el).direction).toBe('rtl');
  });
});
