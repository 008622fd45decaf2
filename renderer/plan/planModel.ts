/**
 * The planning views' logic, pure (no DOM, no board): which notes the matrix and the roadmap show,
 * the votes on each, the links between opportunities and pain points seen from both sides, where a
 * drop or an arrow key puts a card on the 5x5 impact/effort grid, and the changes that move a card
 * on the roadmap (each list is committed as one undo step by the views).
 */
import type { BoardNote, BoardRecord, Change } from '../../shared/board/history';
import { PHASES } from '../../shared/records/fields';

export type Phase = (typeof PHASES)[number];
export type Round = BoardRecord<'round'>;
export type Vote = BoardRecord<'vote'>;

/** The roadmap's columns, left to right, and how each is named. */
export const PHASE_LABEL: Record<Phase, string> = { now: 'Now', next: 'Next', later: 'Later', not_doing: 'Not doing' };
export { PHASES };

/** The scores a card takes on the grid: 1 (low) to 5 (high). */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export function isOpportunity(n: Pick<BoardNote, 'kind'>): boolean {
  return n.kind === 'opportunity';
}

export function isPainPoint(n: Pick<BoardNote, 'kind'>): boolean {
  return n.kind === 'pain_point';
}

/** A note's name in a sentence or a label: its first line, shortened. */
export function noteTitle(n: Pick<BoardNote, 'text'>, max = 80): string {
  const line = n.text.trim().split('\n')[0]!.trim();
  if (!line) return 'Untitled note';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

// ------------------------------------------------------------------ votes

/**
 * The round whose votes the cards show: the one chosen (the board's voting session), else the
 * latest opened. Null when the map has no round.
 */
export function pickRound(rounds: readonly Round[], chosenId: string | null): Round | null {
  if (chosenId) {
    const chosen = rounds.find((r) => r.id === chosenId);
    if (chosen) return chosen;
  }
  let latest: Round | null = null;
  for (const r of rounds) if (!latest || r.openedAt > latest.openedAt || (r.openedAt === latest.openedAt && r.position > latest.position)) latest = r;
  return latest;
}

/** Each note's dots in a round (cast dots and typed paper counts together). */
export function votesByNote(roundId: string | null, votes: Iterable<Vote>): Map<string, number> {
  const out = new Map<string, number>();
  if (!roundId) return out;
  for (const v of votes) if (v.roundId === roundId) out.set(v.noteId, (out.get(v.noteId) ?? 0) + v.count);
  return out;
}

// ------------------------------------------------------------------ links

/** For each pain point, the opportunities that answer it (the other side of `linkedNoteIds`). */
export function answeredBy(notes: Iterable<BoardNote>): Map<string, BoardNote[]> {
  const out = new Map<string, BoardNote[]>();
  for (const n of notes) {
    for (const id of n.linkedNoteIds) {
      const list = out.get(id);
      if (list) list.push(n);
      else out.set(id, [n]);
    }
  }
  return out;
}

/** The change that links (or unlinks) an opportunity to a pain point. Null when nothing changes. */
export function toggleLink(opportunity: BoardNote, painId: string): Change | null {
  if (opportunity.id === painId) return null;
  const has = opportunity.linkedNoteIds.includes(painId);
  const linkedNoteIds = has ? opportunity.linkedNoteIds.filter((id) => id !== painId) : [...opportunity.linkedNoteIds, painId];
  return { type: 'note', op: 'update', id: opportunity.id, patch: { linkedNoteIds } };
}

// ------------------------------------------------------------------ the matrix

export interface Score {
  impact: number;
  effort: number;
}

export interface GridRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clampScore = (n: number) => Math.min(SCORE_MAX, Math.max(SCORE_MIN, n));

/**
 * The grid cell under a point (screen pixels): effort grows left to right, impact bottom to top,
 * five cells each way. Null outside the grid (a drop there leaves the score as it was).
 */
export function scoreAt(x: number, y: number, grid: GridRect): Score | null {
  if (grid.width <= 0 || grid.height <= 0) return null;
  if (x < grid.left || y < grid.top || x > grid.left + grid.width || y > grid.top + grid.height) return null;
  const cells = SCORE_MAX - SCORE_MIN + 1;
  const col = Math.min(cells - 1, Math.floor(((x - grid.left) / grid.width) * cells));
  const row = Math.min(cells - 1, Math.floor(((y - grid.top) / grid.height) * cells));
  return { effort: SCORE_MIN + col, impact: SCORE_MAX - row };
}

/** Where a cell sits on the grid: its column (effort) and row from the top (impact), 0-based. */
export function cellOf(score: Score): { col: number; row: number } {
  return { col: clampScore(score.effort) - SCORE_MIN, row: SCORE_MAX - clampScore(score.impact) };
}

/**
 * The score an arrow key gives a focused card: Right/Left more or less effort, Up/Down more or
 * less impact, one step, kept within 1-5. An unscored card is placed in the middle (3, 3) first.
 * Null for any other key, or when the card is already at that edge.
 */
export function scoreForKey(current: { impact: number | null; effort: number | null }, key: string): Score | null {
  const mid = Math.round((SCORE_MIN + SCORE_MAX) / 2);
  const step: Record<string, [number, number]> = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };
  const d = step[key];
  if (!d) return null;
  if (current.impact === null || current.effort === null) return { impact: current.impact ?? mid, effort: current.effort ?? mid };
  const next = { impact: clampScore(current.impact + d[0]), effort: clampScore(current.effort + d[1]) };
  return next.impact === current.impact && next.effort === current.effort ? null : next;
}

