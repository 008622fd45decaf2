/**
 * Autosave: batches the board's changes, coalesces them per note id, sends each batch as at most
 * one create, one update and one delete call, and retries a failed write with backoff. Nothing is
 * dropped: a failed batch is merged back under anything queued since. The clock and the transport
 * are injected so the policy is tested without timers or a server.
 */
import type { BoardNote, NoteChange, NoteFieldPatch } from './history';

/** What one note needs written, after coalescing. */
export type PendingOp =
  | { kind: 'create'; note: BoardNote }
  | { kind: 'update'; patch: NoteFieldPatch }
  | { kind: 'delete' };

/** One call to the store. */
export type SaveCall =
  | { kind: 'create'; notes: BoardNote[] }
  | { kind: 'update'; patches: (NoteFieldPatch & { id: string })[] }
  | { kind: 'delete'; ids: string[] };

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type SaveStatus = 'saved' | 'saving' | 'error';

export interface SaveQueueOptions {
  send: (call: SaveCall) => Promise<unknown>;
  clock: Clock;
  /** Wait after the first queued change before sending, so one gesture is one batch. */
  delayMs?: number;
  /** First retry delay; doubles per failure up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Largest number of notes per call (the API takes at most 50,000). */
  chunkSize?: number;
  /** Largest JSON size of one call's notes, in characters (web mode refuses bodies over 1 MiB). */
  maxChars?: number;
}

/**
 * Combines an older pending op with a newer one for the same note; null means nothing to write
 * (created and deleted before either reached the store).
 */
export function mergeOps(older: PendingOp | undefined, newer: PendingOp): PendingOp | null {
  if (!older) return newer;
  switch (older.kind) {
    case 'create':
      if (newer.kind === 'update') return { kind: 'create', note: { ...older.note, ...newer.patch } };
      if (newer.kind === 'delete') return null;
      return newer;
    case 'update':
      if (newer.kind === 'update') return { kind: 'update', patch: { ...older.patch, ...newer.patch } };
      if (newer.kind === 'delete') return newer;
      return { kind: 'update', patch: withoutId(newer.note) };
    case 'delete':
      // Deleted then re-created (undo) before the delete was sent: the store still has the note,
      // so the net effect is to overwrite every field.
      if (newer.kind === 'create') return { kind: 'update', patch: withoutId(newer.note) };
      return older;
  }
}

function withoutId(note: BoardNote): NoteFieldPatch {
  const { id: _id, ...rest } = note;
  return rest;
}

function toOp(change: NoteChange): [string, PendingOp] {
  if (change.op === 'create') return [change.note.id, { kind: 'create', note: change.note }];
  if (change.op === 'update') return [change.id, { kind: 'update', patch: change.patch }];
  return [change.id, { kind: 'delete' }];
}

export class SaveQueue {
  private pending = new Map<string, PendingOp>();
  private timer: unknown = null;
  private inFlight = false;
  private failures = 0;
  private lastError: unknown = null;
  private flushAfter = false;
  private listeners = new Set<(status: SaveStatus) => void>();
  private idleWaiters: (() => void)[] = [];
  private readonly opts: Required<SaveQueueOptions>;

  constructor(options: SaveQueueOptions) {
    this.opts = { delayMs: 100, retryMs: 500, maxRetryMs: 15_000, chunkSize: 5_000, maxChars: 400_000, ...options };
  }

  /** Saved, Saving… (changes queued or in flight), or the last write failed and will be retried. */
  get status(): SaveStatus {
    if (this.lastError) return 'error';
    return this.pending.size > 0 || this.inFlight ? 'saving' : 'saved';
  }

  get error(): unknown {
    return this.lastError;
  }

  /** Notes with changes not yet written (queued or in flight counts only queued). */
  get pendingCount(): number {
    return this.pending.size;
  }

  subscribe(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enqueue(changes: readonly NoteChange[]): void {
    if (changes.length === 0) return;
    for (const change of changes) {
      const [id, op] = toOp(change);
      this.put(id, op);
    }
    this.emit();
    if (this.timer === null && !this.inFlight) this.timer = this.opts.clock.setTimeout(() => this.run(), this.opts.delayMs);
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

  private put(id: string, op: PendingOp): void {
    const merged = mergeOps(this.pending.get(id), op);
    if (merged) this.pending.set(id, merged);
    else this.pending.delete(id);
  }

  private emit(): void {
    const s = this.status;
    for (const l of this.listeners) l(s);
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.inFlight || this.pending.size === 0) {
      this.settleIdle();
      return;
    }
    const batch = this.pending;
    this.pending = new Map();
    this.inFlight = true;
    this.emit();

    const creates: BoardNote[] = [];
    const updates: (NoteFieldPatch & { id: string })[] = [];
    const deletes: string[] = [];
    for (const [id, op] of batch) {
      if (op.kind === 'create') creates.push(op.note);
      else if (op.kind === 'update') updates.push({ ...op.patch, id });
      else deletes.push(id);
    }
    const calls: SaveCall[] = [
      ...this.chunk(creates).map((notes): SaveCall => ({ kind: 'create', notes })),
      ...this.chunk(updates).map((patches): SaveCall => ({ kind: 'update', patches })),
      ...this.chunk(deletes).map((ids): SaveCall => ({ kind: 'delete', ids })),
    ];

    let done = 0;
    try {
      for (const call of calls) {
        await this.opts.send(call);
        done++;
      }
      this.failures = 0;
      this.lastError = null;
    } catch (err) {
      // Put back what was not written, under anything queued meanwhile (which is newer).
      const newer = this.pending;
      this.pending = new Map();
      for (const call of calls.slice(done)) {
        if (call.kind === 'create') for (const note of call.notes) this.put(note.id, { kind: 'create', note });
        else if (call.kind === 'update') for (const { id, ...patch } of call.patches) this.put(id, { kind: 'update', patch });
        else for (const id of call.ids) this.put(id, { kind: 'delete' });
      }
      for (const [id, op] of newer) this.put(id, op);
      this.failures++;
      this.lastError = err ?? new Error('write failed');
    }
    this.inFlight = false;

    if (this.lastError) {
      const wait = Math.min(this.opts.maxRetryMs, this.opts.retryMs * 2 ** (this.failures - 1));
      this.timer = this.opts.clock.setTimeout(() => this.run(), this.flushAfter ? 0 : wait);
      this.flushAfter = false;
    } else if (this.pending.size > 0) {
      this.timer = this.opts.clock.setTimeout(() => this.run(), this.flushAfter ? 0 : this.opts.delayMs);
      this.flushAfter = false;
    }
    this.emit();
    this.settleIdle();
  }

  /** Splits items into calls of at most `chunkSize` items and about `maxChars` of JSON. */
  private chunk<T>(items: T[]): T[][] {
    const out: T[][] = [];
    let current: T[] = [];
    let chars = 0;
    for (const item of items) {
      const size = JSON.stringify(item).length + 1;
      if (current.length > 0 && (current.length >= this.opts.chunkSize || chars + size > this.opts.maxChars)) {
        out.push(current);
        current = [];
        chars = 0;
      }
      current.push(item);
      chars += size;
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  private settleIdle(): void {
    if (this.pending.size > 0 || this.inFlight) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
