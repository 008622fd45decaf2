/**
 * The room's participant side (issue 14): core.room.join / call / states on a real SQLite store in
 * a temporary data folder, as the room listener calls them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/index';
import type { MethodInput, MethodName, MethodResult } from '../../../shared/api';
import type { JourneyMap } from '../../../shared/domain';
import type { ApiErrorBody, Envelope } from '../../../shared/errors';
import { mapToJson } from '../../../shared/export/json';
import { change } from '../../../shared/records/index';
import type { ParticipantInput, ParticipantMethod, RoomNote, RoomState } from '../../../shared/room/contract';
import { RESOURCES } from '../helpers';

let dir: string;
let core: Core;
let clock: number;
let seq: number;
let map: JourneyMap;

function open(dataDir: string): Core {
  return openCore({ dataDir, resourcesDir: RESOURCES, now: () => clock, newId: () => `id-${String(++seq).padStart(4, '0')}` });
}

function value<T>(e: Envelope<unknown>): T {
  if (!e.ok) throw new Error(`expected ok, got ${e.error.code}: ${e.error.message}`);
  return e.value as T;
}
function error(e: Envelope<unknown>): ApiErrorBody {
  if (e.ok) throw new Error(`expected an error, got ${JSON.stringify(e.value)}`);
  return e.error;
}
function call<M extends MethodName>(method: M, input: MethodInput<M>, c: Core = core): MethodResult<M> {
  return value(c.dispatch(method, input));
}
const get = () => call('maps.get', { id: map.id });

/** Joins a named (or, anonymous room, blank) participant; returns their id. */
function join(name: string | undefined, anonymous = false): string {
  return value<{ participantId: string }>(core.room.join(map.id, { name, anonymous })).participantId;
}
let present: string[] = [];
/** A phone's call as the room listener passes it on: its method and input checked there (test/unit/room/room.test.ts tests those checks). */
const room = <M extends ParticipantMethod>(participantId: string, method: M, input: ParticipantInput<M>) => core.room.call(map.id, participantId, method, input, present);
const state = (participantId: string) => value<RoomState>(room(participantId, 'state', {}));
const add = (participantId: string, id: string, text: string, more: { stageId?: string } = {}) => value<RoomNote>(room(participantId, 'notes.add', { id, text, ...more }));
const stepTitled = (title: string) => get().steps.find((s) => s.title === title)!;
const start = (title: string) => call('workshop.start', { mapId: map.id, stepId: stepTitled(title).id });
/** The store's content, minus the map's updatedAt (a refused call must leave it unchanged). */
const snapshot = () => JSON.stringify(get());

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-room-'));
  clock = Date.UTC(2026, 0, 1, 9);
  seq = 0;
  present = [];
  core = open(dir);
  map = call('maps.create', { title: 'Bank', template: 'classic-funnel' });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('joining', () => {
  it('makes a participant with a palette colour; a blank name in an anonymous room is "Guest N", elsewhere it is refused', () => {
    const ana = join('  Ana ');
    const guest = join(undefined, true);
    const second = join('', true);
    const participants = get().participants;
    expect(participants.map((p) => [p.id, p.name])).toEqual([
      [ana, 'Ana'],
      [guest, 'Guest 2'],
      [second, 'Guest 3'],
    ]);
    expect(new Set(participants.map((p) => p.color)).size).toBe(3);
    const before = snapshot();
    expect(error(core.room.join(map.id, { name: ' ', anonymous: false }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/name/) });
    expect(snapshot()).toBe(before);
  });

  it('tells two people with one name apart', () => {
    join('Ana');
    expect(value<{ name: string }>(core.room.join(map.id, { name: 'ana', anonymous: false })).name).toBe('ana (2)');
  });
});

