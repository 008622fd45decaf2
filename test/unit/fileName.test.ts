// shared/fileName.ts: one rule for every file name Journeyboard suggests (downloads, exports, Save as).
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../shared/fileName';

/** No lone surrogate (what String#isWellFormed checks, not in the ES2023 lib). */
const wellFormed = (s: string) => !/\p{Surrogate}/u.test(s);

describe('safeFileName', () => {
  it('keeps an ordinary title as it is', () => {
    expect(safeFileName('Gym membership – as-is')).toBe('Gym membership – as-is');
    expect(safeFileName('Café öffnen 開店')).toBe('Café öffnen 開店');
  });

  it('turns separators, characters Windows refuses and control characters into single spaces', () => {
    expect(safeFileName('A/B test: "v2"?')).toBe('A B test v2');
    expect(safeFileName('a\\b*c<d>e|f')).toBe('a b c d e f');
    expect(safeFileName('line one\nline two\ttab\u0085next\u007Fdel')).toBe('line one line two tab next del');
  });

  it('removes bidi controls and other invisible characters that change how a name reads', () => {
    // "invoice‮gpj.exe" would show as "invoiceexe.jpg".
    expect(safeFileName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    for (const ch of ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\uFEFF', '\u2028', '\u2029']) {
      expect(safeFileName(`a${ch}b`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('ab');
    }
    // The zero-width joiner inside an emoji sequence is part of the character: kept.
    expect(safeFileName('Family 👨‍👩‍👧')).toBe('Family 👨‍👩‍👧');
  });

  it('drops unpaired surrogates and keeps paired ones', () => {
    expect(safeFileName('a\uD83Db')).toBe('ab');
    expect(safeFileName('a\uDE00b')).toBe('ab');
    expect(safeFileName('smile \uD83D\uDE00')).toBe('smile 😀');
  });

  it.each([
    ['CON', 'CON_'],
    ['con', 'con_'],
    ['Prn', 'Prn_'],
    ['AUX', 'AUX_'],
    ['nul', 'nul_'],
    ['COM1', 'COM1_'],
    ['com9', 'com9_'],
    ['COM0', 'COM0_'],
    ['LPT1', 'LPT1_'],
    ['lpt9', 'lpt9_'],
    ['COM¹', 'COM¹_'],
    ['conin$', 'conin$_'],
    ['CONOUT$.txt', 'CONOUT$_.txt'],
    ['CON.journey', 'CON_.journey'],
    ['nul.tar.gz', 'nul_.tar.gz'],
    ['AUX .txt', 'AUX_ .txt'],
    ['con.', 'con_'],
    ['...CON', 'CON_'],
  ])('changes the Windows device name %j to %j', (title, expected) => {
    expect(safeFileName(title)).toBe(expected);
  });

  it.each(['CONSOLE', 'Contoso', 'COM10', 'LPT', 'nullable', 'auxiliary plan', 'My CON'])('leaves %j alone (not a device name)', (title) => {
    expect(safeFileName(title)).toBe(title);
  });

  it('drops leading dots (a hidden file) and trailing dots and spaces (Windows drops them)', () => {
    expect(safeFileName('..plan')).toBe('plan');
    expect(safeFileName('  . plan . . ')).toBe('plan');
    expect(safeFileName('plan...')).toBe('plan');
  });

  it('cuts to length between whole characters, never inside a surrogate pair or an emoji sequence', () => {
    expect(safeFileName('x'.repeat(300))).toHaveLength(120);
    expect(safeFileName('abcdefghij', 4)).toBe('abcd');
    // '😀' is two UTF-16 code units: a cut at 5 would split the third one.
    const cut = safeFileName('😀😀😀😀', 5);
    expect(cut).toBe('😀😀');
    expect(wellFormed(cut)).toBe(true);
    // An accented letter written as a letter plus a combining accent stays whole.
    expect(safeFileName('cafe\u0301 au lait', 4)).toBe('caf');
    expect(safeFileName('cafe\u0301 au lait', 5)).toBe('cafe\u0301');
    // A family emoji (8 code units) either fits whole or not at all.
    expect(safeFileName('ab👨‍👩‍👧', 9)).toBe('ab');
    expect(safeFileName('ab👨‍👩‍👧', 10)).toBe('ab👨‍👩‍👧');
    for (let max = 1; max < 30; max++) {
      const name = safeFileName('Journey 🇫🇷 café\u0301 😀 stages', max);
      expect(name.length).toBeLessThanOrEqual(Math.max(max, 'Journeyboard map'.length));
      expect(wellFormed(name)).toBe(true);
    }
  });

  it('a device name cut to length keeps its underscore within the limit', () => {
    expect(safeFileName('CON', 3)).toBe('CO');
    expect(safeFileName('CON', 4)).toBe('CON_');
  });

  it('falls back to "Journeyboard map" when nothing usable is left', () => {
    for (const title of ['', '   ', '///', '\u202E\u200F', '...', '\uD800']) expect(safeFileName(title)).toBe('Journeyboard map');
  });
});
