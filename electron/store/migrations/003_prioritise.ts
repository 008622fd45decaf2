import type { Migration } from './index';

/**
 * Prioritise (issue 12): participants, dot-voting rounds and their votes, customer metrics, and
 * the note fields that score and plan (severity, reach, impact, effort, roadmap phase, owner, due
 * date, links to pain points, the participant who wrote it). A vote goes with its note, round or
 * participant (ON DELETE CASCADE, which the record layer also does itself); a metric goes with its
 * stage. The CHECKs repeat the ranges of shared/records (fields.ts), so a file that slipped past
 * them is still refused by the store.
 */
export const migration003: Migration = {
  version: 3,
  name: 'prioritise: participants, rounds, votes, metrics, note scores and roadmap',
  up: `
    CREATE TABLE participants (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      color TEXT NOT NULL,
      position INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX participants_by_map ON participants(map_id, position);

    CREATE TABLE rounds (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      target TEXT NOT NULL CHECK (target IN ('pain_point','opportunity','any')),
      dots INTEGER NOT NULL DEFAULT 3 CHECK (dots BETWEEN 1 AND 20),
      multiple INTEGER NOT NULL DEFAULT 0 CHECK (multiple IN (0, 1)),
      anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
      opened_at INTEGER NOT NULL CHECK (opened_at >= 0),
      closed_at INTEGER CHECK (closed_at >= 0),
      position INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX rounds_by_map ON rounds(map_id, position);

    ALTER TABLE notes ADD COLUMN participant_id TEXT REFERENCES participants(id) ON DELETE SET NULL;
    ALTER TABLE notes ADD COLUMN severity INTEGER CHECK (severity BETWEEN 1 AND 5);
    ALTER TABLE notes ADD COLUMN reach INTEGER CHECK (reach BETWEEN 1 AND 5);
    ALTER TABLE notes ADD COLUMN impact INTEGER CHECK (impact BETWEEN 1 AND 5);
    ALTER TABLE notes ADD COLUMN effort INTEGER CHECK (effort BETWEEN 1 AND 5);
    ALTER TABLE notes ADD COLUMN phase TEXT CHECK (phase IN ('now','next','later','not_doing'));
    ALTER TABLE notes ADD COLUMN phase_order REAL;
    ALTER TABLE notes ADD COLUMN owner TEXT;
    ALTER TABLE notes ADD COLUMN due TEXT CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
    ALTER TABLE notes ADD COLUMN linked_note_ids TEXT NOT NULL DEFAULT '[]';
    CREATE INDEX notes_by_participant ON notes(participant_id);

    CREATE TABLE votes (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
      participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
      note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
      count INTEGER NOT NULL DEFAULT 1 CHECK (count BETWEEN 1 AND 10000)
    ) STRICT;
    CREATE INDEX votes_by_map ON votes(map_id);
    CREATE INDEX votes_by_round ON votes(round_id, participant_id);
    CREATE INDEX votes_by_note ON votes(note_id);
    CREATE INDEX votes_by_participant ON votes(participant_id);

    CREATE TABLE metrics (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      stage_id TEXT REFERENCES stages(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('csat','nps','ces','conversion','churn')),
      value REAL,
      target REAL,
      source TEXT NOT NULL DEFAULT '',
      date TEXT CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      CHECK (
        CASE kind
          WHEN 'csat' THEN (value IS NULL OR value BETWEEN 1 AND 5) AND (target IS NULL OR target BETWEEN 1 AND 5)
          WHEN 'nps' THEN (value IS NULL OR value BETWEEN -100 AND 100) AND (target IS NULL OR target BETWEEN -100 AND 100)
          WHEN 'ces' THEN (value IS NULL OR value BETWEEN 1 AND 7) AND (target IS NULL OR target BETWEEN 1 AND 7)
          ELSE (value IS NULL OR value BETWEEN 0 AND 100) AND (target IS NULL OR target BETWEEN 0 AND 100)
        END
      )
    ) STRICT;
    CREATE INDEX metrics_by_map ON metrics(map_id);
    CREATE INDEX metrics_by_stage ON metrics(stage_id);
  `,
};
