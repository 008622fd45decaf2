/**
 * Repositories: the SQL, as prepared statements, and nothing else. Services decide what is
 * allowed and wrap each call in a transaction.
 */
import type { Db } from './db';
import type { DbLane, DbMap, DbNote, DbPersona, DbStage } from './rows';

export interface MapSummaryRow {
  id: string;
  title: string;
  updated_at: number;
  note_count: number;
}

export function createRepos(db: Db) {
  const s = {
    listMaps: db.prepare<[], MapSummaryRow>(
      `SELECT m.id, m.title, m.updated_at,
              (SELECT count(*) FROM notes n WHERE n.map_id = m.id) AS note_count
         FROM maps m ORDER BY m.updated_at DESC, m.title`,
    ),
    mapSummary: db.prepare<[string], MapSummaryRow>(
      `SELECT m.id, m.title, m.updated_at,
              (SELECT count(*) FROM notes n WHERE n.map_id = m.id) AS note_count
         FROM maps m WHERE m.id = ?`,
    ),
    getMap: db.prepare<[string], DbMap>('SELECT * FROM maps WHERE id = ?'),
    insertMap: db.prepare<[DbMap]>(
      'INSERT INTO maps (id, title, camera, persona_id, created_at, updated_at) VALUES (@id, @title, @camera, @persona_id, @created_at, @updated_at)',
    ),
    renameMap: db.prepare<[string, number, string]>('UPDATE maps SET title = ?, updated_at = ? WHERE id = ?'),
    touchMap: db.prepare<[number, string]>('UPDATE maps SET updated_at = ? WHERE id = ?'),
    setCamera: db.prepare<[string, string]>('UPDATE maps SET camera = ? WHERE id = ?'),
    deleteMap: db.prepare<[string]>('DELETE FROM maps WHERE id = ?'),
    setMapPersona: db.prepare<[string | null, number, string]>('UPDATE maps SET persona_id = ?, updated_at = ? WHERE id = ?'),

    personasOf: db.prepare<[string], DbPersona>('SELECT * FROM personas WHERE map_id = ? ORDER BY position'),
    getPersona: db.prepare<[string], DbPersona>('SELECT * FROM personas WHERE id = ?'),
    insertPersona: db.prepare<[DbPersona]>(
      `INSERT INTO personas (id, map_id, name, role, quote, goals, needs, frustrations, photo, color, position)
       VALUES (@id, @map_id, @name, @role, @quote, @goals, @needs, @frustrations, @photo, @color, @position)`,
    ),
    updatePersona: db.prepare<[DbPersona]>(
      `UPDATE personas SET name = @name, role = @role, quote = @quote, goals = @goals, needs = @needs,
              frustrations = @frustrations, photo = @photo, color = @color, position = @position WHERE id = @id`,
    ),
    deletePersona: db.prepare<[string]>('DELETE FROM personas WHERE id = ?'),
    notesTaggedWith: db.prepare<[string, string], DbNote>(
      "SELECT n.* FROM notes n, json_each(n.persona_ids) j WHERE n.map_id = ? AND j.value = ?",
    ),

    stagesOf: db.prepare<[string], DbStage>('SELECT * FROM stages WHERE map_id = ? ORDER BY position'),
    getStage: db.prepare<[string], DbStage>('SELECT * FROM stages WHERE id = ?'),
    insertStage: db.prepare<[DbStage]>(
      'INSERT INTO stages (id, map_id, name, description, position, emotion) VALUES (@id, @map_id, @name, @description, @position, @emotion)',
    ),
    updateStage: db.prepare<[DbStage]>('UPDATE stages SET name = @name, description = @description, position = @position, emotion = @emotion WHERE id = @id'),
    deleteStage: db.prepare<[string]>('DELETE FROM stages WHERE id = ?'),

    lanesOf: db.prepare<[string], DbLane>('SELECT * FROM lanes WHERE map_id = ? ORDER BY position'),
    getLane: db.prepare<[string], DbLane>('SELECT * FROM lanes WHERE id = ?'),
    insertLane: db.prepare<[DbLane]>(
      'INSERT INTO lanes (id, map_id, name, kind, position, collapsed) VALUES (@id, @map_id, @name, @kind, @position, @collapsed)',
    ),
    updateLane: db.prepare<[DbLane]>(
      'UPDATE lanes SET name = @name, kind = @kind, position = @position, collapsed = @collapsed WHERE id = @id',
    ),
    deleteLane: db.prepare<[string]>('DELETE FROM lanes WHERE id = ?'),

    notesOf: db.prepare<[string], DbNote>('SELECT * FROM notes WHERE map_id = ? ORDER BY created_at, id'),
    getNote: db.prepare<[string], DbNote>('SELECT * FROM notes WHERE id = ?'),
    notesOfStage: db.prepare<[string], DbNote>('SELECT * FROM notes WHERE stage_id = ? ORDER BY created_at, id'),
    notesOfLane: db.prepare<[string], DbNote>('SELECT * FROM notes WHERE lane_id = ? ORDER BY created_at, id'),
    insertNote: db.prepare<[DbNote]>(
      `INSERT INTO notes (id, map_id, text, x, y, width, height, color, stage_id, lane_id, kind, sentiment, author, channels, persona_ids, created_at, updated_at)
       VALUES (@id, @map_id, @text, @x, @y, @width, @height, @color, @stage_id, @lane_id, @kind, @sentiment, @author, @channels, @persona_ids, @created_at, @updated_at)`,
    ),
    updateNote: db.prepare<[DbNote]>(
      `UPDATE notes SET text = @text, x = @x, y = @y, width = @width, height = @height, color = @color,
              stage_id = @stage_id, lane_id = @lane_id, kind = @kind, sentiment = @sentiment, author = @author,
              channels = @channels, persona_ids = @persona_ids, updated_at = @updated_at
        WHERE id = @id`,
    ),
    deleteNote: db.prepare<[string]>('DELETE FROM notes WHERE id = ?'),
  };
  return s;
}

export type Repos = ReturnType<typeof createRepos>;
