/**
 * The store-change feed: after every write that commits, which maps it changed, each with a
 * revision number, so every open window (the facilitator's, the room view, later the phones) can
 * read the map again within a moment instead of trusting another window's memory.
 *
 * What changed is seen by SQLite itself, not guessed from a method's input: TEMP triggers (this
 * connection only, never written to the file) on the `maps` table and on every record table of the
 * registry (shared/records RECORDS) call `jb_touched(map_id)` for each row inserted, updated or
 * deleted. So any write of any service, now or added later, is reported. `Core.dispatch` calls
 * `commit()` once its transaction has committed (listeners hear of it then) or `discard()` when it
 * rolled back (nothing is reported).
 *
 * The revision is one counter for the whole store, kept in memory: it only grows while this process
 * runs (a client that reconnects reads the map again whatever the number; see docs/API.md).
 *
 * It also keeps a journal: for each map, which records (type and id) each recent revision touched,
 * so `changes.since` can answer the records changed after a revision instead of the whole map. The
 * journal is bounded (JOURNAL_KEYS per map, JOURNAL_MAPS maps); asked about a revision older than
 * it reaches back, `since` answers null and the caller reads the whole map.
 */
import { randomUUID } from 'node:crypto';
import { RECORDS } from '../../shared/records/index';
import type { StoreChange } from '../../shared/api';
import type { ChangeTarget } from '../../shared/records/index';
import type { Db } from '../store/db';

/** Most record keys the journal keeps per map (older revisions are then answered with the whole map). */
export const JOURNAL_KEYS = 20_000;
/** Most maps with a journal (the least recently written one's is dropped). */
export const JOURNAL_MAPS = 50;

/** A record a write touched: its type ('map' for the map's own row) and id. */
export interface TouchedRecord {
  type: ChangeTarget;
  id: string;
}

export type StoreChangeListener = (change: StoreChange) => void;

export interface ChangeFeed {
  /** The transaction committed: tells every listener of each map it touched (one event per map). */
  commit(): void;
  /** The transaction rolled back: forget what it touched. */
  discard(): void;
  /** Runs `listener` after each committed write, once per map it changed; returns an unsubscribe function. */
  subscribe(listener: StoreChangeListener): () => void;
  /** The last revision handed out (0 before any write). */
  readonly revision: number;
  /** This feed's id, new each time the store is opened: a revision means something only with it. */
  readonly id: string;
  /**
   * The records of `mapId` written after `revision` (each once, whatever the number of writes), or
   * null when the journal does not reach back that far (or the revision is not one this feed gave).
   */
  since(mapId: string, revision: number): TouchedRecord[] | null;
  /** The records of `mapId` the open transaction has written so far (not yet committed, so not in `since`). */
  pending(mapId: string): TouchedRecord[];
  /**
   * What the open transaction has touched so far, for `rewind`: a savepoint that rolls back (one
   * call of a group commit refused on its own) must not report the rows it wrote and took back.
   */
  mark(): FeedMark;
  /** Forgets what was touched after `mark` (its savepoint rolled back). */
  rewind(mark: FeedMark): void;
}

/** How many keys each map's touched set held at a moment (sets only grow, in insertion order). */
export type FeedMark = ReadonlyMap<string, number>;

interface Journal {
  /** Revisions at or before this are not known record by record. */
  floor: number;
  /** Oldest first. */
  commits: { revision: number; keys: string[] }[];
  size: number;
}

const OPS = ['INSERT', 'UPDATE', 'DELETE'] as const;

function toTouched(key: string): TouchedRecord {
  const cut = key.indexOf(':');
  return { type: key.slice(0, cut) as ChangeTarget, id: key.slice(cut + 1) };
}

