import fs from 'node:fs';
import path from 'node:path';
import type { JourneyMap, MapSummary } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { parseMapDocument } from '../../shared/export/json';
import { safeFileName } from '../../shared/fileName';
import { diskFullError, isDiskFull } from './diskFull';
import { insertMap, withFreshIds, writeJourneyFile } from './journeyFile';
import type { ServiceContext } from './context';
import { readJourneyFile } from './untrustedJourney';
import { documentsOf, historyOfFile, insertVersionRows, rekeyVersions, type VersionRow } from './versionStore';
import { saveAutoVersion, versionRowsOf, versionStoreOf } from './versions';

type OnConflict = 'replace' | 'copy' | undefined;

/**
 * Empties `scratch/` at start-up: whatever is there (copies of imports, exports on their way out)
 * was left by a run that crashed. `andFolder` removes the folder too (an in-memory store's own
 * scratch folder, when it closes). Never throws; answers how many entries it removed.
 */
export function sweepScratch(scratchDir: string, andFolder = false): number {
  let entries: string[];
  try {
    entries = fs.readdirSync(scratchDir);
  } catch {
    return 0; // No scratch folder yet.
  }
  let removed = 0;
  for (const name of entries) {
    try {
      fs.rmSync(path.join(scratchDir, name), { recursive: true, force: true });
      removed++;
    } catch (err) {
      console.warn(`Journeyboard: could not remove ${path.join(scratchDir, name)} from an earlier run:`, err);
    }
  }
  if (andFolder) fs.rmSync(scratchDir, { recursive: true, force: true });
  return removed;
}

/**
 * Map files through the API, as bytes (web mode uploads and downloads them). The desktop shell
 * calls the same import with a path from its own Open dialog.
 *
 * files.importJourney has two halves: `readUpload` checks the file off the main thread, before
 * any transaction (openCore's dispatchAsync awaits it); the handler then takes the checked map in,
 * inside the method's one transaction, through `withUpload`.
 */
export function createFileService(
  ctx: ServiceContext,
  scratchDir: string,
  getMap: (id: string) => JourneyMap,
  options: { nativeBinding?: string } = {},
) {
  const scratch = () => {
    fs.mkdirSync(scratchDir, { recursive: true });
    return path.join(scratchDir, `${ctx.newId()}.journey`);
  };
  // The checked map of the upload being taken in; set only for the length of one dispatch.
  let upload: JourneyMap | null = null;

  /** Writes an uploaded .journey file to scratch and reads it (untrustedJourney.ts); the copy never outlives the read. */
  async function readUpload(base64: string): Promise<JourneyMap> {
    await fs.promises.mkdir(scratchDir, { recursive: true });
    const file = path.join(scratchDir, `upload-${ctx.newId()}.journey`);
    try {
      try {
        await fs.promises.writeFile(file, Buffer.from(base64, 'base64'));
      } catch (err) {
        if (isDiskFull(err)) throw diskFullError('Nothing was imported.');
        throw err;
      }
      return await readJourneyFile(file, scratchDir, { ...options, privateCopy: true });
    } finally {
      await fs.promises.rm(file, { force: true }).catch(() => {});
    }
  }

  /** Takes in a checked map; an existing map with its id is replaced or kept beside a copy only when asked. */
  function importMap(incoming: JourneyMap, onConflict: OnConflict): MapSummary {
    const existing = ctx.repos.getMap.get(incoming.id);
    let map = incoming;
    // The file's versions (a .journey file's history; none from JSON or an older file).
    let history = historyOfFile.get(incoming) ?? [];
    let kept: VersionRow[] = [];
    if (existing) {
      if (!onConflict) {
        throw new ApiError(
          'conflict',
          `You already have this map (“${existing.title}”). Replace it with the file’s version, or keep both?`,
        );
      }
      if (onConflict === 'replace') {
        // The map as it was is kept as a version, with the versions it had (issue 15).
        saveAutoVersion(ctx, existing.id, 'Before it was replaced by an imported file');
        const fromFile = new Set(history.map((v) => v.id));
        kept = versionRowsOf(ctx.db, existing.id).filter((v) => !fromFile.has(v.id));
        ctx.repos.deleteMap.run(existing.id);
      } else {
        const ids = new Map<string, string>();
        map = withFreshIds(incoming, ctx.newId, ids);
        history = rekeyVersions(history, documentsOf(history), ids, ctx.newId);
      }
    }
    insertMap(ctx.db, map);
    insertVersionRows(ctx.db, [...kept, ...history]);
    // An imported version may reuse the id of one read before (a map deleted, then its file imported).
    versionStoreOf(ctx.db).forget();
    const row = ctx.repos.mapSummary.get(map.id)!;
    return { id: row.id, title: row.title, noteCount: row.note_count, updatedAt: row.updated_at };
  }

  return {
    importMap,
    readUpload,
    /** Runs `dispatch` with `map` as the checked upload that files.importJourney takes in. */
    withUpload<T>(map: JourneyMap, dispatch: () => T): T {
      upload = map;
      try {
        return dispatch();
      } finally {
        upload = null;
      }
    },
    handlers: {
      'files.exportJourney': ({ mapId, history }: { mapId: string; history?: boolean }) => {
        const map = getMap(mapId);
        const file = scratch();
        try {
          writeJourneyFile(map, file, { ...options, history: history === false ? [] : versionRowsOf(ctx.db, mapId) });
          return { fileName: `${safeFileName(map.title)}.journey`, base64: fs.readFileSync(file).toString('base64') };
        } finally {
          fs.rmSync(file, { force: true });
        }
      },
      'files.importJourney': ({ onConflict }: { base64: string; onConflict?: OnConflict }) => {
        if (!upload) {
          throw new ApiError('internal', 'files.importJourney reads its file before the transaction: call it through dispatchAsync.');
        }
        return importMap(upload, onConflict);
      },
      'files.importJson': ({ text, onConflict }: { text: string; onConflict?: OnConflict }) => {
        let map: JourneyMap;
        try {
          map = parseMapDocument(text);
        } catch (err) {
          throw new ApiError('invalid_input', `${(err as Error).message} Nothing was imported.`);
        }
        return importMap(map, onConflict);
      },
    },
  };
}
