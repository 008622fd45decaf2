// The room's counters on a stepped clock: the token bucket lets a burst through and then refills at
// its rate; the PIN lock locks after the tenth wrong PIN in a minute and unlocks a minute later.
import { describe, expect, it } from 'vitest';
import { PinLock, RecentIds, TokenBucket } from '../../../electron/room/guards';

describe('TokenBucket', () => {
  it('lets a burst pass, refuses the next, and refills at the rate a minute', () => {
    let t = 0;
    const bucket = new TokenBucket(60, 20, () => t);
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    expect(bucket.secondsUntilNext()).toBe(1);
    t += 1000;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    t += 60_000;
    let passed = 0;
    while (bucket.take()) passed++;
    expect(passed).toBe(20);
  });
});

describe('PinLock', () => {
  it('locks on the tenth wrong PIN within a minute and unlocks after the lock', () => {
    let t = 1_000_000;
    const lock = new PinLock(10, 60_000, 60_000, () => t);
    for (let i = 0; i < 9; i++) {
      expect(lock.fail()).toBe(false);
      t += 1000;
    }
    expect(lock.lockedUntil()).toBeNull();
    expect(lock.fail()).toBe(true);
    expect(lock.lockedUntil()).toBe(t + 60_000);
    t += 59_999;
    expect(lock.lockedUntil()).not.toBeNull();
    t += 1;
    expect(lock.lockedUntil()).toBeNull();
    // The count starts again after the lock.
    expect(lock.fail()).toBe(false);
  });

  it('forgets wrong PINs older than the window', () => {
    let t = 0;
    const lock = new PinLock(10, 60_000, 60_000, () => t);
    for (let i = 0; i < 9; i++) lock.fail();
    t += 60_000;
    expect(lock.fail()).toBe(false);
  });
});

describe('RecentIds', () => {
  it('remembers at most its size, forgetting the oldest', () => {
    const ids = new RecentIds(2);
    ids.add('a');
    ids.add('b');
    ids.add('c');
    expect([ids.has('a'), ids.has('b'), ids.has('c')]).toEqual([false, true, true]);
  });
});
