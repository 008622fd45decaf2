/**
 * Autosave for every record: coalesces the board's changes per record, sends them as
 * `changes.apply` batches measured in bytes, and never lets one bad change hold back the others.
 *
 * - A failure that may pass (the network, a busy or restarting store, a full disk) is retried
 *   with backoff; nothing is dropped.
 * - A permanent refusal of one change (`not_found`, `invalid_input`, `conflict`, `too_large`, and a
 *   vote's `limit` or `closed`) is not retried: that change alone is dropped (the one at the
 *   error's `index`, or found by splitting the batch when there is none), every other change is
 *   sent again, and the dropped
 *   change is reported so the board reloads what is stale and tells the person.
 * - A refusal no change can fix (`unauthorized`, `unknown_method`, `newer_schema`) keeps every
 *   change and waits for `flush()` or the next edit.
 *
 * The clock and the transport are injected so the policy is tested without timers or a server.
 */
import type { ErrorCode } from '../errors';
import { API_BODY_MAX_BYTES, BATCH_MAX } from '../limits';
import { changeKey, RECORD_TYPES, type Change, type ChangeTarget } from './history';

/** What one record needs written, after coalescing. */
export type PendingOp<V = Record<string, unknown>> = { kind: 'create'; value: V } | { kind: 'update'; patch: Partial<V> } | { kind: 'delete' };

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type SaveStatus = 'saved' | 'saving' | 'error';

/** A change the store refused for good, and why. */
export interface DroppedChange {
  change: Change;
  code: ErrorCode;
  message: string;
  /**
   * For `not_found`: whether the record itself is gone, a record it points at (a note's stage),
   * or the whole map.
   */
  gone?: 'record' | 'reference' | 'map';
}

export interface SaveQueueOptions {
  /** Writes one batch in one transaction (`changes.apply`); rejects with the store's error. */
  send: (changes: Change[]) => Promise<unknown>;
  clock: Clock;
  /** Wait after the first queued change before sending, so one gesture is one batch. */
  delayMs?: number;
  /** First retry delay; doubles per failure up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Most changes in one batch. */
  maxChanges?: number;
  /**
   * Most UTF-8 bytes of one batch's changes as JSON. The web server refuses bodies over
   * `API_BODY_MAX_BYTES`; the default leaves 64 KiB for the rest of the request.
   */
  maxBytes?: number;
}

/** How the queue treats a failed write. */
export type FailureKind = 'permanent' | 'transient' | 'blocked';

const PERMANENT = new Set<string>(['not_found', 'invalid_input', 'conflict', 'too_large', 'limit', 'closed']);
const BLOCKED = new Set<string>(['unauthorized', 'unknown_method', 'newer_schema']);

