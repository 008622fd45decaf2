import type { JourneyMap, Note } from '../../../shared/domain';
import { withDefaults } from '../../../shared/records/index';
import { blankMap } from '../../fixtures/maps';

const t = Date.UTC(2026, 10, 23, 9, 0, 0);
/** Every note field not set below takes its create default (withDefaults). */
const base = { mapId: 'm1', ...withDefaults('note', {}), createdAt: t, updatedAt: t } as Omit<Note, 'id' | 'text' | 'x' | 'y' | 'stageId' | 'laneId' | 'kind'>;

/** A small, fixed map for golden tests: two stages, three lanes, a persona, awkward text. */
export const goldenMap: JourneyMap = {
  ...blankMap(),
  id: 'm1',
  title: 'Gym membership – as-is',
  createdAt: t,
  updatedAt: t,
  camera: null,
  personaId: 'p1',
  participants: [],
  rounds: [],
  votes: [],
  metrics: [],
  personas: [
    { id: 'p1', mapId: 'm1', name: 'Sam', role: 'Night-shift nurse', quote: 'I just want to train at 2am', goals: 'Stay fit', needs: '24h access', frustrations: 'Queues', photo: null, color: 'blue', position: 0 },
  ],
  stages: [
    { id: 's1', mapId: 'm1', name: 'Join', description: 'Signs up online', position: 0, emotion: null, goal: '', expectations: '' },
    { id: 's2', mapId: 'm1', name: 'Cancel', description: 'Tries to leave', position: 1, emotion: -2, goal: '', expectations: '' },
  ],
  lanes: [
    { id: 'l1', mapId: 'm1', name: 'Actions', kind: 'actions', position: 0, collapsed: false },
    { id: 'l2', mapId: 'm1', name: 'Pain points', kind: 'pain_points', position: 1, collapsed: false },
    { id: 'l3', mapId: 'm1', name: 'Opportunities', kind: 'opportunities', position: 2, collapsed: false },
  ],
  notes: [
    { ...base, id: 'n4', text: 'let people cancel in the app', x: 0, y: 0, stageId: 's2', laneId: 'l3', kind: 'opportunity', createdAt: t + 4 },
    { ...base, id: 'n1', text: 'fills in the form, "quickly"', x: 0, y: 0, stageId: 's1', laneId: 'l1', kind: 'action', author: 'Ana', channels: ['web'], personaIds: ['p1'], createdAt: t + 1 },
    { ...base, id: 'n2', text: '=HYPERLINK("http://x") only by *letter*', x: 0, y: 0, stageId: 's2', laneId: 'l2', kind: 'pain_point', sentiment: -2, createdAt: t + 2 },
    { ...base, id: 'n3', text: 'card declined\ntwice', x: 0, y: 0, stageId: 's1', laneId: 'l2', kind: 'pain_point', sentiment: -1, createdAt: t + 3 },
    { ...base, id: 'n5', text: '# not a heading', x: 900, y: 900, stageId: null, laneId: null, kind: null, createdAt: t + 5 },
  ],
};
