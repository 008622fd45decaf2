// Silent brainstorm on the canvas (Chromium): a face-down note its viewer may not read is a card
// with no text; the author (the facilitator, for participantId null) and exports see the text.
import { afterEach, describe, expect, test } from 'vitest';
import type { BoardNote } from '../../../shared/board/history';
import { withDefaults } from '../../../shared/records/index';
import { FACILITATOR, OWNER, ROOM, type Viewer } from '../../../shared/workshop/visibility';
import { drawNotesSharp, setNoteViewer } from '../../../renderer/board/drawNotes';

afterEach(() => setNoteViewer(OWNER));

function note(fields: Partial<BoardNote>): BoardNote {
  return { id: 'n1', ...withDefaults('note', { text: 'Pricing page is confusing', x: 10, y: 10, width: 160, height: 160, ...fields }) } as BoardNote;
}

/** Pixels darker than the paper and the card back (text is near-black ink) after drawing `n` for `viewer`. */
function inkPixels(n: BoardNote, viewer: Viewer): number {
  setNoteViewer(viewer);
  const canvas = document.createElement('canvas');
  canvas.width = 180;
  canvas.height = 180;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 180, 180);
  drawNotesSharp(ctx, [n], 1);
  const data = ctx.getImageData(0, 0, 180, 180).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 250) ink++;
  return ink;
}

describe('face-down notes on the canvas', () => {
  test("the room view draws a face-down note's card with no text, whoever wrote it", () => {
    const mine = note({ faceDown: true, participantId: null });
    expect(inkPixels(mine, ROOM)).toBe(0);
    expect(inkPixels(note({ faceDown: true, participantId: 'p1' }), ROOM)).toBe(0);
    // Face up: the text is drawn for the room like anywhere.
    expect(inkPixels(note({ faceDown: false }), ROOM)).toBeGreaterThan(50);
  });

  test("the facilitator reads their own face-down notes but not a participant's; exports read all", () => {
    expect(inkPixels(note({ faceDown: true, participantId: null }), FACILITATOR)).toBeGreaterThan(50);
    expect(inkPixels(note({ faceDown: true, participantId: 'p1' }), FACILITATOR)).toBe(0);
    expect(inkPixels(note({ faceDown: true, participantId: 'p1' }), OWNER)).toBeGreaterThan(50);
  });
});
