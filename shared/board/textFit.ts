/**
 * Fits a note's text into its box: wraps words into lines and picks the largest font size at
 * which every line fits. Measuring text needs a canvas, so the caller injects `measure`.
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
}

/**
 * Wraps `text` into lines no wider than `maxWidth`: breaks at spaces, keeps explicit line breaks,
 * and splits a word longer than a line at character boundaries.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, measure: Measure): string[] {
  return wrap(text, maxWidth, fontSize, measure).lines;
}

function wrap(text: string, maxWidth: number, fontSize: number, measure: Measure): { lines: string[]; broke: boolean } {
  const lines: string[] = [];
  let broke = false;
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/ +/);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, fontSize) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      // A word wider than the line: break it where it overflows.
      let rest = word;
      while (rest && measure(rest, fontSize) > maxWidth) {
        broke = true;
        let cut = 1;
        while (cut < rest.length && measure(rest.slice(0, cut + 1), fontSize) <= maxWidth) cut++;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
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
  const largest = (allowBreaks: boolean): { size: number; lines: string[] } | null => {
    // Binary search over whole sizes: fitting is monotone in the size.
    let lo = min;
    let hi = max;
    let best: { size: number; lines: string[] } | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = wrap(text, innerW, mid, measure);
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
  if (best) return { fontSize: best.size, lines: best.lines, lineHeight: options.lineHeight, overflow: false };
  return { fontSize: min, lines: wrapText(text, innerW, min, measure), lineHeight: options.lineHeight, overflow: true };
}
