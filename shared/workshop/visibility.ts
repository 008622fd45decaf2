/**
 * Silent brainstorm (issue 13): who may read a face-down note. While a brainstorm step runs in
 * silent mode, new notes are made face down (`faceDown: true`); each shows as a coloured card with
 * no text to everyone but its author, until the facilitator presses Reveal (workshop.reveal turns
 * every face-down note of the map face up). A face-down note still counts, saves, exports and
 * votes like any note: only its text is kept from other eyes while it is down.
 *
 * Authors: a note made on a phone carries its participant (`participantId`); a note made in the
 * facilitator's window has `participantId: null` and is the facilitator's.
 *
 * Viewers:
 * - `facilitator`: the facilitator's window. Sees their own face-down notes, not the participants'.
 * - `participant`: one person's phone (issue 14). Sees only their own.
 * - `room`: the room view on the projector. Sees no face-down text at all, not even the
 *   facilitator's (the room is everyone).
 * - `owner`: the map's owner after the fact (exports, the reading view, search): everything. Exports
 *   are the facilitator's record of the workshop, so they carry every note's text.
 */

export type Viewer =
  | { kind: 'facilitator' }
  | { kind: 'participant'; participantId: string }
  | { kind: 'room' }
  | { kind: 'owner' };

/** The fields of a note this decides on (absent: an older note, face up and the facilitator's). */
export interface FaceDownNote {
  faceDown?: boolean | null;
  participantId?: string | null;
}

export const FACILITATOR: Viewer = { kind: 'facilitator' };
export const ROOM: Viewer = { kind: 'room' };
export const OWNER: Viewer = { kind: 'owner' };

/** True when `viewer` may read the note's text (face up, or face down and theirs). */
export function canReadText(note: FaceDownNote, viewer: Viewer): boolean {
  if (note.faceDown !== true) return true;
  switch (viewer.kind) {
    case 'owner':
      return true;
    case 'room':
      return false;
    case 'facilitator':
      return (note.participantId ?? null) === null;
    case 'participant':
      return note.participantId === viewer.participantId;
  }
}

/** True when the note is drawn face down for `viewer` (a card with no text). */
export function shownFaceDown(note: FaceDownNote, viewer: Viewer): boolean {
  return !canReadText(note, viewer);
}

/**
 * The step state that makes new notes face down: a brainstorm step in silent mode is the current
 * step (running or paused: a pause is not a reveal). `steps` and `currentStepId` as workshop.get
 * and maps.get return them.
 */
export function newNotesFaceDown(
  currentStepId: string | null | undefined,
  steps: readonly { id: string; activity: string; silent?: boolean | null }[] | undefined,
): boolean {
  if (!currentStepId || !steps) return false;
  const step = steps.find((s) => s.id === currentStepId);
  return step !== undefined && step.activity === 'brainstorm' && step.silent === true;
}

/** How many of `notes` are face down (what Reveal would turn over). */
export function countFaceDown(notes: readonly FaceDownNote[]): number {
  let n = 0;
  for (const note of notes) if (note.faceDown === true) n++;
  return n;
}
