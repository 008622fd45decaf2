/**
 * The phone page's state, as a reducer: who this phone is in the room (the session), the room's
 * state as the server last sent it, the clock offset, the live connection, the room closing, and
 * the sentence the live region reads out. Pure; `usePhone.ts` feeds it from the network.
 */
import type { RoomState } from '../../shared/room/contract';
import { clockOffset } from './countdown';

/** What a phone keeps to stay in the room across a reload or a sleep (per room address). */
export interface Session {
  token: string;
  participantId: string;
  name: string;
}

/**
 * The PIN's length: the contract's ROOM_PIN_DIGITS, written here again because importing a value
 * from shared/room/contract.ts would bundle zod into the phone page (a unit test keeps them equal).
 */
export const PIN_DIGITS = 6;

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'retrying';

export interface PhoneState {
  session: Session | null;
  room: RoomState | null;
  /** The server's clock minus the phone's, when the room state last arrived. */
  offset: number;
  live: LiveStatus;
  online: boolean;
  /** Why this phone is no longer in the room (the room closed, the token is void), or null. */
  closed: string | null;
  /** The last refusal or failure the person should read (not about a note: those show on the note). */
  error: string | null;
  /** What the polite live region says (a step change, a round opening, results). */
  announcement: string;
}

export type PhoneAction =
  | { type: 'joined'; session: Session }
  | { type: 'state'; state: RoomState; receivedAt: number }
  | { type: 'closed'; reason: string }
  | { type: 'live'; status: LiveStatus }
  | { type: 'online'; online: boolean }
  | { type: 'error'; message: string | null }
  | { type: 'leave' };

export function initialPhoneState(session: Session | null, online = true): PhoneState {
  return { session, room: null, offset: 0, live: 'idle', online, closed: null, error: null, announcement: '' };
}

/** The sentence said when the room changes under the person, or '' when nothing worth saying changed. */
export function announcementFor(prev: RoomState | null, next: RoomState): string {
  const parts: string[] = [];
  if (prev?.step?.id !== next.step?.id) {
    parts.push(next.step ? `Now: ${next.step.title}.` : 'No step is running. Wait for the facilitator.');
  }
  const before = prev?.round ?? null;
  const round = next.round;
  if (round && (before?.id !== round.id || before.status !== round.status)) {
    if (round.status === 'open')
      parts.push(`Voting is open: ${round.title}. You have ${round.left} ${round.left === 1 ? 'dot' : 'dots'}.`);
    else if (round.results) parts.push(`Results of ${round.title} are in.`);
  }
  return parts.join(' ');
}

export function phoneReducer(state: PhoneState, action: PhoneAction): PhoneState {
  switch (action.type) {
    case 'joined':
      return { ...initialPhoneState(action.session, state.online), live: 'connecting' };
    case 'state': {
      // A state for someone else (an old token's push arriving late) is not this phone's.
      if (!state.session || action.state.me.participantId !== state.session.participantId) return state;
      const said = announcementFor(state.room, action.state);
      return {
        ...state,
        room: action.state,
        offset: clockOffset(action.state.serverNow, action.receivedAt),
        announcement: said || state.announcement,
      };
    }
    case 'closed':
      return { ...initialPhoneState(null, state.online), closed: action.reason, announcement: action.reason };
    case 'live':
      return { ...state, live: action.status };
    case 'online':
      return { ...state, online: action.online };
    case 'error':
      return { ...state, error: action.message };
    case 'leave':
      return initialPhoneState(null, state.online);
  }
}

/** What the current step lets a person do on the phone. */
export interface StepOffers {
  notes: boolean;
  /** The stage new notes go to, fixed by the step; null: the person picks one (or none). */
  fixedStageId: string | null;
  vote: boolean;
  results: boolean;
  emotions: boolean;
  done: boolean;
}

/**
 * Notes in every step but a dot vote (the room takes notes whenever it is open; a vote step is for
 * dots), including before any step starts; dots while a round is open; results once a round is
 * closed; emotion scores in an emotion step. The server has the last word: whatever it refuses is
 * shown as its sentence.
 */
export function stepOffers(room: RoomState): StepOffers {
  const step = room.step;
  const round = room.round;
  return {
    notes: step?.activity !== 'vote',
    fixedStageId: step?.stageId ?? null,
    vote: round?.status === 'open',
    results: round?.status === 'closed' && round.results !== null,
    emotions: step?.activity === 'emotion',
    done: step !== null,
  };
}

/** "7 of 9 done". */
export function doneText(done: { done: number; of: number }): string {
  return `${done.done} of ${done.of} done`;
}
