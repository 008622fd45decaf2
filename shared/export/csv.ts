import Papa from 'papaparse';
import type { JourneyMap } from '../domain';
import { NOTE_COLUMNS, noteRows } from './model';

/**
 * Cells a spreadsheet could run as a formula: `=`, `+`, `-` or `@` first, also in their full-width
 * forms (`＝ ＋ － ＠`, which Excel and LibreOffice read as the ASCII ones) and also after leading
 * whitespace (spreadsheets skip it), and cells starting with a tab or carriage return (OWASP's list).
 * It looks at the start only, so a line break later in the cell cannot hide a formula (Papa's own
 * pattern, /^[=+\-@\t\r].*$/, needs the whole cell on one line to match).
 */
export const CSV_FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;

/**
 * One row per note (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel reads accents right).
 * Cells that a spreadsheet would run as a formula ({@link CSV_FORMULA_START}) are prefixed with a quote.
 */
export function mapToCsv(map: JourneyMap): string {
  const rows = noteRows(map).map((r) => NOTE_COLUMNS.map((c) => r[c.key]));
  const csv = Papa.unparse(
    { fields: NOTE_COLUMNS.map((c) => c.title), data: rows },
    { newline: '\r\n', escapeFormulae: CSV_FORMULA_START, quotes: false },
  );
  return `\uFEFF${csv}\r\n`;
}
