import Papa from 'papaparse';
import type { JourneyMap } from '../domain';
import { NOTE_COLUMNS, noteRows } from './model';

/**
 * One row per note (RFC 4180, CRLF, UTF-8 with a byte-order mark so Excel reads accents right).
 * Cells that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with a quote.
 */
export function mapToCsv(map: JourneyMap): string {
  const rows = noteRows(map).map((r) => NOTE_COLUMNS.map((c) => r[c.key]));
  const csv = Papa.unparse(
    { fields: NOTE_COLUMNS.map((c) => c.title), data: rows },
    { newline: '\r\n', escapeFormulae: true, quotes: false },
  );
  return `\uFEFF${csv}\r\n`;
}
