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
 */
import { RECORDS } from '../../shared/records/index';
import type { StoreChange } from '../../shared/api';
import type { Db } from '../store/db';

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
}

const OPS = ['INSERT', 'UPDATE', 'DELETE'] as const;

export function createChangeFeed(db: Db): ChangeFeed {
  const touched = new Set<string>();
  const listeners = new Set<StoreChangeListener>();
  let revision = 0;

  db.function('jb_touched', { deterministic: false, varargs: false }, (mapId: unknown) => {
    if (typeof mapId === 'string') touched.add(mapId);
    return null;
  });
  const tables: { table: string; key: string }[] = [
    { table: 'maps', key: 'id' },
    ...RECORDS.map((r) => ({ table: r.table as string, key: 'map_id' })),
  ];
  for (const { table, key } of tables) {
    for (const op of OPS) {
      const name = `jb_feed_${table}_${op.toLowerCase()}`;
      // NEW for inserts and updates, OLD for deletes (an update that moves a row cannot change its map).
      const row = op === 'DELETE' ? 'OLD' : 'NEW';
      db.exec(
        `DROP TRIGGER IF EXISTS temp.${name}; ` +
          `CREATE TEMP TRIGGER ${name} AFTER ${op} ON main.${table} BEGIN SELECT jb_touched(${row}.${key}); END;`,
      );
    }
  }

  return {
    get revision() {
      return revision;
    },
    commit() {
      if (touched.size === 0) return;
      const maps = [...touched];
      touched.clear();
      for (const mapId of maps) {
        const change: StoreChange = { mapId, revision: ++revision };
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
