import type { Migration } from './index';

/**
 * Workshop (issue 13): the agenda's steps, the map's current step and timer (an end time while it
 * runs, the time left while paused; never ticks), each stage's customer goal and expectations, and
 * face-down notes from a silent brainstorm.
 *
 * `round_id` names a dot-voting round (table `rounds`, migration 003). It has no SQL foreign key so
 * this migration stands on its own; the record layer clears it when the round is deleted (the
 * record registry's refs), as it does for every reference.
 */
export const migration004: Migration = {
  version: 4,
  name: 'workshop: agenda steps, timer, stage goals, face-down notes',
  up: `
    CREATE TABLE steps (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
      activity TEXT NOT NULL CHECK (activity IN ('brainstorm','vote','emotion','matrix','roadmap','discussion','goals')),
      instructions TEXT NOT NULL DEFAULT '',
      stage_id TEXT REFERENCES stages(id) ON DELETE SET NULL,
      lane_id TEXT REFERENCES lanes(id) ON DELETE SET NULL,
      round_id TEXT,
      silent INTEGER NOT NULL DEFAULT 0 CHECK (silent IN (0, 1)),
      focus TEXT NOT NULL DEFAULT 'board' CHECK (focus IN ('board','frame','stage','lane','matrix','roadmap')),
      position INTEGER NOT NULL,
      started_at INTEGER,
      ended_at INTEGER,
      spent_ms INTEGER NOT NULL DEFAULT 0 CHECK (spent_ms >= 0)
    ) STRICT;
    CREATE INDEX steps_by_map ON steps(map_id, position);

    ALTER TABLE maps ADD COLUMN current_step_id TEXT REFERENCES steps(id) ON DELETE SET NULL;
    ALTER TABLE maps ADD COLUMN timer_ends_at INTEGER;
    ALTER TABLE maps ADD COLUMN timer_remaining_ms INTEGER;
    ALTER TABLE maps ADD COLUMN timer_running INTEGER NOT NULL DEFAULT 0 CHECK (timer_running IN (0, 1));
    ALTER TABLE stages ADD COLUMN goal TEXT NOT NULL DEFAULT '';
    ALTER TABLE stages ADD COLUMN expectations TEXT NOT NULL DEFAULT '';
    ALTER TABLE notes ADD COLUMN face_down INTEGER NOT NULL DEFAULT 0 CHECK (face_down IN (0, 1));
  `,
};
