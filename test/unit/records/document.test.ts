import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { mapToJson, parseMapDocument } from '../../../shared/export/json';
import { change, copyWithFreshIds, mapReferenceProblem, RECORDS, recordsOf, refIds, withDefaults, type RecordValue } from '../../../shared/records/index';
import { testCore } from '../helpers';

const PHOTO = 'data:image/png;base64,iVBORw0KGgo=';

/** A map with every record type and every kind of field set: references, lists, booleans, nulls, a photo. */
function richMap(core: ReturnType<typeof testCore>): JourneyMap {
  const map = core.call('maps.create', { title: 'Bank', template: 'classic-funnel' });
  const [s0, s1] = map.stages;
  const [l0, l1] = map.lanes;
  core.call('changes.apply', {
    mapId: map.id,
    changes: [
      change.create('persona', 'p1', { name: 'Priya', role: 'saver', quote: 'q', goals: 'g', needs: 'n', frustrations: 'f', photo: PHOTO, color: 'teal', position: 0 }),
      change.create('persona', 'p2', { name: 'Sam', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'pink', position: 1 }),
      change.update('stage', s0!.id, { emotion: -1.5, description: 'first look' }),
      change.update('lane', l1!.id, { collapsed: true }),
      change.create('note', 'n-rich', withDefaults('note', {
        text: 'long queue 😩 长',
        x: -12.5,
        y: 1e6,
        width: 300,
        height: 41,
        color: 'purple',
        stageId: s1!.id,
        laneId: l0!.id,
        kind: 'pain_point',
        sentiment: -2,
        author: 'Ana',
        channels: ['app', 'in_person'],
        personaIds: ['p1', 'p2'],
        severity: 4,
        reach: 2,
      }) as RecordValue<'note'>),
      change.create('participant', 'pa1', { name: 'Ana', color: 'blue', position: 0 }),
      change.create('participant', 'pa2', { name: 'Bo', color: 'green', position: 1 }),
      change.create('note', 'n-idea', withDefaults('note', {
        text: 'express lane',
        x: 400,
        y: 0,
        kind: 'opportunity',
        participantId: 'pa2',
        impact: 5,
        effort: 2,
        phase: 'now',
        phaseOrder: 1.5,
        owner: 'Ops',
        due: '2026-03-31',
        linkedNoteIds: ['n-rich'],
      }) as RecordValue<'note'>),
      change.create('round', 'r1', { title: 'What hurts most?', target: 'any', dots: 3, multiple: true, anonymous: false, status: 'closed', openedAt: 1000, closedAt: 2000, position: 0 }),
      change.create('vote', 'v1', { roundId: 'r1', participantId: 'pa1', noteId: 'n-rich', count: 1 }),
      change.create('vote', 'v2', { roundId: 'r1', participantId: null, noteId: 'n-idea', count: 7 }),
      change.create('metric', 'm1', { stageId: s0!.id, kind: 'nps', value: -20, target: 30, source: 'Q1 survey', date: '2026-01-15' }),
      change.create('metric', 'm2', { stageId: null, kind: 'csat', value: 3.8, target: null, source: '', date: null }),
      change.create('emotionScore', 'e1', { stageId: s0!.id, participantId: 'pa1', score: -2 }),
      change.create('emotionScore', 'e2', { stageId: s0!.id, participantId: 'pa2', score: 1 }),
      change.create('stepDone', 'd1', { stepId: map.steps[0]!.id, participantId: 'pa2' }),
    ],
  });
  core.call('maps.setPersona', { id: map.id, personaId: 'p2' });
  core.call('maps.setCamera', { id: map.id, camera: { x: 5, y: -6, zoom: 0.5 } });
  return core.call('maps.get', { id: map.id });
}

