import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/services/index';
import type { JourneyMap } from '../../../shared/domain';
import { change } from '../../../shared/records/index';
import { RESOURCES, testCore } from '../helpers';

const MIN = 60_000;
let core: ReturnType<typeof testCore>;
let map: JourneyMap;

beforeEach(() => {
  core = testCore();
  map = core.call('maps.create', { title: 'Gym', template: 'classic-funnel' });
});
afterEach(() => core.close());

describe('workshop.*', () => {
  it('a new map has the default 8-step agenda, its lanes resolved on the map', () => {
    const w = core.call('workshop.get', { mapId: map.id });
    expect(w.steps).toHaveLength(8);
    expect(w.steps.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(w.steps[0]!.title).toBe('Set goals and scope');
    const pains = w.steps.find((s) => s.title === 'Pain points')!;
    expect(pains).toMatchObject({ silent: true, activity: 'brainstorm', laneId: map.lanes.find((l) => l.kind === 'pain_points')!.id });
    expect(w).toMatchObject({ currentStepId: null, timer: { running: false, endsAt: null, remainingMs: null } });
    // maps.get carries the same steps (they are records of the map).
    expect(core.call('maps.get', { id: map.id }).steps).toEqual(w.steps);
  });

  it('start, the countdown falls, pause holds it, +1 min, resume, next banks the time spent', () => {
    const [first, second] = core.call('workshop.get', { mapId: map.id }).steps;
    let w = core.call('workshop.start', { mapId: map.id, stepId: first!.id });
    expect(w.currentStepId).toBe(first!.id);
    expect(w.timer).toMatchObject({ running: true, remainingMs: 15 * MIN });
    core.tick(3 * MIN);
    expect(core.call('workshop.get', { mapId: map.id }).timer.remainingMs).toBe(12 * MIN);
    w = core.call('workshop.pause', { mapId: map.id });
    expect(w.timer).toEqual({ running: false, endsAt: null, remainingMs: 12 * MIN });
    core.tick(10 * MIN);
    expect(core.call('workshop.get', { mapId: map.id }).timer.remainingMs).toBe(12 * MIN);
    expect(core.call('workshop.extend', { mapId: map.id, seconds: 60 }).timer.remainingMs).toBe(13 * MIN);
    core.call('workshop.resume', { mapId: map.id });
    core.tick(2 * MIN);
    w = core.call('workshop.next', { mapId: map.id });
    expect(w.currentStepId).toBe(second!.id);
    const done = w.steps.find((s) => s.id === first!.id)!;
    // 3 minutes before the pause and 2 after: paused time is not spent time.
    expect(done.spentMs).toBe(5 * MIN);
    expect(done.endedAt).toBe(w.now);
    expect(w.steps.find((s) => s.id === second!.id)!.startedAt).toBe(w.now);
    // The end of a step saves an automatic version (History).
    expect(core.call('versions.list', { mapId: map.id }).some((v) => v.reason?.includes('Set goals and scope'))).toBe(true);
  });

  it('overtime reads as negative time; next after the last step ends the workshop', () => {
    const steps = core.call('workshop.get', { mapId: map.id }).steps;
    core.call('workshop.start', { mapId: map.id, stepId: steps[7]!.id });
    core.tick(31 * MIN);
    expect(core.call('workshop.get', { mapId: map.id }).timer.remainingMs).toBe(-MIN);
    const w = core.call('workshop.next', { mapId: map.id });
    expect(w.currentStepId).toBeNull();
    expect(w.timer).toEqual({ running: false, endsAt: null, remainingMs: null });
    expect(w.steps[7]!.spentMs).toBe(31 * MIN);
    // Next with no current step starts the first step not yet run.
    expect(core.call('workshop.next', { mapId: map.id }).currentStepId).toBe(steps[0]!.id);
  });

  it('timer methods without a running step, unknown steps and bad input are refused and change nothing', () => {
    expect(core.fail('workshop.pause', { mapId: map.id })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Start a step first') });
    expect(core.fail('workshop.extend', { mapId: map.id, seconds: 60 }).code).toBe('invalid_input');
    expect(core.fail('workshop.start', { mapId: map.id, stepId: 'nope' })).toMatchObject({ code: 'not_found', message: expect.stringContaining('stepId') });
    expect(core.fail('workshop.extend', { mapId: map.id, seconds: 0 }).code).toBe('invalid_input');
    expect(core.fail('workshop.get', { mapId: 'nope' }).code).toBe('not_found');
    expect(core.call('workshop.get', { mapId: map.id }).currentStepId).toBeNull();
  });

  it('deleting the current step (changes.apply) leaves no current step', () => {
    const [first] = core.call('workshop.get', { mapId: map.id }).steps;
    core.call('workshop.start', { mapId: map.id, stepId: first!.id });
    core.call('changes.apply', { mapId: map.id, changes: [change.delete('step', first!.id)] });
    const w = core.call('workshop.get', { mapId: map.id });
    expect(w.steps).toHaveLength(7);
    expect(w.currentStepId).toBeNull();
  });

  it('reveal turns every face-down note up in one call', () => {
    core.call('notes.create', { mapId: map.id, text: 'a', x: 0, y: 0, faceDown: true });
    core.call('notes.create', { mapId: map.id, text: 'b', x: 0, y: 0, faceDown: true });
    expect(core.call('workshop.reveal', { mapId: map.id })).toEqual({ revealed: 2 });
    expect(core.call('maps.get', { id: map.id }).notes.some((n) => n.faceDown)).toBe(false);
    expect(core.call('workshop.reveal', { mapId: map.id })).toEqual({ revealed: 0 });
  });

  it('agenda variants apply to the map; a map’s agenda saves as a template that applies to another map', () => {
    const templates = core.call('workshop.templates', {});
    expect(templates.map((t) => [t.id, t.source])).toEqual([
      ['journey-mapping', 'builtin'],
      ['half-day', 'builtin'],
      ['ninety-minutes', 'builtin'],
    ]);
    const w = core.call('workshop.applyTemplate', { mapId: map.id, templateId: 'ninety-minutes' });
    expect(w.steps.reduce((s, x) => s + x.minutes, 0)).toBe(90);

    core.call('changes.apply', { mapId: map.id, changes: [change.update('step', w.steps[0]!.id, { title: 'Why we are here', minutes: 7 })] });
    const saved = core.call('workshop.saveTemplate', { mapId: map.id, name: 'Our kick-off' });
    expect(saved).toMatchObject({ id: 'our-kick-off', source: 'saved', stepCount: 8, totalMinutes: 92 });
    const other = core.call('maps.create', { title: 'Other' });
    const applied = core.call('workshop.applyTemplate', { mapId: other.id, templateId: 'our-kick-off' });
    expect(applied.steps[0]).toMatchObject({ title: 'Why we are here', minutes: 7 });

    expect(core.fail('workshop.saveTemplate', { mapId: map.id, name: 'Half day' }).code).toBe('conflict');
    expect(core.fail('workshop.applyTemplate', { mapId: map.id, templateId: 'nope' }).code).toBe('not_found');
    expect(core.call('workshop.deleteTemplate', { id: 'our-kick-off' })).toEqual({ id: 'our-kick-off' });
    expect(core.fail('workshop.deleteTemplate', { id: 'half-day' }).code).toBe('not_found');
  });
});

describe('the timer survives a restart of the app', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-workshop-restart-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('running: the same end time; paused: the same time left', () => {
    let clock = Date.UTC(2026, 10, 30, 9);
    const open = () => openCore({ dataDir: dir, resourcesDir: RESOURCES, now: () => clock });
    const call = (c: ReturnType<typeof openCore>, method: string, input: unknown) => {
      const r = c.dispatch(method, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { steps: { id: string }[]; timer: { remainingMs: number | null; running: boolean }; id: string };
    };
    let c = open();
    const mapId = (call(c, 'maps.create', { title: 'Restart' }) as { id: string }).id;
    const stepId = call(c, 'workshop.get', { mapId }).steps[0]!.id;
    call(c, 'workshop.start', { mapId, stepId });
    clock += 4 * MIN;
    c.close();

    clock += MIN; // the app was closed for a minute: a running timer keeps running.
    c = open();
    expect(call(c, 'workshop.get', { mapId }).timer).toMatchObject({ running: true, remainingMs: 10 * MIN });
    call(c, 'workshop.pause', { mapId });
    c.close();

    clock += 60 * MIN; // paused: an hour later the same time is left.
    c = open();
    expect(call(c, 'workshop.get', { mapId }).timer).toMatchObject({ running: false, remainingMs: 10 * MIN });
    c.close();
  });
});
