import type { PersonaFields } from '../../shared/api';
import { NOTE_COLORS, type Persona } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { fromNote, fromPersona, toNote, toPersona } from '../store/rows';
import { requireMap, type ServiceContext } from './context';

/** Persona cards, the map's chosen persona, and persona tags on notes. */
export function createPersonaService(ctx: ServiceContext) {
  const { repos } = ctx;

  function requirePersona(id: string) {
    const p = repos.getPersona.get(id);
    if (!p) throw new ApiError('not_found', `No persona with id "${id}". It may have been deleted.`);
    return p;
  }

  return {
    'personas.create': ({ mapId, ...fields }: PersonaFields & { mapId: string; name: string }): Persona => {
      requireMap(ctx, mapId);
      const existing = repos.personasOf.all(mapId);
      const persona: Persona = {
        id: ctx.newId(),
        mapId,
        name: fields.name,
        role: fields.role ?? '',
        quote: fields.quote ?? '',
        goals: fields.goals ?? '',
        needs: fields.needs ?? '',
        frustrations: fields.frustrations ?? '',
        photo: fields.photo ?? null,
        // Each new persona takes the next colour, so initials on a colour tell them apart.
        color: fields.color ?? NOTE_COLORS[(existing.length + 4) % NOTE_COLORS.length]!,
        position: existing.length,
      };
      repos.insertPersona.run(fromPersona(persona));
      // The first persona of a map is the one the map is for, until the facilitator picks another.
      const map = requireMap(ctx, mapId);
      repos.setMapPersona.run(map.persona_id ?? persona.id, ctx.now(), mapId);
      return persona;
    },

    'personas.update': ({ id, ...fields }: PersonaFields & { id: string }): Persona => {
      const current = toPersona(requirePersona(id));
      const next: Persona = { ...current };
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(next, { [key]: value });
      repos.updatePersona.run(fromPersona(next));
      repos.touchMap.run(ctx.now(), current.mapId);
      return next;
    },

    'personas.delete': ({ id }: { id: string }) => {
      const p = requirePersona(id);
      // Untag notes first: the tags live in a JSON column, not a foreign key.
      for (const row of repos.notesTaggedWith.all(p.map_id, id)) {
        const note = toNote(row);
        repos.updateNote.run(fromNote({ ...note, personaIds: note.personaIds.filter((x) => x !== id) }));
      }
      repos.deletePersona.run(id);
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
