/**
 * Sends the outbox (`outbox.ts`), one entry at a time, and keeps it in localStorage after every
 * change. An entry leaves the outbox only when the server answered ok; a timeout or no network
 * sends it again later (waiting longer each time, or as long as the rate limit asks), and coming
 * back online sends at once. Entries the server has taken stay on show until a room state that
 * includes them arrives, so a note never blinks out between the answer and the next state.
 */
import type { RoomState } from '../../shared/room/contract';
import { backoffDelay } from './backoff';
import * as ob from './outbox';
import type { CallOutcome } from './roomApi';

const RETRY_BACKOFF = { baseMs: 1_000, maxMs: 30_000 };
/** How long a taken entry stays on show at most while no state confirms it. */
const SETTLED_MS = 10_000;

export type SendOp = (token: string, op: ob.OutboxOp) => Promise<CallOutcome<unknown>>;

/** Persists the outbox; false when the browser would not keep it. */
export type SaveOutbox = (box: ob.Outbox) => boolean;

/** What the sender tells the page while it holds a token. */
export interface SenderEvents {
  /** The token is void (the room closed). */
  onUnauthorized(message: string): void;
  /** The server took an entry: read the room again. */
  onTaken(): void;
}

const NO_EVENTS: SenderEvents = { onUnauthorized: () => {}, onTaken: () => {} };

export class OutboxSender {
  private box: ob.Outbox;
  private settled: { entry: ob.OutboxEntry; at: number }[] = [];
  private token: string | null = null;
  private events: SenderEvents = NO_EVENTS;
  private busy = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  /** What the page shows: the outbox plus what the server took but no state confirmed yet. */
  private snapshot: ob.Outbox;
  /** False when the browser refused to keep the outbox (storage full or off). */
  stored = true;
  /** Why notes are waiting (the rate limit's sentence, no connection), or null while they go through. */
  private problem: string | null = null;

  constructor(
    initial: ob.Outbox,
    private readonly send: SendOp,
    private readonly save: SaveOutbox,
    private readonly now: () => number = Date.now,
  ) {
    this.box = initial;
    this.snapshot = initial;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** The outbox as shown (stable between changes, for useSyncExternalStore). */
  getSnapshot = (): ob.Outbox => this.snapshot;

  /** Why notes are waiting now (the server's sentence, e.g. the rate limit), or null. */
  getProblem = (): string | null => this.problem;

  /** The entries still waiting for the server. */
  pending(): ob.Outbox {
    return this.box;
  }

  /** Starts sending with this token (a join, or a session resumed), or stops (null). */
  setToken(token: string | null, events: SenderEvents = NO_EVENTS): void {
    this.token = token;
    this.events = token ? events : NO_EVENTS;
    if (token) this.pump();
    else this.clearTimer();
  }

  enqueue(op: ob.OutboxOp): void {
    this.change(ob.enqueue(this.box, op, this.now()));
    this.pump();
  }

  /** Online again, or the page is visible again: send everything now. */
  wake(): void {
    this.change(ob.wakeAll(this.box, this.now()));
    this.pump();
  }

  retry(id: string): void {
    this.change(ob.retryRefused(this.box, id, this.now()));
    this.pump();
  }

  discard(id: string): void {
    this.change(ob.discard(this.box, id));
  }

  /** A room state arrived: what it confirms no longer needs to be on show. */
  reconcile(room: RoomState): void {
    const now = this.now();
    const mine = new Set(room.myNotes.map((n) => n.id));
    const before = this.settled.length;
    this.settled = this.settled.filter(({ entry, at }) => {
      if (now - at > SETTLED_MS) return false;
      if (entry.op.kind === 'add') return !mine.has(entry.op.id);
      if (entry.op.kind === 'withdraw') return mine.has(entry.op.id);
      return false;
    });
    if (this.settled.length !== before) this.publish();
  }

  stop(): void {
    this.token = null;
    this.events = NO_EVENTS;
    this.clearTimer();
  }

  private change(box: ob.Outbox): void {
    this.box = box;
    this.stored = this.save(box);
    this.publish();
  }

  private publish(): void {
    const settled = this.settled.map((s) => s.entry).filter((e) => !this.box.entries.some((x) => x.seq === e.seq));
    // A taken entry shows as sent: it sits before the waiting ones, with nothing in flight.
    this.snapshot = settled.length ? { ...this.box, entries: [...settled, ...this.box.entries] } : this.box;
    for (const fn of this.listeners) fn();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.busy || !this.token) return;
    const now = this.now();
    const entry = ob.nextToSend(this.box, now);
    this.clearTimer();
    if (!entry) {
      if (this.problem !== null && !this.box.entries.some((e) => e.refused === null)) {
        this.problem = null;
        this.publish();
      }
      const wake = ob.nextWakeAt(this.box);
      if (wake !== null) this.timer = setTimeout(() => this.pump(), Math.max(50, wake - now));
      return;
    }
    const token = this.token;
    this.busy = true;
    this.change(ob.markSent(this.box, entry.seq, now));
    void this.send(token, entry.op).then((outcome) => {
      this.busy = false;
      const at = this.now();
      // Edits never fold into an entry under way (outbox.enqueue), so what was sent is what is there.
      const current = this.box.entries.find((e) => e.seq === entry.seq);
      if (!current) return this.pump();
      switch (outcome.kind) {
        case 'ok':
          this.problem = null;
          this.settled.push({ entry: { ...current, sentAt: null, taken: true }, at });
          this.change(ob.markDone(this.box, entry.seq));
          this.events.onTaken();
          break;
        case 'retry':
          this.problem = outcome.message;
          this.change(
            ob.markRetry(this.box, entry.seq, at, outcome.waitMs ?? backoffDelay(current.attempts - 1, RETRY_BACKOFF)),
          );
          break;
        case 'refused':
          this.change(ob.markRefused(this.box, entry.seq, outcome.message));
          break;
        case 'unauthorized': {
          // Keep the entry: joining the room again sends it.
          this.change(ob.markRetry(this.box, entry.seq, at, 0));
          const { onUnauthorized } = this.events;
          this.stop();
          onUnauthorized(outcome.message);
          return;
        }
      }
      this.pump();
    });
  }
}
