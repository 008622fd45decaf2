/**
 * One open room's people: the PIN, the lock after too many wrong PINs, the participant tokens (32
 * random bytes each, one per device, in memory only: they die with the session) and each
 * participant's budget. It answers `POST /join` and `POST /api/<method>` as plain values; the
 * listener (listener.ts) does the HTTP around them and the core does the store's work.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { ApiErrorBody, Envelope } from '../../shared/errors';
import { describeZodError, ERROR_STATUS } from '../../shared/errors';
import { isMethodName } from '../../shared/api';
import {
  isParticipantMethod,
  joinInput,
  participantMethods,
  PARTICIPANT_METHODS,
  ROOM_PIN_DIGITS,
  type JoinResult,
  type ParticipantCall,
  type ParticipantInput,
  type ParticipantMethod,
  type RoomState,
} from '../../shared/room/contract';
import { PinLock, RecentIds, TokenBucket, type Clock } from './guards';
import type { RoomLimits } from './limits';

/** What the room needs of the core (electron/services: `Core`), named here so room/ imports no services. */
export interface RoomCore {
  dispatch(method: string, input: unknown): Envelope<unknown>;
  onChange(listener: (change: { mapId: string; revision: number }) => void): () => void;
  room: {
    join(mapId: string, input: { name?: string | null; anonymous: boolean }): Envelope<{ participantId: string; name: string }>;
    /** A call this session checked (method and input): the core does not check them again. */
    call<M extends ParticipantMethod>(mapId: string, participantId: string, method: M, input: ParticipantInput<M>, present: readonly string[], options?: { anonymous?: boolean }): Envelope<unknown>;
    /** Group commit: these calls in one transaction, each refused (rolled back) on its own; the answers in order. */
    callMany(
      mapId: string,
      calls: readonly ({ participantId: string } & ParticipantCall)[],
      present: readonly string[],
      options?: { anonymous?: boolean },
    ): Envelope<unknown>[];
    /** Many participants' states from one read of the map (what the live sockets push). */
    states(mapId: string, participantIds: readonly string[], present: readonly string[], options?: { anonymous?: boolean }): Envelope<Record<string, RoomState>>;
    /** "n of m done" for the current step, among those present. */
    done(mapId: string, present: readonly string[]): Envelope<{ stepId: string | null; done: number; of: number }>;
  };
}

interface Participant {
  participantId: string;
  name: string;
  token: string;
  deviceId: string | null;
  notes: TokenBucket;
  calls: TokenBucket;
  charged: RecentIds;
}

/** An answer for the listener to send: an envelope, its HTTP status and any extra headers. */
export interface Answer {
  status: number;
  body: Envelope<unknown>;
  headers?: Record<string, string>;
}

export function errorAnswer(code: ApiErrorBody['code'], message: string, headers?: Record<string, string>): Answer {
  return { status: ERROR_STATUS[code], body: { ok: false, error: { code, message } }, ...(headers ? { headers } : {}) };
}

function envelopeAnswer(envelope: Envelope<unknown>): Answer {
  return envelope.ok ? { status: 200, body: envelope } : { status: ERROR_STATUS[envelope.error.code], body: envelope };
}

/** A PIN of ROOM_PIN_DIGITS digits from the OS's random source (leading zeros kept). */
export function newPin(): string {
  return Array.from({ length: ROOM_PIN_DIGITS }, () => String(randomInt(10))).join('');
}

const NOTE_METHODS = new Set(['notes.add', 'notes.edit']);
/** Participant methods that only read: answered at once, outside any group commit. */
const READ_METHODS = new Set(['state']);

/** A write waiting for the next group commit, its method and input checked. */
type QueuedCall = { participantId: string; answer: (answer: Answer) => void } & ParticipantCall;

export class RoomSession {
  readonly pin: string;
  private readonly byToken = new Map<string, Participant>();
  private readonly byDevice = new Map<string, Participant>();
  private readonly pinLock: PinLock;
  /** Writes accepted (token, rate, input checked) and waiting for the group commit. */
  private queued: QueuedCall[] = [];
  /** True while this session's writes are being committed: the changes they cause are the phones' own. */
  private committingNow = false;

