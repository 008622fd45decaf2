/**
 * Fits a note's text into its box: wraps it into lines and picks the largest font size at which
 * every line fits. Measuring text needs a canvas, so the caller injects `measure`.
 *
 * Lines break where the writing system allows: at spaces in Latin, Cyrillic, Arabic and the like,
 * and between words (found with `Intl.Segmenter`) in text written without spaces, such as Chinese,
 * Japanese or Thai, never before closing punctuation (`。`, `」`, `!`) nor after opening punctuation.
 * A word wider than a line is split between graphemes, so an emoji or an accented letter is never
 * cut in half. Text is segmented once per text (cached), not per size tried nor per frame.
 */

/** Width in pixels of `text` set at `fontSize` (the renderer measures with a canvas). */
export type Measure = (text: string, fontSize: number) => number;

export interface TextFitOptions {
  /** Inner padding of the note, board units. */
  padding: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** Largest and smallest font sizes tried, board units. */
  maxFontSize: number;
  minFontSize: number;
}

export const DEFAULT_TEXT_FIT: TextFitOptions = { padding: 12, lineHeight: 1.25, maxFontSize: 24, minFontSize: 6 };

export interface TextLayout {
  fontSize: number;
  lines: string[];
  lineHeight: number;
  /** True when even the smallest size overflows (the drawing clips the rest). */
  overflow: boolean;
  /** True when the text's first letter is of a right-to-left script (Arabic, Hebrew, ...). */
  rtl: boolean;
}

/** A piece of a paragraph that a line never breaks inside, and the spacing written before it. */
interface Chunk {
  sep: string;
  text: string;
}

/** Scripts written without spaces between words (and emoji): a line may break between their words. */
const BREAK_BETWEEN_WORDS =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}\p{Extended_Pictographic}\u3000-\u303f\uff00-\uffef]/u;
/** Never at the start of a line: closing and other punctuation, small kana, the long-vowel mark. */
const NO_BREAK_BEFORE = /^[\p{Pe}\p{Pf}\p{Po}%\u00b0\u2030\u2103\u30fc\u3005\u309d\u309e\u30fd\u30fe\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6]/u;
/** Never at the end of a line: opening punctuation and currency signs. */
const NO_BREAK_AFTER = /^[\p{Ps}\p{Pi}\p{Sc}]/u;
const WHITESPACE = /^\s+$/u;
const ASCII = /^[ -~\t\n\r]*$/;
const RTL_LETTER = /[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}\p{sc=Adlam}]/u;
const LETTER = /\p{L}/u;

let words: Intl.Segmenter | null = null;
let graphemeSegmenter: Intl.Segmenter | null = null;

/** The graphemes of `text` (what a reader sees as one character: an emoji with its modifiers, a letter with its accents). */
export function graphemes(text: string): string[] {
  if (ASCII.test(text)) return text.split('');
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

/** True when the first letter of `text` belongs to a right-to-left script. */
export function isRightToLeft(text: string): boolean {
  const first = LETTER.exec(text);
  return first !== null && RTL_LETTER.test(first[0]);
}

function segmentParagraph(paragraph: string): Chunk[] {
  if (!BREAK_BETWEEN_WORDS.test(paragraph)) {
    // Text with spaces between its words: break at spaces only (the fast, common case).
    return paragraph
      .split(/ +/)
      .filter((w) => w !== '')
      .map((text) => ({ sep: ' ', text }));
  }
  words ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  const chunks: Chunk[] = [];
  let sep = '';
  let prev = '';
  for (const { segment } of words.segment(paragraph)) {
    if (WHITESPACE.test(segment)) {
      sep += segment;
      continue;
    }
    const last = chunks[chunks.length - 1];
    const breakable =
      !last ||
      sep !== '' ||
      (!NO_BREAK_BEFORE.test(segment) &&
        !NO_BREAK_AFTER.test(prev) &&
        (BREAK_BETWEEN_WORDS.test(prev) || BREAK_BETWEEN_WORDS.test(segment)));
    if (breakable) chunks.push({ sep: sep || '', text: segment });
    else last.text += segment;
    sep = '';
    prev = segment;
  }
  return chunks;
}

const segmented = new Map<string, Chunk[][]>();

/** The paragraphs of `text` as unbreakable chunks; cached by text, so re-fitting at another size or box is cheap. */
function paragraphsOf(text: string): Chunk[][] {
  const hit = segmented.get(text);
  if (hit) return hit;
  const paragraphs = text.split('\n').map(segmentParagraph);
  if (segmented.size >= 20_000) segmented.clear();
  segmented.set(text, paragraphs);
  return paragraphs;
}

/**
 * Wraps `text` into lines no wider than `maxWidth`: breaks where the script allows (see the file
 * comment), keeps explicit line breaks, and splits a word longer than a line between graphemes.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, measure: Measure): string[] {
  return wrap(paragraphsOf(text), maxWidth, fontSize, measure).lines;
}

function wrap(paragraphs: Chunk[][], maxWidth: number, fontSize: number, measure: Measure): { lines: string[]; broke: boolean } {
  const lines: string[] = [];
  let broke = false;
  for (const chunks of paragraphs) {
    let line = '';
    for (const chunk of chunks) {
      const candidate = line ? line + chunk.sep + chunk.text : chunk.text;
      if (measure(candidate, fontSize) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      // A chunk wider than the line: break it where it overflows, between graphemes.
      let rest = chunk.text;
      if (measure(rest, fontSize) > maxWidth) {
        const gs = graphemes(rest);
        let start = 0;
        while (start < gs.length) {
          let end = start + 1;
          let piece = gs[start]!;
          while (end < gs.length && measure(piece + gs[end]!, fontSize) <= maxWidth) piece += gs[end++]!;
          if (end === gs.length) {
            rest = piece;
            break;
          }
          broke = true;
          lines.push(piece);
          start = end;
        }
      }
      line = rest;
    }
    lines.push(line);
  }
  return { lines, broke };
}

/**
 * The largest font size (whole units, from `maxFontSize` down to `minFontSize`) at which `text`
 * wrapped to the box's inner width fits its inner height, and the lines at that size. A size that
 * keeps every word whole wins over a larger one that would split a word across lines.
 */
export function fitText(
  text: string,
  width: number,
  height: number,
  measure: Measure,
  options: TextFitOptions = DEFAULT_TEXT_FIT,
): TextLayout {
  const innerW = Math.max(1, width - 2 * options.padding);
  const innerH = Math.max(1, height - 2 * options.padding);
  const min = Math.round(options.minFontSize);
  const max = Math.round(options.maxFontSize);
  const paragraphs = paragraphsOf(text);
  const rtl = isRightToLeft(text);
  const largest = (allowBreaks: boolean): { size: number; lines: string[] } | null => {
    // Binary search over whole sizes: fitting is monotone in the size.
    let lo = min;
    let hi = max;
    let best: { size: number; lines: string[] } | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = wrap(paragraphs, innerW, mid, measure);
      if (r.lines.length * mid * options.lineHeight <= innerH && (allowBreaks || !r.broke)) {
        best = { size: mid, lines: r.lines };
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  };
  const best = largest(false) ?? largest(true);
  if (best) return { fontSize: best.size, lines: best.lines, lineHeight: options.lineHeight, overflow: false, rtl };
  return { fontSize: min, lines: wrap(paragraphs, innerW, min, measure).lines, lineHeight: options.lineHeight, overflow: true, rtl };
}
