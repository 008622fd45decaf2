/**
 * The Insights panel's lines, from `shared/prioritise`'s `insights` run on the map as the board
 * holds it now (the same live records the board edits: undo shows at once). Pure but for reading
 * the board; every line keeps the ids of its notes for its link.
 */
import type { JourneyMap } from '../../shared/domain';
import { insights, type Insights } from '../../shared/prioritise';
import { RECORDS } from '../../shared/records';
import type { BoardController } from '../board/BoardController';

export interface InsightLine {
  key: string;
  label: string;
  /** The figure, in words ("3 votes × severity 4 = 12"). */
  figure: string;
  noteIds: string[];
}

export interface InsightSection {
  title: string;
  /** What the section says when it has no line. */
  empty: string;
  lines: InsightLine[];
}

/** The map with every record as the board holds it now (the header as the screen has it). Not copied: read only. */
export function boardMap(c: BoardController, map: JourneyMap): JourneyMap {
  const out: Record<string, unknown> = { ...map };
  for (const def of RECORDS) out[def.table] = def.type === 'stage' ? c.stages : c.records(def.type);
  return out as unknown as JourneyMap;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The sections of the panel from computed insights (and the title of the round the votes come from). */
export function sectionsOf(x: Insights, roundTitle: string | null): InsightSection[] {
  const emotion = (v: number) => (v > 0 ? `+${v.toFixed(1)}` : v.toFixed(1));
  return [
    {
      title: roundTitle ? `Top pain points (votes in “${roundTitle}” × severity)` : 'Top pain points (by severity; no votes yet)',
      empty: 'No pain points with votes or a severity yet.',
      lines: x.topPains.map((p) => ({
        key: p.key,
        label: p.label,
        figure: x.roundId ? `${plural(p.votes, 'vote')} × ${p.severity ?? '1 (unrated)'} = ${p.value}` : `severity ${p.severity ?? 1}`,
        noteIds: p.noteIds,
      })),
    },
    {
      title: 'Where it hurts',
      empty: 'No stage has an emotion or pain points yet.',
      lines: [
        ...(x.lowestEmotionStage
          ? [{ key: 'emotion', label: `Lowest emotion: ${x.lowestEmotionStage.label}`, figure: emotion(x.lowestEmotionStage.value), noteIds: x.lowestEmotionStage.noteIds }]
          : []),
        ...(x.mostPainStage
          ? [
              {
                key: 'pain',
                label: `Most pain: ${x.mostPainStage.label}`,
                figure: `${plural(x.mostPainStage.noteIds.length, 'pain point')}, total severity ${x.mostPainStage.value}`,
                noteIds: x.mostPainStage.noteIds,
              },
            ]
          : []),
      ],
    },
    {
      title: 'Opportunities by quadrant',
      empty: 'No opportunities yet.',
      lines: x.quadrants.some((q) => q.value > 0) ? x.quadrants.map((q) => ({ key: q.key, label: q.label, figure: String(q.value), noteIds: q.noteIds })) : [],
    },
    {
      title: 'Roadmap by phase',
      empty: 'No opportunity is on the roadmap yet.',
      lines: x.phases.some((p) => p.value > 0) ? x.phases.map((p) => ({ key: p.key, label: p.label, figure: String(p.value), noteIds: p.noteIds })) : [],
    },
  ];
}

/** The insights of the map as the board holds it now; votes from `roundId` (the round the Vote panel shows) when given. */
export function insightSections(c: BoardController, map: JourneyMap, roundId: string | null = null): InsightSection[] {
  const m = boardMap(c, map);
  // A round with no votes yet says nothing: then the newest round with votes (or severity alone).
  const voted = roundId !== null && m.votes.some((v) => v.roundId === roundId);
  const x = insights(m, { roundId: voted ? roundId : null });
  const round = x.roundId ? m.rounds.find((r) => r.id === x.roundId) : null;
  return sectionsOf(x, round?.title ?? null);
}
