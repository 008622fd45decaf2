/**
 * The map as the reading view shows it: stages in order as columns, lanes in order as rows, the
 * notes of each cell in reading order, the emotion of each stage, and the notes that are not in any
 * cell. Pure data shaping, no DOM: unit-tested in test/unit/reading/.
 */
import type { JourneyMap, Lane, Note, Persona, Stage } from '../../shared/domain';
import { roomScoresOf, stageEmotions, type StageEmotion } from '../../shared/journey';

/** One lane of the table. `cells[s]` holds the notes of stage `s` in this lane. */
export interface ReadingRow {
  lane: Lane;
  cells: Note[][];
  /** How many notes the whole row holds. */
  count: number;
}

export interface ReadingModel {
  title: string;
  /** The persona the map is for, or null when none is chosen (or it no longer exists). */
  persona: Persona | null;
  stages: Stage[];
  rows: ReadingRow[];
  /** One per stage, in stage order. */
  emotions: StageEmotion[];
  /** Index in `rows` after which the emotion row goes: after the Emotions lane, else at the end. */
  emotionAfter: number;
  /** Notes in no cell: no stage or no lane, or a stage or lane that is not in the map. Reading order. */
  unplaced: Note[];
}

/**
 * Reading order: the order the board shows them in, top to bottom and then left to right (notes
 * whose tops are within half a default note of each other count as one line), then by creation.
 */
export function byReadingOrder(a: Note, b: Note): number {
  if (Math.abs(a.y - b.y) >= 80) return a.y - b.y;
  if (a.x !== b.x) return a.x - b.x;
  if (a.y !== b.y) return a.y - b.y;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function sortStable<T>(items: T[], cmp: (a: T, b: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => cmp(a.item, b.item) || a.i - b.i)
    .map((x) => x.item);
}

/** Shapes a map for the reading view. Does not change `map`. */
export function readingModel(map: JourneyMap): ReadingModel {
  const stages = sortStable([...map.stages], (a, b) => a.position - b.position);
  const lanes = sortStable([...map.lanes], (a, b) => a.position - b.position);
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const rows: ReadingRow[] = lanes.map((lane) => ({ lane, cells: stages.map(() => []), count: 0 }));
  const unplaced: Note[] = [];
  for (const note of map.notes) {
    const s = note.stageId === null ? undefined : stageIndex.get(note.stageId);
    const l = note.laneId === null ? undefined : laneIndex.get(note.laneId);
    if (s === undefined || l === undefined) {
      unplaced.push(note);
      continue;
    }
    const row = rows[l]!;
    row.cells[s]!.push(note);
    row.count++;
  }
  for (const row of rows) for (let s = 0; s < row.cells.length; s++) row.cells[s] = sortStable(row.cells[s]!, byReadingOrder);
  const manual = Object.fromEntries(stages.map((s) => [s.id, s.emotion]));
  // Set by hand, else the room's mean (participants' scores, issue 14), else the notes' mean.
  const emotions = stageEmotions(stages, map.notes, { manual, room: roomScoresOf(map) });
  const emotionsLane = rows.findIndex((r) => r.lane.kind === 'emotions');
  return {
    title: map.title,
    persona: map.personas.find((p) => p.id === map.personaId) ?? null,
    stages,
    rows,
    emotions,
    emotionAfter: emotionsLane >= 0 ? emotionsLane : rows.length - 1,
    unplaced: sortStable(unplaced, byReadingOrder),
  };
}
