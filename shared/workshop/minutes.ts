/**
 * Workshop minutes (issue 13): for each agenda step, when it ran, how long it took against its
 * plan, the notes added while it ran (by note createdAt) and, for a step with a voting round, the
 * round's results. Read by the Minutes panel and by the exports' "Workshop" section. Pure.
 *
 * A step "ran" once it has been started (startedAt set). Its window is startedAt to endedAt, or to
 * `now` while it is the current step. A step run twice keeps its latest window (and all the time
 * spent on it).
 */
import { orderedSteps, type StepLike } from './agenda';
import { spentAt, planMs, type TimerState } from './timer';

export interface MinutesNote {
  id: string;
  text: string;
  stageId: string | null;
  laneId: string | null;
  createdAt: number;
  faceDown: boolean;
}

export interface MinutesVoteLine {
  noteId: string;
  /** The note's text, or '' when the note is gone. */
  text: string;
  votes: number;
}

export interface MinutesEntry {
  stepId: string;
  title: string;
  activity: StepLike['activity'];
  /** 1-based place in the agenda. */
  number: number;
  plannedMs: number;
  spentMs: number;
  /** spent - planned: positive when the step ran over. */
  overMs: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Whether the step has been started at all. */
  ran: boolean;
  /** Whether it is the current step (its times still move). */
  current: boolean;
  notes: MinutesNote[];
  /** The results of the step's voting round, most votes first (ties by note order), or null. */
  round: { id: string; title: string; status: string; results: MinutesVoteLine[] } | null;
}

export interface MinutesInput {
  steps: readonly StepLike[];
  currentStepId: string | null;
  timer: TimerState;
  notes: readonly { id: string; text: string; stageId: string | null; laneId: string | null; createdAt: number; faceDown?: boolean }[];
  rounds?: readonly { id: string; title: string; status: string }[];
  votes?: readonly { roundId: string; noteId: string; count: number }[];
}

/** Dots per note in one round, most first; notes with no dots left out. */
export function roundResults(roundId: string, votes: MinutesInput['votes'], notes: MinutesInput['notes']): MinutesVoteLine[] {
  const total = new Map<string, number>();
  for (const v of votes ?? []) if (v.roundId === roundId) total.set(v.noteId, (total.get(v.noteId) ?? 0) + v.count);
  const order = new Map(notes.map((n, i) => [n.id, i]));
  const text = new Map(notes.map((n) => [n.id, n.text]));
  return [...total.entries()]
    .filter(([, votes]) => votes > 0)
    .sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? Infinity) - (order.get(b[0]) ?? Infinity))
    .map(([noteId, votes]) => ({ noteId, text: text.get(noteId) ?? '', votes }));
}

/** The minutes of a map's workshop at `now`. */
export function buildMinutes(input: MinutesInput, now: number): MinutesEntry[] {
  const notesByTime = [...input.notes].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return orderedSteps(input.steps).map((step, i) => {
    const current = step.id === input.currentStepId;
    const spent = spentAt({ spentMs: step.spentMs ?? 0 }, input.timer, current, now);
    const startedAt = step.startedAt ?? null;
    const endedAt = current ? null : (step.endedAt ?? null);
    const until = endedAt ?? (current ? now : startedAt);
    const notes =
      startedAt === null || until === null
        ? []
        : notesByTime
            .filter((n) => n.createdAt >= startedAt && n.createdAt <= until)
            .map((n) => ({ id: n.id, text: n.text, stageId: n.stageId, laneId: n.laneId, createdAt: n.createdAt, faceDown: n.faceDown === true }));
    const round = step.roundId ? (input.rounds ?? []).find((r) => r.id === step.roundId) : undefined;
    return {
      stepId: step.id,
      title: step.title,
      activity: step.activity,
      number: i + 1,
      plannedMs: planMs(step),
      spentMs: spent,
      overMs: spent - planMs(step),
      startedAt,
      endedAt,
      ran: startedAt !== null,
      current,
      notes,
      round: round ? { id: round.id, title: round.title, status: round.status, results: roundResults(round.id, input.votes, input.notes) } : null,
    };
  });
}

/** The minutes of a whole map document as maps.get returns it (its steps, header timer, notes and, when present, rounds and votes). */
export interface MinutesMap {
  steps: readonly StepLike[];
  notes: MinutesInput['notes'];
  currentStepId: string | null;
  timerRunning: boolean;
  timerEndsAt: number | null;
  timerRemainingMs: number | null;
  rounds?: MinutesInput['rounds'];
  votes?: MinutesInput['votes'];
}

export function minutesOfMap(
  map: MinutesMap,
  now: number,
): MinutesEntry[] {
  const input: MinutesInput = {
    steps: map.steps,
    currentStepId: map.currentStepId,
    timer: { running: map.timerRunning, endsAt: map.timerEndsAt, remainingMs: map.timerRemainingMs },
    notes: map.notes,
  };
  if (map.rounds) input.rounds = map.rounds;
  if (map.votes) input.votes = map.votes;
  return buildMinutes(input, now);
}

/** Totals over the steps that ran: planned and spent time. */
export function minutesTotals(entries: readonly MinutesEntry[]): { plannedMs: number; spentMs: number; stepsRun: number } {
  const ran = entries.filter((e) => e.ran);
  return { plannedMs: ran.reduce((s, e) => s + e.plannedMs, 0), spentMs: ran.reduce((s, e) => s + e.spentMs, 0), stepsRun: ran.length };
}
