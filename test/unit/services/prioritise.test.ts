import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { mapToJson, parseMapDocument } from '../../../shared/export/json';
import { change, withDefaults, type RecordValue } from '../../../shared/records/index';
import { JOURNEY_APPLICATION_ID } from '../../../electron/services/journeyFile';
import { MIGRATIONS } from '../../../electron/store/migrations/index';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let map: JourneyMap;
let dir: string;

const note = (id: string, kind: 'pain_point' | 'opportunity' | 'thought', more: Partial<RecordValue<'note'>> = {}) =>
  change.create('note', id, withDefaults('note', { text: id, x: 0, y: 0, kind, ...more }) as RecordValue<'note'>);

beforeEach(() => {
  core = testCore();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-prioritise-'));
  map = core.call('maps.create', { title: 'Workshop' });
  core.call('changes.apply', {
    mapId: map.id,
    changes: [note('pain1', 'pain_point', { severity: 5 }), note('pain2', 'pain_point'), note('pain3', 'pain_point'), note('pain4', 'pain_point'), note('idea1', 'opportunity'), note('t1', 'thought', { author: ' ana ' })],
  });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = () => core.call('maps.get', { id: map.id });
const person = (name: string) => core.call('participants.create', { mapId: map.id, name });
const round = (more: Partial<{ dots: number; multiple: boolean; anonymous: boolean; target: 'pain_point' | 'opportunity' | 'any' }> = {}) =>
  core.call('rounds.create', { mapId: map.id, title: 'What hurts most?', target: 'pain_point', dots: 3, ...more });

describe('participants', () => {
  it('are listed in maps.get with a colour and a place; a note whose author is the name gets its participantId', () => {
    const ana = person('Ana');
    const bo = core.call('participants.create', { mapId: map.id, name: 'Bo', color: 'teal' });
    expect(ana).toMatchObject({ name: 'Ana', position: 0, claimedNotes: 1 });
    expect(bo).toMatchObject({ color: 'teal', position: 1, claimedNotes: 0 });
    const m = get();
    expect(m.participants.map((p) => p.name)).toEqual(['Ana', 'Bo']);
    expect(m.notes.find((n) => n.id === 't1')).toMatchObject({ author: ' ana ', participantId: ana.id });
    // On request too, for notes written later.
    core.call('changes.apply', { mapId: map.id, changes: [note('t2', 'thought', { author: 'BO' })] });
    expect(core.call('participants.claimNotes', { id: bo.id })).toEqual({ noteIds: ['t2'] });
  });

  it('deleting one takes their votes and lets their notes keep the author text', () => {
    const ana = person('Ana');
    const r = round();
    core.call('votes.cast', { roundId: r.id, participantId: ana.id, noteId: 'pain1' });
    expect(core.call('participants.delete', { id: ana.id })).toEqual({ id: ana.id, votesDeleted: 1 });
    const m = get();
    expect(m.votes).toEqual([]);
    expect(m.notes.find((n) => n.id === 't1')).toMatchObject({ author: ' ana ', participantId: null });
  });
});

describe('dot voting', () => {
  it('a round opens with its settings; results are most votes first, only notes with votes, and never say who', () => {
    const r = round();
    expect(r).toMatchObject({ status: 'open', target: 'pain_point', dots: 3, multiple: false, anonymous: false, closedAt: null });
    const [a, b] = [person('Ana'), person('Bo')];
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain2' });
    core.call('votes.cast', { roundId: r.id, participantId: b.id, noteId: 'pain2' });
    core.call('votes.cast', { roundId: r.id, participantId: b.id, noteId: 'pain1' });
    expect(core.call('rounds.results', { id: r.id })).toEqual([
      { noteId: 'pain2', votes: 2 },
      { noteId: 'pain1', votes: 1 },
    ]);
    expect(get().rounds).toEqual([r]);
  });

  it('a person with no dots left is refused with `limit`, and taking one back frees it', () => {
    const r = round({ dots: 2 });
    const a = person('Ana');
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain1' });
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain2' });
    const refused = core.fail('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain3' });
    expect(refused).toMatchObject({ code: 'limit' });
    expect(refused.message).toMatch(/used 2 of 2/);
    core.call('votes.retract', { roundId: r.id, participantId: a.id, noteId: 'pain1' });
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain3' });
    expect(core.call('rounds.results', { id: r.id }).map((x) => x.noteId).sort()).toEqual(['pain2', 'pain3']);
  });

  it('one dot per note unless the round allows several', () => {
    const a = person('Ana');
    const single = round();
    core.call('votes.cast', { roundId: single.id, participantId: a.id, noteId: 'pain1' });
    expect(core.fail('votes.cast', { roundId: single.id, participantId: a.id, noteId: 'pain1' })).toMatchObject({ code: 'limit' });
    const several = round({ multiple: true });
    for (let i = 0; i < 3; i++) core.call('votes.cast', { roundId: several.id, participantId: a.id, noteId: 'pain1' });
    expect(core.call('rounds.results', { id: several.id })).toEqual([{ noteId: 'pain1', votes: 3 }]);
    expect(core.fail('votes.cast', { roundId: several.id, participantId: a.id, noteId: 'pain1' })).toMatchObject({ code: 'limit' });
  });

  it('a note the round does not cover is refused with `invalid_input`', () => {
    const a = person('Ana');
    const r = round();
    expect(core.fail('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'idea1' })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/pain points/) });
    const ideas = round({ target: 'opportunity' });
    expect(core.fail('votes.cast', { roundId: ideas.id, participantId: a.id, noteId: 'pain1' })).toMatchObject({ code: 'invalid_input' });
    core.call('votes.cast', { roundId: ideas.id, participantId: a.id, noteId: 'idea1' });
    const any = round({ target: 'any' });
    core.call('votes.cast', { roundId: any.id, participantId: a.id, noteId: 't1' });
  });

  it('a closed round is kept as it was: no casting, taking back or typing, until reopened; it compares with a later one', () => {
    const a = person('Ana');
    const r = round();
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain1' });
    core.tick(5000);
    const closed = core.call('rounds.close', { id: r.id });
    expect(closed).toMatchObject({ status: 'closed', closedAt: Date.UTC(2026, 0, 1) + 5000 });
    expect(core.fail('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain2' })).toMatchObject({ code: 'closed' });
    expect(core.fail('votes.retract', { roundId: r.id, participantId: a.id, noteId: 'pain1' })).toMatchObject({ code: 'closed' });
    expect(core.fail('votes.setCount', { roundId: r.id, noteId: 'pain2', count: 4 })).toMatchObject({ code: 'closed' });
    expect(core.call('rounds.results', { id: r.id })).toEqual([{ noteId: 'pain1', votes: 1 }]);

    const later = round();
    core.call('votes.cast', { roundId: later.id, participantId: a.id, noteId: 'pain2' });
    core.call('votes.setCount', { roundId: later.id, noteId: 'pain1', count: 3 });
    expect(core.call('rounds.compare', { beforeId: r.id, afterId: later.id })).toEqual([
      { noteId: 'pain1', before: 1, after: 3, change: 2, rankBefore: 1, rankAfter: 1 },
      { noteId: 'pain2', before: 0, after: 1, change: 1, rankBefore: null, rankAfter: 2 },
    ]);
    expect(core.call('rounds.reopen', { id: r.id })).toMatchObject({ status: 'open', closedAt: null });
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain2' });
  });

  it('typed paper counts: set, changed, cleared with 0; they count in results and in nobody’s budget', () => {
    const a = person('Ana');
    const r = round({ dots: 1 });
    expect(core.call('votes.setCount', { roundId: r.id, noteId: 'pain3', count: 12 })).toEqual({ roundId: r.id, noteId: 'pain3', count: 12 });
    core.call('votes.setCount', { roundId: r.id, noteId: 'pain3', count: 7 });
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain3' });
    expect(core.call('rounds.results', { id: r.id })).toEqual([{ noteId: 'pain3', votes: 8 }]);
    expect(get().votes.filter((v) => v.participantId === null)).toEqual([expect.objectContaining({ noteId: 'pain3', count: 7 })]);
    core.call('votes.setCount', { roundId: r.id, noteId: 'pain3', count: 0 });
    expect(core.call('rounds.results', { id: r.id })).toEqual([{ noteId: 'pain3', votes: 1 }]);
    expect(core.fail('votes.setCount', { roundId: r.id, noteId: 'idea1', count: 2 })).toMatchObject({ code: 'invalid_input' });
  });
});

describe('the same rules through changes.apply (the board, undo and redo, any client)', () => {
  it('budget, closed round, target and one paper count per note, each naming the change', () => {
    const a = person('Ana');
    const r = round({ dots: 1 });
    const vote = (id: string, noteId: string, participantId: string | null = a.id, count = 1) =>
      change.create('vote', id, { roundId: r.id, participantId, noteId, count });
    core.call('changes.apply', { mapId: map.id, changes: [vote('v1', 'pain1')] });
    expect(core.fail('changes.apply', { mapId: map.id, changes: [vote('v2', 'pain2')] })).toMatchObject({ code: 'limit', index: 0 });
    expect(core.fail('changes.apply', { mapId: map.id, changes: [change.update('vote', 'v1', { count: 2 })] })).toMatchObject({ code: 'limit' });
    expect(core.fail('changes.apply', { mapId: map.id, changes: [vote('v3', 'idea1', null, 2)] })).toMatchObject({ code: 'invalid_input' });
    core.call('changes.apply', { mapId: map.id, changes: [vote('v4', 'pain2', null, 2)] });
    expect(core.fail('changes.apply', { mapId: map.id, changes: [vote('v5', 'pain2', null, 1)] })).toMatchObject({ code: 'invalid_input' });
    core.call('changes.apply', { mapId: map.id, changes: [change.update('round', r.id, { status: 'closed', closedAt: 1 })] });
    expect(core.fail('changes.apply', { mapId: map.id, changes: [change.delete('vote', 'v1')] })).toMatchObject({ code: 'closed' });
    expect(core.fail('changes.apply', { mapId: map.id, changes: [change.update('vote', 'v4', { count: 9 })] })).toMatchObject({ code: 'closed' });
    expect(get().votes.map((v) => v.id)).toEqual(['v1', 'v4']);
  });

  it('deleting a note takes its votes even from a closed round, and the undo batch brings them back', () => {
    const a = person('Ana');
    const r = round();
    const v = core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain1' });
    core.call('changes.apply', { mapId: map.id, changes: [note('idea2', 'opportunity', { linkedNoteIds: ['pain1', 'pain2'] })] });
    core.call('rounds.close', { id: r.id });
    const before = get();
    const pain1 = before.notes.find((n) => n.id === 'pain1')!;
    // What the board sends (cascadeDeletes): the vote, the link let go, then the note.
    core.call('changes.apply', {
      mapId: map.id,
      changes: [change.update('note', 'idea2', { linkedNoteIds: ['pain2'] }), change.delete('vote', v.id), change.delete('note', 'pain1')],
    });
    expect(get().votes).toEqual([]);
    const { id: _id, mapId: _m, createdAt: _c, updatedAt: _u, ...value } = pain1;
    core.call('changes.apply', {
      mapId: map.id,
      changes: [change.create('note', 'pain1', value), change.create('vote', v.id, { roundId: r.id, participantId: a.id, noteId: 'pain1', count: 1 }), change.update('note', 'idea2', { linkedNoteIds: ['pain1', 'pain2'] })],
    });
    expect(core.call('rounds.results', { id: r.id })).toEqual([{ noteId: 'pain1', votes: 1 }]);
    // The store alone cascades too (notes.deleteMany, any client deleting just the note).
    core.call('notes.deleteMany', { mapId: map.id, ids: ['pain1'] });
    const after = get();
    expect(after.votes).toEqual([]);
    expect(after.notes.find((n) => n.id === 'idea2')!.linkedNoteIds).toEqual(['pain2']);
  });

  it('deleting a round takes its votes', () => {
    const a = person('Ana');
    const r = round();
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain1' });
    core.call('rounds.close', { id: r.id });
    expect(core.call('rounds.delete', { id: r.id })).toEqual({ id: r.id, votesDeleted: 1 });
    expect(get()).toMatchObject({ rounds: [], votes: [] });
  });
});

describe('anonymous rounds', () => {
  it('results, the JSON export and the .journey file carry counts only, never who voted', async () => {
    const [a, b] = [person('Ana'), person('Bo')];
    const secret = round({ anonymous: true });
    const open = round();
    for (const p of [a, b]) {
      core.call('votes.cast', { roundId: secret.id, participantId: p.id, noteId: 'pain1' });
      core.call('votes.cast', { roundId: open.id, participantId: p.id, noteId: 'pain2' });
    }
    core.call('votes.cast', { roundId: secret.id, participantId: a.id, noteId: 'pain2' });
    const results = core.call('rounds.results', { id: secret.id });
    expect(results).toEqual([{ noteId: 'pain1', votes: 2 }, { noteId: 'pain2', votes: 1 }]);
    expect(JSON.stringify(results)).not.toMatch(new RegExp(`${a.id}|${b.id}`));

    const json = parseMapDocument(mapToJson(get(), 0));
    const secretVotes = json.votes.filter((v) => v.roundId === secret.id);
    expect(secretVotes.map((v) => [v.noteId, v.participantId, v.count])).toEqual([['pain1', null, 2], ['pain2', null, 1]]);
    expect(json.votes.filter((v) => v.roundId === open.id).map((v) => v.participantId)).toEqual([a.id, b.id]);

    const file = path.join(dir, 'secret.journey');
    expect(core.exportJourney(map.id, file)).toMatchObject({ ok: true });
    const raw = new Database(file, { readonly: true });
    const rows = raw.prepare('SELECT participant_id, count FROM votes WHERE round_id = ? ORDER BY note_id').all(secret.id);
    raw.close();
    expect(rows).toEqual([{ participant_id: null, count: 2 }, { participant_id: null, count: 1 }]);
    const other = testCore();
    try {
      expect(await other.importJourney(file)).toMatchObject({ ok: true });
      expect(other.call('rounds.results', { id: secret.id })).toEqual(results);
    } finally {
      other.close();
    }
  });
});

describe('copies and files', () => {
  it('Duplicate and "keep both": votes and links follow the new ids, and results are the same', async () => {
    const a = person('Ana');
    const r = round();
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain1' });
    core.call('votes.setCount', { roundId: r.id, noteId: 'pain2', count: 4 });
    core.call('changes.apply', { mapId: map.id, changes: [change.update('note', 'idea1', { linkedNoteIds: ['pain1'] })] });
    const check = (copy: JourneyMap) => {
      const text = new Map(copy.notes.map((n) => [n.id, n.text]));
      expect(copy.id).not.toBe(map.id);
      expect(copy.votes.map((v) => [text.get(v.noteId), v.count, v.participantId === copy.participants[0]!.id || v.participantId === null])).toEqual([
        ['pain1', 1, true],
        ['pain2', 4, true],
      ]);
      expect(copy.votes.every((v) => v.roundId === copy.rounds[0]!.id)).toBe(true);
      const idea = copy.notes.find((n) => n.text === 'idea1')!;
      expect(idea.linkedNoteIds.map((id) => text.get(id))).toEqual(['pain1']);
      expect(core.call('rounds.results', { id: copy.rounds[0]!.id }).map((x) => [text.get(x.noteId), x.votes])).toEqual([['pain2', 4], ['pain1', 1]]);
    };
    check(core.call('maps.get', { id: core.call('maps.duplicate', { id: map.id }).id }));
    const file = path.join(dir, 'map.journey');
    core.exportJourney(map.id, file);
    const kept = await core.importJourney(file, 'copy');
    check(core.call('maps.get', { id: kept.ok ? kept.value.id : '' }));
  });

  it('a .journey written by the app before Prioritise (schema 2) opens, with empty rounds and default scores', async () => {
    const file = path.join(dir, 'v2.journey');
    const old = new Database(file);
    old.pragma('journal_mode = DELETE');
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) old.exec(m.up);
    old.pragma('user_version = 2');
    old.pragma(`application_id = ${JOURNEY_APPLICATION_ID}`);
    old.prepare("INSERT INTO maps (id, title, camera, created_at, updated_at) VALUES ('v2-map', 'Before voting', NULL, 1, 2)").run();
    old.prepare("INSERT INTO personas (id, map_id, name, color, position) VALUES ('p1', 'v2-map', 'Priya', 'teal', 0)").run();
    old
      .prepare(
        `INSERT INTO notes (id, map_id, text, x, y, width, height, color, kind, author, persona_ids, created_at, updated_at)
         VALUES ('n1', 'v2-map', 'Queue too long', 0, 0, 160, 160, 'pink', 'pain_point', 'Ana', '["p1"]', 3, 3)`,
      )
      .run();
    old.close();
    expect(await core.importJourney(file)).toMatchObject({ ok: true, value: { id: 'v2-map' } });
    const m = core.call('maps.get', { id: 'v2-map' });
    expect(m).toMatchObject({ participants: [], rounds: [], votes: [], metrics: [] });
    expect(m.notes[0]).toMatchObject({ personaIds: ['p1'], severity: null, impact: null, phase: null, linkedNoteIds: [], participantId: null, author: 'Ana' });
  });

  it('a version 1 JSON export (before Prioritise) still imports', () => {
    const doc = JSON.parse(mapToJson(get(), 0)) as { version: number; map: Record<string, unknown> & { notes: Record<string, unknown>[] } };
    doc.version = 1;
    for (const table of ['participants', 'rounds', 'votes', 'metrics']) delete doc.map[table];
    for (const n of doc.map.notes) for (const f of ['severity', 'reach', 'impact', 'effort', 'phase', 'phaseOrder', 'owner', 'due', 'linkedNoteIds', 'participantId']) delete n[f];
    const back = parseMapDocument(JSON.stringify(doc));
    expect(back).toMatchObject({ participants: [], rounds: [], votes: [], metrics: [] });
    expect(back.notes.every((n) => n.severity === null && n.linkedNoteIds.length === 0)).toBe(true);
  });
});

describe('scores and roadmap on notes', () => {
  it('notes.updateMany sets severity, reach, impact, effort, phase, owner, due and links; bad values are refused and change nothing', () => {
    core.call('notes.updateMany', {
      mapId: map.id,
      notes: [
        { id: 'pain1', severity: 4, reach: 2 },
        { id: 'idea1', impact: 5, effort: 1, phase: 'now', phaseOrder: 2, owner: 'Ops', due: '2026-06-30', linkedNoteIds: ['pain1'] },
      ],
    });
    expect(get().notes.find((n) => n.id === 'idea1')).toMatchObject({ impact: 5, effort: 1, phase: 'now', phaseOrder: 2, owner: 'Ops', due: '2026-06-30', linkedNoteIds: ['pain1'] });
    const before = get();
    expect(core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: 'pain1', severity: 6 }] })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/severity/) });
    expect(core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: 'idea1', phase: 'someday' }] })).toMatchObject({ code: 'invalid_input' });
    expect(core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: 'idea1', due: '31/06/2026' }] })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/YYYY-MM-DD/) });
    expect(core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: 'idea1', linkedNoteIds: ['nope'] }] })).toMatchObject({ code: 'not_found' });
    expect(get()).toEqual(before);
  });

  it('a JSON file with a metric out of its range, or a vote on a note it lacks, is refused with what is wrong', () => {
    const doc = JSON.parse(mapToJson(get(), 0)) as { map: Record<string, unknown[]> };
    doc.map['metrics'] = [{ id: 'm1', mapId: map.id, stageId: null, kind: 'nps', value: 150, target: null, source: '', date: null }];
    expect(() => parseMapDocument(JSON.stringify(doc))).toThrow(/metric "m1": value: NPS is from -100 to 100/);
    doc.map['metrics'] = [];
    doc.map['rounds'] = [{ id: 'r1', mapId: map.id, title: 'Q', target: 'any', dots: 3, multiple: false, anonymous: false, status: 'open', openedAt: 0, closedAt: null, position: 0 }];
    doc.map['votes'] = [{ id: 'v1', mapId: map.id, roundId: 'r1', participantId: null, noteId: 'gone', count: 2 }];
    expect(() => parseMapDocument(JSON.stringify(doc))).toThrow(/vote "v1" is cast on note "gone", which is not in the file/);
  });
});

