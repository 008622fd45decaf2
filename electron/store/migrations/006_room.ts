import type { Migration } from './index';

/**
 * Room (issue 14): participants' emotion scores per stage and the steps they marked done, both sent
 * from their phones. Each goes with its stage or step and with its participant (ON DELETE CASCADE,
 * which the record layer also does itself). One score per stage and participant and one mark per
 * step and participant (the UNIQUE indexes repeat the records' `unique` in shared/records); the
 * CHECK repeats the score's range, so a file that slipped past them is still refused by the store.
 */
export const migration006: Migration = {
  version: 6,
  name: 'room: participant emotion scores and done marks',
  up: `
    CREATE TABLE emotionScores (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
      participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      score INTEGER NOT NULL CHECK (score BETWEEN -2 AND 2)
    ) STRICT;
    CREATE INDEX emotion_scores_by_map ON emotionScores(map_id);
    CREATE UNIQUE INDEX emotion_scores_one_per_person ON emotionScores(stage_id, participant_id);
    CREATE INDEX emotion_scores_by_participant ON emotionScores(participant_id);

    CREATE TABLE stepDones (
      id TEXT PRIMARY KEY,
      map_id TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      step_id TEXT NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
      participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX step_dones_by_map ON stepDones(map_id);
    CREATE UNIQUE INDEX step_dones_one_per_person ON stepDones(step_id, participant_id);
    CREATE INDEX step_dones_by_participant ON stepDones(participant_id);
  `,
};
