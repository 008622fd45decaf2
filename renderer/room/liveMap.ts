/**
 * A map read from the store and kept fresh by the live change channel (`api.subscribe`): every
 * window that shows a map this way (the room view, the facilitator's workshop state) shows what
 * the store holds, never what another window has in memory. Reads are coalesced: changes that
 * arrive while a read is in flight cause one more read after it, never a pile of them.
 *
 * Also the workshop's state as it sits in the map (issue 13, F1's records: the `steps` table and
 * the header's currentStepId and timer fields), read defensively so a map from before the
 * workshop existed reads as "no workshop".
 */
import { useEffect, useState } from 'react';
import type { JourneyboardApi } from '../../shared/api';
import type { JourneyMap } from '../../shared/domain';
import { api as defaultApi } from '../api/client';
import { tally, type RoundResult } from '../../shared/prioritise/voting';
import { planMs, remainingAt } from '../../shared/workshop/timer';
import { messageOf } from '../state/notices';

export interface LiveMap {
  map: JourneyMap | null;
  error: string | null;
  /** Bumped on each read that landed (tests and the timer's resync). */
  version: number;
}

export function useLiveMap(mapId: string, api: JourneyboardApi = defaultApi): LiveMap {
  const [state, setState] = useState<LiveMap>({ map: null, error: null, version: 0 });
  useEffect(() => {
    let alive = true;
    let inFlight = false;
    let again = false;
    const load = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        const map = await api.call('maps.get', { id: mapId });
        if (alive) setState((s) => ({ map, error: null, version: s.version + 1 }));
      } catch (err) {
        if (alive) setState((s) => ({ ...s, error: messageOf(err) }));
      }
      inFlight = false;
      if (again && alive) {
        again = false;
        void load();
      }
    };
    void load();
    const stop = api.subscribe?.(mapId, () => void load());
    return () => {
      alive = false;
      stop?.();
    };
  }, [api, mapId]);
  return state;
}

export type StepFocus = 'board' | 'frame' | 'stage' | 'lane' | 'matrix' | 'roadmap';

/** A workshop step as the room needs it (the `step` record, issue 13). */
export interface WorkshopStep {
  id: string;
  title: string;
  minutes: number;
  activity: string;
  instructions: string;
  silent: boolean;
  focus: StepFocus;
  stageId: string | null;
  laneId: string | null;
  roundId: string | null;
  position: number;
}

export interface WorkshopTimer {
  running: boolean;
  /** While running: when the time is up (ms since the epoch). */
  endsAt: number | null;
  /** While paused: what was left. */
  remainingMs: number | null;
}

export interface WorkshopState {
  steps: WorkshopStep[];
  current: WorkshopStep | null;
  timer: WorkshopTimer;
}

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The workshop in a map as maps.get returns it; no steps (an older map) gives an empty agenda. */
export function workshopOf(map: JourneyMap): WorkshopState {
  const m = map as unknown as Record<string, unknown>;
  const raw = Array.isArray(m['steps']) ? (m['steps'] as Record<string, unknown>[]) : [];
  const steps: WorkshopStep[] = raw
    .map((s) => ({
      id: str(s['id']),
      title: str(s['title']),
      minutes: num(s['minutes']) ?? 0,
      activity: str(s['activity'], 'discussion'),
      instructions: str(s['instructions']),
      silent: s['silent'] === true,
      focus: str(s['focus'], 'board') as StepFocus,
      stageId: typeof s['stageId'] === 'string' ? s['stageId'] : null,
      laneId: typeof s['laneId'] === 'string' ? s['laneId'] : null,
      roundId: typeof s['roundId'] === 'string' ? s['roundId'] : null,
      position: num(s['position']) ?? 0,
    }))
    .sort((a, b) => a.position - b.position);
  const currentId = typeof m['currentStepId'] === 'string' ? m['currentStepId'] : null;
  return {
    steps,
    current: steps.find((s) => s.id === currentId) ?? null,
    timer: { running: m['timerRunning'] === true, endsAt: num(m['timerEndsAt']), remainingMs: num(m['timerRemainingMs']) },
  };
}

/**
 * Milliseconds left on the step's clock at `now` (negative: overtime), by the workshop's own timer
 * arithmetic (shared/workshop/timer.ts); a step not started yet shows its full time.
 */
export function timeLeft(timer: WorkshopTimer, step: Pick<WorkshopStep, 'minutes'> | null, now: number): number | null {
  return remainingAt(timer, now) ?? (step ? planMs(step) : null);
}

/** Each note's votes in a round, most first: the round's tally (shared/prioritise), for notes still on the map. */
export function roundResults(map: JourneyMap, roundId: string): RoundResult[] {
  const m = map as unknown as Record<string, unknown>;
  const votes = Array.isArray(m['votes']) ? (m['votes'] as Parameters<typeof tally>[1]) : [];
  const notes = new Set(map.notes.map((n) => n.id));
  return tally(roundId, votes).filter((r) => notes.has(r.noteId));
}

/** The round the room shows: the current step's round, else the newest open one, else none. */
export function shownRound(map: JourneyMap, step: WorkshopStep | null): { id: string; title: string; status: string } | null {
  const m = map as unknown as Record<string, unknown>;
  const rounds = Array.isArray(m['rounds']) ? (m['rounds'] as Record<string, unknown>[]) : [];
  const pick = (r: Record<string, unknown> | undefined) => (r ? { id: str(r['id']), title: str(r['title'], 'Vote'), status: str(r['status'], 'open') } : null);
  if (step?.roundId) return pick(rounds.find((r) => r['id'] === step.roundId));
  if (step?.activity !== 'vote') return null;
  const open = rounds.filter((r) => r['status'] === 'open').sort((a, b) => (num(b['openedAt']) ?? 0) - (num(a['openedAt']) ?? 0));
  return pick(open[0]);
}
