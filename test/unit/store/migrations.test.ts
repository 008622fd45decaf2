import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../../electron/store/db';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/store/migrations/index';

const dirs: string[] = [];
function tempFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-store-'));
  dirs.push(dir);
  return path.join(dir, 'journeyboard.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tables(db: Database.Database) {
  return db
    .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all();
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('migration 1 from an empty database creates STRICT maps, stages, lanes and notes', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    const t = tables(db);
    expect(t.map((x) => x.name)).toEqual(['lanes', 'maps', 'notes', 'stages']);
    for (const x of t) expect(x.sql).toMatch(/STRICT$/);
    const noteCols = db.prepare<[], { name: string }>('PRAGMA table_info(notes)').all().map((c) => c.name);
    expect(noteCols).toEqual(
      expect.arrayContaining(['text', 'x', 'y', 'width', 'height', 'color', 'stage_id', 'lane_id', 'kind', 'sentiment', 'created_at', 'updated_at']),
    );
    // A note is found by map through its index, not a table scan.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM notes WHERE map_id = ?').all('x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX notes_by_map/);
    db.close();
  });

  it('migration 2 adds personas, note channels and persona tags, and stage emotion, keeping existing rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 1);
    db.exec(`
      INSERT INTO maps VALUES ('m', 'M', NULL, 1, 1);
      INSERT INTO stages VALUES ('s', 'm', 'S', '', 0);
      INSERT INTO notes VALUES ('n', 'm', 'hi', 0, 0, 160, 160, 'yellow', 's', NULL, NULL, NULL, NULL, 1, 1);
    `);
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT channels, persona_ids FROM notes WHERE id = 'n'").get()).toEqual({ channels: '[]', persona_ids: '[]' });
    expect(db.prepare("SELECT emotion FROM stages WHERE id = 's'").get()).toEqual({ emotion: null });
    expect(db.prepare("SELECT persona_id FROM maps WHERE id = 'm'").get()).toEqual({ persona_id: null });
    expect(tables(db).find((t) => t.name === 'personas')!.sql).toMatch(/STRICT$/);
    expect(() => db.exec("UPDATE stages SET emotion = 3 WHERE id = 's'")).toThrow(/CHECK constraint failed/);
    db.exec("INSERT INTO personas VALUES ('p', 'm', 'Priya', '', '', '', '', '', NULL, 'blue', 0)");
    db.exec("UPDATE maps SET persona_id = 'p'");
    db.exec("DELETE FROM personas WHERE id = 'p'");
    expect(db.prepare("SELECT persona_id FROM maps WHERE id = 'm'").get()).toEqual({ persona_id: null });
    db.close();
  });

  it('opening a file runs every migration, turns on WAL and foreign keys', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('opening twice keeps the data and does not re-run migrations', () => {
    const file = tempFile();
    const a = openDatabase(file);
    a.prepare("INSERT INTO maps (id, title, created_at, updated_at) VALUES ('m', 'Kept', 1, 1)").run();
    a.close();
    const b = openDatabase(file);
    expect(b.prepare('SELECT title FROM maps').get()).toEqual({ title: 'Kept' });
    b.close();
  });

  it('refuses a database from a newer Journeyboard and leaves it untouched', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(`newer Journeyboard (schema ${LATEST_VERSION + 5}`);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    expect(tables(check).map((t) => t.name)).toEqual(['future']);
    check.close();
  });

  it('a failing migration rolls back whole and leaves the version where it was', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE maps (id TEXT)'); // collides with migration 1's CREATE TABLE maps
    expect(() => migrate(db)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db).map((t) => t.name)).toEqual(['maps']);
    db.close();
  });

  it('deleting a map deletes its stages, lanes and notes; deleting a stage frees its notes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.exec(`
      INSERT INTO maps (id, title, created_at, updated_at) VALUES ('m', 'M', 1, 1);
      INSERT INTO stages (id, map_id, name, position) VALUES ('s', 'm', 'S', 0);
      INSERT INTO lanes VALUES ('l', 'm', 'L', 'actions', 0, 0);
      INSERT INTO notes (id, map_id, text, x, y, width, height, color, stage_id, lane_id, created_at, updated_at)
        VALUES ('n', 'm', 'hi', 0, 0, 160, 160, 'yellow', 's', 'l', 1, 1);
    `);
    db.exec("DELETE FROM stages WHERE id = 's'");
    expect(db.prepare("SELECT stage_id, lane_id FROM notes WHERE id = 'n'").get()).toEqual({ stage_id: null, lane_id: 'l' });
    db.exec("DELETE FROM maps WHERE id = 'm'");
    expect(db.prepare('SELECT count(*) AS c FROM notes').get()).toEqual({ c: 0 });
    expect(db.prepare('SELECT count(*) AS c FROM lanes').get()).toEqual({ c: 0 });
    db.close();
  });

  it('STRICT tables refuse a wrongly typed value', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(() => db.prepare("INSERT INTO maps (id, title, created_at, updated_at) VALUES ('m', 'M', 'yesterday', 1)").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });
});
