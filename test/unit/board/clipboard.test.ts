import { describe, expect, test } from 'vitest';
import { notesFromClipboard, notesToClipboard } from '../../../renderer/board/clipboard';
import type { BoardNote } from '../../../shared/board/history';
import { withDefaults } from '../../../shared/records/index';

/** The note fields later issues added, at their defaults. */
const { text: _t, x: _x, y: _y, width: _w, height: _h, color: _c, ...NEW_FIELDS } = withDefaults('note', {}) as BoardNote;

const n = (id: string, text: string, x: number): BoardNote => ({
  ...NEW_FIELDS,
  id,
  text,
  x,
  y: 10,
  width: 160,
  height: 120,
  color: 'pink',
  stageId: 's1',
  laneId: 'l1',
  kind: 'pain_point',
  sentiment: -1,
  author: 'Ana',
  channels: ['phone', 'web'],
  personaIds: ['p1'],
  faceDown: false,
});

describe('clipboard format', () => {
  test('round-trips notes, dropping ids and the source map’s stage, lane and personas', () => {
    const { json, text } = notesToClipboard([n('a', 'first', 0), n('b', 'second', 200)]);
    expect(text).toBe('first\nsecond');
    const back = notesFromClipboard(json, text, 'yellow');
    expect(back).toHaveLength(2);
    expect(back[1]).toEqual({
      ...withDefaults('note', {}),
      text: 'second',
      x: 200,
      y: 10,
      width: 160,
      height: 120,
      color: 'pink',
      kind: 'pain_point',
      sentiment: -1,
      author: 'Ana',
      channels: ['phone', 'web'],
      stageId: null,
      laneId: null,
      personaIds: [],
    });
    expect('id' in back[0]!).toBe(false);
  });

  test('plain text makes one note per non-empty line, in a grid, in the current colour', () => {
    const notes = notesFromClipboard('', 'one\r\ntwo\n\n  three  \n', 'blue');
    expect(notes.map((x) => x.text)).toEqual(['one', 'two', 'three']);
    expect(notes.every((x) => x.color === 'blue')).toBe(true);
    expect(new Set(notes.map((x) => `${x.x},${x.y}`)).size).toBe(3);
  });

  test('malformed JSON falls back to the text', () => {
    expect(notesFromClipboard('{not json', 'hello', 'yellow').map((x) => x.text)).toEqual(['hello']);
    expect(notesFromClipboard(JSON.stringify({ version: 9, notes: [] }), '', 'yellow')).toEqual([]);
  });
});
