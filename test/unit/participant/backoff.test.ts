import { describe, expect, it } from 'vitest';
import { backoffDelay, LIVE_BACKOFF } from '../../../renderer/participant/backoff';

describe('reconnect backoff', () => {
  it('doubles from the base up to the cap, between half and all of it', () => {
    const top = () => 0.999999;
    const bottom = () => 0;
    expect(backoffDelay(0, LIVE_BACKOFF, top)).toBe(500);
    expect(backoffDelay(1, LIVE_BACKOFF, top)).toBe(1_000);
    expect(backoffDelay(3, LIVE_BACKOFF, top)).toBe(4_000);
    expect(backoffDelay(50, LIVE_BACKOFF, top)).toBe(15_000);
    expect(backoffDelay(50, LIVE_BACKOFF, bottom)).toBe(7_500);
    expect(backoffDelay(0, LIVE_BACKOFF, bottom)).toBe(250);
  });

  it('spreads phones that dropped together over the window', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) seen.add(backoffDelay(4, LIVE_BACKOFF, () => i / 20));
    expect(seen.size).toBe(20);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(4_000);
    expect(Math.max(...seen)).toBeLessThanOrEqual(8_000);
  });

  it('treats a negative or fractional attempt as the nearest sensible one', () => {
    expect(backoffDelay(-3, LIVE_BACKOFF, () => 0.999999)).toBe(500);
    expect(backoffDelay(1.7, LIVE_BACKOFF, () => 0.999999)).toBe(1_000);
  });
});
