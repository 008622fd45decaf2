/**
 * The room's status (issue 14) as this window knows it: one store shared by the map bar's room
 * button, the room dialog, the room view and the Workshop panel's "7 of 9 done", so they never
 * disagree and the page asks `room.status` once per refresh, not once per component.
 *
 * Read at once when a component that shows it mounts, again after each store change to the map
 * (a join creates a participant, a Done toggle a stepDone record: `api.subscribe`), and by a light
 * poll while anything shows it: every 2 s while the room is open (phones connecting and dropping
 * write nothing), every 5 s while closed (the room may be opened from another window).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { isMethodName, type JourneyboardApi, type MethodInput, type RoomHostMethod } from '../../shared/api';
import type { RoomStatus } from '../../shared/room/contract';
import { api as defaultApi } from '../api/client';
import { CLOSED_ROOM, readRoomStatus } from './roomStatus';

export const OPEN_POLL_MS = 2_000;
export const CLOSED_POLL_MS = 5_000;

interface RoomStore {
  status: RoomStatus;
  /** Whether `room.status` has answered at least once. */
  known: boolean;
}

export const useRoom = create<RoomStore>(() => ({ status: CLOSED_ROOM, known: false }));

let client: JourneyboardApi = defaultApi;

/** Tests: the api the store talks to. */
export function setRoomApi(api: JourneyboardApi): void {
  client = api;
}

/** Whether this build's API has the room methods (a refused call is never made). */
export function roomAvailable(): boolean {
  return isMethodName('room.status');
}

/**
 * Calls `room.open`, `room.close` or `room.status` and keeps the answer as this window's status.
 * Throws the API's error (ApiError, with its code, e.g. `no_network`) for the caller to show.
 */
export async function roomCall<M extends RoomHostMethod>(method: M, input: MethodInput<M>): Promise<RoomStatus> {
  const status = readRoomStatus(await client.call(method, input));
  useRoom.setState({ status, known: true });
  return status;
}

let reading: Promise<void> | null = null;
let again = false;

/** Reads room.status; a read asked for while one runs is done once more after it. Errors keep what was known. */
export function refreshRoom(): Promise<void> {
  if (!roomAvailable()) return Promise.resolve();
  if (reading) {
    again = true;
    return reading;
  }
  reading = roomCall('room.status', {})
    .then(
      () => undefined,
      () => undefined, // Not readable now (the server restarting, say): keep what we had; the next poll reads again.
    )
    .finally(() => {
      reading = null;
      if (again) {
        again = false;
        void refreshRoom();
      }
    });
  return reading;
}

let watchers = 0;
let timer: number | null = null;

function schedule(): void {
  if (timer !== null) window.clearTimeout(timer);
  timer = null;
  if (watchers === 0) return;
  const wait = useRoom.getState().status.open ? OPEN_POLL_MS : CLOSED_POLL_MS;
  timer = window.setTimeout(() => {
    void refreshRoom().finally(schedule);
  }, wait);
}

/**
 * The room's status, kept fresh while the calling component is mounted. `mapId`: the map whose
 * store changes trigger a read (null: the poll alone).
 */
export function useRoomStatus(mapId: string | null): RoomStatus {
  const status = useRoom((s) => s.status);
  useEffect(() => {
    if (!roomAvailable()) return;
    watchers++;
    void refreshRoom();
    schedule();
    let debounce: number | null = null;
    const stop = mapId
      ? client.subscribe?.(mapId, () => {
          if (debounce !== null) window.clearTimeout(debounce);
          debounce = window.setTimeout(() => void refreshRoom(), 80);
        })
      : undefined;
    return () => {
      watchers--;
      if (debounce !== null) window.clearTimeout(debounce);
      stop?.();
      schedule();
    };
  }, [mapId]);
  // Open or closed changes the poll's pace.
  useEffect(() => {
    if (watchers > 0) schedule();
  }, [status.open]);
  return status;
}
