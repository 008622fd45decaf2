import { describe, expect, it } from 'vitest';
import { canReadText, countFaceDown, FACILITATOR, newNotesFaceDown, OWNER, ROOM, shownFaceDown, type Viewer } from '../../../shared/workshop/visibility';

const alice: Viewer = { kind: 'participant', participantId: 'p-alice' };
const bob: Viewer = { kind: 'participant', participantId: 'p-bob' };

const facilitatorsDown = { faceDown: true, participantId: null };
const alicesDown = { faceDown: true, participantId: 'p-alice' };
const alicesUp = { faceDown: false, participantId: 'p-alice' };
const older = {}; // a note from before silent mode existed

describe('silent brainstorm: who reads a face-down note', () => {
  it('a face-up note is readable by everyone, in every window', () => {
    for (const viewer of [FACILITATOR, ROOM, OWNER, alice, bob]) {
      expect(canReadText(alicesUp, viewer)).toBe(true);
      expect(canReadText(older, viewer)).toBe(true);
    }
  });

  it("a participant's face-down note: only its author (and the owner afterwards)", () => {
    expect(canReadText(alicesDown, alice)).toBe(true);
    expect(canReadText(alicesDown, bob)).toBe(false);
    expect(canReadText(alicesDown, FACILITATOR)).toBe(false);
    expect(canReadText(alicesDown, ROOM)).toBe(false);
    expect(canReadText(alicesDown, OWNER)).toBe(true);
  });

  it("a note made in the facilitator's window is the facilitator's: face down to phones and to the room view", () => {
    expect(canReadText(facilitatorsDown, FACILITATOR)).toBe(true);
    expect(canReadText({ faceDown: true }, FACILITATOR)).toBe(true);
    expect(canReadText(facilitatorsDown, alice)).toBe(false);
    expect(canReadText(facilitatorsDown, ROOM)).toBe(false);
  });

  it('the room view never shows face-down text, whoever wrote it', () => {
    expect(shownFaceDown(facilitatorsDown, ROOM)).toBe(true);
    expect(shownFaceDown(alicesDown, ROOM)).toBe(true);
    expect(shownFaceDown(alicesUp, ROOM)).toBe(false);
  });

  it('new notes are face down only while a silent brainstorm step is the current step', () => {
    const steps = [
      { id: 's1', activity: 'goals', silent: true },
      { id: 's2', activity: 'brainstorm', silent: true },
      { id: 's3', activity: 'brainstorm', silent: false },
    ];
    expect(newNotesFaceDown('s2', steps)).toBe(true);
    expect(newNotesFaceDown('s3', steps)).toBe(false);
    expect(newNotesFaceDown('s1', steps)).toBe(false);
    expect(newNotesFaceDown(null, steps)).toBe(false);
    expect(newNotesFaceDown('gone', steps)).toBe(false);
    expect(newNotesFaceDown('s2', undefined)).toBe(false);
  });

  it('counts what Reveal would turn over', () => {
    expect(countFaceDown([facilitatorsDown, alicesDown, alicesUp, older])).toBe(2);
  });
});
