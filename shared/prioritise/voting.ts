/**
 * Dot voting, pure: which notes a round covers, the rules a vote must pass (the store runs them on
 * every path, `votes.*` and `changes.apply`), the tally of a round, dots left per participant, the
 * compare of two rounds, and the anonymous form of a map for exports.
 */
import type { JourneyMap, Note, Round, Vote } from '../domain';
import type { ErrorCode } from '../errors';

type RoundLike = Pick<Round, 'id' | 'target' | 'dots' | 'multiple' | 'status' | 'title'>;
type VoteLike = Pick<Vote, 'roundId' | 'participantId' | 'noteId' | 'count'>;

/** Whether a round takes votes on this note: its target is the note's kind, or any note. */
export function covers(round: Pick<Round, 'target'>, note: Pick<Note, 'kind'>): boolean {
  return round.target === 'any' || note.kind === round.target;
}

const TARGET_WORDS: Record<Round['target'], string> = { pain_point: 'pain points', opportunity: 'opportunities', any: 'any note' };

/** One note's votes in a round. */
export interface RoundResult {
  noteId: string;
  votes: number;
}

/**
 * A round's results: every note with votes and its total (typed paper counts included), most
 * votes first, ties in note id order. Never names who voted. Linear in the number of votes.
 */
export function tally(roundId: string, votes: Iterable<VoteLike>): RoundResult[] {
  const counts = new Map<string, number>();
  for (const v of votes) if (v.roundId === roundId) counts.set(v.noteId, (counts.get(v.noteId) ?? 0) + v.count);
  const out: RoundResult[] = [];
  for (const [noteId, n] of counts) if (n > 0) out.push({ noteId, votes: n });
  return out.sort((a, b) => b.votes - a.votes || (a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0));
}

/** Dots each participant has cast in a round (typed paper counts belong to nobody). */
export function dotsUsed(roundId: string, votes: Iterable<VoteLike>): Map<string, number> {
  const used = new Map<string, number>();
  for (const v of votes) {
    if (v.roundId !== roundId || v.participantId === null) continue;
    used.set(v.participantId, (used.get(v.participantId) ?? 0) + v.count);
  }
  return used;
}

/** Dots left for each of `participantIds` in a round (never below 0). */
export function budgetLeft(round: Pick<Round, 'id' | 'dots'>, participantIds: Iterable<string>, votes: Iterable<VoteLike>): Map<string, number> {
  const used = dotsUsed(round.id, votes);
  const out = new Map<string, number>();
  for (const id of participantIds) out.set(id, Math.max(0, round.dots - (used.get(id) ?? 0)));
  return out;
}

/** Why a vote may not be added, as an API error code and a sentence; null when it may. */
export interface VoteRefusal {
  code: Extract<ErrorCode, 'limit' | 'closed' | 'invalid_input'>;
  message: string;
}

/**
 * The rules for adding a vote (a cast dot, count 1 with a participant; or a typed paper count with
 * none) to a round whose other votes are `votes` (this one not among them):
 * - the round is open (`closed`);
 * - the round covers the note (`invalid_input`);
 * - a participant has dots left for `count` more (`limit`);
 * - unless the round allows several, a participant puts one dot on a note (`limit`);
 * - a note has one typed paper count per round (`invalid_input`: change that one instead).
 */
export function voteRefusal(round: RoundLike, note: Pick<Note, 'kind'>, vote: VoteLike, votes: Iterable<VoteLike>, options: { ignoreClosed?: boolean } = {}): VoteRefusal | null {
  if (round.status === 'closed' && !options.ignoreClosed) {
    return { code: 'closed', message: `The round “${round.title}” is closed: its votes are kept as they were. Reopen it to change them.` };
  }
  if (!covers(round, note)) {
    return { code: 'invalid_input', message: `The round “${round.title}” is a vote on ${TARGET_WORDS[round.target]}; this note is not one. Vote on a note the round covers.` };
  }
  let used = 0;
  let onNote = 0;
  let paper = 0;
  for (const v of votes) {
    if (v.roundId !== round.id) continue;
    if (vote.participantId !== null && v.participantId === vote.participantId) {
      used += v.count;
      if (v.noteId === vote.noteId) onNote += v.count;
    }
    if (vote.participantId === null && v.participantId === null && v.noteId === vote.noteId) paper++;
  }
  if (vote.participantId === null) {
    return paper > 0 ? { code: 'invalid_input', message: 'This note already has a typed paper count in this round: change that count instead (votes.setCount).' } : null;
  }
  if (used + vote.count > round.dots) {
    const left = Math.max(0, round.dots - used);
    return { code: 'limit', message: `No dots left: this person has used ${used} of ${round.dots} in “${round.title}”${left > 0 ? ` (${left} left, ${vote.count} asked)` : ''}. Take one back to vote elsewhere.` };
  }
  if (!round.multiple && onNote + vote.count > 1) {
    return { code: 'limit', message: `This person has already put a dot on this note, and “${round.title}” allows one dot per note. Vote on another note.` };
  }
  return null;
}

/** One note in the compare of two rounds. */
export interface CompareRow {
  noteId: string;
  /** Votes in the earlier round, and in the later one (0 when none). */
  before: number;
  after: number;
  change: number;
  /** 1-based place in each round's results, null when the note had no votes there. */
  rankBefore: number | null;
  rankAfter: number | null;
}

/**
 * Two rounds side by side (a closed round kept as it was, and a later one): every note voted in
 * either, ordered by the later round's results, then the notes only the earlier round had.
 */
export function compareRounds(beforeId: string, afterId: string, votes: readonly VoteLike[]): CompareRow[] {
  const before = tally(beforeId, votes);
  const after = tally(afterId, votes);
  const b = new Map(before.map((r, i) => [r.noteId, { votes: r.votes, rank: i + 1 }]));
  const a = new Map(after.map((r, i) => [r.noteId, { votes: r.votes, rank: i + 1 }]));
  const ids = [...after.map((r) => r.noteId), ...before.map((r) => r.noteId).filter((id) => !a.has(id))];
  return ids.map((noteId) => {
    const x = b.get(noteId);
    const y = a.get(noteId);
    return { noteId, before: x?.votes ?? 0, after: y?.votes ?? 0, change: (y?.votes ?? 0) - (x?.votes ?? 0), rankBefore: x?.rank ?? null, rankAfter: y?.rank ?? null };
  });
}

/**
 * The map as an export carries it: an anonymous round's votes become one typed count per note
 * (participantId null, the note's total, the id of its first vote), so no file says who voted.
 * Other rounds are kept vote by vote. The map itself is not changed.
 */
export function anonymised(map: JourneyMap): JourneyMap {
  const anonymous = new Set(map.rounds.filter((r) => r.anonymous).map((r) => r.id));
  if (anonymous.size === 0 || !map.votes.some((v) => anonymous.has(v.roundId))) return map;
  const merged = new Map<string, Vote>();
  const votes: Vote[] = [];
  for (const v of map.votes) {
    if (!anonymous.has(v.roundId)) {
      votes.push(v);
      continue;
    }
    const key = `${v.roundId}\u0000${v.noteId}`;
    const m = merged.get(key);
    if (m) m.count += v.count;
    else {
      const first = { ...v, participantId: null };
      merged.set(key, first);
      votes.push(first);
    }
  }
  return { ...map, votes };
}
