import type { JourneyMap } from '../../../shared/domain';
import { goldenMap } from './fixture';

const t = goldenMap.createdAt;

/**
 * The golden map after a workshop: three participants, a named round on pain points (with paper
 * dots), an anonymous one on opportunities, scored and phased opportunities linked to pain points,
 * metrics for a stage and the whole map, stage goals, and two agenda steps that have run.
 */
export function prioritisedMap(): JourneyMap {
  const extra = [
    { ...goldenMap.notes[0]!, id: 'n6', text: 'a clear price page', stageId: 's1', laneId: 'l3', kind: 'opportunity' as const, createdAt: t + 6 },
    { ...goldenMap.notes[0]!, id: 'n7', text: 'rewrite the billing system', stageId: 's1', laneId: 'l3', kind: 'opportunity' as const, createdAt: t + 7 },
  ];
  const scores: Record<string, Record<string, unknown>> = {
    n2: { severity: 5, reach: 4 },
    n3: { severity: 2, reach: 3 },
    n4: { impact: 5, effort: 2, phase: 'now', phaseOrder: 1, owner: 'Priya', due: '2027-01-15', linkedNoteIds: ['n2'] },
    n6: { impact: 2, effort: 1, phase: 'next', phaseOrder: 0, owner: null, due: null, linkedNoteIds: ['n3'] },
    n7: { impact: 2, effort: 5, phase: 'not_doing', phaseOrder: 0, linkedNoteIds: [] },
  };
  const notes = [...goldenMap.notes, ...extra].map((n) => ({ ...n, ...scores[n.id] }));
  const round = { mapId: 'm1', dots: 3, multiple: true, closedAt: null };
  return {
    ...goldenMap,
    stages: goldenMap.stages.map((s) => ({ ...s, goal: s.id === 's1' ? 'Start training the same night' : '', expectations: s.id === 's1' ? 'No paperwork at the desk' : '' })),
    notes,
    participants: [
      { id: 'pt-alice-7f3', mapId: 'm1', name: 'Alice Voter', color: 'pink', position: 0 },
      { id: 'pt-bob-8e4', mapId: 'm1', name: 'Bob Voter', color: 'blue', position: 1 },
      { id: 'pt-carol-9d5', mapId: 'm1', name: 'Carol Voter', color: 'green', position: 2 },
    ],
    rounds: [
      { ...round, id: 'r1', title: 'Which pain points hurt most?', target: 'pain_point', anonymous: false, status: 'closed', openedAt: t + 100, closedAt: t + 200, position: 0 },
      { ...round, id: 'r2', title: 'Secret ballot on ideas', target: 'opportunity', anonymous: true, status: 'open', openedAt: t + 300, position: 1 },
    ],
    votes: [
      { id: 'v1', mapId: 'm1', roundId: 'r1', participantId: 'pt-alice-7f3', noteId: 'n2', count: 2 },
      { id: 'v2', mapId: 'm1', roundId: 'r1', participantId: 'pt-bob-8e4', noteId: 'n2', count: 1 },
      { id: 'v3', mapId: 'm1', roundId: 'r1', participantId: 'pt-carol-9d5', noteId: 'n3', count: 1 },
      { id: 'v4', mapId: 'm1', roundId: 'r1', participantId: null, noteId: 'n3', count: 4 },
      { id: 'v5', mapId: 'm1', roundId: 'r2', participantId: 'pt-alice-7f3', noteId: 'n4', count: 1 },
      { id: 'v6', mapId: 'm1', roundId: 'r2', participantId: 'pt-bob-8e4', noteId: 'n4', count: 1 },
      { id: 'v7', mapId: 'm1', roundId: 'r2', participantId: 'pt-carol-9d5', noteId: 'n6', count: 1 },
    ],
    metrics: [
      { id: 'k1', mapId: 'm1', stageId: 's2', kind: 'csat', value: 2.1, target: 4, source: 'Exit survey', date: '2026-10-01' },
      { id: 'k2', mapId: 'm1', stageId: null, kind: 'nps', value: -12, target: 20, source: 'Quarterly NPS', date: '2026-09-30' },
      { id: 'k3', mapId: 'm1', stageId: 's1', kind: 'conversion', value: 34.5, target: 50, source: 'Web analytics', date: null },
      { id: 'k4', mapId: 'm1', stageId: 's2', kind: 'churn', value: 8, target: 5, source: 'CRM', date: '2026-10-31' },
    ],
    steps: [
      { id: 'st1', mapId: 'm1', title: 'Set goals and scope', minutes: 10, activity: 'goals', instructions: '', stageId: null, laneId: null, roundId: null, silent: false, focus: 'board', position: 0, startedAt: t - 1000, endedAt: t + 5_000, spentMs: 12 * 60_000 },
      { id: 'st2', mapId: 'm1', title: 'Vote on pain points', minutes: 5, activity: 'vote', instructions: '', stageId: null, laneId: null, roundId: 'r1', silent: false, focus: 'board', position: 1, startedAt: t + 100, endedAt: t + 200, spentMs: 4 * 60_000 },
      { id: 'st3', mapId: 'm1', title: 'Prioritise into a roadmap', minutes: 20, activity: 'roadmap', instructions: '', stageId: null, laneId: null, roundId: null, silent: false, focus: 'roadmap', position: 2, startedAt: null, endedAt: null, spentMs: 0 },
    ],
  } as unknown as JourneyMap;
}

/** The participants' names and ids, which no export of an anonymous round may contain. */
export const VOTER_NAMES = ['Alice Voter', 'Bob Voter', 'Carol Voter'];
export const VOTER_IDS = ['pt-alice-7f3', 'pt-bob-8e4', 'pt-carol-9d5'];

/** The same map with only its anonymous round (and that round's votes). */
export function anonymousOnlyMap(): JourneyMap {
  const map = prioritisedMap();
  return { ...map, rounds: map.rounds.filter((r) => r.anonymous), votes: map.votes.filter((v) => v.roundId === 'r2') };
}
