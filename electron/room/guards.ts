/**
 * The room's two counters, on an injected clock so tests can step through a minute at once:
 * a token bucket per participant (notes a minute with a burst), and the PIN lock (too many wrong
 * PINs from anywhere lock joining for a while).
 */

export type Clock = () => number;

/**
 * A token bucket: holds at most `burst` tokens and gains `perMinute` a minute. A phone that was
 * offline and sends its 20 queued notes at once spends its burst; a flood runs dry and is refused
 * until the bucket refills.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: Clock,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) * this.perMinute) / 60_000);
    this.at = t;
  }

  /** Takes one token if there is one. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole seconds until the next token (for the message and Retry-After). */
  secondsUntilNext(): number {
    this.refill();
    return Math.max(1, Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute / 1000));
  }
}

/** Wrong PINs from anywhere: `max` within `windowMs` locks joining for `lockMs`. */
export class PinLock {
  private wrong: number[] = [];
  private until: number | null = null;
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly lockMs: number,
    private readonly now: Clock,
  ) {}

  /** When joining is locked until (ms since the epoch), or null when it is not. */
  lockedUntil(): number | null {
    if (this.until !== null && this.now() >= this.until) {
      this.until = null;
      this.wrong = [];
    }
    return this.until;
  }

  /** Counts a wrong PIN; true when it locks joining. */
  fail(): boolean {
    const t = this.now();
    this.wrong = this.wrong.filter((at) => t - at < this.windowMs);
    this.wrong.push(t);
    if (this.wrong.length >= this.max) {
      this.until = t + this.lockMs;
      return true;
    }
    return false;
  }
}

/**
 * Note ids a participant has already been charged for, so a phone resending the same note after a
 * timeout (which stores nothing new) does not spend its budget twice. Bounded: the oldest go first.
 */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 256) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
  }
}
