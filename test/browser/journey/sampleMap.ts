/** A template-like journey map (the "Online shopping" template plus personas and tags) for browser tests. */
import type { Channel, JourneyMap, Lane, LaneKind, Note, Persona, Sentiment, Stage } from '../../../shared/domain';
import { storedNote } from '../../fixtures/notes';
import { blankMap } from '../../fixtures/maps';

export function sampleNote(id: string, extra: Partial<Note> = {}): Note {
  return storedNote(id, { text: `note ${id}`, ...extra });
}

export function samplePersona(id: string, extra: Partial<Persona> = {}): Persona {
  return {
    id,
    mapId: 'm1',
    name: 'Maya Okafor',
    role: 'Busy parent, shops on her phone',
    quote: 'I just want it to fit the first time.',
    goals: 'Buy trainers for her son in one go.',
    needs: 'Clear sizing; delivery cost up front.',
    frustrations: 'Surprise fees; slow refunds.',
    photo: null,
    color: 'teal',
    position: 0,
    ...extra,
  };
}

const STAGES: [string, string][] = [
  ['Browse', 'Looks around the shop and searches for products.'],
  ['Choose', 'Reads details, sizes and reviews and picks an item.'],
  ['Checkout', 'Enters delivery and payment details and places the order.'],
  ['Delivery', 'Waits for the parcel and receives it.'],
  ['Return', 'Sends back what does not fit or is not wanted.'],
];

const LANES: [string, LaneKind][] = [
  ['Actions', 'actions'],
  ['Touchpoints', 'touchpoints'],
  ['Channels', 'channels'],
  ['Thoughts', 'thoughts'],
  ['Emotions', 'emotions'],
  ['Pain points', 'pain_points'],
  ['Opportunities', 'opportunities'],
];

type N = [text: string, stage: number, lane: number, sentiment?: Sentiment, channels?: Channel[]];
const NOTES: N[] = [
  ['Filters trainers by size and price', 0, 0, undefined, ['web']],
  ['Filter resets when going back from a product page', 0, 5, -1, ['web']],
  ['Will this run small like the last pair?', 1, 3, -1],
  ['Size guide and customer photos', 1, 1, undefined, ['web', 'app']],
  ['Fit hint from buyers who bought the same size in other brands', 1, 6],
  ['Mobile web, pays with a wallet app', 2, 2, undefined, ['app']],
  ['Delivery cost only shown at the last step', 2, 5, -2],
  ['Annoyed by the surprise fee, almost abandons the basket', 2, 4, -2],
  ['Tracking emails and a one-hour delivery window', 3, 1, undefined, ['email']],
  ['Pleased the parcel came a day early', 3, 4, 2],
  ['Prints a label and drops the parcel at a locker', 4, 0, undefined, ['in_person']],
  ['Refund takes ten days to appear', 4, 5, -1, ['email']],
  ['Refund as soon as the locker scans the parcel', 4, 6],
];

/** The sample map. `collapsed` names lanes to fold; `emotion` sets stage scores by hand. */
export function sampleMap(options: { collapsed?: string[]; emotion?: Record<number, number> } = {}): JourneyMap {
  const stages: Stage[] = STAGES.map(([name, description], i) => ({
    id: `s${i}`,
    mapId: 'm1',
    name,
    description,
    position: i,
    emotion: options.emotion?.[i] ?? null,
    goal: '',
    expectations: '',
  }));
  const lanes: Lane[] = LANES.map(([name, kind], i) => ({
    id: `l${i}`,
    mapId: 'm1',
    name,
    kind,
    position: i,
    collapsed: options.collapsed?.includes(name) ?? false,
  }));
  const notes = NOTES.map(([text, s, l, sentiment, channels], i) =>
    sampleNote(`n${i}`, {
      text,
      stageId: `s${s}`,
      laneId: `l${l}`,
      sentiment: sentiment ?? null,
      channels: channels ?? [],
      color: l === 5 ? 'pink' : l === 6 ? 'green' : l === 4 ? 'orange' : 'yellow',
      x: 1000 + i,
      y: 1000,
    }),
  );
  return {
    ...blankMap(),
    id: 'm1',
    title: 'Online shopping: trainers',
    createdAt: 0,
    updatedAt: 0,
    camera: null,
    personaId: 'p1',
    participants: [],
    rounds: [],
    votes: [],
    metrics: [],
    personas: [samplePersona('p1')],
    stages,
    lanes,
    notes,
  };
}
