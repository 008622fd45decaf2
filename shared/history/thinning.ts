/**
 * Which automatic versions of a map to let go as they age: every version of the last day, then the
 * newest of each day for a month, then the newest of each week. Versions a person labelled are
 * never dropped, nor the newest version of the map.
 */

export interface VersionStamp {
  id: string;
  createdAt: number;
  /** A person gave it a label: kept for good. */
  labelled: boolean;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Every version younger than this is kept. */
export const KEEP_ALL_MS = DAY_MS;
/** Up to this age one version per calendar day is kept; older ones, one per week. */
export const KEEP_DAILY_MS = 30 * DAY_MS;

/**
 * The ids to drop. `utcOffsetMinutes` places calendar days and weeks in the person's time zone
 * (minutes east of UTC); weeks start on Monday.
 */
export function versionsToDrop(versions: readonly VersionStamp[], now: number, utcOffsetMinutes = 0): string[] {
  const newestFirst = [...versions].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const seen = new Set<string>();
  const drop: string[] = [];
  const offset = utcOffsetMinutes * 60_000;
  newestFirst.forEach((v, i) => {
    const age = now - v.createdAt;
    if (i === 0 || v.labelled || age < KEEP_ALL_MS) return;
    const day = Math.floor((v.createdAt + offset) / DAY_MS);
    // 1 January 1970 was a Thursday: day + 3 makes Monday the first day of a week.
    const bucket = age < KEEP_DAILY_MS ? `d${day}` : `w${Math.floor((day + 3) / 7)}`;
    if (seen.has(bucket)) drop.push(v.id);
    else seen.add(bucket);
  });
  return drop;
}