describe('metrics', () => {
  it('metrics.set creates or changes the one metric of a kind per stage (or the map), in its range; a stage takes its metrics with it', () => {
    const stage = core.call('stages.create', { mapId: map.id, name: 'Apply' });
    const nps = core.call('metrics.set', { mapId: map.id, stageId: stage.id, kind: 'nps', value: -20, target: 30, source: 'Q1 survey', date: '2026-01-15' });
    expect(core.call('metrics.set', { mapId: map.id, stageId: stage.id, kind: 'nps', value: 10 })).toMatchObject({ id: nps.id, value: 10, target: 30, source: 'Q1 survey' });
    const whole = core.call('metrics.set', { mapId: map.id, kind: 'csat', value: 4.2 });
    expect(whole).toMatchObject({ stageId: null, kind: 'csat', value: 4.2, target: null, source: '', date: null });
    expect(core.fail('metrics.set', { mapId: map.id, kind: 'csat', value: 6 })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/CSAT is from 1 to 5/) });
    expect(core.fail('metrics.set', { mapId: map.id, kind: 'churn', target: 120 })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/0 to 100/) });
    expect(core.fail('metrics.set', { mapId: map.id, kind: 'ces', date: '2026-02-30' })).toMatchObject({ code: 'invalid_input' });
    expect(core.fail('changes.apply', { mapId: map.id, changes: [change.update('metric', nps.id, { kind: 'csat' })] })).toMatchObject({ code: 'invalid_input' });
    expect(get().metrics.map((m) => m.kind).sort()).toEqual(['csat', 'nps']);
    core.call('stages.delete', { id: stage.id });
    expect(get().metrics.map((m) => m.kind)).toEqual(['csat']);
    core.call('metrics.delete', { id: whole.id });
    expect(get().metrics).toEqual([]);
  });

  it('prioritise.insights reads the map: top pains by votes x severity with their notes', () => {
    const a = person('Ana');
    const r = round();
    core.call('votes.cast', { roundId: r.id, participantId: a.id, noteId: 'pain1' });
    core.call('votes.setCount', { roundId: r.id, noteId: 'pain2', count: 3 });
    const got = core.call('prioritise.insights', { mapId: map.id });
    expect(got.roundId).toBe(r.id);
    expect(got.topPains.map((l) => [l.noteIds, l.value])).toEqual([
      [['pain1'], 5],
      [['pain2'], 3],
    ]);
  });
});
