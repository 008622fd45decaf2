/**
 * The room's participant contract (issue 14): what a phone may send and what it is told. The room
 * listener (electron/room/) validates every request against these schemas before it calls the
 * core (electron/services/room.ts); the phone page (renderer/participant/) is built on `RoomState`.
 * The field rules (ids, a note's text, a name) are the record fields' (records/fields.ts), so the
 * limits are the app's own, written once.
 */
import { z } from 'zod';
import { id, name as nameField, noteText, wholeEmotion, type ROUND_TARGETS } from '../records/fields';
import type { TimerState } from '../workshop/timer';

/** How many digits a room's PIN has. */
export const ROOM_PIN_DIGITS = 6;

/** The room listener's limits (the listener may tune the numbers). */
export const ROOM_LIMITS = {
  /** Notes one participant may add in a minute (a token bucket refilling at this rate). */
  notesPerMinute: 60,
  /** Notes that may arrive at once (a phone catching up after being offline): at least 20. */
  burst: 30,
  /** Wrong PINs in a minute, from anywhere, before joining is locked. */
  wrongPinsPerMinute: 10,
  /** How long joining stays locked after too many wrong PINs. */
  lockMs: 60_000,
  /** The largest request body the listener reads, in bytes (a note at its longest fits many times). */
  bodyBytes: 64 * 1024,
} as const;

/** A participant's display name (trimmed, 1-100 characters). */
export const participantName = nameField;

/** `POST /join`. The name may be left out only in an anonymous room (the core calls them "Guest N"). */
export const joinInput = z.strictObject({
  pin: z.string().regex(new RegExp(`^\\d{${ROOM_PIN_DIGITS}}$`), `the PIN is ${ROOM_PIN_DIGITS} digits`),
  name: z
    .string()
    .trim()
    .max(100, 'a name is at most 100 characters')
    .optional(),
  /** An id the phone keeps, so joining again from the same device is the same person. */
  deviceId: id.optional(),
});
export type JoinInput = z.infer<typeof joinInput>;

export interface JoinResult {
  token: string;
  participantId: string;
  name: string;
}

/** A note's text from a phone: the app's note text rule, and not blank. */
const phoneNoteText = noteText.trim().min(1, 'a note needs some text');

/** Every method a participant may call, with its input schema. Any other name is refused. */
export const participantMethods = {
  state: z.strictObject({}),
  'notes.add': z.strictObject({ id, text: phoneNoteText, stageId: id.optional() }),
  'notes.edit': z.strictObject({ id, text: phoneNoteText }),
  'notes.withdraw': z.strictObject({ id }),
  'votes.cast': z.strictObject({ noteId: id }),
  'votes.retract': z.strictObject({ noteId: id }),
  'emotions.score': z.strictObject({ stageId: id, score: wholeEmotion }),
  'done.set': z.strictObject({ done: z.boolean() }),
} as const;
export type ParticipantMethod = keyof typeof participantMethods;
export const PARTICIPANT_METHODS = Object.keys(participantMethods) as ParticipantMethod[];
export type ParticipantInput<M extends ParticipantMethod> = z.infer<(typeof participantMethods)[M]>;

export function isParticipantMethod(name: string): name is ParticipantMethod {
  return Object.prototype.hasOwnProperty.call(participantMethods, name);
}

/**
 * A participant method with its input as `participantMethods` parsed it. The room listener
 * (electron/room/session.ts) checks each phone's call once, at the boundary; the core's room
 * service takes only such checked calls and does not check them again.
 */
export type ParticipantCall = { [M in ParticipantMethod]: { method: M; input: ParticipantInput<M> } }[ParticipantMethod];

/** A note of the participant's own, as their phone lists it. */
export interface RoomNote {
  id: string;
  text: string;
  stageId: string | null;
  laneId: string | null;
  faceDown: boolean;
}

export interface RoomStep {
  id: string;
  title: string;
  instructions: string;
  activity: string;
  stageId: string | null;
  laneId: string | null;
  silent: boolean;
  minutes: number;
}

export interface RoomRound {
  id: string;
  title: string;
  target: (typeof ROUND_TARGETS)[number];
  dots: number;
  multiple: boolean;
  anonymous: boolean;
  status: 'open' | 'closed';
  /** Dots this participant has left in the round. */
  left: number;
  /** Where this participant's dots are. */
  mine: { noteId: string; count: number }[];
  /** The notes one may vote on. A face-down note of someone else's has text ''. */
  candidates: { id: string; text: string; kind: string | null; stageId: string | null }[];
  /** Dots per note, most first: only once the round is closed, else null. */
  results: { noteId: string; text: string; count: number }[] | null;
}

/** The answer of `state`, and what `GET /live` pushes. Face-down text of others is never in it. */
export interface RoomState {
  map: { id: string; title: string; stages: { id: string; name: string }[]; lanes: { id: string; name: string }[] };
  step: RoomStep | null;
  /** As workshop.get gives it: `remainingMs` is the time left at `serverNow`. Null when no step is current. */
  timer: TimerState | null;
  /** The store's clock when this was read (a phone corrects its own clock by the difference). */
  serverNow: number;
  round: RoomRound | null;
  me: { participantId: string; name: string };
  myNotes: RoomNote[];
  myScores: { stageId: string; score: number }[];
  /** Of the participants present, how many marked the current step done (no names), and whether this one did. */
  done: { done: number; of: number; me: boolean };
  anonymous: boolean;
}

/** What the server pushes over `GET /live?token=`. */
export type RoomLiveMessage = { type: 'state'; state: RoomState } | { type: 'closed'; reason: string };

/** `room.open`, `room.close` and `room.status` answer this. */
export interface RoomStatus {
  open: boolean;
  mapId: string | null;
  /** The address to show and encode in the QR code. */
  url: string | null;
  /** Every address the room listens on. */
  urls: string[];
  pin: string | null;
  anonymous: boolean;
  joined: number;
  connected: number;
  locked: boolean;
  lockedUntil: number | null;
  done: { stepId: string | null; done: number; of: number };
}
