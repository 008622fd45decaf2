import type { JourneyMap, Note } from '../../../shared/domain';
import { goldenMap } from './fixture';

/** The golden map's stages and lanes with `count` notes spread over its cells (and a few free). */
export function bigMap(count: number): JourneyMap {
  const stages = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, mapId: 'm1', name: `Stage ${i + 1}`, description: '', position: i, emotion: null, goal: '', expectations: '' }));
  const lanes = goldenMap.lanes;
  const template = goldenMap.notes[0]!;
  const notes: Note[] = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: `b${i}`,
    text: `Note ${i}: a sentence long enough to wrap over a few lines on a sticky note`,
    stageId: i % 50 === 0 ? null : `s${i % stages.length}`,
    laneId: i % 50 === 0 ? null : lanes[i % lanes.length]!.id,
    kind: i % 50 === 0 ? null : (['action', 'pain_point', 'opportunity'] as const)[i % 3]!,
    sentiment: ((i % 5) - 2) as Note['sentiment'],
    x: (i % 100) * 170,
    y: 4000 + Math.floor(i / 100) * 170,
    createdAt: template.createdAt + i,
  }));
  return { ...goldenMap, stages, notes };
}
