/** History of a map (issue 15): record-level deltas, the comparison of two versions, the thinning policy. */
export * from './delta';
export * from './compare';
export * from './thinning';

/** One saved version as `versions.list` returns it (no document). */
export interface VersionSummary {
  id: string;
  mapId: string;
  /** What a person called it; null for an automatic version. */
  label: string | null;
  /** Saved by Journeyboard (hourly, before a restore or an import, after a workshop step), not by hand. */
  auto: boolean;
  /** Who or what made it, in words ("You", "Before restoring …", "Hourly while the map changed"). */
  reason: string;
  createdAt: number;
  noteCount: number;
  painPointCount: number;
  voteCount: number;
  /** Bytes it takes in the store (compressed; a change-only version is small). */
  storedBytes: number;
}
export * from './restore';
