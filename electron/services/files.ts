import fs from 'node:fs';
import path from 'node:path';
import type { JourneyMap, MapSummary } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { parseMapDocument } from '../../shared/export/json';
import { safeFileName } from '../../shared/fileName';
import { insertMap, readJourneyFile, withFreshIds, writeJourneyFile } from './journeyFile';
import type { ServiceContext } from './context';

type OnConflict = 'replace' | 'copy' | undefined;

/**
 * Map files through the API, as bytes (web mode uploads and downloads them). The desktop shell
 * calls the same import with a path from its own Open dialog.
 */
export function createFileService(ctx: ServiceContext, scratchDir: string, getMap: (id: string) => JourneyMap) {
  const scratch = () => {
    fs.mkdirSync(scratchDir, { recursive: true });
    return path.join(scratchDir, `${ctx.newId()}.journey`);
  };

  /** Takes in a checked map; an existing map with its id is replaced or kept beside a copy only when asked. */
  function importMap(incoming: JourneyMap, onConflict: OnConflict): MapSummary {
    const existing = ctx.repos.getMap.get(incoming.id);
    let map = incoming;
    if (existing) {
      if (!onConflict) {
        throw new ApiError(
          'conflict',
          `You already have this map (“${existing.title}”). Replace it with the file’s version, or keep both?`,
        );
      }
      if (onConflict === 'replace') ctx.repos.deleteMap.run(existing.id);
      else map = withFreshIds(incoming, ctx.newId);
    }
    insertMap(ctx.db, map);
    const row = ctx.repos.mapSummary.get(map.id)!;
    return { id: row.id, title: row.title, noteCount: row.note_count, updatedAt: row.updated_at };
  }

  return {
    importMap,
    handlers: {
      'files.exportJourney': ({ mapId }: { mapId: string }) => {
        const map = getMap(mapId);
        const file = scratch();
        try {
          writeJourneyFile(map, file);
          return { fileName: `${safeFileName(map.title)}.journey`, base64: fs.readFileSync(file).toString('base64') };
        } finally {
          fs.rmSync(file, { force: true });
        }
      },
      'files.importJourney': ({ base64, onConflict }: { base64: string; onConflict?: OnConflict }) => {
        const file = scratch();
        try {
          fs.writeFileSync(file, Buffer.from(base64, 'base64'));
          return importMap(readJourneyFile(file, scratchDir), onConflict);
        } finally {
          fs.rmSync(file, { force: true });
        }
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