/** The change that scores (or, with null, unscores: back to the tray) an opportunity. Null: no change. */
export function scoreChange(note: BoardNote, score: Score | null): Change | null {
  const impact = score?.impact ?? null;
  const effort = score?.effort ?? null;
  if (note.impact === impact && note.effort === effort) return null;
  return { type: 'note', op: 'update', id: note.id, patch: { impact, effort } };
}

// ------------------------------------------------------------------ the roadmap

/** A roadmap column's cards in their order (phaseOrder, then the order they were given in). */
export function column<N extends Pick<BoardNote, 'id' | 'phase' | 'phaseOrder'>>(notes: readonly N[], phase: Phase): N[] {
  return notes
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => n.phase === phase)
    .sort((a, b) => (a.n.phaseOrder ?? Infinity) - (b.n.phaseOrder ?? Infinity) || a.i - b.i)
    .map(({ n }) => n);
}

/**
 * The changes that put a card at `index` of a column (moving it from wherever it was): the card
 * takes the phase, and the column's cards are numbered 0, 1, 2 … in their new order (only those
 * whose number changes are in the list). `phase` null takes the card off the roadmap.
 */
export function moveCard(notes: readonly BoardNote[], id: string, phase: Phase | null, index: number): Change[] {
  const card = notes.find((n) => n.id === id);
  if (!card) return [];
  if (phase === null) return card.phase === null && card.phaseOrder === null ? [] : [{ type: 'note', op: 'update', id, patch: { phase: null, phaseOrder: null } }];
  const order = column(notes, phase).filter((n) => n.id !== id);
  const at = Math.max(0, Math.min(Math.round(index), order.length));
  order.splice(at, 0, card);
  const out: Change[] = [];
  order.forEach((n, position) => {
    const patch: { phase?: Phase; phaseOrder?: number } = {};
    if (n.phase !== phase) patch.phase = phase;
    if (n.phaseOrder !== position) patch.phaseOrder = position;
    if (Object.keys(patch).length > 0) out.push({ type: 'note', op: 'update', id: n.id, patch });
  });
  return out;
}

/**
 * Where an arrow key moves a focused roadmap card: Up/Down one place within its column,
 * Left/Right to the end of the column beside ("Not planned", phase null, is left of Now). Null
 * when it cannot move that way.
 */
export function moveForKey(notes: readonly BoardNote[], id: string, key: string): { phase: Phase | null; index: number } | null {
  const card = notes.find((n) => n.id === id);
  if (!card) return null;
  const phase = card.phase as Phase | null;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    if (phase === null) return null;
    const col = column(notes, phase);
    const at = col.findIndex((n) => n.id === id);
    if (key === 'ArrowUp') return at > 0 ? { phase, index: at - 1 } : null;
    return at < col.length - 1 ? { phase, index: at + 1 } : null;
  }
  const lanes: (Phase | null)[] = [null, ...PHASES];
  const p = lanes.indexOf(phase);
  const next = key === 'ArrowLeft' ? lanes[p - 1] : key === 'ArrowRight' ? lanes[p + 1] : undefined;
  if (next === undefined) return null;
  return { phase: next, index: next === null ? 0 : column(notes, next).length };
}

/** The changes that accept proposed cards into Now, after the cards already there, in the given order. */
export function acceptIntoNow(notes: readonly BoardNote[], ids: readonly string[]): Change[] {
  let start = column(notes, 'now').length;
  const out: Change[] = [];
  for (const id of ids) {
    const n = notes.find((x) => x.id === id);
    if (!n || n.phase !== null) continue;
    out.push({ type: 'note', op: 'update', id, patch: { phase: 'now', phaseOrder: start++ } });
  }
  return out;
}

// ------------------------------------------------------------------ quadrants

export type Quadrant = 'quick_win' | 'big_bet' | 'fill_in' | 'money_pit';

/** How each quadrant is named and where it sits (top/bottom: impact; left/right: effort). */
export const QUADRANT_INFO: Record<Quadrant, { label: string; where: string }> = {
  quick_win: { label: 'Quick wins', where: 'high impact, low effort' },
  big_bet: { label: 'Big bets', where: 'high impact, high effort' },
  fill_in: { label: 'Fill-ins', where: 'low impact, low effort' },
  money_pit: { label: 'Money pits', where: 'low impact, high effort' },
};

/** The quadrant of a score: the middle (3) counts as high impact and as high effort. */
export function quadrantOf(score: Score): Quadrant {
  const high = score.impact >= 3;
  const hard = score.effort >= 3;
  return high ? (hard ? 'big_bet' : 'quick_win') : hard ? 'money_pit' : 'fill_in';
}

/** Opportunities proposed for Now: quick wins not on the roadmap yet, highest impact first. */
export function proposals(notes: readonly BoardNote[]): BoardNote[] {
  return notes
    .filter((n) => isOpportunity(n) && n.phase === null && n.impact !== null && n.effort !== null && quadrantOf({ impact: n.impact, effort: n.effort }) === 'quick_win')
    .sort((a, b) => b.impact! - a.impact! || a.effort! - b.effort!);
}
