/**
 * The voting panel's view logic, pure (no DOM, no board): each note's votes in a round, the top-N
 * set the board keeps bright, the one sentence a refused vote gets (naming who and which note),
 * and the changes a vote makes (one undo step each). The rules themselves (what a round covers,
 * budgets, closed rounds), the tally and the compare of two rounds are `shared/prioritise`'s,
 * the same the store checks again for every client.
 */
import type { Change } from '../../shared/records';
import type { BoardNote, BoardRecord } from '../../shared/board/history';
import { dotsUsed, tally, voteRefusal, type RoundResult } from '../../shared/prioritise';

export { covers, compareRounds, tally } from '../../shared/prioritise';

export type Participant = BoardRecord<'participant'>;
export type Round = BoardRecord<'round'>;
export type Vote = BoardRecord<'vote'>;
export type RoundTarget = Round['target'];

/** How a round's target reads in a sentence: "pain points", "opportunities", "any note". */
export const TARGET_LABEL: Record<RoundTarget, { plural: string; one: string }> = {
  pain_point: { plural: 'pain points', one: 'a pain point' },
  opportunity: { plural: 'opportunities', one: 'an opportunity' },
  any: { plural: 'any note', one: 'a note' },
};

/** Each voted note's votes in the round (typed paper counts included), for the board's badges. */
export function countsOf(roundId: string, votes: Iterable<Vote>): Map<string, number> {
  return new Map(tally(roundId, votes).map((r) => [r.noteId, r.votes]));
}

/**
 * The notes a "top N" filter keeps bright: the first `n` of the ranking, and any note tied with
 * the n-th (a filter never hides one of two equal notes).
 */
export function topSet(list: readonly RoundResult[], n: number): Set<string> {
  const out = new Set<string>();
  if (n < 1 || list.length === 0) return out;
  const cut = list[Math.min(n, list.length) - 1]!.votes;
  for (const r of list) {
    if (out.size >= n && r.votes < cut) break;
    out.add(r.noteId);
  }
  return out;
}

/** Dots a participant has put in a round. */
export function usedDots(roundId: string, participantId: string, votes: Iterable<Vote>): number {
  return dotsUsed(roundId, votes).get(participantId) ?? 0;
}

/** How a note is named in a sentence: its first words in quotes. */
export function noteName(note: Pick<BoardNote, 'text'>): string {
  const text = note.text.replace(/\s+/g, ' ').trim();
  if (!text) return 'this empty note';
  return `“${text.length > 40 ? `${text.slice(0, 39).trimEnd()}…` : text}”`;
}

export interface CastContext {
  round: Round;
  participant: Participant;
  note: Pick<BoardNote, 'id' | 'kind' | 'text'>;
  votes: Iterable<Vote>;
}

/**
 * Why this dot cannot be cast, in one sentence naming who and which note, or null when it can.
 * The rule is shared/prioritise's `voteRefusal` (the store's); only the wording is the panel's.
 */
export function castRefusal({ round, participant, note, votes }: CastContext): string | null {
  const list = [...votes];
  const refusal = voteRefusal(round, note, { roundId: round.id, participantId: participant.id, noteId: note.id, count: 1 }, list);
  if (!refusal) return null;
  if (refusal.code === 'closed') return `“${round.title}” is closed: reopen it to vote again.`;
  if (refusal.code === 'invalid_input') return `This round is on ${TARGET_LABEL[round.target].plural}, and ${noteName(note)} is not ${TARGET_LABEL[round.target].one}.`;
  if (usedDots(round.id, participant.id, list) >= round.dots) return `${participant.name} has no dots left: all ${round.dots} are used. Take one back to move it.`;
  return `${participant.name} already has a dot on ${noteName(note)}, and this round allows one dot per note.`;
}

/** The change that casts one dot (a vote of count 1). */
export function castChange(id: string, roundId: string, participantId: string, noteId: string): Change {
  return { type: 'vote', op: 'create', id, value: { roundId, participantId, noteId, count: 1 } } as Change;
}

/** The change that takes back one of the participant's dots on the note (the newest), or null when they have none. */
export function retractChange(roundId: string, participantId: string, noteId: string, votes: Iterable<Vote>): Change | null {
  let last: Vote | null = null;
  for (const v of votes) if (v.roundId === roundId && v.participantId === participantId && v.noteId === noteId) last = v;
  if (!last) return null;
  return last.count > 1 ? ({ type: 'vote', op: 'update', id: last.id, patch: { count: last.count - 1 } } as Change) : ({ type: 'vote', op: 'delete', id: last.id } as Change);
}

/**
 * The changes that make a note's typed paper count (the votes no participant cast) `count`:
 * created, changed, or removed at 0. Several typed rows for the note become one.
 */
export function paperCountChanges(newId: () => string, roundId: string, noteId: string, count: number, votes: Iterable<Vote>): Change[] {
  const typed = [...votes].filter((v) => v.roundId === roundId && v.noteId === noteId && v.participantId === null);
  const out: Change[] = typed.slice(1).map((v) => ({ type: 'vote', op: 'delete', id: v.id }) as Change);
  const first = typed[0];
  if (count <= 0) {
    if (first) out.push({ type: 'vote', op: 'delete', id: first.id } as Change);
  } else if (first) {
    out.push({ type: 'vote', op: 'update', id: first.id, patch: { count } } as Change);
  } else {
    out.push({ type: 'vote', op: 'create', id: newId(), value: { roundId, participantId: null, noteId, count } } as Change);
  }
  return out;
}

/** A note's typed paper count in a round (0 when none). */
export function paperCount(roundId: string, noteId: string, votes: Iterable<Vote>): number {
  let n = 0;
  for (const v of votes) if (v.roundId === roundId && v.noteId === noteId && v.participantId === null) n += v.count;
  return n;
}

/** Why a typed paper count is refused, or null: a whole number from 0 to 10,000. */
export function paperCountRefusal(text: string): string | null {
  if (!/^\s*\d+\s*$/.test(text)) return 'Type the number of paper dots as a whole number, 0 or more.';
  return Number(text) > 10_000 ? 'A note takes at most 10,000 paper dots.' : null;
}

/** Who put dots on a note in a round, with how many ("Ana ×2, Ben"); paper dots last. Never for an anonymous round. */
export function votersOf(roundId: string, noteId: string, votes: Iterable<Vote>, participants: ReadonlyMap<string, Participant>): string {
  const by = new Map<string, number>();
  let paper = 0;
  for (const v of votes) {
    if (v.roundId !== roundId || v.noteId !== noteId) continue;
    if (v.participantId === null) paper += v.count;
    else by.set(v.participantId, (by.get(v.participantId) ?? 0) + v.count);
  }
  const parts = [...by].map(([id, n]) => `${participants.get(id)?.name ?? 'Someone'}${n > 1 ? ` ×${n}` : ''}`);
  if (paper > 0) parts.push(`${paper} on paper`);
  return parts.join(', ');
}

/** "1 dot", "3 dots". */
export function dotsText(n: number): string {
  return n === 1 ? '1 dot' : `${n} dots`;
}
