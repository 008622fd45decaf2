/**
 * The open map's workshop state (agenda, current step, timer), read from the store with
 * workshop.get and read again after every change to the map (api.subscribe), so the facilitator's
 * window, the room view and a reload all show the same timer. The countdown is computed from the
 * stored end time against this window's clock, corrected by the store's clock at the last read.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { MethodInput, MethodName } from '../../shared/api';
import type { WorkshopState } from '../../shared/workshop/agenda';
import { remainingAt } from '../../shared/workshop/timer';
import { api } from '../api/client';
import { showError } from '../state/notices';

export interface WorkshopView {
  mapId: string | null;
  state: WorkshopState | null;
  /** The store's clock minus this window's when `state` was read. */
  skewMs: number;
}

export const workshopStore = createStore<WorkshopView>()(() => ({ mapId: null, state: null, skewMs: 0 }));

function take(mapId: string, state: WorkshopState) {
  if (workshopStore.getState().mapId !== mapId) return;
  workshopStore.setState({ state, skewMs: state.now - Date.now() });
}

export async function refreshWorkshop(mapId: string): Promise<void> {
  take(mapId, await api.call('workshop.get', { mapId }));
}

type TimerMethod = Extract<MethodName, 'workshop.start' | 'workshop.pause' | 'workshop.resume' | 'workshop.extend' | 'workshop.next' | 'workshop.stop'>;

/** Runs a timer method and takes its answer; errors reach the person as a notice. Resolves to the new state, or null. */
export async function workshopCall<M extends TimerMethod>(method: M, input: MethodInput<M>): Promise<WorkshopState | null> {
  const mapId = (input as { mapId: string }).mapId;
  try {
    const state = (await api.call(method, input)) as WorkshopState;
    take(mapId, state);
    return state;
  } catch (err) {
    showError(err);
    return null;
  }
}

let users = 0;
let stop: (() => void) | null = null;

/** Keeps the store following `mapId` while any component uses it. */
export function useWorkshopFollow(mapId: string): void {
  useEffect(() => {
    users++;
    if (workshopStore.getState().mapId !== mapId) {
      stop?.();
      workshopStore.setState({ mapId, state: null, skewMs: 0 });
      let timer: number | null = null;
      const read = () => void refreshWorkshop(mapId).catch(() => {});
      read();
      const unsubscribe = api.subscribe?.(mapId, () => {
        if (timer !== null) window.clearTimeout(timer);
        timer = window.setTimeout(read, 60);
      });
      stop = () => {
        if (timer !== null) window.clearTimeout(timer);
        unsubscribe?.();
      };
    }
    return () => {
      users--;
      if (users === 0) {
        stop?.();
        stop = null;
        workshopStore.setState({ mapId: null, state: null, skewMs: 0 });
      }
    };
  }, [mapId]);
}

export function useWorkshop(mapId: string): WorkshopView {
  useWorkshopFollow(mapId);
  return useStore(workshopStore, (s) => s);
}

/** The time left now, by this window's clock corrected to the store's. */
export function remainingNow(view: WorkshopView, now = Date.now()): number | null {
  if (!view.state) return null;
  const t = view.state.timer;
  return remainingAt({ running: t.running, endsAt: t.endsAt, remainingMs: t.remainingMs }, now + view.skewMs);
}

export { showError };