describe('notes from phones', () => {
  it('are stored exactly once: the same id sent twice is one note, and the retry answers with it', () => {
    const ana = join('Ana');
    const before = get().notes.length;
    const first = add(ana, 'phone-1', 'Queue too long');
    const again = add(ana, 'phone-1', 'Queue too long');
    expect(again).toEqual(first);
    const notes = get().notes;
    expect(notes).toHaveLength(before + 1);
    expect(notes.find((n) => n.id === 'phone-1')).toMatchObject({ text: 'Queue too long', participantId: ana, author: 'Ana', faceDown: false });
  });

  it('refuse an id that belongs to another participant, or to a note of another map, and change nothing', () => {
    const ana = join('Ana');
    const bo = join('Bo');
    add(ana, 'phone-1', 'mine');
    const otherMap = call('maps.create', { title: 'Other' });
    call('notes.create', { mapId: otherMap.id, id: 'elsewhere', text: 'secret', x: 0, y: 0 });
    const before = snapshot();
    expect(error(room(bo, 'notes.add', { id: 'phone-1', text: 'hijack' })).code).toBe('conflict');
    expect(error(room(bo, 'notes.add', { id: 'elsewhere', text: 'hijack' })).code).toBe('conflict');
    expect(error(room(bo, 'notes.add', { id: map.stages[0]!.id, text: 'a stage id' })).code).toBe('conflict');
    expect(snapshot()).toBe(before);
    expect(call('maps.get', { id: otherMap.id }).notes[0]!.text).toBe('secret');
  });

  it('land in the step\'s lane (kind from the lane) and the stage given, placed by the board\'s rule, not on one spot', () => {
    const ana = join('Ana');
    start('Map touchpoints and channels');
    const step = stepTitled('Map touchpoints and channels');
    expect(step.laneId).not.toBeNull();
    const stage = map.stages[1]!;
    add(ana, 'a', 'app login', { stageId: stage.id });
    add(ana, 'b', 'branch visit', { stageId: stage.id });
    add(ana, 'c', 'free one');
    add(ana, 'd', 'free two');
    const notes = get().notes;
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => notes.find((n) => n.id === id)!);
    expect(a).toMatchObject({ stageId: stage.id, laneId: step.laneId, kind: 'touchpoint' });
    expect(c).toMatchObject({ stageId: null, laneId: step.laneId });
    // Cell notes go after the ones there; free ones take the brainstorm area's next free slots.
    expect(b!.y).toBeGreaterThan(a!.y);
    expect([c!.x, c!.y]).not.toEqual([d!.x, d!.y]);
    expect(error(room(ana, 'notes.add', { id: 'e', text: 'x', stageId: 'nope' }))).toMatchObject({ code: 'not_found', message: expect.stringMatching(/stageId/) });
  });

  it('in a silent brainstorm are face down, and their text never reaches another participant\'s state', () => {
    const ana = join('Ana');
    const bo = join('Bo');
    present = [ana, bo];
    start('Pain points');
    const mine = add(ana, 'secret-1', 'The fees are hidden');
    expect(mine).toMatchObject({ faceDown: true, text: 'The fees are hidden' });
    expect(get().notes.find((n) => n.id === 'secret-1')).toMatchObject({ faceDown: true, kind: 'pain_point' });
    call('rounds.create', { mapId: map.id, title: 'Worst pains', target: 'pain_point', dots: 3 });
    const boState = state(bo);
    expect(boState.round!.candidates.find((c) => c.id === 'secret-1')).toMatchObject({ text: '' });
    expect(JSON.stringify(boState)).not.toContain('The fees are hidden');
    expect(state(ana).myNotes).toEqual([mine]);
    expect(state(ana).round!.candidates.find((c) => c.id === 'secret-1')!.text).toBe('The fees are hidden');
    call('workshop.reveal', { mapId: map.id });
    expect(state(bo).round!.candidates.find((c) => c.id === 'secret-1')!.text).toBe('The fees are hidden');
  });

  it('have no author in an anonymous room', () => {
    const guest = join(undefined, true);
    add(guest, 'g1', 'anonymous idea');
    expect(get().notes.find((n) => n.id === 'g1')).toMatchObject({ author: null, participantId: guest });
    expect(state(guest).anonymous).toBe(true);
  });

  it('can be edited and withdrawn by their author only, while the step they were added in is current', () => {
    const ana = join('Ana');
    const bo = join('Bo');
    start('Pain points');
    add(ana, 'n1', 'first');
    add(ana, 'n2', 'second');
    const before = snapshot();
    expect(error(room(bo, 'notes.withdraw', { id: 'n1' })).code).toBe('forbidden');
    expect(error(room(bo, 'notes.edit', { id: 'n1', text: 'mine now' })).code).toBe('forbidden');
    expect(snapshot()).toBe(before);
    expect(value<RoomNote>(room(ana, 'notes.edit', { id: 'n1', text: 'first, better' })).text).toBe('first, better');
    expect(value(room(ana, 'notes.withdraw', { id: 'n1' }))).toEqual({ id: 'n1' });
    expect(get().notes.some((n) => n.id === 'n1')).toBe(false);
    clock += 60_000;
    call('workshop.next', { mapId: map.id });
    expect(error(room(ana, 'notes.edit', { id: 'n2', text: 'too late' }))).toMatchObject({ code: 'closed', message: expect.stringMatching(/step/) });
    expect(error(room(ana, 'notes.withdraw', { id: 'n2' })).code).toBe('closed');
    expect(get().notes.find((n) => n.id === 'n2')!.text).toBe('second');
  });
});

