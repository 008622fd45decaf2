import { describe, expect, it } from 'vitest';
import {
  csvNotes,
  detectFormat,
  guessMapping,
  markdownNotes,
  matchLaneOrKind,
  parseCsv,
  stripBom,
  textNotes,
  type ImportStructure,
} from '../../../renderer/capture/importRows';

const structure: ImportStructure = {
  stages: [
    { id: 's1', name: 'Discover' },
    { id: 's2', name: 'Sign up' },
  ],
  lanes: [
    { id: 'l1', name: 'Doing', kind: 'actions' },
    { id: 'l2', name: 'Pain points', kind: 'pain_points' },
    { id: 'l3', name: 'Our notes', kind: 'custom' },
  ],
};

const all = { text: 0, stage: 1, lane: 2, author: 3 };

describe('parseCsv', () => {
  it('reads the header and numbers data rows as a spreadsheet does (header = row 1)', () => {
    const t = parseCsv('text,stage\nfirst,Discover\nsecond,Sign up\n');
    expect(t.headers).toEqual(['text', 'stage']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['first', 'Discover'] },
      { row: 3, cells: ['second', 'Sign up'] },
    ]);
    expect(t.problems).toEqual([]);
  });

  it('keeps quoted commas, quotes and line breaks inside one value', () => {
    const t = parseCsv('text,author\n"Slow, then slower",Ana\n"She said ""no""\nand left",Bo\nlast,Cy');
    expect(t.rows.map((r) => r.cells[0])).toEqual(['Slow, then slower', 'She said "no"\nand left', 'last']);
    // The quoted line break is one record: the row after it is row 4.
    expect(t.rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });

  it('drops a byte-order mark and reads CRLF line ends', () => {
    const t = parseCsv('\uFEFFtext,stage\r\nOne,Discover\r\nTwo,Sign up\r\n');
    expect(t.headers).toEqual(['text', 'stage']);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['One', 'Discover'],
      ['Two', 'Sign up'],
    ]);
  });

  it('an empty file has no header and no rows; a header-only file has no rows', () => {
    expect(parseCsv('')).toEqual({ headers: [], rows: [], problems: [] });
    expect(parseCsv('\uFEFF  \r\n')).toEqual({ headers: [], rows: [], problems: [] });
    const headerOnly = parseCsv('text,stage,author\r\n');
    expect(headerOnly.headers).toEqual(['text', 'stage', 'author']);
    expect(headerOnly.rows).toEqual([]);
  });

  it('skips blank rows without renumbering the rows after them', () => {
    const t = parseCsv('text\na\n\n,\nb');
    expect(t.rows).toEqual([
      { row: 2, cells: ['a'] },
      { row: 5, cells: ['b'] },
    ]);
  });

  it('reports a quote that is never closed by row', () => {
    const t = parseCsv('text\nok\n"never closed\nmore');
    expect(t.problems).toEqual([{ row: 3, message: 'a quoted value is never closed' }]);
  });
});

describe('guessMapping', () => {
  it('finds columns by their usual names', () => {
    expect(guessMapping(['Author', 'Stage', 'Note', 'Kind'])).toEqual({ text: 2, stage: 1, lane: 3, author: 0 });
  });
  it('falls back to the first column for the text, and none without headers', () => {
    expect(guessMapping(['what', 'when'])).toEqual({ text: 0, stage: -1, lane: -1, author: -1 });
    expect(guessMapping([])).toEqual({ text: -1, stage: -1, lane: -1, author: -1 });
  });
});

describe('matchLaneOrKind', () => {
  it('matches a lane by name, or a kind in its usual spellings', () => {
    expect(matchLaneOrKind(structure, '  doing ')).toEqual({ laneId: 'l1', kind: 'action' });
    expect(matchLaneOrKind(structure, 'Pain Points')).toEqual({ laneId: 'l2', kind: 'pain_point' });
    expect(matchLaneOrKind(structure, 'pain-point')).toEqual({ laneId: 'l2', kind: 'pain_point' });
    expect(matchLaneOrKind(structure, 'Actions')).toEqual({ laneId: 'l1', kind: 'action' });
    // A custom lane gives no kind.
    expect(matchLaneOrKind(structure, 'our notes')).toEqual({ laneId: 'l3', kind: null });
    // A kind the map has no lane for: the kind, no lane.
    expect(matchLaneOrKind(structure, 'opportunity')).toEqual({ laneId: null, kind: 'opportunity' });
    expect(matchLaneOrKind(structure, 'feelings')).toBeUndefined();
  });
});

