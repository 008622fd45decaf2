import type { Migration } from './index';

/**
 * Journey structure: persona cards (and which persona the map is for), channel tags and persona
 * tags on notes (JSON arrays: a note carries a handful at most, and reading 20,000 notes stays one
 * table scan), and a facilitator-set emotion score per stage (NULL = derived from the notes).
 */
export const migration002: Migration = {
  version: 2,
  name: 'personas, note channels and persona tags, stage emotion',
  up: `
    CREATE TABLE personas (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      role TEXT NOT NULL DEFAULT '',
      quote TEXT NOT NULL DEFAULT '',
      goals TEXT NOT NULL DEFAULT '',
      needs TEXT NOT NULL DEFAULT '',
      frustrations TEXT NOT NULL DEFAULT '',
      photo TEXT,
      color TEXT NOT NULL,
      position INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX personas_by_map ON personas(map_id, position);

    ALTER TABLE maps ADD COLUMN persona_id TEXT REFERENCES personas(id) ON DELETE SET NULL;
    ALTER TABLE notes ADD COLUMN channels TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE notes ADD COLUMN persona_ids TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stages ADD COLUMN emotion REAL CHECK (emotion BETWEEN -2 AND 2);
  `,
};