let core: ReturnType<typeof testCore>;
let dir: string;
beforeEach(() => {
  core = testCore();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-records-'));
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a whole map through the list of record tables', () => {
  it('the fixture holds every record type', () => {
    const map = richMap(core);
    for (const def of RECORDS) expect(recordsOf(map, def.type).length, def.table).toBeGreaterThan(0);
  });

  it('map -> .journey -> map is the same map, every record type and field', async () => {
    const map = richMap(core);
    const file = path.join(dir, 'bank.journey');
    expect(core.exportJourney(map.id, file)).toMatchObject({ ok: true });
    const other = testCore();
    try {
      expect(await other.importJourney(file)).toMatchObject({ ok: true });
      expect(other.call('maps.get', { id: map.id })).toEqual(map);
    } finally {
      other.close();
    }
  });

  it('map -> JSON -> map is the same map, in the reader and through files.importJson', () => {
    const map = richMap(core);
    const text = mapToJson(map, Date.UTC(2026, 0, 2));
    expect(parseMapDocument(text)).toEqual(map);
    const other = testCore();
    try {
      other.call('files.importJson', { text });
      expect(other.call('maps.get', { id: map.id })).toEqual(map);
    } finally {
      other.close();
    }
  });

  it('copyWithFreshIds gives every record a new id, remaps every reference, and returns the id map', () => {
    const map = richMap(core);
    let n = 0;
    const { map: copy, ids } = copyWithFreshIds(map, () => `new-${++n}`);
    expect(mapReferenceProblem(copy)).toBeNull();
    expect(ids.get(map.id)).toBe(copy.id);
    for (const def of RECORDS) {
      const before = recordsOf(map, def.type);
      const after = recordsOf(copy, def.type);
      expect(after).toHaveLength(before.length);
      before.forEach((old, i) => {
        const fresh = after[i]! as unknown as Record<string, unknown>;
        expect(fresh['id']).toBe(ids.get(old.id));
        expect(fresh['mapId']).toBe(copy.id);
        for (const [field, ref] of Object.entries(def.refs)) {
          if (!ref) continue;
          const oldRefs = refIds((old as unknown as Record<string, unknown>)[field]);
          expect(refIds(fresh[field]), `${def.type}.${field}`).toEqual(oldRefs.map((id) => ids.get(id)));
        }
      });
    }
    expect(copy.personaId).toBe(ids.get('p2'));
    const rich = copy.notes.find((x) => x.id === ids.get('n-rich'))!;
    expect(rich.personaIds).toEqual([ids.get('p1'), ids.get('p2')]);
    // Nothing of the original is left in the copy.
    const originalIds = new Set(ids.keys());
    expect(JSON.stringify(copy).match(/"[^"]+"/g)!.filter((s) => originalIds.has(s.slice(1, -1)))).toEqual([]);
  });

  it('Duplicate and "keep both" store the remapped copy', async () => {
    const map = richMap(core);
    const summary = core.call('maps.duplicate', { id: map.id });
    const copy = core.call('maps.get', { id: summary.id });
    expect(copy.notes.find((x) => x.text === 'long queue 😩 长')).toMatchObject({ personaIds: [copy.personas[0]!.id, copy.personas[1]!.id] });
    expect(copy.personaId).toBe(copy.personas[1]!.id);
    const file = path.join(dir, 'bank.journey');
    core.exportJourney(map.id, file);
    const kept = await core.importJourney(file, 'copy');
    expect(kept.ok).toBe(true);
    const third = core.call('maps.get', { id: kept.ok ? kept.value.id : '' });
    expect(third.notes).toHaveLength(map.notes.length);
    expect(mapReferenceProblem(third)).toBeNull();
  });

  it('a JSON map with more than 50,000 records of one kind is refused with a clear message', () => {
    const map = richMap(core);
    const note = map.notes[0]!;
    const many = { ...map, notes: Array.from({ length: 50_001 }, (_, i) => ({ ...note, id: `x${i}` })) };
    const text = mapToJson(many, 0);
    expect(() => parseMapDocument(text)).toThrow('notes: a map can hold at most 50,000 notes; this one has more');
  });

  it('a file from an older app that lacks a field with a default is read with that default', () => {
    const map = richMap(core);
    const old = JSON.parse(mapToJson(map, 0)) as { map: { notes: Record<string, unknown>[] } };
    for (const n of old.map.notes) delete n['channels'];
    const back = parseMapDocument(JSON.stringify(old));
    expect(back.notes.every((n) => Array.isArray(n.channels) && n.channels.length === 0)).toBe(true);
    // A field with no default (the text) is still required.
    for (const n of old.map.notes) delete n['text'];
    expect(() => parseMapDocument(JSON.stringify(old))).toThrow(/notes\.0\.text/);
  });
});
