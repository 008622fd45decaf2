/**
 * What the History panel shows outside itself: the version being browsed (the map screen shows it
 * on a read-only board instead of the live one) and the comparison whose changes the board marks.
 */
import { create } from 'zustand';
import type { JourneyboardApi } from '../../shared/api';
import { api as realApi } from '../api/client';
import type { JourneyMap } from '../../shared/domain';
import type { MapComparison, VersionSummary } from '../../shared/history/index';

export interface BrowsedVersion {
  version: VersionSummary;
  map: JourneyMap;
}

export interface BoardMarks {
  comparison: MapComparison;
  /** Which note a list item last jumped to (drawn stronger). */
  focus: string | null;
}

interface HistoryView {
  browsing: BrowsedVersion | null;
  marks: BoardMarks | null;
}

export const useHistoryView = create<HistoryView>(() => ({ browsing: null, marks: null }));

export function setBrowsing(browsing: BrowsedVersion | null): void {
  useHistoryView.setState({ browsing, marks: null });
}

export function setMarks(marks: BoardMarks | null): void {
  useHistoryView.setState({ marks });
}

/** A version's name for people: its label, or what made it and when. */
export function versionName(v: VersionSummary): string {
  return v.label ?? `${v.reason} (${formatTime(v.createdAt)})`;
}

export function formatTime(t: number): string {
  return new Date(t).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Today as an ISO date (YYYY-MM-DD) in the person's time zone. */
export function todayIso(now = new Date()): string {
  const d = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 10);
}

/**
 * Back from a version to the live board: reads the map again first (the live board mounts afresh
 * with it), then stops browsing.
 */
export async function leaveVersion(mapId: string, onMapChange: (map: JourneyMap) => void, api: JourneyboardApi = realApi): Promise<void> {
  if (!useHistoryView.getState().browsing) return;
  try {
    onMapChange(await api.call('maps.get', { id: mapId }));
  } finally {
    setBrowsing(null);
  }
}
