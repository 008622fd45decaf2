import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { change, type Change } from '../../../shared/records/index';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let map: JourneyMap;
let other: JourneyMap;
beforeEach(() => {
  core = testCore();
  map = core.call('maps.create', { title: 'Workshop' });
  other = core.call('maps.create', { title: 'Another map' });
});
afterEach(() => core.close());

const get = () => core.call('maps.get', { id: map.id });
const apply = (changes: Change[]) => core.call('changes.apply', { mapId: map.id, changes });
const fails = (changes: unknown[]) => core.fail('changes.apply', { mapId: map.id, changes });
const persona = (position: number) => ({ name: `P${position}`, role: '', quote: '', goals: '', needs: '', frustrations: '', photo: null, color: 'teal' as const, position });

describe('changes.apply: a change to the map header', () => {
  it('chooses the persona the map is for in the same batch that creates it, and clears it with null', () => {
    // The map change comes first in the batch: the store applies in order, so it is refused...
    expect(fails([change.map(map.id, { personaId: 'p1' }), change.create('persona', 'p1', persona(0))])).toMatchObject({ code: 'not_found', index: 0 });
    // ...and after the persona it points at, it lands.
    expect(apply([change.create('persona', 'p1', persona(0)), change.map(map.id, { personaId: 'p1' })])).toEqual({ applied: 2 });
    expect(get().personaId).toBe('p1');
    apply([change.map(map.id, { personaId: null })]);
    expect(get().personaId).toBeNull();
  });

  it("refuses a persona of another map, saying which and what to do, and changes nothing", () => {
    core.call('personas.create', { mapId: other.id, name: 'Elsewhere' });
    const foreign = core.call('maps.get', { id: other.id }).personas[0]!.id;
    apply([change.create('persona', 'p1', persona(0)), change.map(map.id, { personaId: 'p1' })]);
    const before = get();
    const e = fails([change.update('persona', 'p1', { name: 'Renamed' }), change.map(map.id, { personaId: foreign })]);
    expect(e).toMatchObject({ code: 'not_found', index: 1 });
    expect(e.message).toContain(`no persona "${foreign}" in this map`);
    expect(e.message).toContain('choose one of this map');
    expect(get()).toEqual(before);
  });

  it('refuses a map change naming another map, and a header field that is not editable this way', () => {
    const before = get();
    const e = fails([change.map(other.id, { personaId: null })]);
    expect(e).toMatchObject({ code: 'not_found', index: 0 });
    expect(e.message).toContain(`a map change must name that map, not "${other.id}"`);
    const title = fails([{ type: 'map', op: 'update', id: map.id, patch: { title: 'Sneaky' } }]);
    expect(title.code).toBe('invalid_input');
    expect(title.message).toContain('title');
    expect(fails([{ type: 'map', op: 'delete', id: map.id }]).code).toBe('invalid_input');
    expect(get()).toEqual(before);
  });

  it('maps.setPersona still works for other clients', () => {
    const p = core.call('personas.create', { mapId: map.id, name: 'First' });
    const q = core.call('personas.create', { mapId: map.id, name: 'Second' });
    expect(get().personaId).toBe(p.id);
    core.call('maps.setPersona', { id: map.id, personaId: q.id });
    expect(get().personaId).toBe(q.id);
  });
});
