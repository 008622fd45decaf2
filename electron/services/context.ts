import type { Db } from '../store/db';
import type { Repos } from '../store/repos';
import type { DbMap } from '../store/rows';
import { ApiError } from '../../shared/errors';

/** What every service gets: the database, its statements, a clock and an id source (both injectable for tests). */
export interface ServiceContext {
  db: Db;
  repos: Repos;
  now: () => number;
  newId: () => string;
  resourcesDir: string;
}

export function requireMap(ctx: ServiceContext, id: string): DbMap {
  const map = ctx.repos.getMap.get(id);
  if (!map) throw new ApiError('not_found', `No map with id "${id}". It may have been deleted; go back to the map list.`);
  return map;
}
