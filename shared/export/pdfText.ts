/**
 * Text in any script for the PDF export: which embedded font draws each grapheme (DejaVu Sans for
 * Latin, Greek, Cyrillic, Arabic, Hebrew; a CJK font for Chinese, Japanese and Korean), and the
 * order in which a line's pieces are painted (the Unicode bidirectional algorithm, via bidi-js), so
 * Arabic and Hebrew read right to left with Latin words and numbers inside them left to right.
 *
 * pdf-lib with fontkit shapes each piece (Arabic letters join) and paints a right-to-left piece's
 * glyphs right to left. A piece whose glyphs do not spell its text one to one (joined Arabic
 * letters, a character no font has) is wrapped in a marked-content span carrying its text as
 * `/ActualText`, so copying and text extraction give back exactly what was typed.
 */
import type { Color, PDFDocument, PDFFont, PDFName, PDFPage } from 'pdf-lib';
import { graphemes, isRightToLeft } from '../board/textFit';

type PdfLib = typeof import('pdf-lib');
type Bidi = ReturnType<typeof import('bidi-js').default>;

/** The bytes of the fonts the PDF embeds (see resources/fonts/). */
export interface PdfFontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
  /** Chinese, Japanese and Korean; asked for only when the map has text the other fonts lack. */
  cjk?: () => Promise<Uint8Array>;
}

/** One piece of a line: one font, one direction, painted in one go. */
export interface TextRun {
  text: string;
  /** What is painted: the text, less all but the first character of a grapheme no font has (one empty box each). */
  draw: string;
  font: PDFFont;
  rtl: boolean;
  /** Some grapheme has no glyph in any font (an empty box is drawn; the text is kept). */
  missing: boolean;
}

const ASCII_PRINTABLE = /^[ -~]*$/;
/** Text the CJK font is embedded for. */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef]/u;
/** Characters that change how glyphs join or order without being drawn: their runs carry /ActualText. */
const SHAPED = /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Nko}\p{sc=Thaana}\p{sc=Hebrew}\u200c\u200d]/u;

/** Embedded fonts with fallback: the regular/bold face first, then the CJK font. */
export class UnicodeFonts {
  private readonly sets = new Map<PDFFont, Set<number>>();
  private constructor(
    private readonly lib: PdfLib,
    private readonly bidi: Bidi,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly cjk: PDFFont | null,
  ) {}

  /**
   * Embeds the fonts (as subsets, written when the document is saved) in `doc`. The CJK font is
   * embedded only when `texts` have Chinese or Japanese.
   */
  static async embed(lib: PdfLib, doc: PDFDocument, files: PdfFontFiles, texts: Iterable<string>): Promise<UnicodeFonts> {
    const [{ default: fontkit }, { default: bidiFactory }] = await Promise.all([import('@pdf-lib/fontkit'), import('bidi-js')]);
    doc.registerFontkit(fontkit);
    const regular = await doc.embedFont(files.regular, { subset: true });
    const bold = await doc.embedFont(files.bold, { subset: true });
    let needsCjk = false;
    for (const text of texts) {
      if (CJK.test(text)) {
        needsCjk = true;
        break;
      }
    }
    const cjk = needsCjk && files.cjk ? await doc.embedFont(await files.cjk(), { subset: true }) : null;
    return new UnicodeFonts(lib, bidiFactory(), regular, bold, cjk);
  }

