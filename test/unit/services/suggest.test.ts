import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let map: JourneyMap;
beforeEach(() => {
  core = testCore();
  map = core.call('maps.create', { title: 'Gym membership', template: 'blank' });
  const [a, b, c] = map.stages;
  core.call('stages.update', { id: a!.id, name: 'Find a gym', description: 'looks around for a gym nearby and compares prices' });
  core.call('stages.update', { id: b!.id, name: 'Sign up', description: 'joins online or at the front desk and pays the fee' });
  core.call('stages.update', { id: c!.id, name: 'Cancel', description: 'tries to end the membership and stop payments' });
});
afterEach(() => core.close());

describe('structure.suggest', () => {
  it('suggests kind, lane, stage and sentiment for free notes only', () => {
    const notes = core.call('notes.createMany', {
      mapId: map.id,
      notes: [
        { text: 'compares monthly prices of three gyms', x: 0, y: 0 },
        { text: 'we could let people cancel online in one click', x: 600, y: 0 },
        { text: 'cancellation only by registered letter, so frustrating!!', x: 800, y: 0 },
        { text: 'already placed', x: 0, y: 0, stageId: map.stages[0]!.id, laneId: map.lanes[0]!.id },
      ],
    });
    const suggestions = core.call('structure.suggest', { mapId: map.id });
    expect(suggestions.map((s) => s.noteId)).toEqual([notes[0]!.id, notes[1]!.id, notes[2]!.id]);
    const byId = new Map(suggestions.map((s) => [s.noteId, s]));
    const lanesByKind = new Map(map.lanes.map((l) => [l.kind, l.id]));
    expect(byId.get(notes[0]!.id)).toMatchObject({ kind: 'action', laneId: lanesByKind.get('actions'), stageId: map.stages[0]!.id });
    expect(byId.get(notes[1]!.id)).toMatchObject({ kind: 'opportunity', laneId: lanesByKind.get('opportunities') });
    const pain = byId.get(notes[2]!.id)!;
    expect(pain).toMatchObject({ kind: 'pain_point', stageId: map.stages[2]!.id });
    expect(pain.sentiment).toBeLessThan(0);
    // Suggesting changes nothing.
    expect(core.call('maps.get', { id: map.id }).notes.filter((n) => n.stageId)).toHaveLength(1);
  });

  it('takes the stage a note was captured into (stage set, no lane) as a prior for its stage', () => {
    // "so relieved" says nothing about the stage: the capture step aimed at "Cancel" settles it.
    const [plain, aimed] = core.call('notes.createMany', {
      mapId: map.id,
      notes: [
        { text: 'so relieved', x: 0, y: 0 },
        { text: 'so relieved!', x: 200, y: 0, stageId: map.stages[2]!.id },
      ],
    });
    const byId = new Map(core.call('structure.suggest', { mapId: map.id }).map((s) => [s.noteId, s]));
    expect(byId.get(aimed!.id)).toMatchObject({ stageId: map.stages[2]!.id });
    expect(byId.get(aimed!.id)!.stageConfidence).toBeGreaterThan(byId.get(plain!.id)!.stageConfidence);
  });

  it('refuses a note id that is not in the map', () => {
    expect(core.fail('structure.suggest', { mapId: map.id, noteIds: ['ghost'] }).code).toBe('not_found');
  });
});

describe('near-duplicates', () => {
  it('finds clusters and merges one, keeping every author and tag', () => {
    const [a, b, c] = core.call('notes.createMany', {
      mapId: map.id,
      notes: [
        { text: 'waited 40 min on the phone', x: 0, y: 0, author: 'Ana', channels: ['phone'] },
        { text: 'on the phone for 40mins!!', x: 200, y: 0, author: 'Ben' },
        { text: 'loves the sauna', x: 400, y: 0, author: 'Cy' },
      ],
    });
    const clusters = core.call('notes.clusters', { mapId: map.id });
    expect(clusters).toEqual([[a!.id, b!.id]]);
    const { note, deleted } = core.call('notes.merge', { mapId: map.id, ids: [a!.id, b!.id] });
    expect(deleted).toEqual([b!.id]);
    expect(note).toMatchObject({ id: a!.id, author: 'Ana, Ben', channels: ['phone'] });
    expect(core.call('maps.get', { id: map.id }).notes.map((n) => n.id)).toEqual([a!.id, c!.id]);
  });

  it('merging refuses fewer than two notes or a note of another map, changing nothing', () => {
    const [a] = core.call('notes.createMany', { mapId: map.id, notes: [{ text: 'x', x: 0, y: 0 }] });
    expect(core.fail('notes.merge', { mapId: map.id, ids: [a!.id] }).message).toBe('ids: give at least two notes to merge.');
    expect(core.fail('notes.merge', { mapId: map.id, ids: [a!.id, 'ghost'] }).code).toBe('not_found');
    expect(core.call('maps.get', { id: map.id }).notes).toHaveLength(1);
  });
});
