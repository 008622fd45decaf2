import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import {
  applyDelta,
  compareDocuments,
  DAY_MS,
  diffDocuments,
  isEmptyDelta,
  mergeDeltas,
  notesBackChanges,
  versionsToDrop,
  withCurrentFields,
} from '../../../shared/history/index';
import { mapDocumentSchema, withDefaults } from '../../../shared/records/index';

/** A small map through the document schema, so every table and default is there. */
function mapOf(parts: { notes?: [string, string, string | null, string | null][]; stages?: [string, string][]; lanes?: [string, string][] }): JourneyMap {
  return mapDocumentSchema.parse({
    id: 'm',
    title: 'Map',
    createdAt: 1,
    updatedAt: 1,
    camera: null,
    personaId: null,
    personas: [],
    stages: (parts.stages ?? []).map(([id, name], position) => ({ id, mapId: 'm', name, position })),
    lanes: (parts.lanes ?? []).map(([id, name], position) => ({ id, mapId: 'm', name, kind: 'custom', position, collapsed: false })),
    notes: (parts.notes ?? []).map(([id, text, stageId, laneId], i) => ({
      id,
      mapId: 'm',
      ...withDefaults('note', { text, x: i * 200, y: 0, stageId, laneId }),
      createdAt: i,
      updatedAt: i,
    })),
  }) as JourneyMap;
}

const stages: [string, string][] = [
  ['s1', 'Discover'],
  ['s2', 'Join'],
];
const lanes: [string, string][] = [['l1', 'Actions']];

describe('compareDocuments', () => {
  it('finds notes added, removed, moved between stages and edited, with a word diff', () => {
    const before = mapOf({ stages, lanes, notes: [['a', 'Slow login page', 's1', 'l1'], ['b', 'Fees', 's1', 'l1'], ['c', 'Gone soon', null, null]] });
    const after = mapOf({ stages, lanes, notes: [['a', 'Very slow login page', 's1', 'l1'], ['b', 'Fees', 's2', 'l1'], ['d', 'New idea', null, null]] });
    const c = compareDocuments(before, after);
    expect(c.added).toEqual(['d']);
    expect(c.removed).toEqual(['c']);
    expect(c.moved).toEqual(['b']);
    expect(c.edited).toEqual(['a']);
    const a = c.notes.find((n) => n.id === 'a')!;
    expect(a.textDiff!.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['Very slow']);
    const b = c.notes.find((n) => n.id === 'b')!;
    expect([b.before!.stage, b.after!.stage]).toEqual(['Discover', 'Join']);
  });

  it('does not count moving a note on the board or a cell laying it out as an edit', () => {
    const before = mapOf({ notes: [['a', 'x', null, null]] });
    const after = structuredClone(before);
    after.notes[0]!.x += 500;
    after.notes[0]!.width = 200;
    after.notes[0]!.updatedAt = 99;
    const c = compareDocuments(before, after);
    expect(c.notes).toEqual([]);
  });

  it('lists other field changes (colour, scores) and stages and lanes renamed, added, removed', () => {
    const before = mapOf({ stages, lanes, notes: [['a', 'x', null, null]] });
    const after = mapOf({ stages: [['s1', 'Discovery'], ['s3', 'Use']], lanes, notes: [['a', 'x', null, null]] });
    after.notes[0]!.color = 'pink';
    const c = compareDocuments(before, after);
    expect(c.edited).toEqual(['a']);
    expect(c.notes[0]!.fields).toEqual([{ field: 'color', before: 'yellow', after: 'pink' }]);
    expect(c.stages.map((s) => [s.change, s.name])).toEqual([
      ['changed', 'Discovery'],
      ['added', 'Use'],
      ['removed', 'Join'],
    ]);
    expect(c.stages[0]!.fields).toEqual([{ field: 'name', before: 'Discover', after: 'Discovery' }]);
    expect(c.lanes).toEqual([]);
  });

  it('tallies votes per note for every table whose records point at a note', () => {
    const before = mapOf({ notes: [['a', 'x', null, null]] }) as JourneyMap & Record<string, unknown>;
    const tables = before as unknown as Record<string, unknown[]>;
    if (!('votes' in tables)) return; // the vote record is not in this build's registry
    const after = structuredClone(before) as unknown as Record<string, unknown[]>;
    after['rounds'] = [{ id: 'r', mapId: 'm', title: 'Pains', target: 'any', dots: 3, multiple: false, anonymous: false, status: 'open', openedAt: 1, closedAt: null, position: 0 }];
    after['votes'] = [{ id: 'v1', mapId: 'm', roundId: 'r', participantId: null, noteId: 'a', count: 4 }];
    const c = compareDocuments(before, after as unknown as JourneyMap);
    expect(c.tallies).toEqual([{ table: 'votes', noteId: 'a', text: 'x', before: 0, after: 4 }]);
  });
});

