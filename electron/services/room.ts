/**
 * The room's participants (issue 14): joining, and the narrow set of methods a phone may call
 * (shared/room/contract.ts). Every write goes through the record layer (changes.ts), so cascades,
 * the vote rules (voteRules.ts), the change feed and versions see a phone's edit like any other.
 * The room listener (electron/room/) checks PINs, tokens, rates, the method name and its input
 * (once, at that boundary: electron/room/session.ts) and calls this through `core.room.*`
 * (index.ts), which runs each call in one transaction. Calls come here checked (`ParticipantCall`).
 *
 * Rules where the issue is silent:
 * - A note may be added whenever the room is open (a phone that was offline sends its queue when it
 *   is back, even after the step moved on). It goes to the given stage (or the current step's) and
 *   the current step's lane, placed by the board's own rule (shared/board/placement.ts).
 * - One's own note may be edited or withdrawn until the facilitator moves on: while the step that
 *   was current when it was added is still current (Next, Stop or starting another step closes
 *   it). A note added while no step ran stays open until a step starts.
 * - A participant's votes go to "the round": the current step's round when it is a vote step,
 *   else the one open round when exactly one is open. With none open, phones are shown the round
 *   closed last (its results); with several open and no vote step, none (votes are refused).
 */
import { NOTE_COLORS, NOTE_KIND_OF_LANE, type Note, type NoteKind, type Round, type Step } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { brainstormCursor, cellEnd, freeRects, isFree, type BrainstormCursor, type PlacedNote } from '../../shared/board/placement';
import type { FrameLayout } from '../../shared/journey';
import { layoutBoardFrame } from '../../shared/board/frameDrop';
import { FRAME_ORIGIN } from '../../shared/journey/frame';
import { covers, tally } from '../../shared/prioritise/voting';
import { withDefaults, type RecordValue } from '../../shared/records/index';
import {
  type ParticipantCall,
  type ParticipantInput,
  type ParticipantMethod,
  type RoomNote,
  type RoomRound,
  type RoomState,
} from '../../shared/room/contract';
import { canReadText, newNotesFaceDown } from '../../shared/workshop/visibility';
import * as timer from '../../shared/workshop/timer';
import { toRecord, type DbMap, type DbRecord } from '../store/rows';
import type { RecordStore } from './changes';
import type { ChangeFeed } from './changeFeed';
import { requireMap, type ServiceContext } from './context';
import { sameName } from './prioritise';

/** What `join` is given: the name typed on the phone (maybe blank) and whether the room is anonymous. */
export interface RoomJoinInput {
  name?: string | null | undefined;
  anonymous: boolean;
}

/** One participant's call, checked by the room listener, as a group commit gets it (`core.room.callMany`). */
export type RoomCall = { participantId: string } & ParticipantCall;

/** The room's settings a call needs; without them, those given when the participant joined. */
export interface RoomCallOptions {
  anonymous?: boolean;
}

/** How many marked the current step done, among those present. */
export interface RoomDoneCount {
  stepId: string | null;
  done: number;
  of: number;
}

type NoteRow = DbRecord<'note'> & { map_id: string };

/** A note as placement sees it, with its id (the frame orders a cell's notes by position, then id). */
type Placed = PlacedNote & { id: string };

/**
 * What placing a phone's note reads of its map, kept between calls so the next note costs the same
 * with 5,000 notes on the map as with none: the stages and lanes, the notes in cells (the frame's
 * size), the latest y per cell, and the brainstorm area's cursor over the free notes. Valid at
 * change-feed `revision` (and SQLite `dataVersion`); `mine` are the notes placed since, not yet seen committed.
 */
interface PlacementMemo {
  revision: number;
  /** SQLite's data_version when read: it moves when another connection (another process) writes the file. */
  dataVersion: number;
  stages: { id: string }[];
  lanes: { id: string; collapsed: boolean; kind: DbRecord<'lane'>['kind'] }[];
  cellNotes: Placed[];
  freeNotes: Placed[];
  lastY: Map<string, number>;
  frame: FrameLayout | null;
  cursor: BrainstormCursor | null;
  /** The frame rectangle the cursor's grid was laid out beside. */
  cursorFrame: string | null;
  mine: Map<string, Placed>;
}
/** Most maps whose placement is remembered (one room is open at a time). */
const PLACEMENT_MEMOS = 4;
const cellKey = (stageId: string, laneId: string) => `${stageId}\u0000${laneId}`;

