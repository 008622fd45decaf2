import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { JOURNEY_APPLICATION_ID } from '../../../electron/services/journeyFile';
import { mapToJson } from '../../../shared/export/json';
import { MIGRATIONS } from '../../../electron/store/migrations/index';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let dir: string;
let map: JourneyMap;

beforeEach(() => {
  core = testCore();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-journey-'));
  map = core.call('maps.create', { title: 'Bank', template: 'bank-account-opening' });
  const persona = core.call('personas.create', { mapId: map.id, name: 'Priya', quote: 'Is my money safe?' });
  core.call('stages.update', { id: map.stages[0]!.id, emotion: -1 });
  core.call('notes.create', { mapId: map.id, text: '<script>alert(1)</script>', x: 5000, y: 10, personaIds: [persona.id], channels: ['app'] });
  core.call('maps.setCamera', { id: map.id, camera: { x: 10, y: 20, zoom: 0.5 } });
  map = core.call('maps.get', { id: map.id });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = () => core.call('maps.list', {}).length;

describe('.journey files', () => {
  it('round trip: export, delete, import gives the same map, note for note', async () => {
    const file = path.join(dir, 'bank.journey');
    expect(core.exportJourney(map.id, file)).toEqual({ ok: true, value: { path: file } });
    // One self-contained SQLite file, marked as Journeyboard's, and no temporary files left.
    expect(fs.readdirSync(dir)).toEqual(['bank.journey']);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(JOURNEY_APPLICATION_ID);
    expect(raw.prepare('SELECT count(*) AS c FROM maps').get()).toEqual({ c: 1 });
    raw.close();

    core.call('maps.delete', { id: map.id });
    const imported = await core.importJourney(file);
    expect(imported).toMatchObject({ ok: true, value: { id: map.id, title: 'Bank', noteCount: map.notes.length } });
    expect(core.call('maps.get', { id: map.id })).toEqual(map);
  });

  it('a place that cannot be written says so, names the file and leaves nothing behind', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const file = path.join(dir, 'no-such-folder', 'bank.journey');
    const answer = core.exportJourney(map.id, file);
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining('could not write bank.journey') } });
    expect(answer.ok ? '' : answer.error.message).toContain('No file was written');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(core.exportJourney('no-such-map', path.join(dir, 'x.journey'))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    vi.restoreAllMocks();
  });

  it('the same map again asks first; replace keeps one, keep both makes a copy with new ids', async () => {
    const file = path.join(dir, 'bank.journey');
    core.exportJourney(map.id, file);
    const asked = await core.importJourney(file);
    expect(asked).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Replace it with the file’s version, or keep both?') } });
    expect(count()).toBe(1);

    core.call('maps.rename', { id: map.id, title: 'Changed here' });
    expect(await core.importJourney(file, 'replace')).toMatchObject({ ok: true, value: { id: map.id, title: 'Bank' } });
    expect(count()).toBe(1);

    const both = await core.importJourney(file, 'copy');
    expect(both.ok).toBe(true);
    const copy = core.call('maps.get', { id: (both as { value: { id: string } }).value.id });
    expect(copy.id).not.toBe(map.id);
    expect(copy.notes.map((n) => n.text).sort()).toEqual(map.notes.map((n) => n.text).sort());
    expect(copy.notes.find((n) => n.text.startsWith('<script>'))!.personaIds).toEqual([copy.personas[0]!.id]);
    const stageNames = new Map(copy.stages.map((s) => [s.id, s.name]));
    const originalStageNames = new Map(map.stages.map((s) => [s.id, s.name]));
    for (const n of copy.notes) {
      const original = map.notes.find((o) => o.text === n.text)!;
      expect(n.stageId ? stageNames.get(n.stageId) : null).toBe(original.stageId ? originalStageNames.get(original.stageId) : null);
    }
    expect(count()).toBe(2);
  });

  it('a map saved by an older Journeyboard (schema 1) is brought up to date and taken in; the file is not written', async () => {
    const file = path.join(dir, 'old.journey');
    const old = new Database(file);
    old.pragma('journal_mode = DELETE');
    old.exec(MIGRATIONS[0]!.up);
    old.pragma('user_version = 1');
    old.pragma(`application_id = ${JOURNEY_APPLICATION_ID}`);
    old.prepare("INSERT INTO maps (id, title, camera, created_at, updated_at) VALUES ('old-map', 'From 2025', NULL, 1, 2)").run();
    old.prepare("INSERT INTO stages (id, map_id, name, description, position) VALUES ('s1', 'old-map', 'Discover', '', 0)").run();
    old.prepare("INSERT INTO lanes (id, map_id, name, kind, position) VALUES ('l1', 'old-map', 'Actions', 'actions', 0)").run();
    old
      .prepare(
        `INSERT INTO notes (id, map_id, text, x, y, width, height, color, stage_id, lane_id, created_at, updated_at)
         VALUES ('n1', 'old-map', 'Found the bank online', 10, 20, 160, 160, 'yellow', 's1', 'l1', 3, 3)`,
      )
      .run();
    old.close();
    const bytes = fs.readFileSync(file);

    expect(await core.importJourney(file)).toMatchObject({ ok: true, value: { id: 'old-map', title: 'From 2025', noteCount: 1 } });
    const imported = core.call('maps.get', { id: 'old-map' });
    expect(imported.personas).toEqual([]);
    expect(imported.notes).toEqual([expect.objectContaining({ text: 'Found the bank online', stageId: 's1', laneId: 'l1', channels: [], personaIds: [] })]);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  describe('refuses a bad file, changing nothing', () => {
    const refuse = async (file: string, code: string, message: RegExp) => {
      const before = core.call('maps.list', {});
      const r = await core.importJourney(file);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(message);
      }
      expect(core.call('maps.list', {})).toEqual(before);
    };

    it('a file that is not SQLite', async () => {
      const file = path.join(dir, 'notes.journey');
      fs.writeFileSync(file, 'text,stage\nhello,1\n');
      await refuse(file, 'invalid_input', /it is not a SQLite database, and every map Journeyboard saves \(\.journey\) is one/);
    });

    it('a truncated file', async () => {
      const file = path.join(dir, 'bank.journey');
      core.call('maps.delete', { id: core.call('maps.create', { title: 'other' }).id });
      core.exportJourney(map.id, file);
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      core.call('maps.delete', { id: map.id });
      await refuse(file, 'invalid_input', /damaged|truncated/);
    });

    it('a SQLite database that is not a Journeyboard map', async () => {
      const file = path.join(dir, 'other.journey');
      const db = new Database(file);
      db.exec('CREATE TABLE t (x)');
      db.close();
      await refuse(file, 'invalid_input', /not one written by Journeyboard/);
    });

    it('a map from a newer Journeyboard', async () => {
      const file = path.join(dir, 'future.journey');
      core.exportJourney(map.id, file);
      const db = new Database(file);
      db.pragma('user_version = 99');
      db.close();
      core.call('maps.delete', { id: map.id });
      await refuse(file, 'newer_schema', /newer Journeyboard \(schema 99/);
    });

    it('a map whose notes break the rules (a NaN-free but absurd coordinate, an unknown colour)', async () => {
      const file = path.join(dir, 'bad.journey');
      core.exportJourney(map.id, file);
      const db = new Database(file);
      db.prepare("UPDATE notes SET color = 'chartreuse' WHERE rowid = 1").run();
      db.close();
      core.call('maps.delete', { id: map.id });
      await refuse(file, 'invalid_input', /notes\.0\.color/);
    });

    it('a file holding two maps', async () => {
      const file = path.join(dir, 'two.journey');
      core.exportJourney(map.id, file);
      const db = new Database(file);
      db.prepare("INSERT INTO maps (id, title, created_at, updated_at) VALUES ('x', 'X', 1, 1)").run();
      db.close();
      core.call('maps.delete', { id: map.id });
      await refuse(file, 'invalid_input', /holds 2 maps instead of exactly one/);
    });

    it('a missing file', async () => {
      await refuse(path.join(dir, 'nope.journey'), 'not_found', /could not be read/);
    });
  });
});

describe('map files through the API (web mode)', () => {
  it('files.exportJourney gives the bytes and a safe file name; files.importJourney takes them back', async () => {
    core.call('maps.rename', { id: map.id, title: 'Bank: as-is / v2' });
    const exported = core.call('files.exportJourney', { mapId: map.id });
    expect(exported.fileName).toBe('Bank as-is v2.journey');
    expect(Buffer.from(exported.base64, 'base64').subarray(0, 15).toString()).toBe('SQLite format 3');
    core.call('maps.delete', { id: map.id });
    expect(await core.dispatchAsync('files.importJourney', { base64: exported.base64 })).toMatchObject({
      ok: true,
      value: { id: map.id, noteCount: map.notes.length },
    });
    expect(core.call('maps.get', { id: map.id }).notes).toEqual(map.notes);
    // The file is read off the main thread first: the synchronous entry says where to go instead.
    expect(core.fail('files.importJourney', { base64: exported.base64 }).message).toMatch(/call it through dispatchAsync/);
    // dispatchAsync takes every other method as dispatch does.
    expect(await core.dispatchAsync('maps.list', {})).toEqual(core.dispatch('maps.list', {}));
    expect(await core.dispatchAsync('files.importJourney', { base64: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('files.importJson takes a JSON export and refuses a broken one, changing nothing', () => {
    const text = mapToJson(map, 0);
    expect(core.fail('files.importJson', { text }).code).toBe('conflict');
    expect(core.call('files.importJson', { text, onConflict: 'copy' }).title).toBe(map.title);
    expect(count()).toBe(2);
    const e = core.fail('files.importJson', { text: text.replace('"journeyboard.map"', '"other"') });
    expect(e).toEqual({ code: 'invalid_input', message: 'This is not a Journeyboard JSON export: "format" must be "journeyboard.map". Nothing was imported.' });
    expect(count()).toBe(2);
  });
});
