import type { JourneyMap } from '../../../shared/domain';
import { goldenMap } from './fixture';

/**
 * The golden map with an Emotions lane and the room's scores (issue 14): seven people scored
 * "Join" (mean -2/7, range -2..+1, middle half -1..+0.5), two scored "Cancel" (-1 and 0), which
 * the facilitator set to -2 by hand. Scores for a stage not in the map are ignored.
 */
export function roomScoredMap(): JourneyMap {
  const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const join = [1, -1, 0, -2, 1, 0, -1];
  const scores = [
    ...join.map((score, i) => ({ id: `e${i}`, mapId: 'm1', stageId: 's1', participantId: `p${people[i]}`, score })),
    { id: 'e7', mapId: 'm1', stageId: 's2', participantId: 'pa', score: -1 },
    { id: 'e8', mapId: 'm1', stageId: 's2', participantId: 'pb', score: 0 },
    { id: 'e9', mapId: 'm1', stageId: 'gone', participantId: 'pa', score: 2 },
  ];
  return {
    ...goldenMap,
    participants: people.map((p, i) => ({ id: `p${p}`, mapId: 'm1', name: `Person ${p.toUpperCase()}`, color: 'blue', position: i })),
    lanes: [...goldenMap.lanes, { id: 'l4', mapId: 'm1', name: 'Emotions', kind: 'emotions', position: 3, collapsed: false }],
    emotionScores: scores,
  } as JourneyMap;
}
