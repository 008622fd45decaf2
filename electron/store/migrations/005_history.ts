import type { Migration } from './index';

/**
 * History (issue 15): saved versions of a map, and its living-document status.
 *
 * A version is the whole map document, stored compactly: whole (`base_id` NULL) every so often,
 * and otherwise only the record-level changes that turn another version (`base_id`) into it
 * (electron/services/versionStore.ts). Payloads are JSON compressed with raw deflate (node:zlib). The counts
 * are kept beside the payload so the list never has to open one.
 */
export const migration005: Migration = {
  version: 5,
  name: 'versions of a map, owner and review dates',
  up: `
    CREATE TABLE versions (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      label TEXT,
      auto INTEGER NOT NULL CHECK (auto IN (0, 1)),
      reason TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      note_count INTEGER NOT NULL,
      pain_point_count INTEGER NOT NULL,
      vote_count INTEGER NOT NULL,
      base_id TEXT REFERENCES versions(id),
      payload BLOB NOT NULL,
      raw_bytes INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX versions_by_map ON versions(map_id, created_at);
    CREATE INDEX versions_by_base ON versions(base_id);

    ALTER TABLE maps ADD COLUMN owner TEXT;
    ALTER TABLE maps ADD COLUMN reviewed_at TEXT;
    ALTER TABLE maps ADD COLUMN next_review_at TEXT;
  `,
};
