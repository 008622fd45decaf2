/**
 * The voting session of one open board: the round shown on the board (its badges), the top-N
 * filter, who is voting, and whether a click on a note casts their dot. Session state, not saved.
 * It lives as long as the board (one per controller), so the badges stay when the Vote panel
 * closes and follow every change of the votes, undo and redo included.
 *
 * Every vote is one undo step on the board (`BoardController.commit`), saved through its queue
 * (`changes.apply`), where the store checks the same rules again.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoardController } from '../board/BoardController';
import { newId } from '../board/BoardController';
import type { NoteMarks } from '../board/noteMarks';
import {
  castChange,
  castRefusal,
  dotsText,
  noteName,
  paperCountChanges,
  retractChange,
  tally,
  topSet,
  type Participant,
  type Round,
  type Vote,
} from './voteView';

export interface VoteSessionState {
  /** The round whose votes the board's badges show (and the panel works on), or null. */
  roundId: string | null;
  /** Keep only the top N notes bright on the board (the others dimmed), or null for all. */
  topN: number | null;
  /** The participant whose dots are cast, or null. */
  voterId: string | null;
  /** A click on a note casts the voter's dot (instead of selecting the note). */
  clicking: boolean;
  /** The last refused action, in one sentence (cleared by the next accepted one). */
  refusal: string | null;
  /** The last accepted vote, in one sentence (for screen readers). */
  said: string | null;
}

export interface VoteSession {
  store: StoreApi<VoteSessionState>;
  /** Casts the voter's dot on a note; the refusal sentence, or null when cast. */
  cast(noteId: string, participantId?: string | null): string | null;
  /** Takes back one of the participant's dots on the note. */
  retract(noteId: string, participantId?: string | null): string | null;
  /** Sets the note's typed paper count in the selected round (0 removes it). */
  setPaperCount(noteId: string, count: number): string | null;
  /** Makes the board's badges and filter follow the votes again (after the session state changed). */
  refresh(): void;
}

const sessions = new WeakMap<BoardController, VoteSession>();

/** The records the board holds of one type (the board's document has every record of the map). */
export function recordsOf<T extends 'participant' | 'round' | 'vote'>(c: BoardController, type: T) {
  return c.records(type);
}

export function participantsOf(c: BoardController): Participant[] {
  return [...recordsOf(c, 'participant')].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
}

export function roundsOf(c: BoardController): Round[] {
  return [...recordsOf(c, 'round')].sort((a, b) => a.position - b.position || a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1));
}

export function votesOf(c: BoardController): readonly Vote[] {
  return recordsOf(c, 'vote');
}

/** The voting session of a board (made on first use, kept for the board's life). */
export function voteSession(c: BoardController): VoteSession {
  const known = sessions.get(c);
  if (known) return known;
  // The round shown first: the newest open one (else the newest), so its badges show at once.
  const rounds = roundsOf(c);
  const first = [...rounds].reverse().find((r) => r.status === 'open') ?? rounds[rounds.length - 1] ?? null;
  const store = createStore<VoteSessionState>()(() => ({ roundId: first?.id ?? null, topN: null, voterId: null, clicking: false, refusal: null, said: null }));
  let shown: NoteMarks | null = null;

  const round = (): Round | null => {
    const id = store.getState().roundId;
    return id ? (recordsOf(c, 'round').find((r) => r.id === id) ?? null) : null;
  };

  const refuse = (sentence: string): string => {
    store.setState({ refusal: sentence, said: null });
    return sentence;
  };

  const voterOf = (participantId?: string | null): Participant | null => {
    const id = participantId ?? store.getState().voterId;
    return id ? (recordsOf(c, 'participant').find((p) => p.id === id) ?? null) : null;
  };

  const session: VoteSession = {
    store,
    cast(noteId, participantId) {
      const r = round();
      if (!r) return refuse('Choose a round first.');
      const p = voterOf(participantId);
      if (!p) return refuse('Choose who is voting first.');
      const note = c.note(noteId);
      if (!note) return refuse('That note is no longer on the map.');
      const votes = votesOf(c);
      const refusal = castRefusal({ round: r, participant: p, note, votes });
      if (refusal) return refuse(refusal);
      c.commit('Vote', [castChange(newId(), r.id, p.id, noteId)]);
      const left = r.dots - votes.filter((v) => v.roundId === r.id && v.participantId === p.id).reduce((s, v) => s + v.count, 0) - 1;
      store.setState({ refusal: null, said: `${p.name} voted for ${noteName(note)}: ${dotsText(left)} left.` });
      return null;
    },
    retract(noteId, participantId) {
      const r = round();
      if (!r) return refuse('Choose a round first.');
      const p = voterOf(participantId);
      if (!p) return refuse('Choose who is voting first.');
      if (r.status !== 'open') return refuse(`“${r.title}” is closed: reopen it to change its votes.`);
      const change = retractChange(r.id, p.id, noteId, votesOf(c));
      const note = c.note(noteId);
      if (!change) return refuse(`${p.name} has no dot on ${note ? noteName(note) : 'that note'} to take back.`);
      c.commit('Take back vote', [change]);
      store.setState({ refusal: null, said: `${p.name} took a dot back from ${note ? noteName(note) : 'the note'}.` });
      return null;
    },
    setPaperCount(noteId, count) {
      const r = round();
      if (!r) return refuse('Choose a round first.');
      if (r.status !== 'open') return refuse(`“${r.title}” is closed: reopen it to change its votes.`);
      const note = c.note(noteId);
      if (!note) return refuse('That note is no longer on the map.');
      const changes = paperCountChanges(newId, r.id, noteId, count, votesOf(c));
      if (changes.length) c.commit('Paper dots', changes);
      store.setState({ refusal: null, said: `${noteName(note)} has ${dotsText(count)} on paper.` });
      return null;
    },
    refresh: () => update(),
  };

  /** The badges and the top-N filter for the votes as the board has them now; set only when they changed. */
  const update = () => {
    const { roundId, topN } = store.getState();
    let next: NoteMarks | null = null;
    if (roundId && recordsOf(c, 'round').some((r) => r.id === roundId)) {
      const results = tally(roundId, votesOf(c));
      const keep = topN ? topSet(results, topN) : null;
      next = { badges: new Map(results.map((r) => [r.noteId, r.votes])), keep };
    }
    if (sameMarks(shown, next)) return;
    shown = next;
    c.setNoteMarks(next);
  };

  c.onDocChange(update);
  update();
  store.subscribe((s, prev) => {
    if (s.roundId !== prev.roundId || s.topN !== prev.topN) update();
    if (s.clicking !== prev.clicking || s.voterId !== prev.voterId) {
      c.setNoteClick(s.clicking && s.voterId ? (id) => void session.cast(id) : null);
    }
  });
  sessions.set(c, session);
  return session;
}

function sameMarks(a: NoteMarks | null, b: NoteMarks | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.badges.size !== b.badges.size) return false;
  for (const [id, n] of a.badges) if (b.badges.get(id) !== n) return false;
  if ((a.keep === null) !== (b.keep === null)) return false;
  if (a.keep && b.keep) {
    if (a.keep.size !== b.keep.size) return false;
    for (const id of a.keep) if (!b.keep.has(id)) return false;
  }
  return true;
}
