/**
 * Repositories: the SQL, as prepared statements, and nothing else. Services decide what is
 * allowed and wrap each call in a transaction. Each record table's statements are built from its
 * columns (rows.ts, from the record registry), so a new field or table needs no SQL here.
 */
import type { Db } from './db';
import { mapHeader, RECORDS, type RecordType } from '../../shared/records/records';
import { columnName, MAP_COLUMNS, RECORD_COLUMNS, type Column, type DbMap, type DbNote, type DbRecord } from './rows';

export interface MapSummaryRow {
  id: string;
  title: string;
  updated_at: number;
  note_count: number;
  next_review_at: string | null;
}

/** The maps table's columns that point at records. */
const MAP_REF_COLUMNS = Object.keys(mapHeader.refs).map(columnName);

/** Columns never rewritten by an update: the id, the map it belongs to, when it was made. */
const FIXED = new Set(['id', 'map_id', 'created_at']);

const insertSql = (table: string, columns: Column[]) =>
  `INSERT INTO ${table} (${columns.map((c) => c.column).join(', ')}) VALUES (${columns.map((c) => `@${c.column}`).join(', ')})`;

function recordStatements<T extends RecordType>(db: Db, def: Extract<(typeof RECORDS)[number], { type: T }>) {
  type R = DbRecord<T>;
  const columns = RECORD_COLUMNS[def.type];
  const t = def.table;
  const set = columns.filter((c) => !FIXED.has(c.column)).map((c) => `${c.column} = @${c.column}`);
  /** For each field that points at other records: the rows of this table pointing at a given id. */
  const pointingAt = Object.fromEntries(
    Object.keys(def.refs).map((field) => {
      const c = columns.find((x) => x.field === field)!;
      const sql =
        c.storage === 'json'
          ? `SELECT t.* FROM ${t} t, json_each(t.${c.column}) j WHERE t.map_id = @mapId AND j.value = @id ORDER BY ${def.orderBy.replace(/(\w+)/g, 't.$1')}`
          : `SELECT * FROM ${t} WHERE map_id = @mapId AND ${c.column} = @id ORDER BY ${def.orderBy}`;
      return [field, db.prepare<[{ mapId: string; id: string }], R>(sql)];
    }),
  );
  return {
    ofMap: db.prepare<[string], R>(`SELECT * FROM ${t} WHERE map_id = ? ORDER BY ${def.orderBy}`),
    get: db.prepare<[string], R>(`SELECT * FROM ${t} WHERE id = ?`),
    insert: db.prepare<[R]>(insertSql(t, columns)),
    update: db.prepare<[R]>(`UPDATE ${t} SET ${set.join(', ')} WHERE id = @id`),
    delete: db.prepare<[string]>(`DELETE FROM ${t} WHERE id = ?`),
    pointingAt,
  };
}

export type RecordStatements<T extends RecordType> = ReturnType<typeof recordStatements<T>>;

export function createRepos(db: Db) {
  const records = Object.fromEntries(RECORDS.map((def) => [def.type, recordStatements(db, def)])) as {
    [T in RecordType]: RecordStatements<T>;
  };
  const { persona, stage, lane, note } = records;
  return {
    records,
    listMaps: db.prepare<[], MapSummaryRow>(
      `SELECT m.id, m.title, m.updated_at, m.next_review_at,
              (SELECT count(*) FROM notes n WHERE n.map_id = m.id) AS note_count
         FROM maps m ORDER BY m.updated_at DESC, m.title`,
    ),
    mapSummary: db.prepare<[string], MapSummaryRow>(
      `SELECT m.id, m.title, m.updated_at, m.next_review_at,
              (SELECT count(*) FROM notes n WHERE n.map_id = m.id) AS note_count
         FROM maps m WHERE m.id = ?`,
    ),
    getMap: db.prepare<[string], DbMap>('SELECT * FROM maps WHERE id = ?'),
    insertMap: db.prepare<[DbMap]>(insertSql('maps', MAP_COLUMNS)),
    renameMap: db.prepare<[string, number, string]>('UPDATE maps SET title = ?, updated_at = ? WHERE id = ?'),
    touchMap: db.prepare<[number, string]>('UPDATE maps SET updated_at = ? WHERE id = ?'),
    setCamera: db.prepare<[string, string]>('UPDATE maps SET camera = ? WHERE id = ?'),
    deleteMap: db.prepare<[string]>('DELETE FROM maps WHERE id = ?'),
    setMapPersona: db.prepare<[string | null, number, string]>('UPDATE maps SET persona_id = ?, updated_at = ? WHERE id = ?'),
    /** The header's references to records (its persona): all null, and a statement that sets them. */
    mapRefs: {
      none: Object.fromEntries(MAP_REF_COLUMNS.map((c) => [c, null])) as Partial<DbMap>,
      set: db.prepare<[DbMap]>(`UPDATE maps SET ${MAP_REF_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
    },

    // The names the services have always used, for the statements above.
    personasOf: persona.ofMap,
    getPersona: persona.get,
    insertPersona: persona.insert,
    updatePersona: persona.update,
    deletePersona: persona.delete,
    notesTaggedWith: { all: (mapId: string, personaId: string): DbNote[] => note.pointingAt['personaIds']!.all({ mapId, id: personaId }) },

    stagesOf: stage.ofMap,
    getStage: stage.get,
    insertStage: stage.insert,
    updateStage: stage.update,
    deleteStage: stage.delete,

    lanesOf: lane.ofMap,
    getLane: lane.get,
    insertLane: lane.insert,
    updateLane: lane.update,
    deleteLane: lane.delete,

    notesOf: note.ofMap,
    getNote: note.get,
    notesOfStage: db.prepare<[string], DbNote>('SELECT * FROM notes WHERE stage_id = ? ORDER BY created_at, id'),
    notesOfLane: db.prepare<[string], DbNote>('SELECT * FROM notes WHERE lane_id = ? ORDER BY created_at, id'),
    insertNote: note.insert,
    updateNote: note.update,
    deleteNote: note.delete,
  };
}

export type Repos = ReturnType<typeof createRepos>;