export function createChangeFeed(db: Db): ChangeFeed {
  /** Per map: the keys (`type:id`) of the records the open transaction touched. */
  const touched = new Map<string, Set<string>>();
  const listeners = new Set<StoreChangeListener>();
  const journals = new Map<string, Journal>();
  /** Maps whose journal was dropped (JOURNAL_MAPS): nothing at or before this revision is known. */
  const floors = new Map<string, number>();
  const feedId = randomUUID();
  let revision = 0;

  db.function('jb_touched', { deterministic: false, varargs: false }, (mapId: unknown, type: unknown, id: unknown) => {
    if (typeof mapId !== 'string') return null;
    let keys = touched.get(mapId);
    if (!keys) touched.set(mapId, (keys = new Set()));
    keys.add(`${String(type)}:${String(id)}`);
    return null;
  });

  function record(mapId: string, rev: number, keys: Set<string>): void {
    let j = journals.get(mapId);
    if (j) journals.delete(mapId);
    else j = { floor: floors.get(mapId) ?? 0, commits: [], size: 0 };
    // Most recently written last (the one dropped first is the first in the map).
    journals.set(mapId, j);
    floors.delete(mapId);
    if (keys.size > JOURNAL_KEYS) {
      j.commits = [];
      j.size = 0;
      j.floor = rev;
    } else {
      j.commits.push({ revision: rev, keys: [...keys] });
      j.size += keys.size;
      while (j.size > JOURNAL_KEYS) {
        const old = j.commits.shift()!;
        j.size -= old.keys.length;
        j.floor = old.revision;
      }
    }
    if (journals.size > JOURNAL_MAPS) {
      const [oldest, dropped] = journals.entries().next().value as [string, Journal];
      journals.delete(oldest);
      floors.set(oldest, dropped.commits.at(-1)?.revision ?? dropped.floor);
    }
  }

  const tables: { table: string; key: string; type: string }[] = [
    { table: 'maps', key: 'id', type: 'map' },
    ...RECORDS.map((r) => ({ table: r.table as string, key: 'map_id', type: r.type as string })),
  ];
  for (const { table, key, type } of tables) {
    for (const op of OPS) {
      const name = `jb_feed_${table}_${op.toLowerCase()}`;
      // NEW for inserts and updates, OLD for deletes (an update that moves a row cannot change its map).
      const row = op === 'DELETE' ? 'OLD' : 'NEW';
      db.exec(
        `DROP TRIGGER IF EXISTS temp.${name}; ` +
          `CREATE TEMP TRIGGER ${name} AFTER ${op} ON main.${table} BEGIN SELECT jb_touched(${row}.${key}, '${type}', ${row}.id); END;`,
      );
    }
  }

  return {
    get revision() {
      return revision;
    },
    id: feedId,
    since(mapId, after) {
      if (!Number.isInteger(after) || after < 0 || after > revision) return null;
      const j = journals.get(mapId);
      const floor = j ? j.floor : (floors.get(mapId) ?? 0);
      if (after < floor) return null;
      if (!j) return [];
      const keys = new Set<string>();
      for (let i = j.commits.length - 1; i >= 0 && j.commits[i]!.revision > after; i--) {
        for (const k of j.commits[i]!.keys) keys.add(k);
      }
      return [...keys].map(toTouched);
    },
    pending(mapId) {
      return [...(touched.get(mapId) ?? [])].map(toTouched);
    },
    mark() {
      return new Map([...touched].map(([mapId, keys]) => [mapId, keys.size]));
    },
    rewind(mark) {
      for (const [mapId, keys] of touched) {
        const keep = mark.get(mapId) ?? 0;
        if (keep === 0) {
          touched.delete(mapId);
          continue;
        }
        let i = 0;
        for (const key of keys) if (i++ >= keep) keys.delete(key);
      }
    },
    commit() {
      if (touched.size === 0) return;
      const maps = [...touched];
      touched.clear();
      for (const [mapId, keys] of maps) {
        const change: StoreChange = { mapId, revision: ++revision };
        record(mapId, change.revision, keys);
        for (const listener of listeners) {
          try {
            listener(change);
          } catch (err) {
            // A listener's failure (a closed stream, say) never reaches the write that committed.
            console.error('Journeyboard: a store-change listener failed:', err);
          }
        }
      }
    },
    discard() {
      touched.clear();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
