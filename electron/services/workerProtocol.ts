/**
 * The messages between the desktop app's main thread (electron/app/coreWorker.ts) and the API core
 * running in a worker thread (worker.ts). Plain data only: they cross by structured clone.
 */
import type { StartupNotice, StoreChange } from '../../shared/api';
import type { Envelope } from '../../shared/errors';

/** What the worker needs to open the data folder (workerData). */
export interface CoreWorkerData {
  /** The data folder: journeyboard.sqlite, its lock, backups/ and scratch/. */
  dataDir: string;
  /** Folder holding templates/. */
  resourcesDir: string;
  /** The Electron build of better-sqlite3 (see DESIGN.md on the native ABI). */
  nativeBinding?: string;
  /** The built renderer (dist/renderer), whose participant.html the room listener serves (electron/room/). */
  roomPageDir?: string;
  /** Every room listens on this address only (tests). */
  roomBind?: string;
  /** Tests: a shorter busy timeout, fewer backups. */
  busyTimeoutMs?: number;
  keepBackups?: number;
  backupIntervalMs?: number;
}

/** main → worker. Answered one at a time, in the order sent. */
export type CoreWorkerRequest =
  | { id: number; op: 'dispatch'; method: string; input: unknown }
  | { id: number; op: 'exportJourney'; mapId: string; dest: string }
  | { id: number; op: 'importJourney'; file: string; onConflict?: 'replace' | 'copy' }
  /** Closes the core (after every call sent before it), then the thread ends. */
  | { id: number; op: 'close' };

/** worker → main. */
export type CoreWorkerMessage =
  /** The data folder is open; `notices` are what start-up must tell the person (a restored backup). */
  | { type: 'ready'; dataFile: string; notices: StartupNotice[] }
  /** The data folder could not be opened; `inUse` when another Journeyboard holds it. Then the thread ends. */
  | { type: 'failed'; inUse: boolean; message: string }
  | { type: 'answer'; id: number; envelope: Envelope<unknown> }
  /** A write committed and changed this map (changeFeed.ts); main sends it to every window. */
  | { type: 'change'; change: StoreChange }
  | { type: 'closed'; id: number };