  private covers(font: PDFFont, g: string): boolean {
    let set = this.sets.get(font);
    if (!set) this.sets.set(font, (set = new Set(font.getCharacterSet())));
    for (const ch of g) {
      const cp = ch.codePointAt(0)!;
      // Joiners and variation selectors need no glyph of their own.
      if (cp === 0x200d || cp === 0x200c || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
      if (!set.has(cp)) return false;
    }
    return true;
  }

  /** The font that draws grapheme `g` with `base` (regular or bold) first; null when none has it. */
  fontFor(g: string, base: PDFFont): PDFFont | null {
    if (this.covers(base, g)) return base;
    if (this.cjk && this.covers(this.cjk, g)) return this.cjk;
    return null;
  }

  /**
   * The pieces of one line in painting order (left to right), each of one font and direction.
   * `rtl` is the paragraph's direction (its first letter decides, as on the board).
   */
  runs(line: string, base: PDFFont, rtl: boolean): TextRun[] {
    if (ASCII_PRINTABLE.test(line)) return line ? [{ text: line, draw: line, font: base, rtl: false, missing: false }] : [];
    const { levels } = this.bidi.getEmbeddingLevels(line, rtl ? 'rtl' : 'ltr');
    type Piece = TextRun & { level: number };
    const pieces: Piece[] = [];
    let at = 0;
    for (const g of graphemes(line)) {
      const level = levels[at] ?? 0;
      at += g.length;
      const font = this.fontFor(g, base);
      const last = pieces[pieces.length - 1];
      const draw = font === null ? String.fromCodePoint(g.codePointAt(0)!) : g;
      if (last && last.level === level && last.font === (font ?? base)) {
        last.text += g;
        last.draw += draw;
        if (font === null) last.missing = true;
      } else {
        pieces.push({ text: g, draw, font: font ?? base, rtl: level % 2 === 1, missing: font === null, level });
      }
    }
    // Unicode's rule L2: from the highest level down to the lowest odd one, reverse every run of
    // pieces at that level or higher.
    const max = Math.max(0, ...pieces.map((p) => p.level));
    const minOdd = Math.min(...pieces.map((p) => (p.level % 2 === 1 ? p.level : Infinity)));
    for (let level = max; level >= minOdd && level > 0; level--) {
      for (let i = 0; i < pieces.length; ) {
        if (pieces[i]!.level < level) {
          i++;
          continue;
        }
        let j = i;
        while (j < pieces.length && pieces[j]!.level >= level) j++;
        const reversed = pieces.slice(i, j).reverse();
        pieces.splice(i, j - i, ...reversed);
        i = j;
      }
    }
    return pieces.map(({ text, draw, font, rtl: r, missing }) => ({ text, draw: r ? this.mirror(draw) : draw, font, rtl: r, missing }));
  }

  /** Brackets and the like face the other way in right-to-left text. */
  private mirror(text: string): string {
    let out = '';
    for (const ch of text) out += this.bidi.getMirroredCharacter(ch) ?? ch;
    return out;
  }

  /** Width of `text` set in `font` at `size`, as it is painted (shaped, with kerning as pdf-lib draws it). */
  runWidth(run: TextRun, size: number): number {
    return run.font.widthOfTextAtSize(run.draw, size);
  }

  /**
   * Paints one line at (`x`, `y`), its pieces left to right. `setFont` switches the page's font
   * (the caller tracks it so a page with thousands of notes gets one font resource per change).
   * Returns the width painted.
   */
  drawLine(page: PDFPage, doc: PDFDocument, line: string, x: number, y: number, size: number, ink: Color, base: PDFFont, rtl: boolean, setFont: (font: PDFFont) => void): number {
    const runs = this.runs(line, base, rtl);
    // A line whose glyphs do not spell its text one to one carries its text, in the order the
    // glyphs are painted (readers put right-to-left text back in reading order themselves).
    const spoken = runs.some((r) => r.missing || r.rtl || SHAPED.test(r.text));
    if (spoken) {
      const actual = runs.map((r) => (r.rtl ? graphemes(r.text).reverse().join('') : r.text)).join('');
      page.pushOperators(
        this.lib.PDFOperator.of(this.lib.PDFOperatorNames.BeginMarkedContentSequence, [
          this.lib.PDFName.of('Span'),
          // An inline property list: pdf-lib writes any PDF object as an operand.
          doc.context.obj({ ActualText: this.lib.PDFHexString.fromText(actual) }) as unknown as PDFName,
        ]),
      );
    }
    let cx = x;
    for (const run of runs) {
      setFont(run.font);
      page.drawText(run.draw, { x: cx, y, size, color: ink });
      cx += this.runWidth(run, size);
    }
    if (spoken) page.pushOperators(this.lib.PDFOperator.of(this.lib.PDFOperatorNames.EndMarkedContent));
    return cx - x;
  }

  /** Width of a line as {@link drawLine} paints it. */
  lineWidth(line: string, size: number, base: PDFFont, rtl: boolean): number {
    let w = 0;
    for (const run of this.runs(line, base, rtl)) w += this.runWidth(run, size);
    return w;
  }
}

export { isRightToLeft };
