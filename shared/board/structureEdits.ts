/**
 * The changes that edit a map's structure: add, reorder and delete stages, lanes and personas.
 * Pure builders over the map's records: they return `Change`s and apply nothing. The board's
 * document commits them as one undo step; the store's `stages.*` and `lanes.*` methods apply the
 * same changes through the record layer, so both place freed notes and renumber positions alike.
 */
import { FRAME_ORIGIN, freeBoardSlot, layoutFrame } from '../journey';
import { withDefaults, type Change, type EditableRecord, type RecordValue } from '../records';
import { readingOrder } from './frameDrop';

/** Records shown in order of `position`. */
export type Ordered = 'stage' | 'lane' | 'persona';

/** What the builders read: the map's stages, lanes and personas in display order, and its notes. */
export interface StructureView {
  readonly stages: readonly EditableRecord<'stage'>[];
  readonly lanes: readonly EditableRecord<'lane'>[];
  readonly personas: readonly EditableRecord<'persona'>[];
  readonly notes: Iterable<EditableRecord<'note'>>;
}

/**
 * A new stage, lane or persona: its name, and any other field but its position (the builder
 * places it). A field with no create default in shared/records (a persona's colour) must be given.
 */
export type NewRecord<T extends Ordered> = Partial<Omit<RecordValue<T>, 'position'>> & { name: string };

function listOf(view: StructureView, type: Ordered): readonly { id: string; position: number }[] {
  return type === 'stage' ? view.stages : type === 'lane' ? view.lanes : view.personas;
}

/**
 * The position updates that put stages, lanes or personas in the order of `ids`. An id the view
 * does not have yet holds its place (a record about to be created); records `ids` leaves out
 * follow, in their order.
 */
export function reorderChanges(view: StructureView, type: Ordered, ids: readonly string[]): Change[] {
  const current = listOf(view, type);
  const byId = new Map(current.map((r) => [r.id, r]));
  const order = [...new Set(ids)];
  const listed = new Set(order);
  for (const r of current) if (!listed.has(r.id)) order.push(r.id);
  const out: Change[] = [];
  order.forEach((id, position) => {
    const r = byId.get(id);
    if (r && r.position !== position) out.push({ type, op: 'update', id, patch: { position } } as Change);
  });
  return out;
}

/** A new record at `index` (clamped; default last), the ones after it moving one place on; unset fields take their defaults. */
export function insertChanges<T extends Ordered>(view: StructureView, type: T, id: string, fields: NewRecord<T>, index?: number): Change[] {
  const ids = listOf(view, type).map((r) => r.id);
  const at = Math.max(0, Math.min(Math.round(index ?? ids.length), ids.length));
  ids.splice(at, 0, id);
  const value = withDefaults(type, { ...fields, position: at } as unknown as Partial<RecordValue<T>>);
  const create = { type, op: 'create', id, value } as unknown as Change;
  return [create, ...reorderChanges(view, type, ids).filter((c) => c.id !== id)];
}

/** Deleting a stage: its notes go to the free board beside the frame, the other stages close up. */
export function deleteStageChanges(view: StructureView, id: string): Change[] {
  if (!view.stages.some((s) => s.id === id)) return [];
  const freed = [...view.notes].filter((n) => n.stageId === id);
  return [
    ...freedNoteChanges(view, freed, { stageId: id }),
    ...reorderChanges(view, 'stage', view.stages.map((s) => s.id).filter((s) => s !== id)),
    { type: 'stage', op: 'delete', id },
  ];
}

/** Deleting a lane: its notes go to the free board beside the frame, the other lanes close up. */
export function deleteLaneChanges(view: StructureView, id: string): Change[] {
  if (!view.lanes.some((l) => l.id === id)) return [];
  const freed = [...view.notes].filter((n) => n.laneId === id);
  return [
    ...freedNoteChanges(view, freed, { laneId: id }),
    ...reorderChanges(view, 'lane', view.lanes.map((l) => l.id).filter((l) => l !== id)),
    { type: 'lane', op: 'delete', id },
  ];
}

/** Deleting a persona: its notes lose the tag (they stay on the board), the other personas close up. */
export function deletePersonaChanges(view: StructureView, id: string): Change[] {
  if (!view.personas.some((p) => p.id === id)) return [];
  const untag: Change[] = [];
  for (const n of view.notes) {
    if (n.personaIds.includes(id)) untag.push({ type: 'note', op: 'update', id: n.id, patch: { personaIds: n.personaIds.filter((p) => p !== id) } });
  }
  return [...untag, ...reorderChanges(view, 'persona', view.personas.map((p) => p.id).filter((p) => p !== id)), { type: 'persona', op: 'delete', id }];
}

/**
 * Notes leaving the frame with a stage or lane: in a tidy block beside the frame as it will be
 * without it, clear of the free notes already there, in their reading order. Never deleted.
 */
export function freedNoteChanges(
  view: StructureView,
  freed: readonly EditableRecord<'note'>[],
  without: { stageId?: string; laneId?: string },
): Change[] {
  if (freed.length === 0) return [];
  const freedIds = new Set(freed.map((n) => n.id));
  const others = [...view.notes].filter((n) => !freedIds.has(n.id));
  const frame = layoutFrame({
    origin: FRAME_ORIGIN,
    stages: view.stages.filter((s) => s.id !== without.stageId).map((s) => ({ id: s.id })),
    lanes: view.lanes.filter((l) => l.id !== without.laneId).map((l) => ({ id: l.id, collapsed: l.collapsed, kind: l.kind })),
    notes: others.filter((n) => n.stageId !== null && n.laneId !== null).sort(readingOrder),
  });
  const avoid = others.filter((n) => n.stageId === null || n.laneId === null).map((n) => ({ x: n.x, y: n.y, width: n.width, height: n.height }));
  const size = { width: Math.max(...freed.map((n) => n.width)), height: Math.max(...freed.map((n) => n.height)) };
  const slots = freeBoardSlot(frame, freed.length, size, { avoid });
  return [...freed].sort(readingOrder).map((n, i): Change => ({
    type: 'note',
    op: 'update',
    id: n.id,
    patch: { stageId: null, laneId: null, x: Math.round(slots[i]!.x), y: Math.round(slots[i]!.y) },
  }));
}
