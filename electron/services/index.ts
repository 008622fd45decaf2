/**
 * The API implementation. `openCore` opens the store and returns `dispatch`, the one function
 * both transports (Electron IPC, HTTP) call: it validates the input against the contract in
 * shared/api.ts, runs the method in one transaction, and answers with an envelope. It never throws
 * and never lets a stack trace out.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { isMethodName, methods, type MethodName, type RoomHostMethod, type StartupNotice } from '../../shared/api';
import { PRIORITISE_READ_ONLY } from '../../shared/prioritiseMethods';
import type { JourneyMap, MapSummary } from '../../shared/domain';
import { ApiError, invalidInputError, type Envelope } from '../../shared/errors';
import { openDatabase, type Db, type OpenOptions } from '../store/db';
import { createRepos } from '../store/repos';
import { diskFullError, isDiskFull } from './diskFull';
import { createFileService, sweepScratch } from './files';
import { writeJourneyFile } from './journeyFile';
import { readJourneyFile } from './untrustedJourney';
import type { ServiceContext } from './context';
import { createMapService } from './maps';
import { createChangeService, createRecordStore } from './changes';
import { createChangeFeed, type StoreChangeListener } from './changeFeed';
import { createChangesSinceService } from './changesSince';
import { createNoteService } from './notes';
import { createPersonaService } from './personas';
import { createPrioritiseService } from './prioritise';
import { createSuggestService, startWarmUp } from './suggest';
import { createStructureService } from './structure';
import { createWorkshopService } from './workshop';
import { createRoomService, type RoomCall, type RoomCallOptions, type RoomDoneCount, type RoomJoinInput } from './room';
import type { ParticipantInput, ParticipantMethod, RoomState } from '../../shared/room/contract';
import { createVersionService, versionRowsOf } from './versions';

export interface CoreOptions {
  /** Folder holding journeyboard.sqlite; created if missing. */
  dataDir: string;
  /** Folder holding templates/ (the repo's resources/ in development). */
  resourcesDir: string;
  /** The Electron build of better-sqlite3 (see DESIGN.md on the native ABI). */
  nativeBinding?: string;
  /** Injected in tests: a frozen clock and deterministic ids. */
  now?: () => number;
  newId?: () => string;
  /** How long a write waits for another program's lock on the store before answering `busy`. */
  busyTimeoutMs?: number;
  /** What start-up has to tell the person (a store restored from a backup): `app.notices`. */
  notices?: StartupNotice[];
  /** Runs after the store is closed (openDataFolder: stop backups, release the folder lock). */
  onClose?: () => void;
  /**
   * Warm the suggestion classifier up in idle time after opening (suggest.ts startWarmUp): the app
   * and web mode do, so the first Suggest on a big board is not slow; tests need not.
   */
  warmUp?: boolean;
}