/** The few columns of a note a phone's state needs (no JSON columns to parse). */
interface NoteCardRow {
  id: string;
  text: string;
  kind: NoteKind | null;
  stage_id: string | null;
  face_down: number;
  participant_id: string | null;
}
interface NoteCard {
  id: string;
  text: string;
  kind: NoteKind | null;
  stageId: string | null;
  faceDown: boolean;
  participantId: string | null;
}
const cardOf = (r: NoteCardRow): NoteCard => ({ id: r.id, text: r.text, kind: r.kind, stageId: r.stage_id, faceDown: r.face_down === 1, participantId: r.participant_id });

/** The vote rules speak of "this person"; a phone is told about "you". */
const toYou = (message: string) => message.replace(/\bThis person has\b/g, 'You have').replace(/\bthis person has\b/g, 'you have');

/**
 * `feed` (the store's change feed) lets note placement remember the map between calls and know when
 * another write moved, removed or added a note, stage or lane (then it reads the map afresh).
 */
export function createRoomService(ctx: ServiceContext, records: RecordStore, feed?: Pick<ChangeFeed, 'revision' | 'since' | 'pending'>) {
  const { db, repos } = ctx;
  /** Whether each participant joined an anonymous room (the listener may also say so per call). */
  const anonymousRoom = new Map<string, boolean>();

  type PlacedRow = { id: string; x: number; y: number; width: number; height: number; stage_id: string | null; lane_id: string | null };
  const placedNotes = db.prepare<[string], PlacedRow>('SELECT id, x, y, width, height, stage_id, lane_id FROM notes WHERE map_id = ?');
  const placedNote = db.prepare<[string], PlacedRow>('SELECT id, x, y, width, height, stage_id, lane_id FROM notes WHERE id = ?');
  const placedOf = (n: PlacedRow): Placed => ({ id: n.id, x: n.x, y: n.y, width: n.width, height: n.height, stageId: n.stage_id, laneId: n.lane_id });
  const placementMemos = new Map<string, PlacementMemo>();
  const dataVersionOf = db.prepare<[], number>('PRAGMA data_version').pluck();
  const dataVersion = () => dataVersionOf.get()!;
  const scoreOf = db.prepare<[string, string], DbRecord<'emotionScore'>>('SELECT * FROM emotionScores WHERE stage_id = ? AND participant_id = ?');
  const doneOf = db.prepare<[string, string], DbRecord<'stepDone'>>('SELECT * FROM stepDones WHERE step_id = ? AND participant_id = ?');
  const donesOfStep = db.prepare<[string], { participant_id: string }>('SELECT participant_id FROM stepDones WHERE step_id = ?');
  const votesOf = db.prepare<[string, string], DbRecord<'vote'>>('SELECT * FROM votes WHERE round_id = ? AND participant_id = ? ORDER BY rowid');
  const stageNames = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM stages WHERE map_id = ? ORDER BY position');
  const laneNames = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM lanes WHERE map_id = ? ORDER BY position');
  const participantNames = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM participants WHERE map_id = ?');
  const roundVotes = db.prepare<[string], { roundId: string; participantId: string | null; noteId: string; count: number }>(
    'SELECT round_id AS roundId, participant_id AS participantId, note_id AS noteId, count FROM votes WHERE round_id = ? ORDER BY rowid',
  );
  const noteCards = db.prepare<[string], NoteCardRow>(
    'SELECT id, text, kind, stage_id, face_down, participant_id FROM notes WHERE map_id = ? ORDER BY created_at, id',
  );
  const notesOfParticipant = db.prepare<[string], { id: string; text: string; stage_id: string | null; lane_id: string | null; face_down: number }>(
    'SELECT id, text, stage_id, lane_id, face_down FROM notes WHERE participant_id = ? ORDER BY created_at, id',
  );
  const scoresOfParticipant = db.prepare<[string], { stageId: string; score: number }>(
    'SELECT e.stage_id AS stageId, e.score FROM emotionScores e JOIN stages s ON s.id = e.stage_id WHERE e.participant_id = ? ORDER BY s.position',
  );
  const lastEnded = db.prepare<[string], { t: number | null }>('SELECT max(ended_at) AS t FROM steps WHERE map_id = ?');

  /**
   * The map's row as read at the start of the participant call (or state push) running now: its
   * handlers read it several times (the current step, the timer, face-down notes), and nothing they
   * do changes it before `touch`, which forgets it. Null between calls.
   */
  let mapOfCall: DbMap | null = null;
  /** Runs `fn` with the map's row read once for it (not_found when there is no such map). */
  function withMap<T>(mapId: string, fn: () => T): T {
    mapOfCall = requireMap(ctx, mapId);
    try {
      return fn();
    } finally {
      mapOfCall = null;
    }
  }

  const touch = (mapId: string) => {
    mapOfCall = null;
    repos.touchMap.run(ctx.now(), mapId);
  };

  function header(mapId: string): DbMap {
    return mapOfCall?.id === mapId ? mapOfCall : requireMap(ctx, mapId);
  }

  function requireParticipant(mapId: string, participantId: string) {
    const row = repos.records.participant.get.get(participantId) as (DbRecord<'participant'> & { map_id: string }) | undefined;
    if (!row || row.map_id !== mapId) {
      throw new ApiError('unauthorized', 'You are no longer in this room (the facilitator removed you, or the map changed). Join again.');
    }
    return toRecord('participant', row);
  }

  function currentStep(mapId: string): Step | null {
    const id = header(mapId).current_step_id;
    if (!id) return null;
    const row = repos.records.step.get.get(id);
    return row ? toRecord('step', row) : null;
  }

  function requireStage(mapId: string, stageId: string) {
    const row = repos.records.stage.get.get(stageId) as { map_id: string } | undefined;
    if (!row || row.map_id !== mapId) throw new ApiError('not_found', `stageId: there is no stage "${stageId}" in this map. Choose one of the stages your phone shows.`);
  }

  /** The round a phone votes in: the current step's when it is a vote step, else the only open round. */
  function roundFor(step: Step | null, rounds: readonly Round[]): Round | null {
    if (step && step.activity === 'vote' && step.roundId) {
      const r = rounds.find((x) => x.id === step.roundId);
      if (r) return r;
    }
    const open = rounds.filter((r) => r.status === 'open');
    if (open.length > 0) return open.length === 1 ? open[0]! : null;
    // None open: the round closed last, so phones see its results.
    let last: Round | null = null;
    for (const r of rounds) if (r.closedAt !== null && (last === null || r.closedAt > last.closedAt!)) last = r;
    return last;
  }

  function roundsOf(mapId: string): Round[] {
    return repos.records.round.ofMap.all(mapId).map((r) => toRecord('round', r));
  }

  /** The round votes go to, open, or a sentence saying why there is none. */
  function requireOpenRound(mapId: string): Round {
    const round = roundFor(currentStep(mapId), roundsOf(mapId));
    if (!round) throw new ApiError('invalid_input', 'No voting round is open right now. Wait for the facilitator to open one.');
    if (round.status !== 'open') throw new ApiError('closed', `The round “${round.title}” is closed: votes can no longer change.`);
    return round;
  }

  /** Whether `note` may still be edited or withdrawn by its author (see the rules at the top). */
  function stillOpen(mapId: string, note: Note): boolean {
    const step = currentStep(mapId);
    if (step) return step.startedAt !== null && note.createdAt >= step.startedAt;
    return note.createdAt >= (lastEnded.get(mapId)?.t ?? 0);
  }

  function requireOwnNote(mapId: string, participantId: string, id: string, doing: string): Note {
    const row = repos.records.note.get.get(id) as NoteRow | undefined;
    if (!row || row.map_id !== mapId) throw new ApiError('not_found', `There is no note "${id}" in this room: it may have been deleted.`);
    const note = toRecord('note', row);
    if (note.participantId !== participantId) throw new ApiError('forbidden', `You can ${doing} only your own notes.`);
    if (!stillOpen(mapId, note)) {
      throw new ApiError('closed', `The step this note was added in is over, so it can no longer be ${doing === 'edit' ? 'edited' : 'withdrawn'}. Ask the facilitator to change it.`);
    }
    return note;
  }

  const roomNote = (n: Note): RoomNote => ({ id: n.id, text: n.text, stageId: n.stageId, laneId: n.laneId, faceDown: n.faceDown });

  /** The map as placement sees it, read whole. */
  function readPlacement(mapId: string): PlacementMemo {
    const memo: PlacementMemo = {
      revision: feed?.revision ?? 0,
      dataVersion: dataVersion(),
      stages: repos.records.stage.ofMap.all(mapId).map((st) => ({ id: st.id })),
      lanes: repos.records.lane.ofMap.all(mapId).map((l) => ({ id: l.id, collapsed: l.collapsed === 1, kind: l.kind })),
      cellNotes: [],
      freeNotes: [],
      lastY: new Map(),
      frame: null,
      cursor: null,
      cursorFrame: null,
      mine: new Map(),
    };
    for (const row of placedNotes.all(mapId)) remember(memo, placedOf(row));
    return memo;
  }

  function remember(memo: PlacementMemo, n: Placed): void {
    if (isFree(n)) {
      memo.freeNotes.push(n);
      memo.cursor?.avoid(n);
      return;
    }
    memo.cellNotes.push(n);
    const key = cellKey(n.stageId!, n.laneId!);
    if (n.y > (memo.lastY.get(key) ?? -Infinity)) memo.lastY.set(key, n.y);
    memo.frame = null;
  }

  /**
   * The remembered placement of `mapId` when nothing it depends on changed since (only this
   * service's own notes were added, each still where it was put), else the map read afresh. The
   * change feed's journal says which records were written since the memo was made.
   */
  function placementOf(mapId: string): PlacementMemo {
    const memo = placementMemos.get(mapId);
    // Taken out while a note is placed: if the call fails half way, the next one reads the map afresh.
    placementMemos.delete(mapId);
    return memo && feed && stillTrue(mapId, memo) ? memo : readPlacement(mapId);
  }

  /** Keeps `memo` for the next note of `mapId` (the last few maps only). */
  function keepPlacement(mapId: string, memo: PlacementMemo): void {
    placementMemos.set(mapId, memo);
    if (placementMemos.size > PLACEMENT_MEMOS) placementMemos.delete(placementMemos.keys().next().value!);
  }

  function stillTrue(mapId: string, memo: PlacementMemo): boolean {
    // Written by another connection: this process's change feed never saw it.
    if (dataVersion() !== memo.dataVersion) return false;
    const committed = feed!.since(mapId, memo.revision);
    if (!committed) return false;
    // A group commit (several phones' calls in one transaction): what the calls before this one wrote.
    const open = feed!.pending(mapId);
    const written = open.length ? [...committed, ...open] : committed;
    const checked = new Set<string>();
    let seen = 0;
    for (const { type, id } of written) {
      if (type === 'stage' || type === 'lane') return false;
      if (type !== 'note' || checked.has(id)) continue;
      checked.add(id);
      const mine = memo.mine.get(id);
      if (!mine) return false;
      // Written since by this service; still where it was put (not moved or resized by someone else)?
      const row = placedNote.get(id);
      if (!row || row.x !== mine.x || row.y !== mine.y || row.width !== mine.width || row.height !== mine.height || row.stage_id !== mine.stageId || row.lane_id !== mine.laneId) return false;
      seen++;
    }
    // A note of ours the feed never saw committed was rolled back: the memo holds a note the map does not.
    if (seen !== memo.mine.size) return false;
    // Once all of them are committed, they are the map as read; until then they are still checked.
    if (open.length === 0) {
      memo.revision = feed!.revision;
      memo.mine.clear();
    }
    return true;
  }

  /** Where a new note goes: its cell's end when it names a stage and a lane, else the brainstorm area's next free place. */
  function placeNote(memo: PlacementMemo, stageId: string | null, laneId: string | null): { x: number; y: number } {
    const frame = (memo.frame ??= layoutBoardFrame(memo.stages, memo.lanes, memo.cellNotes));
    const end = stageId && laneId ? cellEnd(frame, stageId, laneId) : null;
    if (!end) {
      // The brainstorm grid is laid out beside the frame: a frame of another size starts it afresh.
      const at = JSON.stringify(frame.rect);
      if (!memo.cursor || memo.cursorFrame !== at) {
        memo.cursor = brainstormCursor(frame, FRAME_ORIGIN, freeRects(memo.freeNotes));
        memo.cursorFrame = at;
      }
      const slot = memo.cursor.next();
      return { x: Math.round(slot.x), y: Math.round(slot.y) };
    }
    // After the cell's last note in reading order, so notes keep the order they arrived in (as a batch
    // of drafts does on the board: each a little further along than the one before).
    const lastY = memo.lastY.get(cellKey(stageId!, laneId!)) ?? -Infinity;
    return { x: Math.round(end.x), y: Math.max(Math.round(end.y), Math.floor(lastY) + 1) };
  }

  function anonymousFor(participantId: string, options: RoomCallOptions | undefined): boolean {
    return options?.anonymous ?? anonymousRoom.get(participantId) ?? false;
  }

  function doneCount(mapId: string, step: Step | null, present: readonly string[]): RoomDoneCount {
    if (!step) return { stepId: null, done: 0, of: present.length };
    const here = new Set(present);
    const done = donesOfStep.all(step.id).filter((d) => here.has(d.participant_id)).length;
    return { stepId: step.id, done, of: present.length };
  }

  /** What every phone's state shares, read once per push with targeted queries (no JSON columns). */
  function shared(mapId: string, now: number) {
    const m = header(mapId);
    const step = currentStep(mapId);
    const round = roundFor(step, roundsOf(mapId));
    const t: timer.TimerState = { running: m.timer_running === 1, endsAt: m.timer_ends_at, remainingMs: m.timer_remaining_ms };
    return {
      map: {
        id: m.id,
        title: m.title,
        stages: stageNames.all(mapId),
        lanes: laneNames.all(mapId),
      },
      step,
      timer: step && timer.isActive(t) ? { running: t.running, endsAt: t.running ? t.endsAt : null, remainingMs: timer.remainingAt(t, now) } : null,
      round,
      votes: round ? roundVotes.all(round.id) : [],
      notes: round ? noteCards.all(mapId).map(cardOf) : [],
      participants: new Map(participantNames.all(mapId).map((p) => [p.id, p.name])),
      dones: step ? donesOfStep.all(step.id).map((d) => d.participant_id) : [],
      now,
    };
  }
  type Shared = ReturnType<typeof shared>;

  /** What one participant's phone shows; `states` builds many from one `shared` read. */
  function stateOf(sh: Shared, participantId: string, present: readonly string[], anonymous: boolean): RoomState {
    const name = sh.participants.get(participantId);
    if (name === undefined) throw new ApiError('unauthorized', 'You are no longer in this room (the facilitator removed you, or the map changed). Join again.');
    const viewer = { kind: 'participant' as const, participantId };
    const textFor = (n: NoteCard | undefined) => (n && canReadText(n, viewer) ? n.text : '');
    const { step, round: r } = sh;

    let round: RoomRound | null = null;
    if (r) {
      const mine = new Map<string, number>();
      for (const v of sh.votes) if (v.participantId === participantId) mine.set(v.noteId, (mine.get(v.noteId) ?? 0) + v.count);
      const used = [...mine.values()].reduce((a, b) => a + b, 0);
      const byId = r.status === 'closed' ? new Map(sh.notes.map((n) => [n.id, n])) : null;
      round = {
        id: r.id,
        title: r.title,
        target: r.target,
        dots: r.dots,
        multiple: r.multiple,
        anonymous: r.anonymous,
        status: r.status,
        left: Math.max(0, r.dots - used),
        mine: [...mine].map(([noteId, count]) => ({ noteId, count })),
        candidates: sh.notes.filter((n) => covers(r, n)).map((n) => ({ id: n.id, text: textFor(n), kind: n.kind, stageId: n.stageId })),
        results: byId ? tally(r.id, sh.votes).map((x) => ({ noteId: x.noteId, text: textFor(byId.get(x.noteId)), count: x.votes })) : null,
      };
    }
    const here = new Set(present);
    return {
      map: sh.map,
      step: step
        ? {
            id: step.id,
            title: step.title,
            instructions: step.instructions,
            activity: step.activity,
            stageId: step.stageId,
            laneId: step.laneId,
            silent: step.silent,
            minutes: step.minutes,
          }
        : null,
      timer: sh.timer,
      serverNow: sh.now,
      round,
      me: { participantId, name },
      myNotes: notesOfParticipant.all(participantId).map((n) => ({ id: n.id, text: n.text, stageId: n.stage_id, laneId: n.lane_id, faceDown: n.face_down === 1 })),
      myScores: scoresOfParticipant.all(participantId),
      done: {
        done: sh.dones.filter((id) => here.has(id)).length,
        of: present.length,
        me: sh.dones.includes(participantId),
      },
      anonymous,
    };
  }

  const handlers: { [M in ParticipantMethod]: (mapId: string, participantId: string, input: ParticipantInput<M>, present: readonly string[], anonymous: boolean) => unknown } = {
    state: (mapId, participantId, _input, present, anonymous) => stateOf(shared(mapId, ctx.now()), participantId, present, anonymous),

    'notes.add': (mapId, participantId, { id, text, stageId }, _present, anonymous) => {
      const existing = repos.records.note.get.get(id) as NoteRow | undefined;
      if (existing) {
        // A retry of a note already stored: nothing new, the same answer.
        if (existing.map_id === mapId && existing.participant_id === participantId) return roomNote(toRecord('note', existing));
        throw new ApiError('conflict', `The note id "${id}" is already used by another note. Your phone should make a new id for each note.`);
      }
      const step = currentStep(mapId);
      if (stageId !== undefined) requireStage(mapId, stageId);
      const stage = stageId ?? step?.stageId ?? null;
      const laneId = step?.laneId ?? null;
      const lane = laneId ? repos.records.lane.get.get(laneId) : undefined;
      const participant = requireParticipant(mapId, participantId);
      const map = header(mapId);
      const steps = step ? [{ id: step.id, activity: step.activity, silent: step.silent }] : [];
      const placement = placementOf(mapId);
      const value = withDefaults('note', {
        text,
        ...placeNote(placement, stage, laneId),
        stageId: stage,
        laneId,
        kind: lane ? NOTE_KIND_OF_LANE[lane.kind] : null,
        participantId,
        author: anonymous ? null : participant.name,
        faceDown: newNotesFaceDown(map.current_step_id, steps),
      }) as RecordValue<'note'>;
      const note = records.create('note', mapId, id, value, 'note');
      touch(mapId);
      const placed: Placed = { id: note.id, x: note.x, y: note.y, width: note.width, height: note.height, stageId: note.stageId, laneId: note.laneId };
      placement.mine.set(note.id, placed);
      remember(placement, placed);
      if (feed) keepPlacement(mapId, placement);
      return roomNote(note);
    },

    'notes.edit': (mapId, participantId, { id, text }) => {
      const note = requireOwnNote(mapId, participantId, id, 'edit');
      if (note.text === text) return roomNote(note);
      const next = records.update('note', mapId, id, { text }, 'note');
      touch(mapId);
      return roomNote(next);
    },

    'notes.withdraw': (mapId, participantId, { id }) => {
      requireOwnNote(mapId, participantId, id, 'withdraw');
      records.remove('note', mapId, id, 'note');
      touch(mapId);
      return { id };
    },

    'votes.cast': (mapId, participantId, { noteId }) => {
      const round = requireOpenRound(mapId);
      const note = repos.records.note.get.get(noteId) as NoteRow | undefined;
      if (!note || note.map_id !== mapId) throw new ApiError('not_found', `There is no note "${noteId}" in this room: it may have been deleted.`);
      try {
        records.create('vote', mapId, ctx.newId(), { roundId: round.id, participantId, noteId, count: 1 }, '');
      } catch (err) {
        if (err instanceof ApiError) throw new ApiError(err.code, toYou(err.message));
        throw err;
      }
      touch(mapId);
      return { roundId: round.id, noteId, left: Math.max(0, round.dots - votesOf.all(round.id, participantId).reduce((a, v) => a + v.count, 0)) };
    },

    'votes.retract': (mapId, participantId, { noteId }) => {
      const round = requireOpenRound(mapId);
      const mine = votesOf.all(round.id, participantId).filter((v) => v.note_id === noteId);
      const last = mine[mine.length - 1];
      if (!last) throw new ApiError('not_found', `You have no dot on that note in “${round.title}”: there is nothing to take back.`);
      records.remove('vote', mapId, last.id, '');
      touch(mapId);
      return { roundId: round.id, noteId, left: Math.max(0, round.dots - votesOf.all(round.id, participantId).reduce((a, v) => a + v.count, 0)) };
    },

    'emotions.score': (mapId, participantId, { stageId, score }) => {
      requireStage(mapId, stageId);
      const existing = scoreOf.get(stageId, participantId);
      if (existing && existing.score === score) return { stageId, score };
      if (existing) records.update('emotionScore', mapId, existing.id, { score }, 'emotion score');
      else records.create('emotionScore', mapId, ctx.newId(), { stageId, participantId, score }, 'emotion score');
      touch(mapId);
      return { stageId, score };
    },

    'done.set': (mapId, participantId, { done }, present) => {
      const step = currentStep(mapId);
      if (!step) throw new ApiError('invalid_input', 'No step is running, so there is nothing to mark done. Wait for the facilitator to start one.');
      const existing = doneOf.get(step.id, participantId);
      if (done && !existing) records.create('stepDone', mapId, ctx.newId(), { stepId: step.id, participantId }, 'done mark');
      if (!done && existing) records.remove('stepDone', mapId, existing.id, 'done mark');
      if (done !== !!existing) touch(mapId);
      const count = doneCount(mapId, step, present);
      return { done: count.done, of: count.of, me: done };
    },
  };

  return {
    /** A new participant for a phone: the name typed (or "Guest N" in an anonymous room), a colour of the palette. */
    join(mapId: string, { name, anonymous }: RoomJoinInput): { participantId: string; name: string } {
      header(mapId);
      const existing = repos.records.participant.ofMap.all(mapId).map((p) => toRecord('participant', p));
      const typed = (name ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
      if (typed.length > 100) throw new ApiError('invalid_input', 'name: a name is at most 100 characters.');
      let chosen = typed;
      if (!chosen) {
        if (!anonymous) throw new ApiError('invalid_input', 'name: type your name to join this room.');
        let n = existing.length + 1;
        while (existing.some((p) => sameName(p.name, `Guest ${n}`))) n++;
        chosen = `Guest ${n}`;
      } else if (existing.some((p) => sameName(p.name, chosen))) {
        // Two people with one name are told apart on the board: "Ana (2)".
        let n = 2;
        while (existing.some((p) => sameName(p.name, `${typed} (${n})`))) n++;
        chosen = `${typed.slice(0, 100 - ` (${n})`.length)} (${n})`;
      }
      const position = existing.length;
      const participant = records.create(
        'participant',
        mapId,
        ctx.newId(),
        { name: chosen, color: NOTE_COLORS[position % NOTE_COLORS.length]!, position },
        'participant',
      );
      anonymousRoom.set(participant.id, anonymous);
      touch(mapId);
      return { participantId: participant.id, name: participant.name };
    },

    /** Whether `method` only reads (it runs without the write lock). */
    readsOnly: (method: string) => method === 'state',

    /**
     * One participant method, its name and input already checked by the room listener (the
     * boundary: electron/room/session.ts): the map must exist (its row read once for the call) and
     * the participant be in it, then the rule above.
     */
    call<M extends ParticipantMethod>(mapId: string, participantId: string, method: M, input: ParticipantInput<M>, present: readonly string[], options?: RoomCallOptions): unknown {
      return withMap(mapId, () => {
        requireParticipant(mapId, participantId);
        const run = handlers[method] as (mapId: string, participantId: string, input: ParticipantInput<M>, present: readonly string[], anonymous: boolean) => unknown;
        return run(mapId, participantId, input, present, anonymousFor(participantId, options));
      });
    },

    /** The state of many participants from one read of the map (what the listener pushes after a change). Those no longer in the map are left out. */
    states(mapId: string, participantIds: readonly string[], present: readonly string[], options?: RoomCallOptions): Record<string, RoomState> {
      return withMap(mapId, () => {
        const sh = shared(mapId, ctx.now());
        const out: Record<string, RoomState> = {};
        for (const id of participantIds) if (sh.participants.has(id)) out[id] = stateOf(sh, id, present, anonymousFor(id, options));
        return out;
      });
    },

    /** "7 of 9 done" for the current step, among those present (room.status). */
    done(mapId: string, present: readonly string[]): RoomDoneCount {
      return doneCount(mapId, currentStep(mapId), present);
    },
  };
}

export type RoomService = ReturnType<typeof createRoomService>;