/** The error code of a thrown store error, or null for anything else (a network failure). */
export function errorCode(err: unknown): string | null {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

/** Whether a failed write should be retried (transient), dropped change by change (permanent), or held. */
export function failureKind(err: unknown): FailureKind {
  const code = errorCode(err);
  if (code !== null && PERMANENT.has(code)) return 'permanent';
  if (code !== null && BLOCKED.has(code)) return 'blocked';
  return 'transient';
}

function failedIndex(err: unknown): number | undefined {
  const index = typeof err === 'object' && err !== null ? (err as { index?: unknown }).index : undefined;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : undefined;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  const m = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : String(err);
}

/** UTF-8 length of a string, without allocating it (what TextEncoder would give). */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Bytes a change takes in a batch's JSON (with its separating comma). */
export function changeBytes(change: Change): number {
  const json = JSON.stringify(change);
  // Most changes (moves, resizes, colours) are ASCII: one byte a character, no loop.
  return (NON_ASCII.test(json) ? utf8Length(json) : json.length) + 1;
}

/**
 * Combines an older pending op with a newer one for the same record; null means nothing to write
 * (created and deleted before either reached the store).
 */
export function mergeOps<V>(older: PendingOp<V> | undefined, newer: PendingOp<V>): PendingOp<V> | null {
  if (!older) return newer;
  switch (older.kind) {
    case 'create':
      if (newer.kind === 'update') return { kind: 'create', value: { ...older.value, ...newer.patch } };
      if (newer.kind === 'delete') return null;
      return newer;
    case 'update':
      if (newer.kind === 'update') return { kind: 'update', patch: { ...older.patch, ...newer.patch } };
      if (newer.kind === 'delete') return newer;
      return { kind: 'update', patch: newer.value };
    case 'delete':
      // Deleted then re-created (undo) before the delete was sent: the store still has the
      // record, so the net effect is to overwrite every field.
      if (newer.kind === 'create') return { kind: 'update', patch: newer.value };
      return older;
  }
}

interface Entry {
  type: ChangeTarget;
  id: string;
  op: PendingOp;
  /** The change as queued, while nothing was merged into it (sent as it is). */
  change?: Change;
}

function toEntry(change: Change): Entry {
  const op: PendingOp =
    change.op === 'create'
      ? { kind: 'create', value: change.value as Record<string, unknown> }
      : change.op === 'update'
        ? { kind: 'update', patch: change.patch as Record<string, unknown> }
        : { kind: 'delete' };
  return { type: change.type, id: change.id, op, change };
}

function toChange(e: Entry): Change {
  if (e.change) return e.change;
  if (e.op.kind === 'create') return { type: e.type, op: 'create', id: e.id, value: e.op.value } as Change;
  if (e.op.kind === 'update') return { type: e.type, op: 'update', id: e.id, patch: e.op.patch } as Change;
  return { type: e.type, op: 'delete', id: e.id } as Change;
}

/**
 * The order a batch is written in: creates first, a record before those that point at it (a stage
 * before the notes in it); then updates, so an update may point at anything the batch creates, and
 * a change that closes something (a voting round) lands after what was made while it was open (a
 * dot cast just before Close); the map header's after every record's (the persona it is for exists
 * by then); deletes last and in the reverse order (a stage's notes leave it before the stage goes).
 */
function writeRank(c: Change): number {
  const n = RECORD_TYPES.length;
  if (c.type === 'map') return 2 * n;
  const t = RECORD_TYPES.indexOf(c.type);
  if (c.op === 'create') return t;
  return c.op === 'update' ? n + t : 3 * n - t;
}

export class SaveQueue {
  private pending = new Map<string, Entry>();
  private timer: unknown = null;
  private inFlight = false;
  /** The records of the write in flight (`type:id`), until it has landed or been put back. */
  private sending = new Set<string>();
  private failures = 0;
  private lastError: unknown = null;
  private blocked = false;
  private flushAfter = false;
  /** While a refused batch with no `index` is searched: the most changes in the next batch. */
  private splitCap: number | null = null;
  private listeners = new Set<(status: SaveStatus) => void>();
  private dropListeners = new Set<(dropped: DroppedChange[]) => void>();
  private idleWaiters: (() => void)[] = [];
  private readonly opts: Required<SaveQueueOptions>;

  constructor(options: SaveQueueOptions) {
    this.opts = {
      delayMs: 100,
      retryMs: 500,
      maxRetryMs: 15_000,
      maxChanges: 5_000,
      maxBytes: API_BODY_MAX_BYTES - 64 * 1024,
      ...options,
    };
    this.opts.maxChanges = Math.min(this.opts.maxChanges, BATCH_MAX);
  }

  /** Saved, Saving… (changes queued or in flight), or the last write failed and is waiting. */
  get status(): SaveStatus {
    if (this.lastError) return 'error';
    return this.pending.size > 0 || this.inFlight ? 'saving' : 'saved';
  }

  /** Why the last write failed, while the queue waits to retry it (else null). */
  get error(): unknown {
    return this.lastError;
  }

  /** Records with changes queued and not yet sent (a write in flight is not counted). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Whether a change to this record is queued and not yet sent. */
  isPending(type: ChangeTarget, id: string): boolean {
    return this.pending.has(changeKey({ type, id }));
  }

  /** Whether a change to this record is queued or in the write in flight (not yet known to have landed). */
  isQueued(type: ChangeTarget, id: string): boolean {
    const key = changeKey({ type, id });
    return this.pending.has(key) || this.sending.has(key);
  }

  subscribe(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with every change the store refused for good (each change once). */
  onDrop(listener: (dropped: DroppedChange[]) => void): () => void {
    this.dropListeners.add(listener);
    return () => this.dropListeners.delete(listener);
  }

  enqueue(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    for (const change of changes) this.put(toEntry(change));
    this.emit();
    this.schedule(this.opts.delayMs);
  }

  /** Sends what is queued now (page hidden or closing), cutting short a wait or a backoff. */
  flush(): void {
    if (this.inFlight) {
      this.flushAfter = true;
      return;
    }
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    void this.run();
  }

  /** Resolves once nothing is queued or in flight. */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(ms: number): void {
    if (this.timer !== null || this.inFlight) return;
    this.timer = this.opts.clock.setTimeout(() => void this.run(), ms);
  }

  private put(entry: Entry): void {
    const key = changeKey(entry);
    const older = this.pending.get(key);
    if (!older) {
      this.pending.set(key, entry);
      return;
    }
    const merged = mergeOps(older.op, entry.op);
    if (merged) this.pending.set(key, { type: entry.type, id: entry.id, op: merged });
    else this.pending.delete(key);
  }

  /** Puts `unsent` back under what was queued since (which is newer). */
  private putBack(unsent: readonly Change[]): void {
    const newer = this.pending;
    this.pending = new Map();
    for (const c of unsent) this.put(toEntry(c));
    for (const e of newer.values()) this.put(e);
  }

  private emit(): void {
    const s = this.status;
    for (const l of this.listeners) l(s);
  }

  private reportDropped(dropped: DroppedChange[]): void {
    if (dropped.length === 0) return;
    for (const l of this.dropListeners) l(dropped);
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.inFlight || this.pending.size === 0) {
      this.settleIdle();
      return;
    }
    const entries = [...this.pending.values()];
    this.sending = new Set(this.pending.keys());
    this.pending = new Map();
    this.inFlight = true;
    this.emit();

    const changes = entries.map(toChange);
    // A stable sort: within a rank, the order the changes were queued in.
    changes.sort((a, b) => writeRank(a) - writeRank(b));
    const { batches, tooLarge } = this.cut(changes);
    const dropped: DroppedChange[] = tooLarge.map((change) => ({
      change,
      code: 'too_large',
      message: `It is larger than the ${Math.round(this.opts.maxBytes / 1024)} KB one save may carry.`,
    }));

    let outcome: 'done' | 'resend' | 'retry' | 'hold' = 'done';
    let error: unknown = null;
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b]!;
      try {
        await this.opts.send(batch);
        continue;
      } catch (err) {
        error = err ?? new Error('The write failed.');
      }
      const later = batches.slice(b + 1).flat();
      const kind = failureKind(error);
      if (kind !== 'permanent') {
        this.putBack([...batch, ...later]);
        outcome = kind === 'transient' ? 'retry' : 'hold';
        break;
      }
      const given = failedIndex(error);
      const at = given !== undefined && given < batch.length ? given : undefined;
      const code = errorCode(error) as ErrorCode;
      if (at === undefined && code === 'not_found') {
        // No change named: the map itself is gone, and every change to it with it.
        for (const change of [...batch, ...later]) dropped.push({ change, code, message: messageOf(error), gone: 'map' });
        outcome = 'resend';
        break;
      }
      if (at === undefined && batch.length > 1) {
        // No position given: send halves until the one that fails is alone.
        this.splitCap = Math.ceil(batch.length / 2);
        this.putBack([...batch, ...later]);
        outcome = 'resend';
        break;
      }
      const i = at ?? 0;
      const failed = batch[i]!;
      const rest = batch.filter((_, k) => k !== i);
      if (code === 'conflict' && failed.op === 'create') {
        // The record exists: most likely an earlier try landed and its answer was lost. Write
        // every field over it instead.
        rest.push({ type: failed.type, op: 'update', id: failed.id, patch: failed.value } as Change);
      } else if (!(code === 'not_found' && failed.op === 'delete')) {
        // (Deleting a record that is already gone is what the person asked for: not a loss.)
        const message = messageOf(error);
        // The store names the change itself ("changes[3] (update note "n1")") and then what is missing ("no stage "s9"").
        const gone = code !== 'not_found' ? undefined : message.includes(`no ${failed.type} "${failed.id}"`) ? 'record' : 'reference';
        dropped.push({ change: failed, code, message, ...(gone ? { gone } : {}) });
      }
      this.splitCap = null;
      this.putBack([...rest, ...later]);
      outcome = 'resend';
      break;
    }
    this.inFlight = false;
    this.sending = new Set();

    if (outcome === 'retry' || outcome === 'hold') {
      this.failures++;
      this.lastError = error;
      this.blocked = outcome === 'hold';
    } else {
      this.failures = 0;
      this.lastError = null;
      this.blocked = false;
    }
    if (this.pending.size === 0) this.splitCap = null;

    const now = this.flushAfter;
    this.flushAfter = false;
    if (outcome === 'retry') {
      const wait = Math.min(this.opts.maxRetryMs, this.opts.retryMs * 2 ** (this.failures - 1));
      this.schedule(now ? 0 : wait);
    } else if (outcome === 'resend') {
      this.schedule(0);
    } else if (outcome === 'done' && this.pending.size > 0) {
      this.schedule(now ? 0 : this.opts.delayMs);
    } else if (outcome === 'hold' && now) {
      // A held queue (the store refuses every write) tries again on a flush or a new edit, not on a timer loop.
      this.schedule(0);
    }
    // Dropped changes first: a listener that waits for the status to settle then hears both.
    this.reportDropped(dropped);
    this.emit();
    this.settleIdle();
  }

  /**
   * Cuts changes into batches of at most `maxChanges` changes and `maxBytes` bytes (the split cap
   * lowers the count while a refused batch is searched). A change too large to send alone is
   * returned apart: sending it would be refused every time.
   */
  private cut(changes: Change[]): { batches: Change[][]; tooLarge: Change[] } {
    const maxCount = Math.max(1, Math.min(this.opts.maxChanges, this.splitCap ?? Infinity));
    const batches: Change[][] = [];
    const tooLarge: Change[] = [];
    let current: Change[] = [];
    let bytes = 2;
    for (const change of changes) {
      const size = changeBytes(change);
      if (size + 2 > this.opts.maxBytes) {
        tooLarge.push(change);
        continue;
      }
      if (current.length > 0 && (current.length >= maxCount || bytes + size > this.opts.maxBytes)) {
        batches.push(current);
        current = [];
        bytes = 2;
      }
      current.push(change);
      bytes += size;
    }
    if (current.length > 0) batches.push(current);
    return { batches, tooLarge };
  }

  /** Whether the store refuses every write until something outside the queue changes. */
  get held(): boolean {
    return this.blocked;
  }

  private settleIdle(): void {
    if (this.pending.size > 0 || this.inFlight) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

const NOUN: Record<ChangeTarget, [string, string]> = {
  map: ['map setting', 'map settings'],
  note: ['note', 'notes'],
  stage: ['stage', 'stages'],
  lane: ['lane', 'lanes'],
  persona: ['persona', 'personas'],
  participant: ['participant', 'participants'],
  round: ['voting round', 'voting rounds'],
  vote: ['vote', 'votes'],
  metric: ['metric', 'metrics'],
  step: ['workshop step', 'workshop steps'],
  emotionScore: ['emotion score', 'emotion scores'],
  stepDone: ['done mark', 'done marks'],
};

function countWord(n: number): string {
  return n === 1 ? 'One' : n.toLocaleString('en-US');
}

function reason(d: DroppedChange, one: boolean): string {
  const { code, message } = d;
  switch (code) {
    case 'not_found':
      if (d.gone === 'map') return 'the map was deleted in another window';
      if (d.gone === 'reference') return `the stage, lane or persona ${one ? 'it refers' : 'they refer'} to was deleted in another window`;
      return one ? 'it was deleted in another window' : 'they were deleted in another window';
    case 'conflict':
      return one ? 'it clashes with a change made in another window' : 'they clash with changes made in another window';
    case 'too_large':
      return one ? 'it is too large to save' : 'they are too large to save';
    default: {
      const why = message.trim().replace(/\.$/, '');
      return why ? `the store refused ${one ? 'it' : 'them'} (${why})` : `the store refused ${one ? 'it' : 'them'}`;
    }
  }
}

/**
 * One sentence for the person: what could not be saved and why ("One note could not be saved: it
 * was deleted in another window.").
 */
export function dropSentence(dropped: readonly DroppedChange[]): string {
  if (dropped.length === 0) return '';
  const counts = new Map<ChangeTarget, number>();
  for (const d of dropped) counts.set(d.change.type, (counts.get(d.change.type) ?? 0) + 1);
  const parts = [...counts].map(([type, n], i) => {
    const count = countWord(n);
    return `${i === 0 ? count : count.toLowerCase()} ${NOUN[type][n === 1 ? 0 : 1]}`;
  });
  const subject = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
  const one = dropped.length === 1;
  const kinds = new Set(dropped.map((d) => `${d.code} ${d.gone ?? ''}`));
  const why = kinds.size === 1 ? reason(dropped[0]!, one) : 'they were deleted in another window or refused by the store';
  return `${subject} could not be saved: ${why}.`;
}