  constructor(
    readonly mapId: string,
    readonly anonymous: boolean,
    private readonly core: RoomCore,
    private readonly limits: RoomLimits,
    private readonly now: Clock,
    pin: string = newPin(),
  ) {
    this.pin = pin;
    this.pinLock = new PinLock(limits.wrongPins, limits.pinWindowMs, limits.lockMs, now);
  }

  lockedUntil(): number | null {
    return this.pinLock.lockedUntil();
  }

  joined(): number {
    return this.byToken.size;
  }

  /** Participant ids with a live token (the `present` the core counts "n of m done" over). */
  present(): string[] {
    return [...this.byToken.values()].map((p) => p.participantId);
  }

  participantOf(token: string): string | null {
    return this.byToken.get(token)?.participantId ?? null;
  }

  /** The states these participants' phones show, from one read of the map (empty if it cannot be read). */
  states(participantIds: readonly string[]): Record<string, RoomState> {
    const envelope = this.core.room.states(this.mapId, participantIds, this.present(), { anonymous: this.anonymous });
    return envelope.ok ? envelope.value : {};
  }

  /** "n of m done" for the current step (room.status). */
  done(): { stepId: string | null; done: number; of: number } {
    const envelope = this.core.room.done(this.mapId, this.present());
    return envelope.ok ? envelope.value : { stepId: null, done: 0, of: this.byToken.size };
  }

