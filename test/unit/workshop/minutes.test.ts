import { describe, expect, it } from 'vitest';
import { withDefaults, type RecordValue } from '../../../shared/records/index';
import { buildMinutes, minutesTotals, roundResults } from '../../../shared/workshop/minutes';
import * as timer from '../../../shared/workshop/timer';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const MIN = 60_000;
const step = (id: string, position: number, extra: Partial<RecordValue<'step'>> = {}) => ({
  id,
  ...(withDefaults('step', { title: `Step ${id}`, minutes: 10, activity: 'brainstorm', position, ...extra }) as RecordValue<'step'>),
});
const note = (id: string, createdAt: number, faceDown = false) => ({ id, text: `note ${id}`, stageId: null, laneId: null, createdAt, faceDown });

describe('workshop minutes', () => {
  it('each step: when it ran, spent against plan, the notes added while it ran, its round’s results', () => {
    const steps = [
      step('a', 0, { startedAt: T0, endedAt: T0 + 12 * MIN, spentMs: 12 * MIN }),
      step('b', 1, { activity: 'vote', roundId: 'r1', startedAt: T0 + 12 * MIN, minutes: 5 }),
      step('c', 2),
    ];
    const running = timer.start(5 * MIN, 0, T0 + 12 * MIN);
    const notes = [note('before', T0 - 1), note('n1', T0 + MIN), note('n2', T0 + 11 * MIN, true), note('n3', T0 + 13 * MIN)];
    const votes = [
      { roundId: 'r1', noteId: 'n1', count: 1 },
      { roundId: 'r1', noteId: 'n2', count: 3 },
      { roundId: 'r1', noteId: 'n1', count: 1 },
      { roundId: 'other', noteId: 'n1', count: 9 },
    ];
    const minutes = buildMinutes(
      { steps, currentStepId: 'b', timer: running, notes, rounds: [{ id: 'r1', title: 'Worst pains', status: 'open' }], votes },
      T0 + 14 * MIN,
    );
    expect(minutes.map((m) => [m.number, m.title, m.ran, m.current])).toEqual([
      [1, 'Step a', true, false],
      [2, 'Step b', true, true],
      [3, 'Step c', false, false],
    ]);
    expect(minutes[0]).toMatchObject({ plannedMs: 10 * MIN, spentMs: 12 * MIN, overMs: 2 * MIN, startedAt: T0, endedAt: T0 + 12 * MIN });
    expect(minutes[0]!.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(minutes[0]!.notes[1]!.faceDown).toBe(true);
    // The current step's time still moves: 2 of its 5 minutes at now.
    expect(minutes[1]).toMatchObject({ spentMs: 2 * MIN, overMs: -3 * MIN, endedAt: null });
    expect(minutes[1]!.notes.map((n) => n.id)).toEqual(['n3']);
    expect(minutes[1]!.round).toEqual({
      id: 'r1',
      title: 'Worst pains',
      status: 'open',
      results: [
        { noteId: 'n2', text: 'note n2', votes: 3 },
        { noteId: 'n1', text: 'note n1', votes: 2 },
      ],
    });
    expect(minutes[2]).toMatchObject({ ran: false, notes: [], round: null, spentMs: 0 });
    expect(minutesTotals(minutes)).toEqual({ plannedMs: 15 * MIN, spentMs: 14 * MIN, stepsRun: 2 });
  });

  it('a round whose votes were all taken back, or a deleted note, still reads', () => {
    expect(roundResults('r', [{ roundId: 'r', noteId: 'gone', count: 2 }], [])).toEqual([{ noteId: 'gone', text: '', votes: 2 }]);
    expect(roundResults('r', [], [])).toEqual([]);
  });
});
