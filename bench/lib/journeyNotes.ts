// A finished workshop map for the export bench: N notes on a template's frame, mostly placed in
// cells, some still free, with text from a few words to a long paragraph, channel tags, authors
// and sentiment. Deterministic (seeded), so every run exports exactly the same map.
import type { NoteInput } from '../../shared/api';
import { CHANNELS, NOTE_COLORS, NOTE_KIND_OF_LANE, type Channel, type LaneKind, type NoteColor } from '../../shared/domain';
import { rng } from './data';

/** The parts of `maps.create`'s answer the notes need. */
export interface SeedFrame {
  stages: { id: string }[];
  lanes: { id: string; kind: LaneKind }[];
}

/** Share of the notes placed in a cell; the rest are on the free board beside the frame. */
export const IN_CELLS = 0.85;

/** Free notes sit in a block this many notes wide, left of the frame. */
const FREE_ACROSS = 10;

/** How many of a lane's notes each lane kind gets, relative to each other (a typical workshop). */
const LANE_WEIGHT: Record<LaneKind, number> = {
  actions: 20,
  touchpoints: 15,
  channels: 8,
  thoughts: 15,
  emotions: 10,
  pain_points: 17,
  opportunities: 15,
  custom: 5,
};

const WORDS = (
  'customer waits refund email app login checkout store staff phone call delivery late confusing ' +
  'form price support chat agent order tracking page slow payment failed queue friendly helpful ' +
  'manager receipt missing return policy unclear survey loyalty points website search results ' +
  'password reset invoice parcel courier weekend opening hours account verification identity ' +
  'document upload branch appointment reminder confirmation basket discount voucher subscription ' +
  'renewal cancel contract onboarding tutorial notification settings privacy consent trust ' +
  'frustrated relieved anxious happy annoyed surprised expects wants needs compares reads ' +
  'scrolls clicks abandons retries calls visits asks complains recommends reviews shares'
).split(' ');

const AUTHORS = ['Ana', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Gustav', 'Hana', 'Ivan', 'Jun', 'Kofi', 'Léa'];

/** Notes of 2 to 12 words (70%), 13 to 40 (25%) or 60 to 150 (5%: a pasted quote or paragraph). */
function textOf(random: () => number): string {
  const r = random();
  const count = r < 0.7 ? 2 + Math.floor(random() * 11) : r < 0.95 ? 13 + Math.floor(random() * 28) : 60 + Math.floor(random() * 91);
  const words: string[] = [];
  for (let w = 0; w < count; w++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${count > 12 ? '.' : ''}`;
}

function channelsOf(random: () => number, laneKind: LaneKind | null): Channel[] {
  // Touchpoints and channels carry tags most of the time, other notes now and then.
  const p = laneKind === 'touchpoints' || laneKind === 'channels' ? 0.8 : 0.2;
  if (random() >= p) return [];
  const count = 1 + Math.floor(random() * 3);
  const picked = new Set<Channel>();
  while (picked.size < count) picked.add(CHANNELS[Math.floor(random() * CHANNELS.length)]!);
  return CHANNELS.filter((c) => picked.has(c));
}

function pick<T>(random: () => number, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let r = random() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

/**
 * n `notes.createMany` inputs for a map with this frame. In-cell notes get their cell's stage and
 * lane and the lane's kind (as a drop into the cell gives them); their x, y only set their order in
 * the cell. Free notes sit in a grid left of the frame (the frame starts at x = 0). Stages get
 * uneven shares (a workshop spends longer on some). 10% of the notes are larger than the default.
 */
export function makeJourneyNotes(n: number, frame: SeedFrame, seed = 7): NoteInput[] {
  if (frame.stages.length === 0 || frame.lanes.length === 0) throw new Error('The export bench needs a template with stages and lanes.');
  const random = rng(seed);
  const stageWeight = frame.stages.map((_, i) => 1 + ((i * 7) % 5) / 2);
  const stageIndexes = frame.stages.map((_, i) => i);
  const notes: NoteInput[] = [];
  let free = 0;
  for (let i = 0; i < n; i++) {
    const inCell = random() < IN_CELLS;
    const lane = inCell ? pick(random, frame.lanes, (l) => LANE_WEIGHT[l.kind]) : null;
    const stage = inCell ? frame.stages[pick(random, stageIndexes, (s) => stageWeight[s]!)]! : null;
    const laneKind = lane ? lane.kind : null;
    const big = random() < 0.1;
    const size = big ? 200 + Math.floor(random() * 5) * 20 : undefined;
    const note: NoteInput = {
      text: textOf(random),
      x: inCell ? i : -400 - (free % FREE_ACROSS) * 220,
      y: inCell ? i : Math.floor(free / FREE_ACROSS) * 220,
      color: NOTE_COLORS[Math.floor(random() * NOTE_COLORS.length)] as NoteColor,
    };
    if (!inCell) free++;
    if (size !== undefined) {
      note.width = size;
      note.height = size;
    }
    if (stage && lane) {
      note.stageId = stage.id;
      note.laneId = lane.id;
      note.kind = NOTE_KIND_OF_LANE[lane.kind];
    }
    const channels = channelsOf(random, laneKind);
    if (channels.length) note.channels = channels;
    if (random() < 0.5) note.author = AUTHORS[Math.floor(random() * AUTHORS.length)]!;
    if ((laneKind === 'emotions' || laneKind === 'thoughts' || laneKind === 'pain_points') && random() < 0.6) {
      note.sentiment = (Math.floor(random() * 5) - 2) as NonNullable<NoteInput['sentiment']>;
    }
    notes.push(note);
  }
  return notes;
}
