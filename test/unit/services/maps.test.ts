import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTE_KIND_OF_LANE } from '../../../shared/domain';
import { FRAME_ORIGIN, layoutFrame, placementOf } from '../../../shared/journey/index';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
beforeEach(() => {
  core = testCore();
});
afterEach(() => core.close());

describe('maps', () => {
  it('create returns the new map with its id, the default lanes and no stages', () => {
    const map = core.call('maps.create', { title: 'Onboarding workshop' });
    expect(map.id).toBeTruthy();
    expect(map.title).toBe('Onboarding workshop');
    expect(map.lanes.map((l) => l.name)).toEqual(['Actions', 'Touchpoints', 'Channels', 'Thoughts', 'Emotions', 'Pain points', 'Opportunities']);
    expect(map.lanes.map((l) => l.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(map.stages).toEqual([]);
    expect(map.notes).toEqual([]);
  });

  it('list gives id, title, note count and last edit, most recently edited first', () => {
    const a = core.call('maps.create', { title: 'A' });
    core.tick();
    const b = core.call('maps.create', { title: 'B' });
    core.tick();
    core.call('notes.createMany', { mapId: a.id, notes: [{ text: 'one', x: 0, y: 0 }, { text: 'two', x: 200, y: 0 }] });
    expect(core.call('maps.list', {})).toEqual([
      { id: a.id, title: 'A', noteCount: 2, updatedAt: b.updatedAt + 1000, nextReviewAt: null },
      { id: b.id, title: 'B', noteCount: 0, updatedAt: b.updatedAt, nextReviewAt: null },
    ]);
  });

  it('get returns stages, lanes and notes', () => {
    const map = core.call('maps.create', { title: 'A' });
    const stage = core.call('stages.create', { mapId: map.id, name: 'Awareness' });
    const note = core.call('notes.create', { mapId: map.id, text: 'sees an ad', x: 10, y: 20, stageId: stage.id });
    const got = core.call('maps.get', { id: map.id });
    expect(got.stages).toEqual([stage]);
    expect(got.notes).toEqual([note]);
    expect(got.lanes).toHaveLength(7);
  });

  it('rename trims the title and bumps the last edit', () => {
    const map = core.call('maps.create', { title: 'A' });
    core.tick(5000);
    const renamed = core.call('maps.rename', { id: map.id, title: '  Retail banking  ' });
    expect(renamed).toMatchObject({ id: map.id, title: 'Retail banking', updatedAt: map.updatedAt + 5000 });
    expect(core.call('maps.get', { id: map.id }).title).toBe('Retail banking');
  });

  it('rename refuses an empty or overlong title and changes nothing', () => {
    const map = core.call('maps.create', { title: 'A' });
    expect(core.fail('maps.rename', { id: map.id, title: '   ' })).toEqual({ code: 'invalid_input', message: 'title: a title cannot be empty.' });
    expect(core.fail('maps.rename', { id: map.id, title: 'x'.repeat(201) }).message).toMatch(/at most 200 characters/);
    expect(core.call('maps.get', { id: map.id }).title).toBe('A');
  });

  it('duplicate copies stages, lanes and notes with new ids, keeping cells', () => {
    const map = core.call('maps.create', { title: 'Kickoff' });
    const stage = core.call('stages.create', { mapId: map.id, name: 'Join' });
    const lane = map.lanes[5]!;
    core.call('notes.create', { mapId: map.id, text: 'form too long', x: 1, y: 2, stageId: stage.id, laneId: lane.id, kind: 'pain_point' });
    const copy = core.call('maps.duplicate', { id: map.id });
    expect(copy.title).toBe('Kickoff (copy)');
    expect(copy.noteCount).toBe(1);
    const full = core.call('maps.get', { id: copy.id });
    expect(full.stages[0]!.name).toBe('Join');
    expect(full.stages[0]!.id).not.toBe(stage.id);
    expect(full.notes[0]).toMatchObject({ text: 'form too long', stageId: full.stages[0]!.id, laneId: full.lanes[5]!.id, kind: 'pain_point' });
    expect(core.call('maps.duplicate', { id: copy.id }).title).toBe('Kickoff (copy 2)');
  });

  it('delete removes the map with everything in it', () => {
    const map = core.call('maps.create', { title: 'A' });
    core.call('notes.create', { mapId: map.id, text: 'x', x: 0, y: 0 });
    expect(core.call('maps.delete', { id: map.id })).toEqual({ id: map.id });
    expect(core.call('maps.list', {})).toEqual([]);
    expect(core.fail('maps.get', { id: map.id }).code).toBe('not_found');
    expect(core.db.prepare('SELECT count(*) AS c FROM notes').get()).toEqual({ c: 0 });
  });

  it('remembers the camera per map without counting it as an edit', () => {
    const map = core.call('maps.create', { title: 'A' });
    core.tick();
    core.call('maps.setCamera', { id: map.id, camera: { x: -300, y: 120, zoom: 0.5 } });
    const got = core.call('maps.get', { id: map.id });
    expect(got.camera).toEqual({ x: -300, y: 120, zoom: 0.5 });
    expect(got.updatedAt).toBe(map.updatedAt);
    expect(core.fail('maps.setCamera', { id: map.id, camera: { x: 0, y: 0, zoom: 9 } }).code).toBe('invalid_input');
  });

  it('unknown ids answer not_found with a message', () => {
    for (const [method, input] of [
      ['maps.get', { id: 'nope' }],
      ['maps.rename', { id: 'nope', title: 'x' }],
      ['maps.duplicate', { id: 'nope' }],
      ['maps.delete', { id: 'nope' }],
    ] as const) {
      const e = core.fail(method, input);
      expect(e.code).toBe('not_found');
      expect(e.message).toContain('No map with id "nope"');
    }
  });

  it('an unknown template is refused with the list of known ones, creating nothing', () => {
    const e = core.fail('maps.create', { title: 'A', template: 'no-such-template' });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('No template named "no-such-template"');
    expect(core.call('maps.list', {})).toEqual([]);
  });
});

describe('templates', () => {
  it('lists the shipped templates, Blank first', () => {
    const list = core.call('templates.list', {});
    expect(list[0]).toMatchObject({ id: 'blank', name: 'Blank' });
    expect(list.map((t) => t.id)).toEqual(expect.arrayContaining(['classic-funnel', 'service', 'bank-account-opening', 'online-shopping', 'saas-trial-to-paid', 'hospital-appointment']));
  });

  it('a map from a template has its stages, lanes and example notes laid out in their cells', () => {
    const map = core.call('maps.create', { title: 'Bank', template: 'bank-account-opening' });
    expect(map.stages.length).toBeGreaterThanOrEqual(4);
    expect(map.stages.every((s) => s.description.length > 0)).toBe(true);
    expect(map.notes.length).toBeGreaterThan(5);
    const frame = layoutFrame({
      origin: FRAME_ORIGIN,
      stages: map.stages.map((s) => ({ id: s.id })),
      lanes: map.lanes.map((l) => ({ id: l.id, collapsed: l.collapsed, kind: l.kind })),
      notes: map.notes,
    });
    for (const n of map.notes.filter((x) => x.stageId && x.laneId)) {
      expect(placementOf(frame, n.id)).toMatchObject({ x: n.x, y: n.y });
      const lane = map.lanes.find((l) => l.id === n.laneId)!;
      if (lane.kind !== 'custom') expect(n.kind).toBe(NOTE_KIND_OF_LANE[lane.kind]);
    }
  });

  it('Classic funnel has the six funnel stages', () => {
    const map = core.call('maps.create', { title: 'Funnel', template: 'classic-funnel' });
    expect(map.stages.map((s) => s.name)).toEqual(['Awareness', 'Consideration', 'Decision', 'Purchase', 'Retention', 'Advocacy']);
  });
});

describe('the boundary', () => {
  it('refuses an unknown method', () => {
    expect(core.fail('maps.explode', {})).toEqual({
      code: 'unknown_method',
      message: 'There is no API method named "maps.explode". See docs/API.md for the list.',
    });
    expect(core.fail('__proto__', {}).code).toBe('unknown_method');
  });

  it('refuses wrong types and unknown fields, naming the field', () => {
    expect(core.fail('maps.create', { title: 42 })).toEqual({ code: 'invalid_input', message: 'title: expected string, received number.' });
    expect(core.fail('maps.create', { title: 'A', colour: 'red' }).message).toBe('input: unknown field "colour".');
    expect(core.fail('maps.create', null).message).toMatch(/title/);
    expect(core.fail('maps.list', 'hello').code).toBe('invalid_input');
    expect(core.call('maps.list', {})).toEqual([]);
  });
});
