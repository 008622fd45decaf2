import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/store/db';
import { MIGRATIONS } from '../../../electron/store/migrations/index';
import { JOURNEY_APPLICATION_ID } from '../../../electron/services/journeyFile';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let dir: string;
let mapId: string;

beforeEach(() => {
  core = testCore();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-history-'));
  const map = core.call('maps.create', { title: 'Bank', template: 'bank-account-opening' });
  mapId = map.id;
  const notes = core.call('notes.createMany', { mapId, notes: Array.from({ length: 40 }, (_, i) => ({ text: `Note ${i}`, x: i * 10, y: 4000 })) });
  for (let i = 0; i < 6; i++) {
    core.tick(3600_000);
    core.call('notes.updateMany', { mapId, notes: [{ id: notes[i]!.id, text: `Edited ${i}` }] });
    if (i === 3) core.call('notes.deleteMany', { mapId, ids: [notes[39]!.id] });
    core.call('versions.save', { mapId, label: `v${i}` });
  }
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const docsOf = (id: string) => core.call('versions.list', { mapId: id }).map((v) => ({ ...v, map: core.call('versions.get', { id: v.id }).map }));

describe('versions in .journey files', () => {
  it('a round trip keeps every version, each reading back as the same map', async () => {
    const before = docsOf(mapId);
    expect(before).toHaveLength(6);
    const file = path.join(dir, 'bank.journey');
    expect(core.exportJourney(mapId, file)).toMatchObject({ ok: true });
    core.call('maps.delete', { id: mapId });
    expect(await core.importJourney(file)).toMatchObject({ ok: true, value: { id: mapId } });
    const after = docsOf(mapId);
    expect(after.map((v) => ({ ...v }))).toEqual(before);
  });

  it('no version in the file says who voted in an anonymous round; a named round keeps its names', async () => {
    const notes = core.call('maps.get', { id: mapId }).notes.filter((n) => n.kind === 'pain_point');
    const ana = core.call('participants.create', { mapId, name: 'Ana' });
    const ben = core.call('participants.create', { mapId, name: 'Ben' });
    const secret = core.call('rounds.create', { mapId, title: 'Secret', target: 'pain_point', dots: 3, anonymous: true });
    const open = core.call('rounds.create', { mapId, title: 'Open', target: 'pain_point', dots: 3 });
    for (const p of [ana, ben]) {
      core.call('votes.cast', { roundId: secret.id, participantId: p.id, noteId: notes[0]!.id });
      core.call('votes.cast', { roundId: open.id, participantId: p.id, noteId: notes[0]!.id });
    }
    core.call('versions.save', { mapId, label: 'after voting' });
    core.call('notes.updateMany', { mapId, notes: [{ id: notes[1]!.id, text: 'later' }] });
    core.call('versions.save', { mapId, label: 'later' });
    const file = path.join(dir, 'votes.journey');
    expect(core.exportJourney(mapId, file)).toMatchObject({ ok: true });
    core.call('maps.delete', { id: mapId });
    expect(await core.importJourney(file)).toMatchObject({ ok: true });
    const versions = docsOf(mapId).filter((v) => v.map.votes.length > 0);
    expect(versions.length).toBeGreaterThanOrEqual(2);
    for (const v of versions) {
      const secretVotes = v.map.votes.filter((x) => x.roundId === secret.id);
      expect(secretVotes).toEqual([expect.objectContaining({ noteId: notes[0]!.id, participantId: null, count: 2 })]);
      expect(v.map.votes.filter((x) => x.roundId === open.id).map((x) => x.participantId).sort()).toEqual([ana.id, ben.id].sort());
    }
  });

  it('"this version only" leaves the history out', async () => {
    const r = core.dispatch('files.exportJourney', { mapId, history: false });
    expect(r.ok).toBe(true);
    core.call('maps.delete', { id: mapId });
    const back = await core.dispatchAsync('files.importJourney', { base64: (r as { value: { base64: string } }).value.base64 });
    expect(back.ok).toBe(true);
    expect(core.call('versions.list', { mapId })).toEqual([]);
  });

  it('replace keeps the map as it was as a version beside the file’s; keep both carries the history to the copy with new ids', async () => {
    const file = path.join(dir, 'bank.journey');
    core.exportJourney(mapId, file);
    core.tick(1000);
    core.call('notes.create', { mapId, text: 'Only here', x: 0, y: 0 });
    core.tick(1000);
    const copy = await core.importJourney(file, 'copy');
    expect(copy.ok).toBe(true);
    const copyId = (copy as { value: { id: string } }).value.id;
    const copied = docsOf(copyId);
    expect(copied).toHaveLength(6);
    const original = docsOf(mapId).filter((v) => v.label);
    for (let i = 0; i < 6; i++) {
      expect(copied[i]!.label).toBe(original[i]!.label);
      expect(copied[i]!.map.id).toBe(copyId);
      expect(copied[i]!.map.notes.map((n) => n.text)).toEqual(original[i]!.map.notes.map((n) => n.text));
      expect(copied[i]!.map.notes.every((n) => !original[i]!.map.notes.some((o) => o.id === n.id))).toBe(true);
    }
    // Comparing two versions of the copy finds the same changes as in the original.
    expect(core.call('versions.compare', { mapId: copyId, fromId: copied[5]!.id, toId: copied[0]!.id }).edited).toHaveLength(5);

    const replaced = await core.importJourney(file, 'replace');
    expect(replaced.ok).toBe(true);
    const list = core.call('versions.list', { mapId });
    expect(list).toHaveLength(7);
    expect(list[0]).toMatchObject({ auto: true, reason: 'Before it was replaced by an imported file' });
    expect(core.call('versions.get', { id: list[0]!.id }).map.notes.some((n) => n.text === 'Only here')).toBe(true);
    expect(core.call('maps.get', { id: mapId }).notes.some((n) => n.text === 'Only here')).toBe(false);
  });

  it('a .journey without history (an older file, schema 2) opens', async () => {
    const file = path.join(dir, 'old.journey');
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    migrate(db, 2);
    db.pragma(`application_id = ${JOURNEY_APPLICATION_ID}`);
    db.prepare("INSERT INTO maps (id, title, camera, created_at, updated_at) VALUES ('old-map', 'Old', NULL, 1, 1)").run();
    db.prepare("INSERT INTO notes (id, map_id, text, x, y, width, height, color, created_at, updated_at) VALUES ('n1', 'old-map', 'Hello', 0, 0, 160, 160, 'yellow', 1, 1)").run();
    db.close();
    expect(await core.importJourney(file)).toMatchObject({ ok: true, value: { id: 'old-map', noteCount: 1 } });
    expect(core.call('versions.list', { mapId: 'old-map' })).toEqual([]);
    expect(core.call('maps.get', { id: 'old-map' })).toMatchObject({ owner: null, nextReviewAt: null });
  });

  describe('a file whose history is hostile or damaged is refused, and nothing is imported', () => {
    async function refusedWith(edit: (db: Database.Database) => void, message: RegExp) {
      const file = path.join(dir, 'bad.journey');
      core.exportJourney(mapId, file);
      const db = new Database(file);
      edit(db);
      db.close();
      core.call('maps.delete', { id: mapId });
      const answer = await core.importJourney(file);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(answer.ok ? '' : answer.error.message).toMatch(message);
      expect(core.call('maps.list', {}).some((m) => m.id === mapId)).toBe(false);
    }

    it('a decompression bomb (a payload that inflates past the cap)', async () => {
      // 70 MB of one byte deflates to about 70 KB; one payload may inflate to 64 MB at most.
      const bomb = zlib.deflateRawSync(Buffer.alloc(70 * 1024 * 1024, 32), { level: 9 });
      await refusedWith((db) => db.prepare('UPDATE versions SET payload = ? WHERE base_id IS NULL').run(bomb), /unpacks to more than/);
    });

    it('a payload that is not deflate, or not a map', async () => {
      await refusedWith((db) => db.prepare('UPDATE versions SET payload = ? WHERE base_id IS NULL').run(Buffer.from('not deflate at all')), /does not unpack/);
      core = testCore();
      const again = core.call('maps.create', { title: 'B' });
      mapId = again.id;
      core.call('versions.save', { mapId, label: 'x' });
      await refusedWith(
        (db) => db.prepare('UPDATE versions SET payload = ?').run(zlib.deflateRawSync(Buffer.from(JSON.stringify({ full: { id: mapId, title: '' } })))),
        /history is not usable/,
      );
    });

    it('changes that point a note at a stage the version does not have', async () => {
      await refusedWith((db) => {
        const noteId = (db.prepare('SELECT id FROM notes LIMIT 1').get() as { id: string }).id;
        const delta = { delta: { tables: { notes: { patch: [{ id: noteId, stageId: 'no-such-stage' }] } } } };
        db.prepare('UPDATE versions SET payload = ? WHERE id = (SELECT id FROM versions WHERE base_id IS NOT NULL ORDER BY created_at DESC LIMIT 1)').run(
          zlib.deflateRawSync(Buffer.from(JSON.stringify(delta))),
        );
      }, /no-such-stage/);
    });

    it('a chain of versions that loops', async () => {
      await refusedWith((db) => {
        db.pragma('foreign_keys = OFF');
        db.prepare("UPDATE versions SET base_id = id WHERE base_id IS NOT NULL").run();
      }, /history is not usable/);
    });
  });

  it('the file’s schema is the one the migrations make', () => {
    expect(MIGRATIONS.some((m) => m.version === 5)).toBe(true);
  });
});
