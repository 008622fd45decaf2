/**
 * The desktop app's API core, in a worker thread, so SQLite work (a 200 MB import, a big map)
 * never blocks Electron's main thread and its window. Bundled to dist/electron/coreWorker.cjs
 * (scripts/buildMain.mjs) and started by electron/app/coreWorker.ts; the messages are in
 * workerProtocol.ts.
 *
 * The data folder is opened here, where the database lives: its lock, the damage check and
 * recovery, and the backups (openDataFolder). Each request runs the same Core the web server
 * calls (`dispatchAsync`, `exportJourney`, `importJourney`), one at a time in the order it came,
 * and its envelope goes back as it is. The room (issue 14: room.open/close/status, and its listener
 * for the phones, electron/room/) runs here too, beside the core it calls.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isRoomHostMethod } from '../../shared/api';
import type { Envelope } from '../../shared/errors';
import { createRoomHost, type RoomHost } from '../room/host';
import { FolderInUseError, openDataFolder } from './dataFolder';
import type { Core } from './index';
import type { CoreWorkerData, CoreWorkerMessage, CoreWorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('electron/services/worker.ts runs in a worker thread (electron/app/coreWorker.ts starts it).');

const data = workerData as CoreWorkerData;
let core: Core | null = null;
let room: RoomHost | null = null;

const post = (message: CoreWorkerMessage) => port.postMessage(message);
const SHUTTING_DOWN: Envelope<never> = { ok: false, error: { code: 'internal', message: 'Journeyboard is shutting down. Start it again and retry.' } };

async function start(): Promise<void> {
  try {
    const folder = await openDataFolder(data.dataDir, {
      resourcesDir: data.resourcesDir,
      ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
      ...(data.busyTimeoutMs !== undefined ? { busyTimeoutMs: data.busyTimeoutMs } : {}),
      ...(data.keepBackups !== undefined ? { keepBackups: data.keepBackups } : {}),
      ...(data.backupIntervalMs !== undefined ? { backupIntervalMs: data.backupIntervalMs } : {}),
      // The desktop app shows start-up notices in a dialog, not in the page.
      pageNotices: false,
      // The first Suggest on a big board should not run cold code (suggest.ts startWarmUp).
      warmUp: true,
    });
    core = folder.core;
    room = createRoomHost({
      core,
      ...(data.roomPageDir ? { pageDir: data.roomPageDir } : {}),
      ...(data.roomBind ? { forceBind: data.roomBind } : {}),
    });
    // Every committed write, whoever made it, is told to main, which tells every window.
    core.onChange((change) => post({ type: 'change', change }));
    post({ type: 'ready', dataFile: core.dataFile, notices: folder.notices });
  } catch (err) {
    post({ type: 'failed', inUse: err instanceof FolderInUseError, message: err instanceof Error ? err.message : String(err) });
    port!.close();
  }
}

async function answer(request: CoreWorkerRequest): Promise<Envelope<unknown>> {
  if (!core) return SHUTTING_DOWN;
  switch (request.op) {
    case 'dispatch':
      if (room && isRoomHostMethod(request.method)) return room.dispatch(request.method, request.input);
      return core.dispatchAsync(request.method, request.input);
    case 'exportJourney':
      return core.exportJourney(request.mapId, request.dest);
    case 'importJourney':
      return core.importJourney(request.file, request.onConflict);
    default:
      return { ok: false, error: { code: 'unknown_method', message: `The core worker has no operation "${String((request as { op: unknown }).op)}".` } };
  }
}

async function handle(request: CoreWorkerRequest): Promise<void> {
  if (request.op === 'close') {
    try {
      // The phones are told the room closed, and its listener stops, before the store closes.
      await room?.close();
      room = null;
      core?.close();
    } finally {
      core = null;
      post({ type: 'closed', id: request.id });
      // Nothing keeps the thread alive after this: it ends, and main sees it exit.
      port!.close();
    }
    return;
  }
  let envelope: Envelope<unknown>;
  try {
    envelope = await answer(request);
  } catch (err) {
    // The Core answers with envelopes and never throws; this is the last guard.
    console.error('Journeyboard core worker: a call failed unexpectedly:', err);
    envelope = { ok: false, error: { code: 'internal', message: 'Something went wrong inside Journeyboard; nothing was changed. Try again.' } };
  }
  try {
    post({ type: 'answer', id: request.id, envelope });
  } catch (err) {
    // A value that cannot cross to main (structured clone): say so rather than leave the call hanging.
    console.error('Journeyboard core worker: an answer could not be sent:', err);
    post({ type: 'answer', id: request.id, envelope: { ok: false, error: { code: 'internal', message: 'Journeyboard could not send that answer back to its window. Try again.' } } });
  }
}

// One call at a time, in the order they came; the first waits for the folder to open.
let queue: Promise<void> = start();
port.on('message', (request: CoreWorkerRequest) => {
  queue = queue.then(() => handle(request));
});
