// The main thread's side of the API core's worker thread (electron/services/worker.ts): starts it,
// sends it the calls, hands back its envelopes, and closes it. No 'electron' import, so it is
// unit-tested under plain Node (test/unit/app/coreWorker.test.ts).
//
// The worker opens the data folder itself (lock, recovery, backups: services/dataFolder.ts) and
// runs the same Core as web mode's HTTP server; IPC (ipc.ts) and the native file flows
// (nativeFiles.ts) reach it only through `CoreClient`. Calls are answered one at a time, in the
// order they were made; an error crosses as an envelope `{ ok: false, error: { code, message } }`.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StartupNotice, StoreChange } from '../../shared/api';
import type { MapSummary } from '../../shared/domain';
import type { Envelope } from '../../shared/errors';
import type { CoreWorkerData, CoreWorkerMessage, CoreWorkerRequest } from '../services/workerProtocol';
import type { AppLocation } from './paths';

export type { CoreWorkerData } from '../services/workerProtocol';

/** The API core as the main thread sees it: services' Core, every call answered asynchronously. */
export interface CoreClient {
  /** Any API method (shared/api.ts): validated, run in one transaction, answered with an envelope. */
  dispatch(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Writes one map to a .journey file at `dest`, atomically. */
  exportJourney(mapId: string, dest: string): Promise<Envelope<{ path: string }>>;
  /** Imports a .journey file; a map already here is a `conflict` until `onConflict` says what to do. */
  importJourney(file: string, onConflict?: 'replace' | 'copy'): Promise<Envelope<MapSummary>>;
  /** Lets the calls already made finish, closes the database and ends the thread. Safe to call twice. */
  close(): Promise<void>;
  /** Runs `listener` after each committed write (once per map changed), before that write's answer arrives. Returns an unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void;
  readonly dataFile: string;
}

export interface CoreWorker {
  core: CoreClient;
  /** What start-up must tell the person (a damaged store set aside and a backup restored). */
  notices: StartupNotice[];
}

/** The worker could not open the data folder; `inUse` when another Journeyboard holds it. */
export class CoreWorkerStartError extends Error {
  constructor(
    message: string,
    readonly inUse: boolean,
  ) {
    super(message);
    this.name = 'CoreWorkerStartError';
  }
}

/** The bundled worker (scripts/buildMain.mjs), next to main.cjs; inside app.asar when packaged. */
export function coreWorkerPath(where: AppLocation): string {
  return path.join(where.appPath, 'dist', 'electron', 'coreWorker.cjs');
}

/** A request before it gets its id (Omit, for each member of the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** How long quitting waits for the worker to finish its calls and close the database. */
export const CLOSE_TIMEOUT_MS = 30_000;

const STOPPED: Envelope<never> = {
  ok: false,
  error: {
    code: 'internal',
    message: 'Journeyboard’s store stopped unexpectedly, so this change was not saved. Restart Journeyboard: every change it confirmed is kept.',
  },
};
const SHUTTING_DOWN: Envelope<never> = { ok: false, error: { code: 'internal', message: 'Journeyboard is shutting down. Start it again and retry.' } };

/**
 * Starts the core's worker from `script` and waits until it has opened the data folder.
 * Rejects with CoreWorkerStartError when it cannot (the worker has ended by then).
 */
export function startCoreWorker(script: string, data: CoreWorkerData, options: { closeTimeoutMs?: number } = {}): Promise<CoreWorker> {
  const closeTimeoutMs = options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS;
  const worker = new Worker(script, { workerData: data, name: 'Journeyboard core' });
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const changeListeners = new Set<(change: StoreChange) => void>();
  let nextId = 1;
  let state: 'starting' | 'open' | 'closing' | 'closed' | 'gone' = 'starting';
  let dataFile = '';
  let closing: Promise<void> | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  function failPending(envelope: Envelope<never>): void {
    for (const resolve of pending.values()) resolve(envelope);
    pending.clear();
  }

  function call<T>(request: WithoutId<CoreWorkerRequest>): Promise<Envelope<T>> {
    if (state === 'gone') return Promise.resolve(STOPPED);
    if (state !== 'open') return Promise.resolve(SHUTTING_DOWN);
    const id = nextId++;
    return new Promise<Envelope<T>>((resolve) => {
      pending.set(id, resolve as (envelope: Envelope<unknown>) => void);
      try {
        worker.postMessage({ ...request, id });
      } catch (err) {
        // Input that cannot be copied to the worker (a function, say): the caller's mistake.
        pending.delete(id);
        resolve({ ok: false, error: { code: 'invalid_input', message: `The call's input cannot be sent to Journeyboard's store (${err instanceof Error ? err.message : String(err)}).` } });
      }
    });
  }

  const core: CoreClient = {
    get dataFile() {
      return dataFile;
    },
    dispatch: (method, input) => call({ op: 'dispatch', method, input }),
    exportJourney: (mapId, dest) => call({ op: 'exportJourney', mapId, dest }),
    importJourney: (file, onConflict) => call({ op: 'importJourney', file, ...(onConflict ? { onConflict } : {}) }),
    onChange(listener) {
      changeListeners.add(listener);
      return () => {
        changeListeners.delete(listener);
      };
    },
    close() {
      if (closing) return closing;
      if (state === 'gone' || state === 'closed') return (closing = Promise.resolve());
      state = 'closing';
      // After every call already sent (the worker answers in order), the Core closes, then the thread ends.
      worker.postMessage({ op: 'close', id: nextId++ });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          console.error(`Journeyboard: the store did not close within ${closeTimeoutMs / 1000} s; stopping it.`);
          void worker.terminate().then(() => resolve());
        }, closeTimeoutMs);
      });
      closing = Promise.race([exited, late]).finally(() => clearTimeout(timer));
      return closing;
    },
  };

  return new Promise<CoreWorker>((resolve, reject) => {
    worker.on('message', (message: CoreWorkerMessage) => {
      switch (message.type) {
        case 'ready':
          dataFile = message.dataFile;
          state = 'open';
          resolve({ core, notices: message.notices });
          break;
        case 'failed':
          state = 'gone';
          reject(new CoreWorkerStartError(message.message, message.inUse));
          break;
        case 'answer': {
          const settle = pending.get(message.id);
          pending.delete(message.id);
          settle?.(message.envelope);
          break;
        }
        case 'change':
          for (const listener of [...changeListeners]) {
            try {
              listener(message.change);
            } catch (err) {
              console.error('Journeyboard: a store-change listener failed:', err);
            }
          }
          break;
        case 'closed':
          break;
      }
    });
    worker.on('error', (err) => {
      // An exception nothing caught in the worker: it has stopped. Say so to every waiting call.
      console.error('Journeyboard: the store’s worker stopped:', err);
      if (state === 'starting') reject(new CoreWorkerStartError(err instanceof Error ? err.message : String(err), false));
      state = 'gone';
      failPending(STOPPED);
    });
    worker.on('exit', (code) => {
      if (state === 'starting') reject(new CoreWorkerStartError(`The store's worker ended (exit code ${code}) before it opened the data folder.`, false));
      if (state === 'open') console.error(`Journeyboard: the store’s worker ended unexpectedly (exit code ${code}).`);
      state = state === 'closing' || state === 'closed' ? 'closed' : 'gone';
      failPending(STOPPED);
    });
  });
}
