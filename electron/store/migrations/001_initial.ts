import type { Migration } from './index';

/** Maps, ordered stages, ordered lanes with a kind, and notes. */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema: maps, stages, lanes, notes',
  up: `
    CREATE TABLE maps (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      camera TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE stages (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      position INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX stages_by_map ON stages(map_id, position);

    CREATE TABLE lanes (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('actions','touchpoints','channels','thoughts','emotions','pain_points','opportunities','custom')),
      position INTEGER NOT NULL,
      collapsed INTEGER NOT NULL DEFAULT 0 CHECK (collapsed IN (0, 1))
    ) STRICT;
    CREATE INDEX lanes_by_map ON lanes(map_id, position);

    CREATE TABLE notes (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      text TEXT NOT NULL,
      x REAL NOT NULL,
      y REAL NOT NULL,
      width REAL NOT NULL,
      height REAL NOT NULL,
      color TEXT NOT NULL,
      stage_id TEXT REFERENCES stages(id) ON DELETE SET NULL,
      lane_id TEXT REFERENCES lanes(id) ON DELETE SET NULL,
      kind TEXT,
      sentiment INTEGER CHECK (sentiment BETWEEN -2 AND 2),
      author TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX notes_by_map ON notes(map_id);
    CREATE INDEX notes_by_stage ON notes(stage_id);
    CREATE INDEX notes_by_lane ON notes(lane_id);
  `,
};
