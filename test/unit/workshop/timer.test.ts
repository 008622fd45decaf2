import { describe, expect, it } from 'vitest';
import * as timer from '../../../shared/workshop/timer';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const MIN = 60_000;
/** What the store keeps, written and read back as JSON (a reload or a restart of the app). */
const reload = (t: timer.TimerState): timer.TimerState => JSON.parse(JSON.stringify(t)) as timer.TimerState;

describe('workshop timer', () => {
  it('counts down from the step’s time box without ticking: the remaining time is read at any now', () => {
    const t = timer.start(timer.planMs({ minutes: 10 }), 0, T0);
    expect(timer.remainingAt(t, T0)).toBe(10 * MIN);
    expect(timer.remainingAt(t, T0 + 4 * MIN)).toBe(6 * MIN);
    expect(timer.remainingAt(t, T0 + 12 * MIN)).toBe(-2 * MIN);
    expect(timer.stretchSpentAt(t, T0 + 12 * MIN)).toBe(12 * MIN);
  });

  it('a pause and a restart in the middle of a step: the time left and the time spent survive', () => {
    let t = timer.start(10 * MIN, 0, T0);
    // 3 minutes in, the facilitator pauses; the app is closed and opened 40 minutes later.
    t = reload(timer.pause(t, T0 + 3 * MIN));
    expect(t).toEqual({ running: false, endsAt: null, remainingMs: 7 * MIN });
    expect(timer.remainingAt(t, T0 + 43 * MIN)).toBe(7 * MIN);
    // Resumed; 2 minutes later the app restarts while running: still counting from the same end time.
    t = timer.resume(t, T0 + 43 * MIN);
    t = reload(t);
    expect(timer.remainingAt(t, T0 + 45 * MIN)).toBe(5 * MIN);
    // The stretch since the resume is known after the restart: 2 minutes, so 5 spent in all.
    const banked = 3 * MIN;
    expect(timer.spentAt({ spentMs: banked }, t, true, T0 + 45 * MIN)).toBe(5 * MIN);
  });

  it('+1 min adds to a running or a paused timer; extending changes no time already spent', () => {
    let t = timer.start(5 * MIN, 0, T0);
    t = timer.extend(t, MIN);
    expect(timer.remainingAt(t, T0 + MIN)).toBe(5 * MIN);
    expect(timer.stretchSpentAt(t, T0 + MIN)).toBe(MIN);
    t = timer.pause(t, T0 + MIN);
    t = timer.extend(t, MIN);
    expect(timer.remainingAt(t, T0 + 9 * MIN)).toBe(6 * MIN);
    expect(timer.extend(timer.IDLE, MIN)).toBe(timer.IDLE);
  });

  it('overtime is a negative time; stop banks the running stretch and leaves the timer idle', () => {
    const t = timer.start(MIN, 0, T0);
    expect(timer.remainingAt(t, T0 + 90_000)).toBe(-30_000);
    const stopped = timer.stop(t, T0 + 90_000);
    expect(stopped).toEqual({ timer: timer.IDLE, spentMs: 90_000 });
    expect(timer.stop(timer.pause(t, T0 + 30_000), T0 + 90_000).spentMs).toBe(0);
  });

  it('going back to a step carries on with what was left of its time box', () => {
    const t = timer.start(10 * MIN, 4 * MIN, T0);
    expect(timer.remainingAt(t, T0)).toBe(6 * MIN);
    expect(timer.remainingAt(timer.start(10 * MIN, 12 * MIN, T0), T0)).toBe(-2 * MIN);
  });

  it('pause, resume and idle are safe to repeat', () => {
    const t = timer.start(MIN, 0, T0);
    const paused = timer.pause(t, T0 + 1000);
    expect(timer.pause(paused, T0 + 5000)).toBe(paused);
    expect(timer.resume(t, T0 + 5000)).toBe(t);
    expect(timer.resume(timer.IDLE, T0)).toBe(timer.IDLE);
    expect(timer.remainingAt(timer.IDLE, T0)).toBeNull();
    expect(timer.isActive(timer.IDLE)).toBe(false);
    expect(timer.isActive(paused)).toBe(true);
  });

  it('reads as a clock and in words', () => {
    expect(timer.formatClock(5 * MIN)).toBe('5:00');
    expect(timer.formatClock(5 * MIN - 1)).toBe('5:00');
    expect(timer.formatClock(4 * MIN + 59_000)).toBe('4:59');
    expect(timer.formatClock(0)).toBe('0:00');
    expect(timer.formatClock(-999)).toBe('0:00');
    expect(timer.formatClock(-42_000)).toBe('-0:42');
    expect(timer.formatClock(62 * MIN)).toBe('1:02:00');
    expect(timer.clockInWords(4 * MIN + 5000)).toBe('4 minutes 5 seconds left');
    expect(timer.clockInWords(-42_000)).toBe('42 seconds over');
    expect(timer.clockInWords(MIN)).toBe('1 minute left');
    expect(timer.formatDuration(45_000)).toBe('45 s');
    expect(timer.formatDuration(12 * MIN)).toBe('12 min');
    expect(timer.formatDuration(65 * MIN)).toBe('1 h 05 min');
  });
});
