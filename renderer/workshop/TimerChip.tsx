/**
 * The workshop timer in the map bar: the current step's countdown, readable at a glance, negative
 * and in another colour in overtime. `role="timer"` with an accessible name; the text itself is
 * not announced every second (a timer region is not live by default), but its label says the step
 * and a screen reader reads the time on demand. Survives a reload: it shows what workshop.get says.
 * Plays a soft sound when the time runs out (mutable).
 */
import { useEffect, useRef, useState } from 'react';
import { clockInWords, formatClock } from '../../shared/workshop/timer';
import { remainingNow, useWorkshop } from './workshopStore';
import { chime, isMuted, setMuted } from './sound';
import { BellIcon } from '../ui/icons';
import './workshop.css';

export function TimerChip({ mapId, onOpen }: { mapId: string; onOpen(): void }) {
  const view = useWorkshop(mapId);
  const [, setTick] = useState(0);
  const [muted, setMute] = useState(isMuted);
  const state = view.state;
  const running = state?.timer.running ?? false;
  const remaining = remainingNow(view);
  const last = useRef<number | null>(null);

  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => setTick((t) => t + 1), 250);
    return () => window.clearInterval(id);
  }, [running]);

  // The end sound: once, when this window sees the time cross zero while running.
  useEffect(() => {
    const before = last.current;
    last.current = remaining;
    if (running && before !== null && remaining !== null && before > 0 && remaining <= 0) chime();
  });

  if (!state || state.currentStepId === null || remaining === null) return null;
  const step = state.steps.find((s) => s.id === state.currentStepId);
  const over = remaining < 0;
  return (
    <span className="workshop-chip-wrap">
      <button
        type="button"
        className={`workshop-chip${over ? ' over' : ''}${running ? '' : ' paused'}`}
        onClick={onOpen}
        title="Open the Workshop panel"
        data-testid="timer-chip"
      >
        <span role="timer" aria-label={`Time for ${step?.title ?? 'this step'}${running ? '' : ' (paused)'}: ${clockInWords(remaining)}`} data-testid="workshop-timer">
          {formatClock(remaining)}
        </span>
        {!running && <span className="workshop-chip-paused"> paused</span>}
      </button>
      <button
        type="button"
        className="icon-button workshop-mute"
        // A toggle: one name, its state in aria-pressed (a name that also flipped said the state twice).
        aria-pressed={muted}
        aria-label="Mute the end-of-step sound"
        title={muted ? 'Unmute the end-of-step sound' : 'Mute the end-of-step sound'}
        onClick={() => {
          setMuted(!muted);
          setMute(!muted);
        }}
      >
        <BellIcon off={muted} />
      </button>
    </span>
  );
}
