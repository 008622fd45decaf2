// "Suggest again" learns from corrections: a suggestion the person changed in the review (kind or
// stage) and has not placed yet is evidence for the rest of the map's notes. Notes written for
// these tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { classifyNotes } from '../../../shared/structure/classify';
import { testCore } from '../helpers';

const blank = [
  { name: 'Part 1', description: '' },
  { name: 'Part 2', description: '' },
  { name: 'Part 3', description: '' },
];

describe('classifyNotes with corrected notes', () => {
  it('a corrected kind and stage carry over to a note worded like it', () => {
    const notes = [{ text: 'badge reader at the side door' }, { text: 'towels by the pool' }];
    const before = classifyNotes(notes, { stages: blank })[0]!;
    const kind = before.kind === 'pain_point' ? 'touchpoint' : 'pain_point';
    const stageIndex = before.stageIndex === 2 ? 0 : 2;
    const after = classifyNotes(notes, {
      stages: blank,
      corrected: [{ text: 'badge reader at the front door', kind, stageIndex }],
    })[0]!;
    expect(after).toMatchObject({ kind, stageIndex });
  });

  it('a correction says nothing about notes that share no words with it', () => {
    const notes = [{ text: 'towels by the pool' }];
    const before = classifyNotes(notes, { stages: blank });
    const after = classifyNotes(notes, {
      stages: blank,
      corrected: [{ text: 'badge reader at the front door', kind: 'pain_point' }],
    });
    expect(after[0]!.kind).toBe(before[0]!.kind);
  });
});

describe('structure.suggest with corrections', () => {
  let core: ReturnType<typeof testCore>;
  let map: JourneyMap;
  beforeEach(() => {
    core = testCore();
    map = core.call('maps.create', { title: 'Gym membership', template: 'blank' });
    const [a, b, c] = map.stages;
    core.call('stages.update', { id: a!.id, name: 'Find a gym', description: 'looks around for a gym nearby' });
    core.call('stages.update', { id: b!.id, name: 'Sign up', description: 'joins and pays the fee' });
    core.call('stages.update', { id: c!.id, name: 'Visit', description: 'trains at the gym' });
  });
  afterEach(() => core.close());

  it('a correction in the review changes the next suggestion for a similar note, and the corrected note keeps it', () => {
    const [first, second] = core.call('notes.createMany', {
      mapId: map.id,
      notes: [
        { text: 'badge reader at the front door', x: 0, y: 0 },
        { text: 'badge reader at the side door', x: 200, y: 0 },
        { text: 'compares monthly prices of three gyms', x: 400, y: 0 },
      ],
    });
    const before = core.call('structure.suggest', { mapId: map.id });
    const was = before.find((s) => s.noteId === second!.id)!;
    const kind = was.kind === 'pain_point' ? 'touchpoint' : 'pain_point';
    const stage = map.stages.find((s) => s.id !== was.stageId)!;
    const again = core.call('structure.suggest', {
      mapId: map.id,
      corrections: [{ noteId: first!.id, kind, stageId: stage.id }],
    });
    expect(again.find((s) => s.noteId === second!.id)).toMatchObject({ kind, stageId: stage.id });
    expect(again.find((s) => s.noteId === first!.id)).toMatchObject({
      kind,
      kindConfidence: 1,
      stageId: stage.id,
      stageConfidence: 1,
    });
    // Nothing moved: corrections are evidence, not placements.
    expect(core.call('maps.get', { id: map.id }).notes.filter((n) => n.stageId)).toHaveLength(0);
  });

  it('refuses a correction naming a note or stage that is not in the map, and changes nothing', () => {
    core.call('notes.createMany', { mapId: map.id, notes: [{ text: 'badge reader', x: 0, y: 0 }] });
    expect(core.fail('structure.suggest', { mapId: map.id, corrections: [{ noteId: 'ghost', kind: 'action' }] })).toMatchObject({
      code: 'not_found',
    });
    const [n] = core.call('maps.get', { id: map.id }).notes;
    const err = core.fail('structure.suggest', { mapId: map.id, corrections: [{ noteId: n!.id, stageId: 'nowhere' }] });
    expect(err.code).toBe('not_found');
    expect(err.message).toContain('corrections[0].stageId');
  });
});
