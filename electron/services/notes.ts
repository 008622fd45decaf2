import type { NoteInput, NotePatch } from '../../shared/api';
import type { Note } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { withDefaults, type RecordValue } from '../../shared/records/index';
import type { RecordStore } from './changes';
import { requireMap, type ServiceContext } from './context';

/** notes.create, createMany, updateMany, deleteMany: the record layer's create, update and delete for notes. */
export function createNoteService(ctx: ServiceContext, records: RecordStore) {
  const { repos } = ctx;
  const whereOf = (count: number, i: number) => (count > 1 ? `notes[${i}]` : 'note');

  function createAll(mapId: string, inputs: NoteInput[]): Note[] {
    requireMap(ctx, mapId);
    const created = inputs.map(({ id, ...input }, i) =>
      records.create('note', mapId, id ?? ctx.newId(), withDefaults('note', input) as RecordValue<'note'>, whereOf(inputs.length, i)),
    );
    repos.touchMap.run(ctx.now(), mapId);
    return created;
  }

  return {
    'notes.create': ({ mapId, ...input }: NoteInput & { mapId: string }) => createAll(mapId, [input])[0]!,

    'notes.createMany': ({ mapId, notes }: { mapId: string; notes: NoteInput[] }) => createAll(mapId, notes),

    'notes.updateMany': ({ mapId, notes }: { mapId: string; notes: NotePatch[] }) => {
      requireMap(ctx, mapId);
      const updated = notes.map(({ id, ...patch }, i) => records.update('note', mapId, id, patch, whereOf(notes.length, i)));
      repos.touchMap.run(ctx.now(), mapId);
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
      const unique = [...new Set(ids)];
      for (const id of unique) records.remove('note', mapId, id, 'note');
      repos.touchMap.run(ctx.now(), mapId);
      return { deleted: unique.length };
    },
  };
}
