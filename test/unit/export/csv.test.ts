// Formula escaping in the CSV export: every way a cell could start a formula in a spreadsheet gets
// the quote prefix, and the text a person typed is otherwise kept as it was.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_FORMULA_START, mapToCsv } from '../../../shared/export/csv';
import { goldenMap } from './fixture';

/** The Text cell of a one-note map's CSV, read back as a spreadsheet would get it. */
function textCell(text: string, author: string | null = null): { text: string; author: string } {
  const note = { ...goldenMap.notes[0]!, text, author };
  const csv = mapToCsv({ ...goldenMap, notes: [note] });
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, row] = parsed.data as [string[], string[]];
  return { text: row[header.indexOf('Text')]!, author: row[header.indexOf('Author')]! };
}

describe('CSV formula escaping', () => {
  it.each([
    ['=1+1', 'ASCII ='],
    ['+33 6 12 34 56', 'ASCII +'],
    ['-2+3', 'ASCII -'],
    ['@SUM(A1:A2)', 'ASCII @'],
    ['=HYPERLINK("http://x")\nsecond line', 'a formula followed by a line break'],
    ['=1+1\r\nsecond line', 'a formula followed by CRLF'],
    ['\uFF1D1+1', 'full-width ＝'],
    ['\uFF0B1', 'full-width ＋'],
    ['\uFF0D1', 'full-width －'],
    ['\uFF20SUM(A1)', 'full-width ＠'],
    [' =1+1', 'a space before ='],
    ['   +1', 'spaces before +'],
    ['\t-1', 'a tab before -'],
    ['\n@x', 'a line break before @'],
    ['\u3000=1', 'an ideographic space before ='],
    ['\tplain', 'a leading tab'],
    ['\rplain', 'a leading carriage return'],
  ])('%j (%s) is prefixed with a quote', (text) => {
    expect(CSV_FORMULA_START.test(text)).toBe(true);
    expect(textCell(text).text).toBe(`'${text}`);
  });

  it.each([
    ['card declined\ntwice'],
    ['a = b'],
    ['email me @ home'],
    ['2-3 days'],
    ['# not a heading'],
    ['Ｅ＝mc²'],
  ])('%j is left as typed', (text) => {
    expect(CSV_FORMULA_START.test(text)).toBe(false);
    expect(textCell(text).text).toBe(text);
  });

  it('escapes every text column, not only the note text', () => {
    expect(textCell('fine', '=cmd|"/c calc"!A1').author).toBe(`'=cmd|"/c calc"!A1`);
  });
});
