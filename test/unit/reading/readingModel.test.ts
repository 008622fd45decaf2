import { describe, expect, test } from 'vitest';
import type { JourneyMap, Note } from '../../../shared/domain';
import { readingModel } from '../../../renderer/reading/readingModel';
import { blankMap } from '../../fixtures/maps';
import { storedNote } from '../../fixtures/notes';

const note = (id: string, extra: Partial<Note> = {}): Note => storedNote(id, { mapId: 'm', ...extra });

function map(notes: Note[]): JourneyMap {
  return {
    ...blankMap(),
    id: 'm',
    title: 'Map',
    createdAt: 0,
    updatedAt: 0,
    camera: null,
    personaId: 'p2',
    participants: [],
    rounds: [],
    votes: [],
    metrics: [],
    personas: [
      { id: 'p1', mapId: 'm', name: 'A', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'blue', position: 0 },
      { id: 'p2', mapId: 'm', name: 'B', role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'pink', position: 1 },
    ],
    // Given out of order on purpose: the model sorts by position.
    stages: [
      { id: 's2', mapId: 'm', name: 'Later', description: '', position: 1, emotion: null, goal: '', expectations: '' },
      { id: 's1', mapId: 'm', name: 'First', description: '', position: 0, emotion: 1, goal: '', expectations: '' },
    ],
    lanes: [
      { id: 'e', mapId: 'm', name: 'Emotions', kind: 'emotions', position: 1, collapsed: false },
      { id: 'a', mapId: 'm', name: 'Actions', kind: 'actions', position: 0, collapsed: false },
      { id: 'o', mapId: 'm', name: 'Ideas', kind: 'opportunities', position: 2, collapsed: true },
    ],
    notes,
  };
}

describe('readingModel', () => {
  test('puts each note in its stage column and lane row, stages and lanes by position', () => {
    const m = readingModel(
      map([
        note('a-later', { stageId: 's2', laneId: 'a' }),
        note('e-first', { stageId: 's1', laneId: 'e', sentiment: -2 }),
        note('o-later', { stageId: 's2', laneId: 'o' }),
      ]),
    );
    expect(m.stages.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(m.rows.map((r) => r.lane.id)).toEqual(['a', 'e', 'o']);
    expect(m.rows[0]!.cells.map((c) => c.map((n) => n.id))).toEqual([[], ['a-later']]);
    expect(m.rows[1]!.cells.map((c) => c.map((n) => n.id))).toEqual([['e-first'], []]);
    // A collapsed lane is still read in full.
    expect(m.rows[2]!.cells[1]!.map((n) => n.id)).toEqual(['o-later']);
    expect(m.rows.map((r) => r.count)).toEqual([1, 1, 1]);
    expect(m.persona?.name).toBe('B');
    expect(m.emotionAfter).toBe(1);
  });

  test('orders a cell top to bottom, then left to right, like the board shows it', () => {
    const at = (id: string, x: number, y: number) => note(id, { stageId: 's1', laneId: 'a', x, y });
    const m = readingModel(map([at('second-line', 0, 200), at('right', 180, 5), at('left', 0, 0), at('third', 360, 0)]));
    expect(m.rows[0]!.cells[0]!.map((n) => n.id)).toEqual(['left', 'right', 'third', 'second-line']);
  });

  test('notes without a stage or lane, or pointing at a missing one, are not yet placed', () => {
    const m = readingModel(
      map([
        note('free', { x: 10, y: 10 }),
        note('stage-only', { stageId: 's1', y: 0 }),
        note('gone', { stageId: 'deleted', laneId: 'a', y: 500 }),
        note('placed', { stageId: 's1', laneId: 'a' }),
      ]),
    );
    expect(m.unplaced.map((n) => n.id)).toEqual(['stage-only', 'free', 'gone']);
  });

  test('a stage scored by hand keeps its score; the others are the mean sentiment of their notes', () => {
    const m = readingModel(
      map([
        note('x', { stageId: 's1', laneId: 'e', sentiment: -2 }),
        note('y', { stageId: 's2', laneId: 'e', sentiment: -2 }),
        note('z', { stageId: 's2', laneId: 'a', sentiment: 1 }),
      ]),
    );
    expect(m.emotions.map((e) => [e.stageId, e.score, e.manual])).toEqual([
      ['s1', 1, true],
      ['s2', -0.5, false],
    ]);
  });

  test('no persona chosen, or no Emotions lane: no persona card, emotion row at the end', () => {
    const base = map([]);
    const m = readingModel({ ...base, personaId: null, lanes: base.lanes.filter((l) => l.kind !== 'emotions') });
    expect(m.persona).toBeNull();
    expect(m.emotionAfter).toBe(1);
  });
});

describe('readingModel on maps the real services make', () => {
  test('every template reads in full: each note in exactly one cell or under "Not yet placed"', async () => {
    const { testCore } = await import('../helpers');
    const core = testCore();
    try {
      const templates = core.call('templates.list', {});
      expect(templates.length).toBeGreaterThan(0);
      for (const t of templates) {
        const map = core.call('maps.create', { title: t.name, template: t.id });
        const m = readingModel(map);
        expect(m.stages).toHaveLength(t.stageCount);
        const inCells = m.rows.flatMap((r) => r.cells.flat());
        expect(inCells.length + m.unplaced.length, t.id).toBe(map.notes.length);
        expect(new Set([...inCells, ...m.unplaced].map((n) => n.id)).size).toBe(map.notes.length);
        for (const [l, row] of m.rows.entries()) {
          for (const [s, notes] of row.cells.entries()) {
            for (const n of notes) expect([n.stageId, n.laneId]).toEqual([m.stages[s]!.id, m.rows[l]!.lane.id]);
          }
        }
        expect(m.emotions.map((e) => e.stageId)).toEqual(m.stages.map((s) => s.id));
      }
    } finally {
      core.close();
    }
  });
});
