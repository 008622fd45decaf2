/**
 * The step's countdown on a phone. The server sends its timer (an end time while running, the time
 * left while paused: it never ticks) with its own clock (`serverNow`); the phone's clock may be
 * minutes off, so the phone counts against its own clock corrected by the difference it saw when
 * the state arrived. Pure: the page redraws once a second from these numbers.
 */
import { clockInWords, formatClock, remainingAt, type TimerState } from '../../shared/workshop/timer';

/** How far the server's clock is ahead of the phone's (ms), from one state and when it arrived. */
export function clockOffset(serverNow: number, receivedAt: number): number {
  return serverNow - receivedAt;
}

/** Time left (negative in overtime) at the phone's `phoneNow`, or null when no step is timed. */
export function remainingOnPhone(timer: TimerState | null, offset: number, phoneNow: number): number | null {
  if (!timer) return null;
  return remainingAt(timer, phoneNow + offset);
}

export interface CountdownView {
  /** "4:05", "-0:12". */
  text: string;
  /** "4 minutes 5 seconds left" (for screen readers). */
  words: string;
  over: boolean;
  paused: boolean;
}

/** What the countdown shows at `phoneNow`, or null when there is no timer. */
export function countdownView(timer: TimerState | null, offset: number, phoneNow: number): CountdownView | null {
  const ms = remainingOnPhone(timer, offset, phoneNow);
  if (ms === null || !timer) return null;
  return { text: formatClock(ms), words: clockInWords(ms), over: ms < 0, paused: !timer.running };
}
