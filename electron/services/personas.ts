import type { PersonaFields } from '../../shared/api';
import { NOTE_COLORS, type Persona } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { withDefaults, type RecordValue } from '../../shared/records/index';
import type { RecordStore } from './changes';
import { requireMap, type ServiceContext } from './context';

/** Persona cards, the map's chosen persona, and persona tags on notes. */
export function createPersonaService(ctx: ServiceContext, records: RecordStore) {
  const { repos } = ctx;

  function requirePersona(id: string) {
    const p = repos.getPersona.get(id);
    if (!p) throw new ApiError('not_found', `No persona with id "${id}". It may have been deleted.`);
    return p;
  }

  return {
    'personas.create': ({ mapId, ...fields }: PersonaFields & { mapId: string; name: string }): Persona => {
      const map = requireMap(ctx, mapId);
      const count = repos.personasOf.all(mapId).length;
      const value = withDefaults('persona', {
        // Each new persona takes the next colour, so initials on a colour tell them apart.
        color: NOTE_COLORS[(count + 4) % NOTE_COLORS.length]!,
        position: count,
        ...fields,
      }) as RecordValue<'persona'>;
      const persona = records.create('persona', mapId, ctx.newId(), value, 'persona');
      // The first persona of a map is the one the map is for, until the facilitator picks another.
      repos.setMapPersona.run(map.persona_id ?? persona.id, ctx.now(), mapId);
      return persona;
    },

    'personas.update': ({ id, ...fields }: PersonaFields & { id: string }): Persona => {
      const p = requirePersona(id);
      const next = records.update('persona', p.map_id, id, fields, 'persona');
      repos.touchMap.run(ctx.now(), p.map_id);
      return next;
    },

    'personas.delete': ({ id }: { id: string }) => {
      const p = requirePersona(id);
      // Notes let go of its tag, and the map of its choice, in the record layer.
      records.remove('persona', p.map_id, id, 'persona');
      repos.personasOf.all(p.map_id).forEach((x, position) => repos.updatePersona.run({ ...x, position }));
      repos.touchMap.run(ctx.now(), p.map_id);
      return { id };
    },

    'maps.setPersona': ({ id, personaId }: { id: string; personaId: string | null }) => {
      requireMap(ctx, id);
      if (personaId) {
        const p = repos.getPersona.get(personaId);
        if (!p || p.map_id !== id) throw new ApiError('not_found', `personaId: no persona "${personaId}" in this map.`);
      }
      repos.setMapPersona.run(personaId, ctx.now(), id);
      return { id, personaId };
    },
  };
}
