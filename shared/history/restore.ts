/**
 * Bringing single notes back from a version: the changes that make each note as it was in the
 * version (created again if the map no longer has it, updated back if it does). A reference to a
 * record the map no longer has is let go (a stage becomes null, a tag leaves its list).
 */
import { change, type Change } from '../records/changes';
import { editableOf, recordDef, refIds, type MapDocument, type StoredRecord } from '../records/records';
import { same } from './delta';

export function notesBackChanges(
  version: MapDocument,
  noteIds: readonly string[],
  /** Whether the map has a record of this type with this id now. */
  exists: (type: string, id: string) => boolean,
  /** The note as the map has it now, if it does (editable fields). */
  current: (id: string) => Record<string, unknown> | undefined,
): Change[] {
  const wanted = new Set(noteIds);
  const out: Change[] = [];
  for (const stored of version.notes) {
    if (!wanted.has(stored.id)) continue;
    const { id, ...value } = editableOf('note', stored as StoredRecord<'note'>) as Record<string, unknown> & { id: string };
    for (const [field, ref] of Object.entries(recordDef.note.refs)) {
      if (!ref) continue;
      const v = value[field];
      const kept = refIds(v).filter((target) => target === id ? false : exists(ref.to, target) || wanted.has(target));
      value[field] = Array.isArray(v) ? kept : (kept[0] ?? null);
    }
    const now = current(id);
    if (!now) out.push(change.create('note', id, value as never));
    else {
      const patch: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (!same(now[k], v)) patch[k] = v;
      if (Object.keys(patch).length) out.push(change.update('note', id, patch as never));
    }
  }
  // Notes that point at other notes being brought back are created after them.
  return [...out.filter((c) => c.op === 'update'), ...out.filter((c) => c.op === 'create')];
}
