/**
 * The room's group commit (issue 14): `core.room.callMany` runs the phones' writes that arrived
 * together in one transaction, each in its own savepoint. On a real SQLite store in a temporary
 * data folder, as the room session calls it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/index';
import { createChangeFeed } from '../../../electron/services/changeFeed';
import type { MethodInput, MethodName, MethodResult, StoreChange } from '../../../shared/api';
import type { JourneyMap } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import type { RoomNote } from '../../../shared/room/contract';
import { RESOURCES } from '../helpers';

let dir: string;
let core: Core;
let map: JourneyMap;
let heard: StoreChange[];
let clock: number;
let seq: number;

function call<M extends MethodName>(method: M, input: MethodInput<M>): MethodResult<M> {
  const r = core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as MethodResult<M>;
}
const get = () => call('maps.get', { id: map.id });
function join(name: string): string {
  const r = core.room.join(map.id, { name, anonymous: false });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.participantId;
}
/** A phone's note as the room listener passes it on (checked there). */
const add = (participantId: string, id: string, text: string, more: { stageId?: string } = {}) => ({
  participantId,
  method: 'notes.add' as const,
  input: { id, text, ...more },
});
const notesOf = (m: JourneyMap) => m.notes.filter((n) => n.participantId);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-group-'));
  clock = Date.UTC(2026, 0, 1, 9);
  seq = 0;
  core = openCore({ dataDir: dir, resourcesDir: RESOURCES, now: () => clock, newId: () => `id-${String(++seq).padStart(4, '0')}` });
  map = call('maps.create', { title: 'Bank', template: 'classic-funnel' });
  heard = [];
  core.onChange((c) => heard.push(c));
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('group commit of the phones’ writes', () => {
  it('commits a batch once; one refused call gets its own error and leaves nothing, the others are stored', () => {
    const ana = join('Ana');
    const bo = join('Bo');
    call('notes.create', { mapId: map.id, id: 'facilitator-1', text: 'the facilitator’s', x: 0, y: 0 });
    heard = [];
    const answers = core.room.callMany(
      map.id,
      [
        add(ana, 'a-1', 'Queue too long'),
        add(bo, 'b-1', 'a stage that is not here', { stageId: 'nope' }),
        add(bo, 'facilitator-1', 'an id already taken'),
        { participantId: bo, method: 'notes.withdraw', input: { id: 'a-1' } },
        add(bo, 'b-2', 'No seats'),
      ],
      [ana, bo],
    );
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'not_found', 'conflict', 'forbidden', 'ok']);
    expect(answers[1]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/stageId/) } });
    expect(answers[3]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/only your own notes/) } });
    const notes = notesOf(get());
    expect(notes.map((n) => n.id).sort()).toEqual(['a-1', 'b-2']);
    expect(notes.find((n) => n.id === 'a-1')).toMatchObject({ text: 'Queue too long', participantId: ana });
    expect(get().notes.find((n) => n.id === 'facilitator-1')!.text).toBe('the facilitator’s');
    // One transaction: one change event for the whole batch.
    expect(heard).toEqual([{ mapId: map.id, revision: expect.any(Number) }]);
  });

  it('stores a note sent twice in one batch once, and answers both sends with it', () => {
    const ana = join('Ana');
    const answers = core.room.callMany(map.id, [add(ana, 'a-1', 'Queue too long'), add(ana, 'a-1', 'Queue too long')], [ana]);
    expect(answers.every((a) => a.ok)).toBe(true);
    const [first, second] = answers as { ok: true; value: RoomNote }[];
    expect(second!.value).toEqual(first!.value);
    expect(notesOf(get())).toHaveLength(1);
  });

  it('places the notes of a batch as one after another would (no two on one spot), and the next batch after them', () => {
    const people = ['Ana', 'Bo', 'Cy'].map(join);
    const first = core.room.callMany(map.id, people.map((p, i) => add(p, `n-${i}`, `note ${i}`)), people);
    const second = core.room.callMany(map.id, people.map((p, i) => add(p, `m-${i}`, `more ${i}`)), people);
    expect([...first, ...second].every((a) => a.ok)).toBe(true);
    const spots = notesOf(get()).map((n) => `${n.x},${n.y}`);
    expect(spots).toHaveLength(6);
    expect(new Set(spots).size).toBe(6);
  });

  it('tells apart what a rolled-back call wrote: the change feed reports only the calls that stayed', () => {
    // A feed of its own on the core's store, to watch one savepoint roll back.
    const db = core.db;
    const feed = createChangeFeed(db);
    const changes: StoreChange[] = [];
    feed.subscribe((c) => changes.push(c));
    const stages = get().stages;
    const rename = db.prepare('UPDATE stages SET name = ? WHERE id = ?');
    db.transaction(() => {
      rename.run('Kept', stages[0]!.id);
      const mark = feed.mark();
      expect(() =>
        db.transaction(() => {
          rename.run('Rolled back', stages[1]!.id);
          throw new Error('refused');
        })(),
      ).toThrow('refused');
      feed.rewind(mark);
      expect(feed.pending(map.id)).toEqual([{ type: 'stage', id: stages[0]!.id }]);
    }).immediate();
    feed.commit();
    expect(changes).toHaveLength(1);
    expect(feed.since(map.id, changes[0]!.revision - 1)).toEqual([{ type: 'stage', id: stages[0]!.id }]);
    expect(get().stages.map((s) => s.name).slice(0, 2)).toEqual(['Kept', stages[1]!.name]);
  });

  it('answers every call with the error when the store cannot be written, and stores none', () => {
    const ana = join('Ana');
    const reader = openCore({ dataDir: dir, resourcesDir: RESOURCES, busyTimeoutMs: 0 });
    try {
      // Another program holds the write lock: the batch waits for nothing and stores nothing.
      reader.db.prepare('BEGIN IMMEDIATE').run();
      const busy = openCore({ dataDir: dir, resourcesDir: RESOURCES, busyTimeoutMs: 0 });
      try {
        const answers: Envelope<unknown>[] = busy.room.callMany(map.id, [add(ana, 'a-1', 'one'), add(ana, 'a-2', 'two')], [ana]);
        expect(answers.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['busy', 'busy']);
      } finally {
        busy.close();
      }
      reader.db.prepare('ROLLBACK').run();
    } finally {
      reader.close();
    }
    expect(notesOf(get())).toHaveLength(0);
  });
});