describe('csvNotes', () => {
  it('turns rows into notes in their cells, with the lane’s kind and the author', () => {
    const t = parseCsv(
      'text,stage,lane,author\nCompare prices, discover ,Doing,Ana\nForm too long,SIGN UP,pain points,\n',
    );
    const r = csvNotes(t, all, structure);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([
      { row: 2, text: 'Compare prices', stageId: 's1', laneId: 'l1', kind: 'action', author: 'Ana' },
      { row: 3, text: 'Form too long', stageId: 's2', laneId: 'l2', kind: 'pain_point', author: null },
    ]);
  });

  it('a row with a stage but no lane (or the reverse) goes to the brainstorm area', () => {
    const t = parseCsv('text,stage,lane\nOnly a stage,Discover,\nOnly a kind,,opportunity\n');
    const r = csvNotes(t, { text: 0, stage: 1, lane: 2, author: -1 }, structure);
    expect(r.notes.map((n) => [n.stageId, n.laneId, n.kind])).toEqual([
      [null, null, null],
      [null, null, 'opportunity'],
    ]);
  });

  it('lists malformed rows by row number with what is wrong, and keeps the good ones', () => {
    const long = 'x'.repeat(5001);
    const csv = [
      'text,stage,kind,author',
      'fine,Discover,Doing,A',
      ',Discover,Doing,B',
      `${long},,,`,
      'lost,Checkout,,',
      'odd,,feelings,',
      `ok too,,,${'a'.repeat(101)}`,
    ].join('\n');
    const r = csvNotes(parseCsv(csv), all, structure);
    expect(r.notes.map((n) => n.row)).toEqual([2]);
    expect(r.problems).toEqual([
      { row: 3, message: 'the text is empty' },
      { row: 4, message: 'the text is 5,001 characters; a note holds at most 5,000' },
      { row: 5, message: 'unknown stage “Checkout”' },
      { row: 6, message: 'unknown lane or kind “feelings”' },
      { row: 7, message: 'the author is over 100 characters' },
    ]);
  });

  it('a row with fewer cells than the header reads the missing ones as empty', () => {
    const r = csvNotes(parseCsv('text,stage,lane,author\njust text\n'), all, structure);
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([{ row: 2, text: 'just text', stageId: null, laneId: null, kind: null, author: null }]);
  });

  it('no text column: nothing', () => {
    expect(csvNotes(parseCsv('a\nb'), { text: -1, stage: -1, lane: -1, author: -1 }, structure)).toEqual({
      notes: [],
      problems: [],
    });
  });
});

describe('textNotes', () => {
  it('one note per non-empty line, trimmed, numbered by line; CRLF and a BOM are fine', () => {
    const r = textNotes('\uFEFF  First  \r\n\r\nSecond\rThird\n   \n');
    expect(r.notes.map((n) => [n.row, n.text])).toEqual([
      [1, 'First'],
      [3, 'Second'],
      [4, 'Third'],
    ]);
    expect(r.problems).toEqual([]);
  });
  it('a line over 5,000 characters is a problem on its line', () => {
    const r = textNotes(`a\n${'y'.repeat(5001)}`);
    expect(r.notes).toHaveLength(1);
    expect(r.problems).toEqual([{ row: 2, message: 'the text is 5,001 characters; a note holds at most 5,000' }]);
  });
  it('an empty text gives nothing', () => {
    expect(textNotes('')).toEqual({ notes: [], problems: [] });
  });
});

describe('markdownNotes', () => {
  it('list items become notes; headings naming a stage and a lane place them in that cell', () => {
    const md = [
      '# Workshop',
      'Some intro text.',
      '## Discover',
      '### Pain points',
      '- Hard to find the price',
      '* [ ] Too many tabs',
      '## Sign up',
      '1. Filled the form',
      '2) Got an email',
      '# Parking lot',
      '+ Loose idea',
    ].join('\n');
    const r = markdownNotes(md, structure);
    expect(r.notes.map((n) => [n.row, n.text, n.stageId, n.laneId, n.kind])).toEqual([
      [5, 'Hard to find the price', 's1', 'l2', 'pain_point'],
      [6, 'Too many tabs', 's1', 'l2', 'pain_point'],
      // A new stage heading ends the lane: stage only, so the brainstorm area.
      [8, 'Filled the form', null, null, null],
      [9, 'Got an email', null, null, null],
      [11, 'Loose idea', null, null, null],
    ]);
    expect(r.summary).toBe('2 headings used as stages; 1 as lane; 1 line that is not a list item skipped.');
  });
  it('an empty list item is a problem on its line', () => {
    const r = markdownNotes('- a\n-  \n- [ ] ', structure);
    expect(r.notes.map((n) => n.text)).toEqual(['a']);
    expect(r.problems.map((p) => p.row)).toEqual([2, 3]);
  });
});

describe('detectFormat and stripBom', () => {
  it('guesses from the file name, then from the lines', () => {
    expect(detectFormat('notes.CSV', '')).toBe('csv');
    expect(detectFormat('board.md', '')).toBe('markdown');
    expect(detectFormat('lines.txt', '- a')).toBe('text');
    expect(detectFormat(null, 'one\n- two')).toBe('markdown');
    expect(detectFormat(null, 'one\ntwo')).toBe('text');
  });
  it('removes only a leading BOM', () => {
    expect(stripBom('\uFEFFa\uFEFF')).toBe('a\uFEFF');
  });
});