  /** `POST /join {pin, name?, deviceId?}`. */
  join(raw: unknown): Answer {
    const until = this.pinLock.lockedUntil();
    if (until !== null) return this.lockedAnswer(until);
    const parsed = joinInput.safeParse(raw ?? {});
    if (!parsed.success) return errorAnswer('invalid_input', describeZodError(parsed.error));
    const input = parsed.data;
    const given = Buffer.from(input.pin);
    const expected = Buffer.from(this.pin);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      const locked = this.pinLock.fail();
      if (locked) return this.lockedAnswer(this.pinLock.lockedUntil()!);
      return errorAnswer('unauthorized', 'That PIN is wrong. Check the 6 digits on the facilitator’s screen and try again.');
    }
    const name = input.name?.trim() || undefined;
    if (!this.anonymous && !name) return errorAnswer('invalid_input', 'name: enter your name to join this room.');
    if (input.deviceId) {
      const known = this.byDevice.get(input.deviceId);
      // The same phone again (a reload, a second tab): the same person and token.
      if (known) return { status: 200, body: { ok: true, value: this.joinResult(known) } };
    }
    if (this.byToken.size >= this.limits.maxParticipants) {
      return errorAnswer('busy', `This room is full: ${this.limits.maxParticipants} people have joined. Ask the facilitator.`);
    }
    const envelope = this.asPhones(() => this.core.room.join(this.mapId, { name: name ?? null, anonymous: this.anonymous }));
    if (!envelope.ok) return envelopeAnswer(envelope);
    const participant: Participant = {
      participantId: envelope.value.participantId,
      name: envelope.value.name,
      token: randomBytes(32).toString('base64url'),
      deviceId: input.deviceId ?? null,
      notes: new TokenBucket(this.limits.notesPerMinute, this.limits.notesBurst, this.now),
      calls: new TokenBucket(this.limits.callsPerMinute, this.limits.callsBurst, this.now),
      charged: new RecentIds(),
    };
    this.byToken.set(participant.token, participant);
    if (participant.deviceId) this.byDevice.set(participant.deviceId, participant);
    return { status: 200, body: { ok: true, value: this.joinResult(participant) } };
  }

  /** Whether the store change being reported now was written by a phone (a join or a participant call). */
  committing(): boolean {
    return this.committingNow;
  }

  /** Runs a store write of the phones' (a join, a group commit): the changes it reports are theirs. */
  private asPhones<T>(write: () => T): T {
    this.committingNow = true;
    try {
      return write();
    } finally {
      this.committingNow = false;
    }
  }

  /**
   * `POST /api/<method>` with the participant's token (already checked: `participantOf`). Token,
   * method, rate and input are checked at once, each call on its own: here only (the boundary),
   * the core's room service takes the parsed input as it is. A write then waits for the
   * group commit: every write accepted in the same turn of the event loop (the requests that
   * arrived together) goes into one transaction, each in its own savepoint, so one commit and one
   * change event serve them all while each is still refused on its own. Each is answered only
   * after the transaction holding it committed.
   */
  call(token: string, method: string, raw: unknown): Answer | Promise<Answer> {
    const who = this.byToken.get(token);
    if (!who) return unknownToken();
    if (!isParticipantMethod(method)) {
      const what = isMethodName(method) ? `${method} is for the facilitator’s app, not a phone` : `there is no participant method "${method.slice(0, 100)}"`;
      return errorAnswer('unknown_method', `${what}. A phone may call ${PARTICIPANT_METHODS.join(', ')}.`);
    }
    if (!who.calls.take()) {
      const wait = who.calls.secondsUntilNext();
      return errorAnswer('rate_limited', `Too many requests from this phone. Wait ${wait} s, then try again.`, { 'retry-after': String(wait) });
    }
    const parsed = participantMethods[method].safeParse(raw ?? {});
    if (!parsed.success) return errorAnswer('invalid_input', describeZodError(parsed.error));
    const checked = { method, input: parsed.data } as ParticipantCall;
    // A note sent again (a retry after a timeout) stores nothing new, so it costs nothing.
    const noteId = method === 'notes.add' ? (parsed.data as { id: string }).id : null;
    if (NOTE_METHODS.has(method) && !(noteId !== null && who.charged.has(noteId))) {
      if (!who.notes.take()) {
        const wait = who.notes.secondsUntilNext();
        return errorAnswer(
          'rate_limited',
          `You are sending notes faster than ${this.limits.notesPerMinute} a minute. Wait ${wait} s; your note is kept on your phone and can be sent then.`,
          { 'retry-after': String(wait) },
        );
      }
      if (noteId !== null) who.charged.add(noteId);
    }
    if (READ_METHODS.has(method)) {
      return envelopeAnswer(this.core.room.call(this.mapId, who.participantId, checked.method, checked.input, this.present(), { anonymous: this.anonymous }));
    }
    return new Promise<Answer>((answer) => {
      this.queued.push({ participantId: who.participantId, ...checked, answer });
      if (this.queued.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  /** The group commit: up to `maxGroupCommit` queued writes in one transaction; the rest in the next turn. */
  private commitQueued(): void {
    const batch = this.queued.splice(0, this.limits.maxGroupCommit);
    if (this.queued.length > 0) setImmediate(() => this.commitQueued());
    if (batch.length === 0) return;
    let answers: Envelope<unknown>[];
    try {
      answers = this.asPhones(() => this.core.room.callMany(this.mapId, batch, this.present(), { anonymous: this.anonymous }));
    } catch (err) {
      // callMany answers every failure itself; should it throw anyway, no phone is left waiting.
      console.error('Journeyboard room: a group commit failed unexpectedly:', err);
      answers = [];
    }
    batch.forEach((call, i) => call.answer(answers[i] ? envelopeAnswer(answers[i]) : errorAnswer('internal', 'Something went wrong inside Journeyboard; nothing was changed. Try again.')));
  }

  /** Voids every token (the room is closing). */
  voidAll(): void {
    this.byToken.clear();
    this.byDevice.clear();
  }

  private joinResult(p: Participant): JoinResult {
    return { token: p.token, participantId: p.participantId, name: p.name };
  }

  private lockedAnswer(until: number): Answer {
    const seconds = Math.max(1, Math.ceil((until - this.now()) / 1000));
    return errorAnswer(
      'rate_limited',
      `Joining is locked for ${seconds} s because of too many wrong PINs. Wait, then enter the PIN shown on the facilitator’s screen.`,
      { 'retry-after': String(seconds) },
    );
  }
}

export function unknownToken(): Answer {
  return errorAnswer(
    'unauthorized',
    'This phone is not in the room (the room was closed, or this is not a room token). Join again with the PIN.',
    { 'www-authenticate': 'Bearer' },
  );
}
