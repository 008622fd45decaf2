import type { NoteInput, NotePatch } from '../../shared/api';
import { NOTE_DEFAULT_SIZE, type Note } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { fromNote, toNote } from '../store/rows';
import { requireMap, type ServiceContext } from './context';

export function createNoteService(ctx: ServiceContext) {
  const { repos } = ctx;

  /** Stage and lane ids must belong to the note's own map. */
  function checkRefs(mapId: string, stageId: string | null | undefined, laneId: string | null | undefined, where: string) {
    if (stageId) {
      const s = repos.getStage.get(stageId);
      if (!s || s.map_id !== mapId) throw new ApiError('not_found', `${where}: no stage "${stageId}" in this map.`);
    }
    if (laneId) {
      const l = repos.getLane.get(laneId);
      if (!l || l.map_id !== mapId) throw new ApiError('not_found', `${where}: no lane "${laneId}" in this map.`);
    }
  }

  function checkPersonas(mapId: string, personaIds: string[] | undefined, where: string) {
    for (const id of personaIds ?? []) {
      const p = repos.getPersona.get(id);
      if (!p || p.map_id !== mapId) throw new ApiError('not_found', `${where}: no persona "${id}" in this map.`);
    }
  }

  function createAll(mapId: string, inputs: NoteInput[]): Note[] {
    requireMap(ctx, mapId);
    const now = ctx.now();
    const seen = new Set<string>();
    const created = inputs.map((input, i) => {
      const where = inputs.length > 1 ? `notes[${i}]` : 'note';
      const id = input.id ?? ctx.newId();
      if (seen.has(id)) throw new ApiError('conflict', `${where}: the id "${id}" appears twice in this request.`);
      seen.add(id);
      if (repos.getNote.get(id)) throw new ApiError('conflict', `${where}: a note with id "${id}" already exists.`);
      checkRefs(mapId, input.stageId, input.laneId, where);
      checkPersonas(mapId, input.personaIds, where);
      const note: Note = {
        id,
        mapId,
        text: input.text,
        x: input.x,
        y: input.y,
        width: input.width ?? NOTE_DEFAULT_SIZE,
        height: input.height ?? NOTE_DEFAULT_SIZE,
        color: input.color ?? 'yellow',
        stageId: input.stageId ?? null,
        laneId: input.laneId ?? null,
        kind: input.kind ?? null,
        sentiment: input.sentiment ?? null,
        author: input.author ?? null,
        channels: input.channels ?? [],
        personaIds: input.personaIds ?? [],
        createdAt: now,
        updatedAt: now,
      };
      repos.insertNote.run(fromNote(note));
      return note;
    });
    repos.touchMap.run(now, mapId);
    return created;
  }

  return {
    'notes.create': ({ mapId, ...input }: NoteInput & { mapId: string }) => createAll(mapId, [input])[0]!,

    'notes.createMany': ({ mapId, notes }: { mapId: string; notes: NoteInput[] }) => createAll(mapId, notes),

    'notes.updateMany': ({ mapId, notes }: { mapId: string; notes: NotePatch[] }) => {
      requireMap(ctx, mapId);
      const now = ctx.now();
      const updated = notes.map((patch, i) => {
        const where = notes.length > 1 ? `notes[${i}]` : 'note';
        const row = repos.getNote.get(patch.id);
        if (!row || row.map_id !== mapId) {
          throw new ApiError('not_found', `${where}: no note "${patch.id}" in this map. It may have been deleted.`);
        }
        checkRefs(mapId, patch.stageId, patch.laneId, where);
        checkPersonas(mapId, patch.personaIds, where);
        const { id: _id, ...changes } = patch;
        const next: Note = { ...toNote(row), ...stripUndefined(changes), updatedAt: now };
        repos.updateNote.run(fromNote(next));
        return next;
      });
      repos.touchMap.run(now, mapId);
      return updated;
    },

    'notes.deleteMany': ({ mapId, ids }: { mapId: string; ids: string[] }) => {
      requireMap(ctx, mapId);
      for (const [i, id] of ids.entries()) {
        const row = repos.getNote.get(id);
        if (!row || row.map_id !== mapId) {
          throw new ApiError('not_found', `ids[${i}]: no note "${id}" in this map. It may have been deleted already.`);
        }
      }
      let deleted = 0;
      for (const id of new Set(ids)) deleted += repos.deleteNote.run(id).changes;
      repos.touchMap.run(ctx.now(), mapId);
      return { deleted };
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
