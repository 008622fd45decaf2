/**
 * The workshop timer (issue 13), as pure arithmetic on what the store holds. It never ticks: a
 * running timer is an end time, a paused one the time left, so a reload or a restart of the app
 * reads the same countdown from the same three fields of the map (timerRunning, timerEndsAt,
 * timerRemainingMs). Every function takes `now` (ms since the epoch) and returns new values.
 *
 * Stored form:
 * - idle (no step running):   running false, endsAt null, remainingMs null;
 * - running:                  running true,  endsAt = when time is up, remainingMs = the time left
 *                             when this stretch began (start, resume), so the stretch began at
 *                             endsAt - remainingMs and the time spent in it is known after a restart;
 * - paused:                   running false, endsAt null, remainingMs = the time left.
 * Time left below zero is overtime (shown as a negative time).
 */

export interface TimerState {
  running: boolean;
  endsAt: number | null;
  remainingMs: number | null;
}

export const IDLE: TimerState = { running: false, endsAt: null, remainingMs: null };

export const MINUTE_MS = 60_000;

/** The time box of a step in ms. */
export function planMs(step: { minutes: number }): number {
  return step.minutes * MINUTE_MS;
}

/** True when a step is current (running or paused). */
export function isActive(t: TimerState): boolean {
  return t.running || t.remainingMs !== null;
}

/** Time left at `now` (negative in overtime), or null when no step is current. */
export function remainingAt(t: TimerState, now: number): number | null {
  if (t.running && t.endsAt !== null) return t.endsAt - now;
  return t.remainingMs;
}

/** Time spent in the current running stretch at `now` (0 when paused or idle). */
export function stretchSpentAt(t: TimerState, now: number): number {
  if (!t.running || t.endsAt === null || t.remainingMs === null) return 0;
  return Math.max(0, now - (t.endsAt - t.remainingMs));
}

/**
 * Starts a step: its time box less what was already spent on it (going back to a step carries on
 * where it stopped; a step already over its time starts in overtime).
 */
export function start(plan: number, alreadySpentMs: number, now: number): TimerState {
  const left = plan - alreadySpentMs;
  return { running: true, endsAt: now + left, remainingMs: left };
}

/** Pauses: keeps the time left. Pausing a paused or idle timer changes nothing. */
export function pause(t: TimerState, now: number): TimerState {
  if (!t.running) return t;
  return { running: false, endsAt: null, remainingMs: remainingAt(t, now) };
}

/** Resumes a paused timer from the time it had left. Resuming a running or idle timer changes nothing. */
export function resume(t: TimerState, now: number): TimerState {
  if (t.running || t.remainingMs === null) return t;
  return { running: true, endsAt: now + t.remainingMs, remainingMs: t.remainingMs };
}

/** Adds (or, negative, takes away) time: running or paused alike. An idle timer changes nothing. */
export function extend(t: TimerState, ms: number): TimerState {
  if (t.running && t.endsAt !== null && t.remainingMs !== null) return { running: true, endsAt: t.endsAt + ms, remainingMs: t.remainingMs + ms };
  if (t.remainingMs !== null) return { ...t, remainingMs: t.remainingMs + ms };
  return t;
}

/** Ends the current step: the idle timer, and the time spent in the running stretch to add to the step's spentMs. */
export function stop(t: TimerState, now: number): { timer: TimerState; spentMs: number } {
  return { timer: IDLE, spentMs: stretchSpentAt(t, now) };
}

/** Time actually spent on a step at `now`: what it banked, plus the running stretch when it is the current step. */
export function spentAt(step: { spentMs: number }, t: TimerState, isCurrent: boolean, now: number): number {
  return step.spentMs + (isCurrent ? stretchSpentAt(t, now) : 0);
}

/**
 * A countdown as the room reads it: "12:05", "0:00", "-0:42" in overtime, "1:02:00" past an hour.
 * Positive time rounds up (the first second shows the full "5:00"), overtime rounds down, so the
 * display passes 0:00 for one second, then counts -0:01, -0:02.
 */
export function formatClock(ms: number): string {
  const over = ms < 0;
  const seconds = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  if (over && seconds === 0) return '0:00';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const body = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
  return over ? `-${body}` : body;
}

/** The same time in words for screen readers: "4 minutes 5 seconds left", "42 seconds over". */
export function clockInWords(ms: number): string {
  const over = ms < 0;
  const seconds = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const parts = [m > 0 ? `${m} minute${m === 1 ? '' : 's'}` : '', s > 0 || m === 0 ? `${s} second${s === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `${parts.join(' ')} ${over && seconds > 0 ? 'over' : 'left'}`;
}

/** A duration in minutes for the minutes and reports: "12 min", "45 s" under a minute, "1 h 05 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
