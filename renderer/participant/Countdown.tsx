/**
 * The step's time left, counted on the phone from the server's timer and clock offset
 * (`countdown.ts`). It redraws once a second while running; it is a `timer` role, not a live
 * region, so a screen reader reads it when asked rather than every second.
 */
import { useEffect, useState } from 'react';
import type { TimerState } from '../../shared/workshop/timer';
import { countdownView } from './countdown';

/** The phone's clock now (read at each redraw; the offset corrects it). */
function phoneNow(): number {
  return Date.now();
}

export function Countdown({
  timer,
  offset,
  stepTitle,
}: {
  timer: TimerState | null;
  offset: number;
  stepTitle: string;
}) {
  const [, setTick] = useState(0);
  const running = timer?.running ?? false;
  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => setTick((t) => t + 1), 1000);
    return () => window.clearInterval(id);
  }, [running]);
  const view = countdownView(timer, offset, phoneNow());
  if (!view) return null;
  return (
    <div>
      <span
        role="timer"
        aria-label={`Time for ${stepTitle}${view.paused ? ' (paused)' : ''}: ${view.words}`}
        className={`countdown${view.over ? ' over' : ''}`}
        data-testid="phone-countdown"
      >
        {view.text}
      </span>
      {view.paused && <span className="countdown-paused">paused</span>}
    </div>
  );
}
