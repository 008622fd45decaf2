import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let map: JourneyMap;
beforeEach(() => {
  core = testCore();
  map = core.call('maps.create', { title: 'Workshop' });
});
afterEach(() => core.close());

const get = () => core.call('maps.get', { id: map.id });
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('personas', () => {
  it('the first persona becomes the one the map is for; others do not replace it', () => {
    const priya = core.call('personas.create', { mapId: map.id, name: 'Priya', role: 'First job', quote: 'Is my money safe?' });
    const tom = core.call('personas.create', { mapId: map.id, name: 'Tom', photo: PNG });
    const got = get();
    expect(got.personaId).toBe(priya.id);
    expect(got.personas.map((p) => [p.name, p.position])).toEqual([
      ['Priya', 0],
      ['Tom', 1],
    ]);
    expect(got.personas[1]!.photo).toBe(PNG);
    expect(priya.color).not.toBe(tom.color);
    core.call('maps.setPersona', { id: map.id, personaId: tom.id });
    expect(get().personaId).toBe(tom.id);
  });

  it('update changes only the given fields', () => {
    const p = core.call('personas.create', { mapId: map.id, name: 'Priya', goals: 'switch easily' });
    const next = core.call('personas.update', { id: p.id, frustrations: 'paperwork' });
    expect(next).toMatchObject({ name: 'Priya', goals: 'switch easily', frustrations: 'paperwork' });
  });

  it('refuses a photo that is not an image, and a persona of another map', () => {
    expect(core.fail('personas.create', { mapId: map.id, name: 'X', photo: 'https://example.com/a.png' }).message).toBe(
      'photo: a photo must be a PNG, JPEG, WebP or GIF image.',
    );
    const other = core.call('maps.create', { title: 'Other' });
    const theirs = core.call('personas.create', { mapId: other.id, name: 'Theirs' });
    expect(core.fail('maps.setPersona', { id: map.id, personaId: theirs.id }).code).toBe('not_found');
    expect(core.fail('notes.create', { mapId: map.id, text: 'a', x: 0, y: 0, personaIds: [theirs.id] }).code).toBe('not_found');
    expect(get().personas).toEqual([]);
  });

  it('deleting a persona untags its notes and unsets the map persona, keeping the notes', () => {
    const p = core.call('personas.create', { mapId: map.id, name: 'Priya' });
    const q = core.call('personas.create', { mapId: map.id, name: 'Quinn' });
    core.call('notes.create', { mapId: map.id, text: 'tagged', x: 0, y: 0, personaIds: [p.id, q.id], channels: ['app', 'email'] });
    core.call('personas.delete', { id: p.id });
    const got = get();
    expect(got.personaId).toBeNull();
    expect(got.notes[0]).toMatchObject({ text: 'tagged', personaIds: [q.id], channels: ['app', 'email'] });
    expect(got.personas.map((x) => [x.name, x.position])).toEqual([['Quinn', 0]]);
  });
});

describe('channels and emotion', () => {
  it('notes carry channel tags; unknown or repeated channels are refused', () => {
    const n = core.call('notes.create', { mapId: map.id, text: 'calls support', x: 0, y: 0, channels: ['phone'] });
    expect(n.channels).toEqual(['phone']);
    expect(core.call('notes.updateMany', { mapId: map.id, notes: [{ id: n.id, channels: ['phone', 'chat'] }] })[0]!.channels).toEqual(['phone', 'chat']);
    expect(core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: n.id, channels: ['pigeon'] }] }).code).toBe('invalid_input');
    expect(core.fail('notes.updateMany', { mapId: map.id, notes: [{ id: n.id, channels: ['app', 'app'] }] }).message).toBe(
      'notes.0.channels: a channel appears twice.',
    );
    expect(get().notes[0]!.channels).toEqual(['phone', 'chat']);
  });

  it('a stage takes a set emotion score from -2 to +2, or null to derive it from its notes', () => {
    const s = core.call('stages.create', { mapId: map.id, name: 'Wait' });
    expect(s.emotion).toBeNull();
    expect(core.call('stages.update', { id: s.id, emotion: -1.5 }).emotion).toBe(-1.5);
    expect(core.fail('stages.update', { id: s.id, emotion: 2.5 }).message).toBe('emotion: an emotion score is from -2 to +2.');
    expect(core.call('stages.update', { id: s.id, emotion: null }).emotion).toBeNull();
  });

  it('duplicate keeps personas, persona tags and stage emotions, remapped to the copy', () => {
    const p = core.call('personas.create', { mapId: map.id, name: 'Priya' });
    const s = core.call('stages.create', { mapId: map.id, name: 'Wait' });
    core.call('stages.update', { id: s.id, emotion: 1 });
    core.call('notes.create', { mapId: map.id, text: 'x', x: 0, y: 0, personaIds: [p.id], channels: ['web'] });
    const copy = core.call('maps.get', { id: core.call('maps.duplicate', { id: map.id }).id });
    expect(copy.personas[0]!.id).not.toBe(p.id);
    expect(copy.personaId).toBe(copy.personas[0]!.id);
    expect(copy.notes[0]!.personaIds).toEqual([copy.personas[0]!.id]);
    expect(copy.notes[0]!.channels).toEqual(['web']);
    expect(copy.stages[0]!.emotion).toBe(1);
  });
});
