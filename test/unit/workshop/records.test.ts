/**
 * The workshop's records (issue 13, migration 004) travel everywhere a map goes: maps.get, the
 * JSON export and import, .journey files (through the untrusted reader) and duplicates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { mapToJson, parseMapDocument } from '../../../shared/export/json';
import { change, withDefaults, type RecordValue } from '../../../shared/records/index';
import { withFreshIds } from '../../../electron/services/journeyFile';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let dir: string;
let map: JourneyMap;

beforeEach(() => {
  core = testCore();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-workshop-'));
  map = core.call('maps.create', { title: 'Gym', template: 'classic-funnel' });
  const stage = map.stages[0]!;
  core.call('changes.apply', {
    mapId: map.id,
    changes: [
      change.update('stage', stage.id, { goal: 'Find a gym near work', expectations: 'Prices on the site' }),
      change.create('note', 'face-down', withDefaults('note', { text: 'secret idea', x: 0, y: 0, faceDown: true }) as RecordValue<'note'>),
      change.create(
        'step',
        'goals-step',
        withDefaults('step', {
          title: 'Goals per stage',
          minutes: 15,
          activity: 'goals',
          instructions: 'Write the customer’s goal under each stage.',
          stageId: stage.id,
          focus: 'stage',
          position: 99,
        }) as RecordValue<'step'>,
      ),
    ],
  });
  map = core.call('maps.get', { id: map.id });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('workshop records', () => {
  it('maps.get returns steps, stage goals, face-down notes and the timer header', () => {
    expect(map.stages[0]).toMatchObject({ goal: 'Find a gym near work', expectations: 'Prices on the site' });
    expect(map.stages[1]).toMatchObject({ goal: '', expectations: '' });
    expect(map.notes.find((n) => n.id === 'face-down')?.faceDown).toBe(true);
    expect(map.notes.filter((n) => n.faceDown)).toHaveLength(1);
    expect(map.steps.find((s) => s.id === 'goals-step')).toMatchObject({ title: 'Goals per stage', minutes: 15, focus: 'stage', stageId: map.stages[0]!.id });
    expect(map).toMatchObject({ currentStepId: null, timerEndsAt: null, timerRemainingMs: null, timerRunning: false });
  });

  it('a step’s minutes are checked: 0 minutes is refused and names the field', () => {
    const err = core.fail('changes.apply', { mapId: map.id, changes: [{ type: 'step', op: 'update', id: 'goals-step', patch: { minutes: 0 } }] });
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('minute');
  });

  it('deleting a stage lets go of the step that focused on it', () => {
    core.call('changes.apply', { mapId: map.id, changes: [change.delete('stage', map.stages[0]!.id)] });
    expect(core.call('maps.get', { id: map.id }).steps.find((s) => s.id === 'goals-step')?.stageId).toBeNull();
  });

  it('JSON export and import keep them; an export without them (older app) reads the defaults', () => {
    const json = mapToJson(map, 0);
    expect(parseMapDocument(json)).toEqual(map);
    const envelope = JSON.parse(json) as { map: Record<string, unknown> };
    const old = envelope.map;
    for (const key of ['steps', 'currentStepId', 'timerEndsAt', 'timerRemainingMs', 'timerRunning']) delete old[key];
    for (const s of old['stages'] as Record<string, unknown>[]) {
      delete s['goal'];
      delete s['expectations'];
    }
    for (const n of old['notes'] as Record<string, unknown>[]) delete n['faceDown'];
    const read = parseMapDocument(JSON.stringify(envelope));
    expect(read.steps).toEqual([]);
    expect(read.stages[0]!.goal).toBe('');
    expect(read.notes.every((n) => n.faceDown === false)).toBe(true);
    expect(read.timerRunning).toBe(false);
  });

  it('.journey files keep them through the untrusted reader', async () => {
    const file = path.join(dir, 'gym.journey');
    expect(core.exportJourney(map.id, file)).toMatchObject({ ok: true });
    core.call('maps.delete', { id: map.id });
    expect(await core.importJourney(file)).toMatchObject({ ok: true });
    expect(core.call('maps.get', { id: map.id })).toEqual(map);
  });

  it('a copy with fresh ids remaps the current step and the steps’ stages', () => {
    const withCurrent = { ...map, currentStepId: 'goals-step' };
    const ids = new Map<string, string>();
    const copy = withFreshIds(withCurrent, () => `new-${ids.size}-${Math.random().toString(36).slice(2, 8)}`, ids);
    expect(copy.currentStepId).toBe(ids.get('goals-step'));
    const step = copy.steps.find((s) => s.id === ids.get('goals-step'))!;
    expect(step.stageId).toBe(ids.get(map.stages[0]!.id));
  });
});

describe('a step’s voting round', () => {
  it('points at a round of the map; deleting the round lets go of it', () => {
    const c = testCore();
    const m = c.call('maps.create', { title: 'Vote' });
    const step = c.call('workshop.get', { mapId: m.id }).steps[0]!;
    const round = withDefaults('round', { title: 'Worst pains', openedAt: 1, position: 0 }) as RecordValue<'round'>;
    c.call('changes.apply', { mapId: m.id, changes: [change.create('round', 'r1', round), change.update('step', step.id, { roundId: 'r1' })] });
    expect(c.call('workshop.get', { mapId: m.id }).steps[0]!.roundId).toBe('r1');
    expect(c.fail('changes.apply', { mapId: m.id, changes: [change.update('step', step.id, { roundId: 'nope' })] }).code).toBe('not_found');
    c.call('changes.apply', { mapId: m.id, changes: [change.delete('round', 'r1')] });
    expect(c.call('workshop.get', { mapId: m.id }).steps[0]!.roundId).toBeNull();
    c.close();
  });
});
