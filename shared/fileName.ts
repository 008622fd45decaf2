/**
 * A file name from a map title, safe on Windows, macOS and Linux. One rule for the server's
 * downloads, the page's exports and the desktop's Save dialog:
 * - no path separators or characters Windows refuses (`\ / : * ? " < > |`) and no control
 *   characters (each becomes a space), spaces collapsed;
 * - no bidirectional-text controls or other invisible format characters that could make a name
 *   read differently from what it is ("invoice\u202Egpj.exe"), and no lone surrogates: removed;
 * - no leading dots (a hidden file) and no trailing dots or spaces (Windows drops them);
 * - not a name Windows reserves for a device (CON, PRN, AUX, NUL, COM0–9, LPT0–9, CONIN$, CONOUT$, also with an
 *   extension and in any case): an underscore goes after it, "CON" → "CON_";
 * - at most `maxLength` UTF-16 code units, cut between whole characters (grapheme clusters), so
 *   an emoji or an accented letter is never split;
 * - "Journeyboard map" when nothing is left.
 */
export function safeFileName(title: string, maxLength = 120): string {
  const cleaned = title
    .replace(UNSAFE, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '');
  let name = trimEnd(cutToLength(cleaned, maxLength));
  if (RESERVED.test(name)) {
    const reserved = RESERVED.exec(name)![1]!;
    name = trimEnd(cutToLength(`${reserved}_${name.slice(reserved.length)}`, maxLength));
    // Too short a limit for the underscore: a shorter name, never the device itself.
    if (RESERVED.test(name)) name = reserved.slice(0, -1);
  }
  return name || 'Journeyboard map';
}

/** Control characters (C0, DEL, C1) and the characters Windows refuses in a file name. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\\/:*?"<>|]/g;

/**
 * Invisible characters that change how a name reads: the bidirectional marks, embeddings,
 * overrides and isolates (ALM, LRM, RLM, LRE…RLO, LRI…PDI), zero-width space and joiners that are
 * not part of an emoji (ZWNJ; ZWJ is kept, emoji sequences need it), word joiner and invisible
 * operators, the byte-order mark, line and paragraph separators, interlinear annotation marks,
 * and unpaired surrogates (invalid on every file system).
 */
const INVISIBLE =
  /[\u061C\u200B\u200C\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Windows device names (also the console's CONIN$ and CONOUT$), alone or before an extension, ignoring case and trailing spaces. */
const RESERVED = /^(CONIN\$|CONOUT\$|CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(?=\s*(\.|$))/i;

const trimEnd = (s: string) => s.replace(/[\s.]+$/, '');

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix of whole grapheme clusters at most `maxLength` UTF-16 code units long. */
function cutToLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (end + segment.length > maxLength) break;
    end += segment.length;
  }
  return text.slice(0, end);
}
