/**
 * The insights panel's figures, computed from the map: top pain points by votes x severity, the
 * stage with the lowest emotion and the one with the most pain, opportunities by quadrant, and
 * roadmap counts by phase. Every line carries the ids of the notes behind it. One pass over the
 * notes and one over the votes: a 5,000-note map takes a few milliseconds (bench/prioritise).
 */
import type { JourneyMap, Note } from '../domain';
import { PHASES } from '../records/fields';
import { mapStageEmotions, roomScoresOf } from '../journey/emotion';
import { QUADRANT_LABELS, QUADRANTS, quadrant } from './plan';

export interface InsightLine {
  /** Stable within its section: a note id, a stage id, a quadrant or phase name. */
  key: string;
  /** What the line is about: a note's text, a stage's name, "Quick wins", "Now". */
  label: string;
  /** The line's figure: votes x severity, an emotion score, a pain count, a number of cards. */
  value: number;
  /** The notes behind the figure. */
  noteIds: string[];
}

export interface Insights {
  /** The round the votes are read from (the newest round with votes, or the one asked for); null: no votes. */
  roundId: string | null;
  /** Pain points by votes x severity, highest first (at most `top`). */
  topPains: (InsightLine & { votes: number; severity: number | null })[];
  /** The stage whose emotion is lowest (`value`: its score, -2..+2), with its negative notes; null when no stage has one. */
  lowestEmotionStage: InsightLine | null;
  /** The stage with the most pain (`value`: its pain points' summed severity, unscored counting 1), with its pain points. */
  mostPainStage: InsightLine | null;
  /** Opportunities per quadrant, then the unscored ones (`key` 'unscored'). */
  quadrants: InsightLine[];
  /** Opportunities per roadmap phase (now, next, later, not_doing). */
  phases: InsightLine[];
}

const PHASE_LABELS: Record<(typeof PHASES)[number], string> = { now: 'Now', next: 'Next', later: 'Later', not_doing: 'Not doing' };

/** The first words of a note, for a line's label. */
function labelOf(note: Pick<Note, 'text'>): string {
  const text = note.text.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text || '(empty note)';
}

/**
 * The round insights read votes from: `roundId` if the map has it, else the newest round (by when
 * it opened) that has votes, else null.
 */
export function insightRound(map: Pick<JourneyMap, 'rounds' | 'votes'>, roundId?: string | null): string | null {
  if (roundId && map.rounds.some((r) => r.id === roundId)) return roundId;
  const voted = new Set(map.votes.map((v) => v.roundId));
  let best: { id: string; openedAt: number; position: number } | null = null;
  for (const r of map.rounds) {
    if (!voted.has(r.id)) continue;
    if (!best || r.openedAt > best.openedAt || (r.openedAt === best.openedAt && r.position > best.position)) best = r;
  }
  return best?.id ?? null;
}

/**
 * The insights of a map. A pain point's score is its votes in the round times its severity
 * (unscored severity counts as 1); with no votes at all, pain points rank by severity alone (as if
 * each had one vote), so the panel is useful before the first round.
 */
export function insights(map: JourneyMap, options: { roundId?: string | null; top?: number } = {}): Insights {
  const top = options.top ?? 5;
  const roundId = insightRound(map, options.roundId);
  const votes = new Map<string, number>();
  if (roundId) for (const v of map.votes) if (v.roundId === roundId) votes.set(v.noteId, (votes.get(v.noteId) ?? 0) + v.count);

  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));
  const painSum = new Float64Array(map.stages.length);
  const painIds: string[][] = map.stages.map(() => []);
  const negativeIds: string[][] = map.stages.map(() => []);
  const byQuadrant = new Map<string, string[]>([...QUADRANTS, 'unscored'].map((q) => [q, []]));
  const byPhase = new Map<string, string[]>(PHASES.map((p) => [p, []]));
  const pains: { note: Note; index: number; value: number; votes: number; severity: number | null }[] = [];

  for (let index = 0; index < map.notes.length; index++) {
    const n = map.notes[index]!;
    const s = n.stageId === null ? undefined : stageIndex.get(n.stageId);
    if (s !== undefined && n.sentiment !== null && n.sentiment < 0) negativeIds[s]!.push(n.id);
    if (n.kind === 'pain_point') {
      const severity = n.severity ?? null;
      const v = roundId ? (votes.get(n.id) ?? 0) : 1;
      const value = v * (severity ?? 1);
      if (value > 0) pains.push({ note: n, index, value, votes: roundId ? v : 0, severity });
      if (s !== undefined) {
        painSum[s]! += severity ?? 1;
        painIds[s]!.push(n.id);
      }
    } else if (n.kind === 'opportunity') {
      byQuadrant.get(quadrant(n.impact ?? null, n.effort ?? null) ?? 'unscored')!.push(n.id);
      if (n.phase) byPhase.get(n.phase)!.push(n.id);
    }
  }
  pains.sort((a, b) => b.value - a.value || (b.severity ?? 0) - (a.severity ?? 0) || a.index - b.index);

  let lowest: InsightLine | null = null;
  // The same score the curve shows: set by hand, else the room's mean, else the notes' mean.
  for (const e of mapStageEmotions(map.stages, map.notes, roomScoresOf(map))) {
    if (e.score === null) continue;
    if (!lowest || e.score < lowest.value) {
      const i = stageIndex.get(e.stageId)!;
      lowest = { key: e.stageId, label: map.stages[i]!.name, value: e.score, noteIds: negativeIds[i]! };
    }
  }
  let most: InsightLine | null = null;
  map.stages.forEach((stage, i) => {
    if (painSum[i]! > 0 && (!most || painSum[i]! > most.value)) most = { key: stage.id, label: stage.name, value: painSum[i]!, noteIds: painIds[i]! };
  });

  return {
    roundId,
    topPains: pains.slice(0, top).map((p) => ({ key: p.note.id, label: labelOf(p.note), value: p.value, votes: p.votes, severity: p.severity, noteIds: [p.note.id] })),
    lowestEmotionStage: lowest,
    mostPainStage: most,
    quadrants: [...byQuadrant].map(([key, ids]) => ({
      key,
      label: key === 'unscored' ? 'Unscored' : QUADRANT_LABELS[key as keyof typeof QUADRANT_LABELS],
      value: ids.length,
      noteIds: ids,
    })),
    phases: [...byPhase].map(([key, ids]) => ({ key, label: PHASE_LABELS[key as keyof typeof PHASE_LABELS], value: ids.length, noteIds: ids })),
  };
}