export interface Core {
  /** Every method but files.importJourney, whose file is read off the main thread: use dispatchAsync for that one. */
  dispatch(method: string, input: unknown): Envelope<unknown>;
  /** Every method (what the transports call): files.importJourney reads its file first, then runs like dispatch. */
  dispatchAsync(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Writes one map to a .journey file, atomically. The shell picks `dest` (a save dialog). */
  exportJourney(mapId: string, dest: string, options?: { history?: boolean }): Envelope<{ path: string }>;
  /**
   * Imports a .journey file in one transaction. If its map's id exists already the answer is a
   * `conflict` until the person chooses: replace the existing map, or keep both (`copy`).
   */
  importJourney(file: string, onConflict?: 'replace' | 'copy'): Promise<Envelope<MapSummary>>;
  close(): void;
  /** Runs `listener` after each committed write, once per map it changed (changeFeed.ts); returns an unsubscribe function. */
  onChange(listener: StoreChangeListener): () => void;
  /**
   * The room's participants (issue 14, services/room.ts), for the room listener: each call runs in
   * one transaction like dispatch, and answers with an envelope. `present` = the participant ids
   * with a live token (for "n of m done").
   */
  room: {
    join(mapId: string, input: RoomJoinInput): Envelope<{ participantId: string; name: string }>;
    /** A participant method whose name and input the room listener checked (shared/room/contract `ParticipantCall`). */
    call<M extends ParticipantMethod>(mapId: string, participantId: string, method: M, input: ParticipantInput<M>, present: readonly string[], options?: RoomCallOptions): Envelope<unknown>;
    /**
     * Group commit: several participants' calls (writes that arrived together) in one transaction,
     * each in its own savepoint: one that fails is rolled back alone and answered with its own error,
     * the others commit together (one commit, one change event). The answers, in order.
     */
    callMany(mapId: string, calls: readonly RoomCall[], present: readonly string[], options?: RoomCallOptions): Envelope<unknown>[];
    /** Many participants' states from one read of the map (pushing to every phone after a change). */
    states(mapId: string, participantIds: readonly string[], present: readonly string[], options?: RoomCallOptions): Envelope<Record<string, RoomState>>;
    /** "n of m done" for the current step (room.status). */
    done(mapId: string, present: readonly string[]): Envelope<RoomDoneCount>;
  };
  readonly dataFile: string;
  readonly db: Db;
}

type Handler = (input: never) => unknown;

const noRoomHost = () => {
  throw new ApiError('unknown_method', 'This Journeyboard cannot open a room here: the room is run by the desktop app and `npm run web`, not by the store alone.');
};
const roomHostAbsent: Record<RoomHostMethod, Handler> = { 'room.open': noRoomHost, 'room.close': noRoomHost, 'room.status': noRoomHost };

export const DATA_FILE_NAME = 'journeyboard.sqlite';

/**
 * Methods that only read. They run in a deferred transaction (a consistent snapshot, no write
 * lock); every other method takes the write lock up front (BEGIN IMMEDIATE), so a busy store makes
 * it wait the busy timeout instead of failing halfway through a read-then-write.
 */
const READ_ONLY = new Set<MethodName>(['templates.list', 'maps.list', 'maps.get', 'changes.since', 'structure.suggest', 'notes.clusters', 'files.exportJourney', 'app.notices', 'workshop.get', 'workshop.templates', 'versions.list', 'versions.get', 'versions.compare', ...PRIORITISE_READ_ONLY]);

export function openCore(options: CoreOptions): Core {
  const dataFile = options.dataDir === ':memory:' ? ':memory:' : path.join(options.dataDir, DATA_FILE_NAME);
  const openOptions: OpenOptions = {};
  if (options.nativeBinding) openOptions.nativeBinding = options.nativeBinding;
  if (options.busyTimeoutMs !== undefined) openOptions.busyTimeoutMs = options.busyTimeoutMs;
  const db = openDatabase(dataFile, openOptions);
  // Which maps each committed write changed, for every open window (changeFeed.ts).
  const feed = createChangeFeed(db);
  const ctx: ServiceContext = {
    db,
    repos: createRepos(db),
    now: options.now ?? Date.now,
    newId: options.newId ?? randomUUID,
    resourcesDir: options.resourcesDir,
  };
  const maps = createMapService(ctx);
  // A data folder's scratch/ is emptied now: what is in it was left by a crash. An in-memory store
  // (tests) has a scratch folder of its own, removed when it closes.
  const inMemory = options.dataDir === ':memory:';
  const scratchDir = inMemory ? path.join(os.tmpdir(), `journeyboard-scratch-${randomUUID()}`) : path.join(options.dataDir, 'scratch');
  if (!inMemory) sweepScratch(scratchDir);
  const fileOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const files = createFileService(ctx, scratchDir, (id) => maps['maps.get']({ id }), fileOptions);
  const records = createRecordStore(ctx);
  const warmUp = options.warmUp ? startWarmUp() : null;
  const handlers: Record<MethodName, Handler> = {
    ...maps,
    ...createNoteService(ctx, records),
    ...createStructureService(ctx, records),
    ...createPersonaService(ctx, records),
    ...createPrioritiseService(ctx, records),
    ...createChangeService(ctx, records),
    ...createChangesSinceService(ctx, feed, (id) => maps['maps.get']({ id })),
    ...createSuggestService(ctx),
    ...files.handlers,
    ...createVersionService(ctx, records),
    ...createWorkshopService(ctx, records, inMemory ? path.join(scratchDir, 'workshops') : path.join(options.dataDir, 'workshops')),
    'app.notices': () => options.notices ?? [],
    // The room host (electron/room/) answers these beside the core; a transport without one lands here.
    ...roomHostAbsent,
  };
  let closed = false;
  const room = createRoomService(ctx, records, feed);

  /**
   * Runs each of `fns` in its own savepoint of one write transaction (group commit). A call that
   * throws is rolled back alone (its rows, and what the change feed heard of them) and answered
   * with its error; if SQLite itself ended the transaction, or the commit fails, every call is
   * answered with that error, since none of them is stored.
   */
  function inOneTransaction(fns: readonly (() => unknown)[]): Envelope<unknown>[] {
    if (closed) return fns.map(() => fail(new ApiError('internal', 'Journeyboard is shutting down. Start it again and retry.')));
    const answers: Envelope<unknown>[] = [];
    try {
      db.transaction(() => {
        for (const fn of fns) {
          const mark = feed.mark();
          try {
            answers.push({ ok: true, value: db.transaction(fn)() });
          } catch (err) {
            if (!db.inTransaction) throw err;
            feed.rewind(mark);
            answers.push(fail(err));
          }
        }
      }).immediate();
      feed.commit();
      return answers;
    } catch (err) {
      feed.discard();
      const answer = fail(err);
      return fns.map(() => answer);
    }
  }

  /** Runs `fn` in one transaction (taking the write lock up front unless it only reads), as dispatch does. */
  function inTransaction<T>(fn: () => T, readOnly: boolean): Envelope<T> {
    if (closed) return fail(new ApiError('internal', 'Journeyboard is shutting down. Start it again and retry.'));
    try {
      const run = db.transaction(fn);
      const value = readOnly ? run() : run.immediate();
      feed.commit();
      return { ok: true, value };
    } catch (err) {
      feed.discard();
      return fail(err);
    }
  }

  return {
    dataFile,
    db,
    dispatch(method, input) {
      if (closed) return fail(new ApiError('internal', 'Journeyboard is shutting down. Start it again and retry.'));
      if (typeof method !== 'string' || !isMethodName(method)) {
        return fail(
          new ApiError('unknown_method', `There is no API method named "${String(method)}". See docs/API.md for the list.`),
        );
      }
      const parsed = methods[method].input.safeParse(input ?? {});
      if (!parsed.success) return fail(invalidInputError(parsed.error));
      try {
        // Every method runs in one transaction: a write either happens whole or not at all.
        const run = db.transaction(() => handlers[method](parsed.data as never));
        const value = READ_ONLY.has(method) ? run() : run.immediate();
        feed.commit();
        return { ok: true, value };
      } catch (err) {
        feed.discard();
        return fail(err);
      }
    },
    async dispatchAsync(method, input) {
      if (method !== 'files.importJourney' || closed) return this.dispatch(method, input);
      const parsed = methods[method].input.safeParse(input ?? {});
      if (!parsed.success) return this.dispatch(method, input);
      let map: JourneyMap;
      try {
        map = await files.readUpload(parsed.data.base64);
      } catch (err) {
        return fail(err);
      }
      return files.withUpload(map, () => this.dispatch(method, input));
    },
    exportJourney(mapId, dest, exportOptions = {}) {
      let map: JourneyMap;
      try {
        map = db.transaction(() => maps['maps.get']({ id: mapId }))();
      } catch (err) {
        return fail(err);
      }
      try {
        const history = exportOptions.history === false ? [] : db.transaction(() => versionRowsOf(db, mapId))();
        writeJourneyFile(map, dest, { ...fileOptions, history });
        return { ok: true, value: { path: dest } };
      } catch (err) {
        // The person chose the place: say it could not be written there (read-only, full, gone).
        console.error(`Journeyboard: writing ${dest} failed:`, err);
        if (isDiskFull(err)) return fail(diskFullError('No file was written.'));
        const reason = (err as { code?: unknown })?.code;
        return fail(
          new ApiError(
            'internal',
            `Journeyboard could not write ${path.basename(dest)} in ${path.dirname(dest)}${typeof reason === 'string' ? ` (${reason})` : ''}. ` +
              'Check that the folder exists, that you may write to it and that the disk has room, or choose another place. No file was written.',
          ),
        );
      }
    },
    async importJourney(file, onConflict) {
      try {
        const incoming = await readJourneyFile(file, scratchDir, fileOptions);
        if (closed) return fail(new ApiError('internal', 'Journeyboard is shutting down. Start it again and retry.'));
        const value = db.transaction(() => files.importMap(incoming, onConflict)).immediate();
        feed.commit();
        return { ok: true, value };
      } catch (err) {
        feed.discard();
        return fail(err);
      }
    },
    onChange: (listener) => feed.subscribe(listener),
    room: {
      join: (mapId, input) => inTransaction(() => room.join(mapId, input), false),
      call: (mapId, participantId, method, input, present, options) =>
        inTransaction(() => room.call(mapId, participantId, method, input, present, options), room.readsOnly(method)),
      callMany: (mapId, calls, present, options) =>
        inOneTransaction(calls.map((c) => () => room.call(mapId, c.participantId, c.method, c.input, present, options))),
      states: (mapId, participantIds, present, options) => inTransaction(() => room.states(mapId, participantIds, present, options), true),
      done: (mapId, present) => inTransaction(() => room.done(mapId, present), true),
    },
    close() {
      if (closed) return;
      closed = true;
      warmUp?.stop();
      try {
        db.close();
      } finally {
        if (inMemory) sweepScratch(scratchDir, true);
        options.onClose?.();
      }
    },
  };
}

function fail(err: unknown): Envelope<never> {
  if (err instanceof ApiError) return { ok: false, error: err.toBody() };
  if (isDiskFull(err)) return { ok: false, error: diskFullError().toBody() };
  if (isBusy(err)) {
    return { ok: false, error: { code: 'busy', message: 'The map store is busy in another program; try again in a moment. Nothing was changed.' } };
  }
  // Constraint failures that slipped past validation are still the caller's fault, not a crash.
  const code = (err as { code?: string })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return { ok: false, error: { code: 'conflict', message: 'That change conflicts with data already saved. Reload and try again.' } };
  }
  console.error('Journeyboard internal error:', err);
  return {
    ok: false,
    error: { code: 'internal', message: 'Something went wrong inside Journeyboard; nothing was changed. Try again.' },
  };
}

/** SQLite's "another connection holds the lock" (after the busy timeout has run out). */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
