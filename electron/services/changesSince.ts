/**
 * `changes.since`: the records of a map written after a revision of the change feed, read as they
 * are stored now (a deleted record reads as null), so a window that heard a live change fetches
 * only what changed. When the feed's journal does not reach back that far (or the revision is
 * from another run of the store, or none is given) the answer is the whole map instead.
 */
import type { ChangedRecord, ChangesSince, MethodInput } from '../../shared/api';
import type { JourneyMap } from '../../shared/domain';
import { recordDef, type RecordType } from '../../shared/records/index';
import { toMapHeader, toRecord, type DbRecord } from '../store/rows';
import type { ChangeFeed } from './changeFeed';
import { requireMap, type ServiceContext } from './context';

export function createChangesSinceService(ctx: ServiceContext, feed: ChangeFeed, readMap: (id: string) => JourneyMap) {
  const { repos } = ctx;
  return {
    'changes.since': ({ mapId, revision, feed: feedId }: MethodInput<'changes.since'>): ChangesSince => {
      const header = requireMap(ctx, mapId);
      const now = feed.revision;
      const touched = revision === null || (feedId !== undefined && feedId !== feed.id) ? null : feed.since(mapId, revision);
      if (!touched) return { feed: feed.id, revision: now, map: readMap(mapId), header: null, records: [] };
      const records: ChangedRecord[] = [];
      let headerChanged = false;
      for (const { type, id } of touched) {
        if (type === 'map') {
          headerChanged = true;
          continue;
        }
        if (!(type in recordDef)) continue;
        const row = repos.records[type].get.get(id) as (DbRecord<RecordType> & { map_id: string }) | undefined;
        const record = row && row.map_id === mapId ? toRecord(type, row) : null;
        records.push({ type, id, record } as ChangedRecord);
      }
      return { feed: feed.id, revision: now, map: null, header: headerChanged ? toMapHeader(header) : null, records };
    },
  };
}
