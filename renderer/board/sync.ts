/**
 * How the board's document reaches the store: every change the document applies to be saved goes
 * to the one save queue (`changes.apply` batches), the camera is saved a moment after it stops,
 * and a change the store refuses for good is answered by reading the records it named again and
 * telling the person in one sentence. No DOM: the transport, the clock and the way a sentence is
 * shown are given, so it is tested in Node.
 */
import type { ChangesSince, JourneyboardApi, StoreChangeEvent } from '../../shared/api';
import type { Camera, JourneyMap } from '../../shared/domain';
import { recordsOf, type StoredRecord } from '../../shared/records';
import { boardHeaderOf, changeKey, valueOf, type RecordType } from '../../shared/board/history';
import { dropSentence, errorCode, SaveQueue, type Clock, type DroppedChange, type SaveQueueOptions, type SaveStatus } from '../../shared/board/saveQueue';
import type { BoardDocument } from './document';

/** How the board hears the store's changes (`api.subscribe`): a callback per change heard, or `resync` after a drop. */
export type SubscribeFn = (mapId: string, cb: (change: StoreChangeEvent) => void) => () => void;

export interface LiveOptions {
  /** Least time from the end of one read of what changed to the start of the next (ms). */
  intervalMs?: number;
  /** Wait after a change heard when nothing was read lately, so the changes of one burst are read at once (ms). */
  delayMs?: number;
  /** After a failed read: wait this long before the next try (ms). */
  retryMs?: number;
  /** The clock's time in ms (default performance.now / Date.now). */
  now?: () => number;
}

export interface SyncOptions {
  mapId: string;
  api: JourneyboardApi;
  doc: BoardDocument;
  /** The camera as the store has it (so an unmoved camera is not written again). */
  camera?: Camera | null;
  /** Timers (default: the global ones). */
  clock?: Clock;
  /** Shows one sentence to the person (what could not be saved and why; a reload that failed). */
  notify?: (sentence: string) => void;
  /** Reports what the person need not see (the camera is session state: a failed save is retried by the next move). */
  warn?: (message: string, err: unknown) => void;
  /** How long after the camera stops it is saved. */
  cameraDelayMs?: number;
  /** The queue's timing and batch limits (tests). */
  queue?: Omit<SaveQueueOptions, 'send' | 'clock'>;
}

const realClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class BoardSync {
  readonly queue: SaveQueue;
  private readonly mapId: string;
  private readonly api: JourneyboardApi;
  private readonly doc: BoardDocument;
  private readonly clock: Clock;
  private readonly notify: (sentence: string) => void;
  private readonly warn: (message: string, err: unknown) => void;
  private readonly cameraDelayMs: number;
  private camera: Camera | null = null;
  private savedCamera: string;
  private cameraTimer: unknown = null;
  /** Refused changes not yet told and read again (kept until the queue settles: one sentence). */
  private stale: DroppedChange[] = [];
  private staleRead: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void)[] = [];
  // Live changes (see `live`): one read of what changed in flight at most, never beside a write.
  private liveStop: (() => void) | null = null;
  private live_: Required<LiveOptions> | null = null;
  /** The change feed and revision the document has every change up to (null: not known yet). */
  private feed: string | null = null;
  private revision = 0;
  /** Read the whole map next (after a drop of the live channel, or with no revision known). */
  private needFull = false;
  /** A change was heard that no read has covered yet. */
  private wanted = false;
  private liveTimer: unknown = null;
  private reading: Promise<void> | null = null;
  private readEnded = -Infinity;
  /** Writes (`changes.apply` batches) in flight: a read waits until none is. */
  private writing = 0;
  /** How many reads of what changed were made, and how many records they applied (tests, bench). */
  readonly liveStats = { reads: 0, full: 0, applied: 0 };

  constructor(options: SyncOptions) {
    this.mapId = options.mapId;
    this.api = options.api;
    this.doc = options.doc;
    this.clock = options.clock ?? realClock;
    this.notify = options.notify ?? (() => {});
    this.warn = options.warn ?? ((message, err) => console.warn(message, err));
    this.cameraDelayMs = options.cameraDelayMs ?? 400;
    this.savedCamera = JSON.stringify(options.camera ?? null);
    this.queue = new SaveQueue({
      ...options.queue,
      clock: this.clock,
      send: (changes) => this.write(changes),
    });
    this.unsubscribe.push(
      this.doc.onChange((e) => {
        if (e.save && e.changes.length > 0) this.queue.enqueue(e.changes);
      }),
      this.queue.onDrop((dropped) => {
        this.stale.push(...dropped);
        this.settleStale();
      }),
      this.queue.subscribe(() => this.settleStale()),
    );
  }

  // ------------------------------------------------------------ status

  /** Saved, Saving…, or the last write failed and waits to be retried. */
  get status(): SaveStatus {
    return this.queue.status;
  }

  /** Why the last write failed while it waits to be retried, as the store said it (else null). */
  get errorMessage(): string | null {
    const err = this.queue.error;
    return err ? messageOf(err) : null;
  }

  subscribe(listener: (status: SaveStatus) => void): () => void {
    return this.queue.subscribe(listener);
  }

  /**
   * True when some change would be lost if the page went now: queued behind a write still in
   * flight, or failing and waiting for a retry. (A write in flight is already on its way.)
   */
  hasUnsentChanges(): boolean {
    return this.queue.pendingCount > 0 || this.queue.status === 'error';
  }

  // ------------------------------------------------------------ saving

  /** Sends queued changes and the camera now (page hidden, closing, or the board unmounting). */
  flush(): void {
    this.queue.flush();
    this.saveCameraNow();
  }

  /** Resolves once nothing is queued or in flight and refused records have been read again. */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.queue.whenIdle();
      const reading = this.staleRead;
      await reading;
      if (this.queue.pendingCount === 0 && this.stale.length === 0 && reading === this.staleRead) return;
    }
  }

  /** Sends every queued change and waits until the store has them. */
  async saveAll(): Promise<void> {
    this.queue.flush();
    await this.whenIdle();
  }

  /** The camera moved: saved `cameraDelayMs` after it stops. */
  saveCamera(camera: Camera): void {
    this.camera = camera;
    if (this.cameraTimer !== null) this.clock.clearTimeout(this.cameraTimer);
    this.cameraTimer = this.clock.setTimeout(() => this.saveCameraNow(), this.cameraDelayMs);
  }

  /** Saves the last camera given now, unless the store has it already. */
  saveCameraNow(): void {
    if (this.cameraTimer !== null) this.clock.clearTimeout(this.cameraTimer);
    this.cameraTimer = null;
    const camera = this.camera;
    if (!camera) return;
    const json = JSON.stringify(camera);
    if (json === this.savedCamera) return;
    this.savedCamera = json;
    this.api.call('maps.setCamera', { id: this.mapId, camera }).catch((err: unknown) => {
      this.savedCamera = '';
      this.warn('Journeyboard could not remember the camera:', err);
    });
  }

  /**
   * Reads the whole map again from the store and replaces the document with it. Queued edits are
   * saved first, so nothing unsaved is lost; the undo history is cleared. False (and the person
   * told) when the store could not be read.
   */
  async reload(): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      await this.saveAll();
      let map: JourneyMap;
      try {
        map = await this.api.call('maps.get', { id: this.mapId });
      } catch (err) {
        this.notify(`The board could not be read again: ${messageOf(err)}`);
        return false;
      }
      // An edit made while the map was read: save it and read again (a few times at most).
      if (this.queue.pendingCount > 0 && attempt < 3) continue;
      this.doc.load(map);
      return true;
    }
  }

  /** Stops listening and saves what is left. */
  dispose(): void {
    this.stopLive();
    this.flush();
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  // ------------------------------------------------------------ live changes

  /**
   * Follows the store's changes to this map: each change heard (others' writes and the echo of
   * our own) leads to a read of the records written since the last revision read
   * (`changes.since`), merged into the document as the store's (`BoardDocument.merge`: no undo
   * step, nothing saved, a record with a local edit queued or in flight left alone). Changes are
   * coalesced: one read in flight at most, the next `intervalMs` after it ended. A read never runs
   * beside a write of ours (each waits for the other), so what it answers is never older than
   * what the board wrote. After a `resync` (the channel was down) the next read is the whole map.
   * The first read happens at once: what changed since the store's process started (the map the
   * board opened with may be older than the subscription). Returns a stop function.
   */
  live(subscribe: SubscribeFn, options: LiveOptions = {}): () => void {
    this.stopLive();
    const now = options.now ?? (typeof performance !== 'undefined' ? () => performance.now() : () => Date.now());
    this.live_ = { intervalMs: options.intervalMs ?? 250, delayMs: options.delayMs ?? 16, retryMs: options.retryMs ?? 2000, now };
    const off = subscribe(this.mapId, (e) => {
      if (e.resync) this.needFull = true;
      this.wanted = true;
      this.scheduleRead();
    });
    this.liveStop = off;
    this.wanted = true;
    this.scheduleRead();
    return () => this.stopLive();
  }

  stopLive(): void {
    this.liveStop?.();
    this.liveStop = null;
    this.live_ = null;
    if (this.liveTimer !== null) this.clock.clearTimeout(this.liveTimer);
    this.liveTimer = null;
  }

  /** Resolves once no read of what changed is due or in flight (tests). */
  async whenLiveIdle(): Promise<void> {
    for (;;) {
      if (this.reading) await this.reading;
      else if (this.liveTimer !== null || (this.live_ && this.wanted)) await new Promise((r) => setTimeout(r, 5));
      else return;
    }
  }

  /** One `changes.apply` batch, never while a read of what changed is in flight. */
  private async write(changes: Parameters<SaveQueueOptions['send']>[0]): Promise<unknown> {
    while (this.reading) await this.reading;
    this.writing++;
    try {
      return await this.api.call('changes.apply', { mapId: this.mapId, changes });
    } finally {
      this.writing--;
      // A read put off by this write: on a timer, so a batch that follows this one starts first.
      if (this.writing === 0 && this.wanted) this.scheduleRead();
    }
  }

  private scheduleRead(wait?: number): void {
    const live = this.live_;
    if (!live || this.liveTimer !== null || this.reading) return;
    const ms = wait ?? Math.max(live.delayMs, this.readEnded + live.intervalMs - live.now());
    this.liveTimer = this.clock.setTimeout(() => {
      this.liveTimer = null;
      void this.read();
    }, ms);
  }

  private async read(): Promise<void> {
    const live = this.live_;
    if (!live || this.reading || !this.wanted) return;
    // A write in flight: the read comes after it (write() schedules it).
    if (this.writing > 0) return;
    this.wanted = false;
    const full = this.needFull;
    this.needFull = false;
    let retry = false;
    let done!: () => void;
    this.reading = new Promise((r) => (done = r));
    try {
      const answer: ChangesSince = await this.api.call('changes.since', {
        mapId: this.mapId,
        revision: full ? null : this.revision,
        ...(this.feed ? { feed: this.feed } : {}),
      });
      this.liveStats.reads++;
      if (this.live_ !== live) return;
      this.feed = answer.feed;
      this.revision = answer.revision;
      const keep = (type: Parameters<SaveQueue['isQueued']>[0], id: string) => this.queue.isQueued(type, id);
      let applied;
      if (answer.map) {
        this.liveStats.full++;
        applied = this.doc.mergeMap(answer.map, keep);
      } else {
        applied = this.doc.merge(answer.records, answer.header ? boardHeaderOf(answer.header) : null, keep);
      }
      this.liveStats.applied += applied.length;
    } catch (err) {
      if (errorCode(err) === 'not_found') {
        // The map is gone: nothing more to follow (the map screen says so).
        this.stopLive();
        return;
      }
      this.needFull ||= full;
      this.wanted = true;
      retry = true;
      this.warn('Journeyboard could not read what changed on the map:', err);
    } finally {
      this.reading = null;
      this.readEnded = live.now();
      done();
    }
    if (this.wanted) this.scheduleRead(retry ? live.retryMs : undefined);
  }

  // ------------------------------------------------------------ refused changes

  /** Once the queue has settled after refusals: one sentence, then the refused records read again. */
  private settleStale(): void {
    if (this.stale.length === 0 || this.queue.status === 'saving') return;
    const dropped = this.stale;
    this.stale = [];
    this.notify(dropSentence(dropped));
    this.staleRead = this.staleRead.then(() => this.readAgain(dropped));
  }

  /** The store's version of each refused record (or its absence) replaces the board's. */
  private async readAgain(dropped: readonly DroppedChange[]): Promise<void> {
    let map: JourneyMap;
    try {
      map = await this.api.call('maps.get', { id: this.mapId });
    } catch (err) {
      this.warn('Journeyboard could not read the map again after a refused change:', err);
      return;
    }
    const seen = new Set<string>();
    for (const { change } of dropped) {
      const key = changeKey(change);
      // A newer edit of the record is still to be sent: it decides, not the store's old copy.
      if (seen.has(key) || this.queue.isPending(change.type, change.id)) continue;
      seen.add(key);
      if (change.type === 'map') {
        this.doc.apply([{ type: 'map', op: 'update', id: change.id, patch: valueOf(boardHeaderOf(map)) }], { save: false });
        continue;
      }
      const stored = (recordsOf(map, change.type) as StoredRecord<RecordType>[]).find((r) => r.id === change.id);
      this.doc.reconcile(change.type as RecordType, change.id, stored ?? null);
    }
  }
}
