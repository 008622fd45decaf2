/**
 * When to try the room again after the live connection dropped: quickly at first (a blip in the
 * Wi-Fi), then less and less often, with some randomness so fifty phones that lost the network
 * together do not all knock at the same moment. Pure; `random` is injected for tests.
 */

export interface BackoffOptions {
  /** The first wait (ms). */
  baseMs: number;
  /** The longest wait (ms). */
  maxMs: number;
}

export const LIVE_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };

/**
 * The wait before attempt `attempt` (0 = the first retry): base * 2^attempt, capped at max, then
 * scaled into [half, all] of that by `random()` (0 <= random() < 1).
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = LIVE_BACKOFF,
  random: () => number = Math.random,
): number {
  const n = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(n, 30));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
