import { describe, expect, it } from 'vitest';
import { ROOM_PIN_DIGITS, type RoomState } from '../../../shared/room/contract';
import {
  announcementFor,
  doneText,
  initialPhoneState,
  phoneReducer,
  PIN_DIGITS,
  stepOffers,
} from '../../../renderer/participant/phoneState';

const session = { token: 't', participantId: 'p1', name: 'Ana' };

function room(over: Partial<RoomState> = {}): RoomState {
  return {
    map: { id: 'm', title: 'Claims', stages: [{ id: 's1', name: 'Report' }], lanes: [] },
    step: {
      id: 'st1',
      title: 'Pains',
      instructions: 'Write one pain per note',
      activity: 'brainstorm',
      stageId: null,
      laneId: null,
      silent: true,
      minutes: 5,
    },
    timer: { running: true, endsAt: 2_000, remainingMs: 1_000 },
    serverNow: 1_000,
    round: null,
    me: { participantId: 'p1', name: 'Ana' },
    myNotes: [],
    myScores: [],
    done: { done: 0, of: 3, me: false },
    anonymous: false,
    ...over,
  };
}

const round = (status: 'open' | 'closed') => ({
  id: 'r1',
  title: 'Worst pains',
  target: 'pain_point' as const,
  dots: 3,
  multiple: false,
  anonymous: false,
  status,
  left: 3,
  mine: [],
  candidates: [],
  results: status === 'closed' ? [] : null,
});

describe('phone state', () => {
  it('keeps the PIN length the contract fixes', () => {
    expect(PIN_DIGITS).toBe(ROOM_PIN_DIGITS);
  });

  it('takes a room state for this participant, with the clock offset from when it arrived', () => {
    let s = phoneReducer(initialPhoneState(null), { type: 'joined', session });
    s = phoneReducer(s, { type: 'state', state: room(), receivedAt: 400 });
    expect(s.room?.step?.title).toBe('Pains');
    expect(s.offset).toBe(600);
    expect(s.announcement).toBe('Now: Pains.');
    // Someone else's state (a late push for an old token) is ignored.
    const other = phoneReducer(s, {
      type: 'state',
      state: room({ me: { participantId: 'p9', name: 'X' }, serverNow: 9 }),
      receivedAt: 0,
    });
    expect(other).toBe(s);
  });

  it('closing forgets the session and says why', () => {
    let s = phoneReducer(initialPhoneState(session), { type: 'state', state: room(), receivedAt: 0 });
    s = phoneReducer(s, { type: 'closed', reason: 'The room was closed.' });
    expect(s.session).toBeNull();
    expect(s.room).toBeNull();
    expect(s.closed).toBe('The room was closed.');
    expect(s.announcement).toBe('The room was closed.');
  });

  it('announces a new step, a round opening and its results, and nothing when nothing changed', () => {
    const a = room();
    expect(announcementFor(a, a)).toBe('');
    expect(announcementFor(a, room({ step: null }))).toBe('No step is running. Wait for the facilitator.');
    expect(announcementFor(a, room({ round: round('open') }))).toBe('Voting is open: Worst pains. You have 3 dots.');
    expect(announcementFor(room({ round: round('open') }), room({ round: round('closed') }))).toBe(
      'Results of Worst pains are in.',
    );
  });

  it('offers what the step allows', () => {
    expect(stepOffers(room())).toMatchObject({
      notes: true,
      vote: false,
      emotions: false,
      done: true,
      fixedStageId: null,
    });
    expect(stepOffers(room({ step: { ...room().step!, activity: 'emotion', stageId: 's1' } }))).toMatchObject({
      notes: true,
      emotions: true,
      fixedStageId: 's1',
    });
    expect(stepOffers(room({ step: { ...room().step!, activity: 'vote' }, round: round('open') }))).toMatchObject({
      notes: false,
      vote: true,
      results: false,
    });
    expect(stepOffers(room({ round: round('closed') }))).toMatchObject({ vote: false, results: true });
    expect(stepOffers(room({ step: null }))).toMatchObject({ notes: true, done: false });
  });

  it('says the done count with no names', () => {
    expect(doneText({ done: 7, of: 9 })).toBe('7 of 9 done');
  });
});
