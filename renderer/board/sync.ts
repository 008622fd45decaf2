/**
 * How the board's document reaches the store: every change the document applies to be saved goes
 * to the one save queue (`changes.apply` batches), the camera is saved a moment after it stops,
 * and a change the store refuses for good is answered by reading the records it named again and
 * telling the person in one sentence. No DOM: the transport, the clock and the way a sentence is
 * shown are given, so it is tested in Node.
 */
import type { JourneyboardApi } from '../../shared/api';
import type { Camera, JourneyMap } from '../../shared/domain';
import { recordsOf, type StoredRecord } from '../../shared/records';
import { boardHeaderOf, changeKey, valueOf, type RecordType } from '../../shared/board/history';
import { dropSentence, SaveQueue, type Clock, type DroppedChange, type SaveQueueOptions, type SaveStatus } from '../../shared/board/saveQueue';
import type { BoardDocument } from './document';

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
      send: (changes) => this.api.call('changes.apply', { mapId: this.mapId, changes }),
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
    this.flush();
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
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