describe('votes from phones', () => {
  it('go to the open round through the vote rules: dots limit, one per note, clear sentences; results only once closed', () => {
    const ana = join('Ana');
    const bo = join('Bo');
    expect(error(room(ana, 'votes.cast', { noteId: 'x' }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/No voting round is open/) });
    ['p1', 'p2', 'p3'].forEach((id) => call('notes.create', { mapId: map.id, id, text: id, x: 0, y: 0, kind: 'pain_point' }));
    call('notes.create', { mapId: map.id, id: 'idea', text: 'idea', x: 0, y: 0, kind: 'opportunity' });
    const round = call('rounds.create', { mapId: map.id, title: 'Worst pains', target: 'pain_point', dots: 2 });
    expect(value(room(ana, 'votes.cast', { noteId: 'p1' }))).toEqual({ roundId: round.id, noteId: 'p1', left: 1 });
    expect(error(room(ana, 'votes.cast', { noteId: 'p1' }))).toMatchObject({ code: 'limit', message: expect.stringMatching(/^You have already put a dot on this note/) });
    expect(error(room(ana, 'votes.cast', { noteId: 'idea' }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/vote on pain points/) });
    room(ana, 'votes.cast', { noteId: 'p2' });
    const before = snapshot();
    expect(error(room(ana, 'votes.cast', { noteId: 'p3' }))).toMatchObject({ code: 'limit', message: expect.stringMatching(/^No dots left: you have used 2 of 2/) });
    expect(snapshot()).toBe(before);
    expect(state(ana).round).toMatchObject({ id: round.id, left: 0, results: null, mine: [{ noteId: 'p1', count: 1 }, { noteId: 'p2', count: 1 }] });
    expect(value(room(ana, 'votes.retract', { noteId: 'p1' }))).toMatchObject({ left: 1 });
    expect(error(room(ana, 'votes.retract', { noteId: 'p1' })).code).toBe('not_found');
    room(bo, 'votes.cast', { noteId: 'p2' });
    call('rounds.close', { id: round.id });
    expect(error(room(ana, 'votes.cast', { noteId: 'p3' })).code).toBe('closed');
    expect(state(bo).round!.results).toEqual([{ noteId: 'p2', text: 'p2', count: 2 }]);
  });
});

describe('emotion scores and done marks', () => {
  it('scoring a stage again replaces the earlier score; a stage not in the map is refused and changes nothing', () => {
    const ana = join('Ana');
    const stage = map.stages[0]!.id;
    room(ana, 'emotions.score', { stageId: stage, score: -2 });
    room(ana, 'emotions.score', { stageId: stage, score: 1 });
    expect(get().emotionScores).toEqual([expect.objectContaining({ stageId: stage, participantId: ana, score: 1 })]);
    const before = snapshot();
    // A score off the scale never gets here: the room refuses it at its boundary (test/unit/room/room.test.ts).
    expect(error(room(ana, 'emotions.score', { stageId: 'nope', score: 0 })).code).toBe('not_found');
    expect(snapshot()).toBe(before);
    expect(state(ana).myScores).toEqual([{ stageId: stage, score: 1 }]);
  });

  it('the record layer refuses a second score for the same stage and person, whatever the path', () => {
    const ana = join('Ana');
    const stage = map.stages[0]!.id;
    room(ana, 'emotions.score', { stageId: stage, score: 2 });
    const r = core.dispatch('changes.apply', { mapId: map.id, changes: [change.create('emotionScore', 'dup', { stageId: stage, participantId: ana, score: -1 })] });
    expect(error(r)).toMatchObject({ code: 'conflict', message: expect.stringMatching(/there may be only one/) });
  });

  it('a map file with two scores for one stage and person is refused, naming them', () => {
    const ana = join('Ana');
    room(ana, 'emotions.score', { stageId: map.stages[0]!.id, score: 2 });
    const doc = get();
    const twice = { ...doc, id: 'copy', emotionScores: [...doc.emotionScores, { ...doc.emotionScores[0]!, id: 'dup', score: -1 }] };
    for (const list of ['stages', 'lanes', 'notes', 'participants', 'steps'] as const) {
      (twice as Record<string, unknown>)[list] = (doc[list] as { mapId: string }[]).map((r) => ({ ...r, mapId: 'copy' }));
    }
    twice.emotionScores = twice.emotionScores.map((r) => ({ ...r, mapId: 'copy' }));
    const text = mapToJson(twice as JourneyMap, 0);
    expect(error(core.dispatch('files.importJson', { text })).message).toMatch(/emotionScore "dup" has the same stageId and participantId as emotionScore "[^"]+"; there may be only one/);
  });

  it('done toggles per person for the current step and counts those present', () => {
    const ana = join('Ana');
    const bo = join('Bo');
    const cy = join('Cy');
    present = [ana, bo, cy];
    expect(error(room(ana, 'done.set', { done: true })).message).toMatch(/No step is running/);
    start('Pain points');
    expect(value(room(ana, 'done.set', { done: true }))).toEqual({ done: 1, of: 3, me: true });
    expect(value(room(ana, 'done.set', { done: true }))).toEqual({ done: 1, of: 3, me: true });
    expect(value(room(bo, 'done.set', { done: true }))).toEqual({ done: 2, of: 3, me: true });
    expect(state(cy).done).toEqual({ done: 2, of: 3, me: false });
    expect(value(core.room.done(map.id, present))).toEqual({ stepId: stepTitled('Pain points').id, done: 2, of: 3 });
    expect(value(room(ana, 'done.set', { done: false }))).toEqual({ done: 1, of: 3, me: false });
    expect(get().stepDones).toHaveLength(1);
    // Someone who left no longer counts.
    present = [ana, cy];
    expect(state(ana).done).toEqual({ done: 0, of: 2, me: false });
    // The next step starts with nobody done.
    call('workshop.next', { mapId: map.id });
    expect(state(bo).done).toEqual({ done: 0, of: 2, me: false });
  });
});

