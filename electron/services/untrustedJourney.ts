/**
 * Reading a .journey file someone handed us, which may be damaged or built to harm. The read never
 * touches the person's file and never blocks the main thread:
 *
 * - here: size, then the 100-byte SQLite header (magic, page size, no WAL mode, page count against
 *   the file's size, application id, schema version), then a private copy in `scratch/`;
 * - in a worker (untrustedJourneyWorker.ts): a read-only, `trusted_schema=OFF` open, the exact
 *   schema check (no views, no triggers, nothing Journeyboard does not write), `quick_check`, row
 *   caps, references, migration of an older file in memory, and the rows;
 * - here again: rows to a map, and every field and reference checked (checkMap).
 *
 * The worker has a time limit. Worker.terminate() cannot stop a thread inside a native SQLite call,
 * so the checks themselves are what bound the time: no SQL from the file ever runs, quick_check is
 * linear in the file's size (at most 200 MB), and nothing scans a table before quick_check has
 * shown it is a tree. The limit is the last guard, not the first.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JourneyMap } from '../../shared/domain';
import { checkMap } from '../../shared/export/json';
import { ApiError } from '../../shared/errors';
import { BATCH_MAX, MAP_FILE_MAX_LABEL } from '../../shared/limits';
import { RECORDS } from '../../shared/records';
import { LATEST_VERSION, MIGRATIONS } from '../store/migrations/index';
import { mapFromRows, type DbMap } from '../store/rows';
import { diskFullError, isDiskFull } from './diskFull';
import { JOURNEY_APPLICATION_ID, JOURNEY_MAX_BYTES } from './journeyFile';
import { checkFileVersions, historyOfFile, type VersionRow } from './versionStore';
import { UNTRUSTED_JOURNEY_WORKER_SOURCE } from './untrustedJourneyWorker';

/** Most rows of one kind (notes, stages, lanes, personas) in an imported map: notes.createMany's cap. */
export const JOURNEY_MAX_ROWS = BATCH_MAX;
/**
 * Most bytes all of a file's versions may inflate to, together: a decompression bomb (a small
 * payload that inflates without end) stops there. A 5,000-note map's 100 versions inflate to ~20 MB.
 */
export const HISTORY_INFLATE_MAX_BYTES = 1024 * 1024 * 1024;
/**
 * The worker's time limit for a file of `bytes`: a last guard (see above), so it leaves a real file
 * room. A 196 MB file of 49,000 notes took 26 to 31 s on a loaded 2-core machine; this allows 20 s
 * plus 0.3 s per MB (80 s at 200 MB). A hostile file is refused by the checks long before.
 */
export function journeyReadTimeoutMs(bytes: number): number {
  return Math.round(20_000 + (bytes / 1024 / 1024) * 300);
}

const SQLITE_HEADER = 'SQLite format 3\0';
const HEADER_BYTES = 100;

export interface ReadJourneyOptions {
  /** The Electron build of better-sqlite3, as the store uses (CoreOptions.nativeBinding). */
  nativeBinding?: string;
  /** `file` is already a private copy in scratch (an upload): read it in place, and leave it. */
  privateCopy?: boolean;
  timeoutMs?: number;
}

/** The map header and one list of rows per record table, as `mapFromRows` takes them. */
type WorkerRows = { maps: DbMap[] } & Parameters<typeof mapFromRows>[1];

type WorkerAnswer =
  | { ok: true; version: number; rows: WorkerRows }
  | { ok: false; code: 'invalid_input' | 'newer_schema'; what: string }
  | { ok: false; failed: string; sqliteCode: string | null };

export const bad = (what: string) =>
  new ApiError('invalid_input', `This is not a usable Journeyboard map file: ${what}. Nothing was imported.`);

const newer = (version: number) =>
  new ApiError(
    'newer_schema',
    `This map was saved by a newer Journeyboard (schema ${version}; this app knows up to ${LATEST_VERSION}). Update the app to open it.`,
  );

/** Refuses a file by its first 100 bytes (and its size), before SQLite sees it. */
export function checkJourneyHeader(header: Buffer, size: number): void {
  if (header.length < HEADER_BYTES || header.toString('latin1', 0, 16) !== SQLITE_HEADER) {
    throw bad('it is not a SQLite database, and every map Journeyboard saves (.journey) is one. Choose a .journey file, or a Journeyboard JSON export');
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw bad(`the file is damaged (its page size, ${rawPageSize}, is not one SQLite uses)`);
  }
  const writeVersion = header[18];
  const readVersion = header[19];
  if (writeVersion === 2 || readVersion === 2) {
    throw bad(
      'it was saved in SQLite’s WAL mode, which keeps part of the data in files beside it. Journeyboard writes a map as one self-contained file: save it again from Journeyboard (File > Save as)',
    );
  }
  if (writeVersion !== 1 || readVersion !== 1) throw bad('the file is damaged (its header names an unknown file format version)');
  if (size % pageSize !== 0) throw bad('the file is damaged or truncated (its size is not a whole number of pages)');
  const changeCounter = header.readUInt32BE(24);
  const pagesInHeader = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  if (pagesInHeader > 0 && changeCounter === validFor && pagesInHeader * pageSize > size) {
    throw bad(`the file is damaged or truncated (it should hold ${pagesInHeader} pages but holds ${size / pageSize})`);
  }
  if (header.readUInt32BE(68) !== JOURNEY_APPLICATION_ID) throw bad('it is a SQLite database, but not one written by Journeyboard');
  const version = header.readUInt32BE(60);
  if (version > LATEST_VERSION) throw newer(version);
}

