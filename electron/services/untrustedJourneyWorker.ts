/**
 * The worker that opens an untrusted .journey file, as plain JavaScript run with
 * `new Worker(source, { eval: true })`. A string, not a module, so the same code runs from the
 * TypeScript sources (tests), the ESM bundle (web mode) and the CommonJS bundle (Electron main),
 * with no worker file to find and no `node` executable to fork. It may use only Node built-ins and
 * better-sqlite3 (loaded from the absolute path in `workerData.sqliteModule`, with the store's
 * `nativeBinding`).
 *
 * Order matters; each step makes the next one safe:
 * 1. open the copy read-only with `trusted_schema=OFF` (the main thread already checked its header);
 * 2. compare `sqlite_schema` with the schema Journeyboard's own migrations make for the file's
 *    version (built here in an in-memory database, so it can never drift from the writer): no views,
 *    no triggers, no other tables, indexes or columns. After this no query can run hostile SQL;
 * 3. `PRAGMA quick_check`, linear in the file's size: after it every b-tree is a tree (a page
 *    reached twice would make the next scans repeat work without bound);
 * 4. `count(*)` guards on every table, then `foreign_key_check`;
 * 5. an older file is migrated in an in-memory copy (the file itself stays read-only);
 * 6. the rows are read and posted back; the main thread turns them into a map and checks every field.
 *
 * Answers one message: `{ ok: true, version, rows }` or `{ ok: false, code, what }` (`what`: why the
 * file is refused, in words), or `{ ok: false, failed, sqliteCode }` when SQLite gave up on the file.
 */
export const UNTRUSTED_JOURNEY_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { file, sqliteModule, nativeBinding, migrations, latestVersion, applicationId, maxRows, records } = workerData;
const Database = require(sqliteModule);

function open(target, options) {
  return new Database(target, nativeBinding ? Object.assign({}, options, { nativeBinding: nativeBinding }) : options);
}

function Refusal(code, what) {
  this.code = code;
  this.what = what;
}
function refuse(what) {
  throw new Refusal('invalid_input', what);
}

function harden(db) {
  // Functions in the schema may not run with side effects; damaged cells are caught early.
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
}

function normalised(sql) {
  return sql === null ? null : sql.replace(/\s+/g, ' ').trim();
}

function schemaOf(db) {
  const entries = new Map();
  for (const row of db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema').all()) {
    entries.set(row.type + ' ' + row.name, { type: row.type, name: row.name, table: row.tbl_name, sql: normalised(row.sql) });
  }
  return entries;
}

function expectedSchema(version) {
  const ref = open(':memory:', {});
  try {
    for (const m of migrations) if (m.version <= version) ref.exec(m.up);
    return schemaOf(ref);
  } finally {
    ref.close();
  }
}

function quote(name) {
  return '“' + String(name).slice(0, 60) + '”';
}

function checkSchema(db, version) {
  const actual = schemaOf(db);
  const expected = expectedSchema(version);
  const all = Array.from(actual.values());
  const view = all.find((e) => e.type === 'view');
  if (view) refuse('it contains a view (' + quote(view.name) + '), which a map file never has');
  const trigger = all.find((e) => e.type === 'trigger');
  if (trigger) refuse('it contains a trigger (' + quote(trigger.name) + '), which a map file never has');
  for (const [key, want] of expected) {
    const have = actual.get(key);
    if (!have) refuse('its ' + want.type + ' ' + quote(want.name) + ' is missing');
    if (have.sql !== want.sql || have.table !== want.table) {
      refuse('its ' + want.type + ' ' + quote(want.name) + ' is not the one Journeyboard writes (different columns or rules)');
    }
  }
  for (const [key, have] of actual) {
    if (!expected.has(key)) refuse('it has an extra ' + have.type + ' ' + quote(have.name) + ', which a map file never has');
  }
  return Array.from(expected.values())
    .filter((e) => e.type === 'table' && !e.name.startsWith('sqlite_'))
    .map((e) => e.name);
}

function read() {
  const db = open(file, { readonly: true, fileMustExist: true });
  let mem = null;
  try {
    harden(db);
    if (db.pragma('application_id', { simple: true }) !== applicationId) {
      refuse('it is a SQLite database, but not one written by Journeyboard');
    }
    const version = db.pragma('user_version', { simple: true });
    if (version > latestVersion) throw new Refusal('newer_schema', String(version));
    if (version < 1) refuse('it holds no map (its schema version is ' + version + ')');

    const tables = checkSchema(db, version);

    const found = db.pragma('quick_check(5)').map((r) => String(r.quick_check));
    if (found[0] !== 'ok') {
      const lines = found.join('\n').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('***'));
      const more = lines.length > 1 ? ', and ' + (lines.length - 1) + ' more' : '';
      refuse('the file is damaged (SQLite found: ' + (lines[0] || 'an error').slice(0, 160) + more + ')');
    }

    for (const table of tables) {
      const n = db.prepare('SELECT count(*) AS n FROM "' + table + '"').pluck().get();
      if (table === 'maps' && n !== 1) refuse('it holds ' + n + ' maps instead of exactly one');
      if (n > maxRows) {
        refuse('it holds ' + n.toLocaleString('en-US') + ' ' + table + '; Journeyboard takes at most ' + maxRows.toLocaleString('en-US') + ' ' + table + ' in a map');
      }
    }
    if (db.pragma('foreign_key_check').length > 0) refuse('some of its rows point at rows that are not there');

    let source = db;
    if (version < latestVersion) {
      // Bring an older map up to date in memory: the copy on disk is never written.
      mem = open(db.serialize(), {});
      harden(mem);
      mem.pragma('foreign_keys = ON');
      for (const m of migrations) {
        if (m.version <= version) continue;
        mem.transaction(() => {
          mem.exec(m.up);
          mem.pragma('user_version = ' + m.version);
        })();
      }
      source = mem;
    }
    const all = (sql) => source.prepare(sql).all();
    return {
      ok: true,
      version: version,
      // The record tables come from the record registry (workerData.records), so a new table is read
      // as soon as it is listed there.
      rows: Object.fromEntries(
        [['maps', all('SELECT * FROM maps')]].concat(
          records.map((r) => [r.table, all('SELECT * FROM "' + r.table + '" ORDER BY ' + r.orderBy)]),
        ),
      ),
    };
  } finally {
    if (mem) mem.close();
    db.close();
  }
}

let answer;
try {
  answer = read();
} catch (err) {
  if (err instanceof Refusal) answer = { ok: false, code: err.code, what: err.what };
  else answer = { ok: false, failed: String((err && err.message) || err).slice(0, 300), sqliteCode: err && typeof err.code === 'string' ? err.code : null };
}
parentPort.postMessage(answer);
`;