describe('the narrow contract', () => {
  // Other method names and bad input are refused once, at the room's boundary (electron/room/session.ts),
  // before a call reaches the core: test/unit/room/room.test.ts checks each sentence over HTTP.
  it('refuses a map that is not there and a participant not in the map, changing nothing', () => {
    const ana = join('Ana');
    const before = snapshot();
    expect(error(core.room.call('other-map', ana, 'state', {}, [])).code).toBe('not_found');
    expect(error(core.room.call(call('maps.create', { title: 'B' }).id, ana, 'notes.add', { id: 'n', text: 'x' }, [])).code).toBe('unauthorized');
    expect(snapshot()).toBe(before);
  });

  it('states() gives each phone its own state from one read, and leaves out people no longer in the map', () => {
    const ana = join('Ana');
    const bo = join('Bo');
    present = [ana, bo];
    start('Pain points');
    add(ana, 'a1', 'ana secret');
    const all = value<Record<string, RoomState>>(core.room.states(map.id, [ana, bo, 'gone'], [ana, bo]));
    expect(Object.keys(all).sort()).toEqual([ana, bo].sort());
    expect(all[ana]!.myNotes.map((n) => n.id)).toEqual(['a1']);
    expect(all[bo]!.myNotes).toEqual([]);
    expect(all[ana]).toEqual(state(ana));
    expect(all[bo]!.step).toMatchObject({ title: 'Pain points', silent: true, activity: 'brainstorm' });
    expect(all[bo]!.timer).toMatchObject({ running: true, remainingMs: stepTitled('Pain points').minutes * 60_000 });
  });
});

describe('participants leave and maps travel', () => {
  it('deleting a participant takes their scores, done marks and votes with them; their notes stay', () => {
    const ana = join('Ana');
    const bo = join('Bo');
    start('Pain points');
    add(ana, 'n1', 'mine');
    call('rounds.create', { mapId: map.id, title: 'Any', target: 'any', dots: 3 });
    room(ana, 'votes.cast', { noteId: 'n1' });
    room(bo, 'votes.cast', { noteId: 'n1' });
    room(ana, 'emotions.score', { stageId: map.stages[0]!.id, score: -1 });
    room(ana, 'done.set', { done: true });
    call('participants.delete', { id: ana });
    const after = get();
    expect(after.emotionScores).toEqual([]);
    expect(after.stepDones).toEqual([]);
    expect(after.votes.map((v) => v.participantId)).toEqual([bo]);
    expect(after.notes.find((n) => n.id === 'n1')).toMatchObject({ participantId: null, author: 'Ana' });
    expect(error(room(ana, 'state', {})).code).toBe('unauthorized');
  });

  it('deleting a stage takes its scores with it', () => {
    const ana = join('Ana');
    room(ana, 'emotions.score', { stageId: map.stages[0]!.id, score: 2 });
    room(ana, 'emotions.score', { stageId: map.stages[1]!.id, score: 1 });
    call('stages.delete', { id: map.stages[0]!.id });
    expect(get().emotionScores.map((s) => s.stageId)).toEqual([map.stages[1]!.id]);
  });

  it('a .journey file keeps the room\'s scores and done marks', async () => {
    const ana = join('Ana');
    start('Pain points');
    room(ana, 'emotions.score', { stageId: map.stages[0]!.id, score: -2 });
    room(ana, 'done.set', { done: true });
    const before = get();
    const file = path.join(dir, 'bank.journey');
    expect(core.exportJourney(map.id, file)).toMatchObject({ ok: true });
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-room-other-'));
    const other = open(otherDir);
    try {
      expect(await other.importJourney(file)).toMatchObject({ ok: true });
      const back = call('maps.get', { id: map.id }, other);
      expect(back.emotionScores).toEqual(before.emotionScores);
      expect(back.stepDones).toEqual(before.stepDones);
      expect(back.emotionScores).toHaveLength(1);
      expect(back.stepDones).toHaveLength(1);
    } finally {
      other.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
