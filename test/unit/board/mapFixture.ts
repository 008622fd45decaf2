/** A small journey map for the document and sync tests: 3 stages, 2 lanes, 2 personas, notes in cells and free. */
import type { JourneyMap } from '../../../shared/domain';
import { storedNote } from '../../fixtures/notes';

export function journeyMap(): JourneyMap {
  const m = 'm1';
  return {
    id: m,
    title: 'Checkout',
    createdAt: 0,
    updatedAt: 0,
    camera: null,
    personaId: null,
    stages: [
      // Out of order on purpose: the board shows them by position.
      { id: 's2', mapId: m, name: 'Pay', description: 'Card or wallet', position: 1, emotion: -1 },
      { id: 's1', mapId: m, name: 'Browse', description: '', position: 0, emotion: null },
      { id: 's3', mapId: m, name: 'Wait', description: 'Delivery', position: 2, emotion: 1.5 },
    ],
    lanes: [
      { id: 'l1', mapId: m, name: 'Actions', kind: 'actions', position: 0, collapsed: false },
      { id: 'l2', mapId: m, name: 'Pains', kind: 'pain_points', position: 1, collapsed: false },
    ],
    personas: [
      { id: 'p1', mapId: m, name: 'Busy Parent', role: 'Buyer', quote: 'Quick!', goals: '', needs: '', frustrations: 'Queues', photo: null, color: 'pink', position: 0 },
      { id: 'p2', mapId: m, name: 'Student', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'blue', position: 1 },
    ],
    notes: [
      storedNote('a', { stageId: 's2', laneId: 'l1', x: 500, y: 100, kind: 'action', personaIds: ['p1'] }),
      storedNote('b', { stageId: 's2', laneId: 'l2', x: 500, y: 400, kind: 'pain_point', sentiment: -2, personaIds: ['p1', 'p2'] }),
      storedNote('c', { stageId: 's1', laneId: 'l1', x: 200, y: 100 }),
      storedNote('free', { x: -900, y: -900, channels: ['web'] }),
    ],
  } as JourneyMap;
}
