import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { change, withDefaults, type Change, type RecordValue } from '../../../shared/records/index';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let map: JourneyMap;
beforeEach(() => {
  core = testCore();
  map = core.call('maps.create', { title: 'Workshop' });
});
afterEach(() => core.close());

const get = () => core.call('maps.get', { id: map.id });
const apply = (changes: Change[]) => core.call('changes.apply', { mapId: map.id, changes });
const fails = (changes: unknown[]) => core.fail('changes.apply', { mapId: map.id, changes });

const note = (over: Partial<RecordValue<'note'>> = {}) => withDefaults('note', { text: 'hold music', x: 10, y: 20, ...over }) as RecordValue<'note'>;
const persona = { name: 'Priya', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'teal' as const, position: 0 };

describe('changes.apply', () => {
  it('creates, updates and deletes every record type in one call', () => {
    const result = apply([
      change.create('persona', 'p1', persona),
      change.create('stage', 's1', { name: 'Discover', description: '', position: 0, emotion: null, goal: '', expectations: '' }),
      change.create('lane', 'l1', { name: 'Feelings', kind: 'custom', position: 9, collapsed: true }),
      change.create('note', 'n1', note({ stageId: 's1', laneId: 'l1', personaIds: ['p1'], channels: ['app'] })),
      change.update('note', 'n1', { text: 'edited', sentiment: -2 }),
      change.update('stage', 's1', { emotion: 1.5, position: 3 }),
      change.update('lane', 'l1', { collapsed: false }),
      change.update('persona', 'p1', { quote: 'just let me in' }),
    ]);
    expect(result).toEqual({ applied: 8 });
    const m = get();
    expect(m.personas.find((p) => p.id === 'p1')).toEqual({ id: 'p1', mapId: map.id, ...persona, quote: 'just let me in' });
    expect(m.stages.find((s) => s.id === 's1')).toEqual({ id: 's1', mapId: map.id, name: 'Discover', description: '', position: 3, emotion: 1.5, goal: '', expectations: '' });
    expect(m.lanes.find((l) => l.id === 'l1')).toMatchObject({ name: 'Feelings', position: 9, collapsed: false });
    expect(m.notes).toEqual([
      { id: 'n1', mapId: map.id, ...note({ stageId: 's1', laneId: 'l1', personaIds: ['p1'], channels: ['app'], text: 'edited', sentiment: -2 }), createdAt: expect.any(Number), updatedAt: expect.any(Number) },
    ]);

    apply([change.delete('note', 'n1'), change.delete('stage', 's1'), change.delete('lane', 'l1'), change.delete('persona', 'p1')]);
    const after = get();
    expect(after.notes).toEqual([]);
    expect(after.stages.map((s) => s.id)).not.toContain('s1');
    expect(after.lanes.map((l) => l.id)).not.toContain('l1');
    expect(after.personas).toEqual([]);
  });

  it('deleting a stage or lane frees its notes; deleting a persona untags notes and clears the map persona', () => {
    apply([
      change.create('persona', 'p1', persona),
      change.create('stage', 's1', { name: 'Discover', description: '', position: 0, emotion: null, goal: '', expectations: '' }),
      change.create('note', 'n1', note({ stageId: 's1', laneId: map.lanes[0]!.id, personaIds: ['p1'] })),
    ]);
    core.call('maps.setPersona', { id: map.id, personaId: 'p1' });
    core.tick();
    apply([change.delete('stage', 's1'), change.delete('lane', map.lanes[0]!.id), change.delete('persona', 'p1')]);
    const m = get();
    expect(m.notes[0]).toMatchObject({ id: 'n1', stageId: null, laneId: null, personaIds: [], x: 10, y: 20 });
    expect(m.notes[0]!.updatedAt).toBeGreaterThan(m.notes[0]!.createdAt);
    expect(m.personaId).toBeNull();
  });

  it('a bad change in the middle of a batch writes nothing and names its index', () => {
    const before = get();
    const e = fails([
      change.create('note', 'n1', note()),
      change.update('note', 'n1', { text: 'second' }),
      change.update('note', 'ghost', { text: 'lost' }),
      change.create('note', 'n2', note()),
    ]);
    expect(e).toMatchObject({ code: 'not_found', index: 2 });
    expect(e.message).toContain('no note "ghost" in this map');
    expect(get()).toEqual(before);
  });

  it('bad fields are invalid_input naming the field and the index', () => {
    const e = fails([change.create('note', 'n1', note()), { type: 'note', op: 'update', id: 'n1', patch: { x: 'left' } }]);
    expect(e).toMatchObject({ code: 'invalid_input', index: 1 });
    expect(e.message).toMatch(/^changes\.1\.patch\.x: /);
    const unknown = fails([{ type: 'stage', op: 'update', id: 's', patch: { colour: 'red' } }]);
    expect(unknown).toMatchObject({ code: 'invalid_input', index: 0, message: 'changes.0.patch: unknown field "colour".' });
    const partialCreate = fails([{ type: 'lane', op: 'create', id: 'l9', value: { name: 'x' } }]);
    expect(partialCreate).toMatchObject({ code: 'invalid_input', index: 0 });
    expect(fails([{ type: 'vote', op: 'create', id: 'v' }])).toMatchObject({ code: 'invalid_input', index: 0 });
    expect(fails([])).toMatchObject({ code: 'invalid_input', message: 'changes: give at least one change.' });
    expect(get().notes).toEqual([]);
  });

  it('create with an id that exists is a conflict; unknown ids and references are not_found', () => {
    apply([change.create('note', 'n1', note())]);
    expect(fails([change.create('note', 'n1', note())])).toMatchObject({ code: 'conflict', index: 0 });
    // Ids are unique across record types too: a stage cannot take a note's id.
    expect(fails([change.create('stage', 'n1', { name: 'S', description: '', position: 0, emotion: null, goal: '', expectations: '' })])).toMatchObject({ code: 'conflict' });
    expect(fails([change.delete('lane', 'nope')])).toMatchObject({ code: 'not_found', index: 0 });
    expect(fails([change.update('note', 'n1', { stageId: 'ghost' })])).toMatchObject({ code: 'not_found', message: expect.stringContaining('no stage "ghost"') });
    expect(fails([change.update('note', 'n1', { personaIds: ['nobody'] })])).toMatchObject({ code: 'not_found' });
    expect(core.fail('changes.apply', { mapId: 'no-map', changes: [change.delete('note', 'n1')] }).code).toBe('not_found');
  });

  it('records of another map are not_found', () => {
    const other = core.call('maps.create', { title: 'Other' });
    const e = core.fail('changes.apply', { mapId: other.id, changes: [change.update('stage', map.lanes[0]!.id, { name: 'x' })] });
    expect(e.code).toBe('not_found');
    expect(core.fail('changes.apply', { mapId: other.id, changes: [change.create('note', 'n1', note({ laneId: map.lanes[0]!.id }))] }).code).toBe('not_found');
  });

  it('a later change may point at a record an earlier one created', () => {
    apply([
      change.create('stage', 's1', { name: 'Join', description: '', position: 5, emotion: null, goal: '', expectations: '' }),
      change.create('note', 'n1', note({ stageId: 's1' })),
    ]);
    expect(get().notes[0]!.stageId).toBe('s1');
  });
});

describe('changes.apply over HTTP (web mode)', () => {
  it('the error body keeps the failing change’s index, and ApiError.fromBody keeps it', async () => {
    const { startServer } = await import('../../../electron/server/http');
    const { ApiError } = await import('../../../shared/errors');
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
    const server = await startServer({ core, staticDir });
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/changes.apply`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ mapId: map.id, changes: [change.create('note', 'n1', note()), change.delete('note', 'ghost')] }),
      });
      expect(response.status).toBe(404);
      const body = (await response.json()) as { ok: false; error: { code: 'not_found'; message: string; index?: number } };
      expect(body.error).toMatchObject({ code: 'not_found', index: 1 });
      // What the renderer's client rethrows (renderer/api/client.ts uses ApiError.fromBody).
      expect(ApiError.fromBody(body.error)).toMatchObject({ code: 'not_found', index: 1 });
      expect(get().notes).toEqual([]);
    } finally {
      await server.close();
      fs.rmSync(staticDir, { recursive: true, force: true });
    }
  });
});