let sqliteModulePath: string | undefined;
/** better-sqlite3's entry file, for the worker to require by absolute path (it has no node_modules of its own to search). */
function sqliteModule(): string {
  sqliteModulePath ??= createRequire(import.meta.url).resolve('better-sqlite3');
  return sqliteModulePath;
}

const seconds = (ms: number) => {
  const n = Math.max(1, Math.round(ms / 1000));
  return `${n} second${n === 1 ? '' : 's'}`;
};

/** Runs the worker on `file`; resolves with its answer, or an ApiError when it fails or overruns. */
function runWorker(file: string, nativeBinding: string | undefined, timeoutMs: number): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(UNTRUSTED_JOURNEY_WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        sqliteModule: sqliteModule(),
        nativeBinding: nativeBinding ?? null,
        migrations: MIGRATIONS.map((m) => ({ version: m.version, up: m.up })),
        latestVersion: LATEST_VERSION,
        applicationId: JOURNEY_APPLICATION_ID,
        maxRows: JOURNEY_MAX_ROWS,
        // The record tables, and the map's versions (issue 15), read like them and checked here after.
        records: [...RECORDS.map((r) => ({ table: r.table, orderBy: r.orderBy })), { table: 'versions', orderBy: 'created_at, rowid' }],
      },
      // A file cannot make the worker take the app's memory with it: past this it stops with an error.
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      settle(() =>
        reject(
          bad(
            `checking it took longer than ${seconds(timeoutMs)}, so Journeyboard stopped. The file may be damaged or made to stall the app`,
          ),
        ),
      );
    }, timeoutMs);
    worker.once('message', (answer: WorkerAnswer) => settle(() => resolve(answer)));
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? bad('reading it needed more memory than a map file can')
            : new ApiError('internal', `Journeyboard could not start checking the file (${err.message}). Try again.`),
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new ApiError('internal', `Checking the file stopped unexpectedly (exit code ${code}). Try again.`))),
    );
  });
}

/** The map the worker's rows describe, checked field by field. */
function toMap(rows: WorkerRows & { versions?: VersionRow[] }): JourneyMap {
  const checked = checkMap(mapFromRows(rows.maps[0]!, rows));
  if (!checked.ok) throw bad(checked.problem);
  // Its versions: every payload inflates within the budget, parses and checks like a map.
  const versions = rows.versions ?? [];
  const history = checkFileVersions(versions, checked.map.id, HISTORY_INFLATE_MAX_BYTES);
  if (!history.ok) throw bad(`its history is not usable: ${history.problem}`);
  historyOfFile.set(checked.map, versions);
  return checked.map;
}

async function readHeader(file: string): Promise<{ size: number; header: Buffer }> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    return { size, header: header.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/**
 * Reads and checks a .journey file off the main thread; resolves with its map. Rejects with an
 * ApiError naming what is wrong: missing, too large, not SQLite, not Journeyboard, from a newer
 * app, built with views or triggers or other tables, damaged, too many rows, inconsistent, or
 * taking too long. The caller takes the map in with one transaction.
 */
export async function readJourneyFile(file: string, scratchDir: string, options: ReadJourneyOptions = {}): Promise<JourneyMap> {
  let size: number;
  let header: Buffer;
  try {
    ({ size, header } = await readHeader(file));
  } catch {
    throw new ApiError('not_found', `The file ${path.basename(file)} could not be read. Check that it still exists.`);
  }
  if (size > JOURNEY_MAX_BYTES) {
    throw new ApiError('too_large', `This file is ${Math.round(size / 1024 / 1024)} MB; Journeyboard opens map files up to ${MAP_FILE_MAX_LABEL}.`);
  }
  checkJourneyHeader(header, size);

  let copy = file;
  if (!options.privateCopy) {
    copy = path.join(scratchDir, `import-${randomBytes(6).toString('hex')}.journey`);
    try {
      await fs.promises.mkdir(scratchDir, { recursive: true });
      await fs.promises.copyFile(file, copy);
    } catch (err) {
      await fs.promises.rm(copy, { force: true }).catch(() => {});
      if (isDiskFull(err)) throw diskFullError('Nothing was imported.');
      throw new ApiError('not_found', `The file ${path.basename(file)} could not be read. Check that it still exists.`);
    }
  }
  try {
    // The copy must be what the header promised: the person's file may have changed meanwhile.
    const again = await readHeader(copy);
    if (!again.header.equals(header) || again.size !== size) throw bad('it changed while it was being read; try again');

    const answer = await runWorker(copy, options.nativeBinding, options.timeoutMs ?? journeyReadTimeoutMs(size));
    if (answer.ok) return toMap(answer.rows);
    if ('what' in answer) throw answer.code === 'newer_schema' ? newer(Number(answer.what)) : bad(answer.what);
    if (answer.sqliteCode === 'SQLITE_NOMEM') throw bad('reading it needed more memory than a map file can');
    throw bad(`the file is damaged or truncated (${answer.failed})`);
  } finally {
    // A worker past its time limit may still hold the copy open: Windows then keeps it, and the
    // start-up sweep of scratch/ removes it next time.
    if (copy !== file) await fs.promises.rm(copy, { force: true }).catch(() => {});
  }
}