describe('deltas', () => {
  const v1 = mapOf({ stages, lanes, notes: [['a', 'one', 's1', 'l1'], ['b', 'two', null, null], ['c', 'three', null, null]] });
  const v2 = mapOf({ stages, lanes, notes: [['a', 'one!', 's1', 'l1'], ['c', 'three', null, null], ['d', 'four', null, null]] });
  const v3 = mapOf({ stages: [stages[0]!], lanes, notes: [['b', 'two', null, null], ['d', 'four?', null, null]] });

  it('apply(from, diff(from, to)) is to, records in the store order', () => {
    for (const [a, b] of [[v1, v2], [v2, v1], [v2, v3], [v3, v1]] as const) {
      expect(applyDelta(a, diffDocuments(a, b))).toEqual(b);
    }
    expect(isEmptyDelta(diffDocuments(v1, structuredClone(v1)))).toBe(true);
  });

  it('a changed record is stored as the fields that changed', () => {
    const d = diffDocuments(v1, v2);
    expect(d.tables['notes']!.patch![0]).toEqual({ id: 'a', text: 'one!' });
    expect(d.tables['notes']!.del).toEqual(['b']);
    expect(d.tables['notes']!.put!.map((r) => r['id'])).toEqual(['d']);
  });

  it('merging two deltas does what applying both does', () => {
    for (const [a, b, c] of [[v1, v2, v3], [v3, v2, v1], [v2, v1, v2]] as const) {
      expect(applyDelta(a, mergeDeltas(diffDocuments(a, b), diffDocuments(b, c)))).toEqual(c);
    }
  });
});

describe('versionsToDrop (thinning)', () => {
  const now = Date.UTC(2026, 5, 15, 12);
  const hour = 3600_000;
  const v = (id: string, ageMs: number, labelled = false) => ({ id, createdAt: now - ageMs, labelled });

  it('keeps every version of the last day', () => {
    expect(versionsToDrop([v('a', 1 * hour), v('b', 2 * hour), v('c', 23 * hour)], now)).toEqual([]);
  });

  it('keeps the newest of each day for a month', () => {
    const list = [v('new', hour), v('d2-late', 2 * DAY_MS - hour), v('d2-early', 2 * DAY_MS + hour), v('d5', 5 * DAY_MS)];
    expect(versionsToDrop(list, now)).toEqual(['d2-early']);
  });

  it('keeps the newest of each week after a month, and labelled versions always', () => {
    // 15 June 2026 is a Monday: 40, 41 and 42 days back fall in one week (Mon 4 May – Sun 10 May).
    const list = [v('new', hour), v('w-40', 40 * DAY_MS), v('w-41', 41 * DAY_MS), v('w-42-label', 42 * DAY_MS, true), v('w-42', 42 * DAY_MS + hour)];
    expect(versionsToDrop(list, now).sort()).toEqual(['w-41', 'w-42']);
  });

  it('never drops the newest version, however old', () => {
    expect(versionsToDrop([v('only', 400 * DAY_MS)], now)).toEqual([]);
  });
});

describe('notesBackChanges', () => {
  it('creates a deleted note again and puts a changed one back, letting go of records the map no longer has', () => {
    const version = mapOf({ stages, lanes, notes: [['a', 'old text', 's2', 'l1'], ['b', 'gone', 's1', 'l1']] });
    const changes = notesBackChanges(
      version,
      ['a', 'b'],
      (type, id) => (type === 'stage' ? id === 's1' : type === 'lane'),
      (id) => (id === 'a' ? { ...version.notes[0]!, text: 'new text', stageId: null } : undefined),
    );
    expect(changes.map((c) => [c.op, c.id])).toEqual([
      ['update', 'a'],
      ['create', 'b'],
    ]);
    expect((changes[0] as { patch: unknown }).patch).toEqual({ text: 'old text' });
    expect((changes[1] as { value: { stageId: string } }).value.stageId).toBe('s1');
  });
});

describe('withCurrentFields', () => {
  it('fills fields a version saved before they existed lacks, with their defaults', () => {
    const old = mapOf({ notes: [['a', 'x', null, null]] });
    const note = old.notes[0] as unknown as Record<string, unknown>;
    delete note['channels'];
    delete (old as unknown as Record<string, unknown>)['owner'];
    const now = withCurrentFields(old);
    expect(now.notes[0]!.channels).toEqual([]);
    expect(now.owner).toBeNull();
    expect(withCurrentFields(now).notes[0]).toBe(now.notes[0]);
  });
});
