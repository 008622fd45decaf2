/**
 * The board's document: every record of the map (notes, stages, lanes, personas, ...), the map
 * header's editable fields (`header`: the persona the map is for), the spatial index of the
 * notes, and the undo history. It is the single place where the document changes:
 * every edit is a list of `Change`s applied here, as one undo step (`commit`) or without one
 * (`apply`: the frame's layout, an amended step), and every applied list is told to the listeners
 * (`onChange`): sync saves it, the renderer draws it. No DOM, no Konva: tested in Node.
 *
 * The builders (`createStage`, `deleteStage`, `reorder`, `deletePersona`, …) only return the
 * changes an action needs, so a command can commit them as one step: deleting a stage is its
 * notes moving to the free board, the other stages renumbered and the stage deleted, and undoing
 * it brings all of that back.
 */
import {
  applyChangesDetailed,
  boardHeaderOf,
  History,
  RECORD_TYPES,
  valueOf,
  emptyRecords,
  type BoardLane,
  type BoardMapHeader,
  type BoardNote,
  type BoardPersona,
  type BoardRecord,
  type BoardStage,
  type Change,
  type ChangeTarget,
  type HistoryStep,
  type MapPatch,
  type Records,
  type RecordType,
} from '../../shared/board/history';
import { SpatialIndex } from '../../shared/board/spatial';
import {
  deleteLaneChanges,
  deletePersonaChanges,
  deleteStageChanges,
  insertChanges,
  reorderChanges,
  type NewRecord,
  type Ordered,
  type StructureView,
} from '../../shared/board/structureEdits';
import type { JourneyMap } from '../../shared/domain';
import { cascadeDeletes, editableOf, mapHeader, recordDef, recordsOf, refIds, type StoredRecord } from '../../shared/records';

export type Step = HistoryStep<Change[]>;

/** One record as the store has it now (`record` null: the store has none); the shape of `changes.since`'s records. */
export type StoredState = { [T in RecordType]: { type: T; id: string; record: StoredRecord<T> | null } }[RecordType];

type Loose = { id: string } & Record<string, unknown>;

/** Deep equality of field values (lists, a step's focus, plain values). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * `changes` without the records in `gone` (type -> ids) and without references to them: a
 * reference that lets go is cleared (null, or out of its list); one that cascades drops the change.
 */
function withoutRecords(changes: Change[], gone: ReadonlyMap<string, ReadonlySet<string>>): Change[] {
  let out: Change[] | null = null;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const kept = gone.get(c.type)?.has(c.id) ? null : withoutRefs(c, gone);
    if (kept !== c && !out) out = changes.slice(0, i);
    if (out && kept) out.push(kept);
  }
  return out ?? changes;
}

function withoutRefs(c: Change, gone: ReadonlyMap<string, ReadonlySet<string>>): Change | null {
  if (c.op === 'delete') return c;
  const fields = (c.op === 'create' ? c.value : c.patch) as Record<string, unknown>;
  const refs = c.type === 'map' ? mapHeader.refs : recordDef[c.type].refs;
  let next: Record<string, unknown> | null = null;
  for (const [field, ref] of Object.entries(refs)) {
    const v = fields[field];
    const ids = ref && v !== undefined ? gone.get(ref.to) : undefined;
    if (!ids || !refIds(v).some((id) => ids.has(id))) continue;
    if (ref!.onDelete === 'cascade') return null;
    (next ??= { ...fields })[field] = Array.isArray(v) ? (v as string[]).filter((id) => !ids.has(id)) : null;
  }
  if (!next) return c;
  if (c.op === 'create') return { ...c, value: next } as Change;
  return { ...c, patch: next } as Change;
}

/** The fields of `value` that differ from `current`, or null when none does. */
function differing(current: Record<string, unknown>, value: Record<string, unknown>): Record<string, unknown> | null {
  let patch: Record<string, unknown> | null = null;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'id' || sameValue(current[key], v)) continue;
    (patch ??= {})[key] = v;
  }
  return patch;
}

/** What `onChange` listeners hear after the document changed. */
export interface DocChange {
  /** What really changed, in order (nothing when `reset`). */
  changes: readonly Change[];
  /** Whether the change is to be saved (false: it came from the store). */
  save: boolean;
  /** True when the whole document was replaced (`load`). */
  reset: boolean;
  /** What made it: an edit, undo or redo, a silent apply (layout, amend), the store, or a reload. */
  source: 'commit' | 'undo' | 'redo' | 'apply' | 'store' | 'load';
}

export interface ApplyOptions {
  /** Save the change (default). False for what the store already has. */
  save?: boolean;
}

export type { NewRecord };

type Positioned = { position: number; id: string };
const byPosition = (a: Positioned, b: Positioned) =>
  a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);


export class BoardDocument {
  readonly records: Records = emptyRecords();
  /** The notes by id (the same map as `records.note`). Read it; change it only through `apply`. */
  readonly notes: Map<string, BoardNote> = this.records.note;
  /** Every note not hidden, for "what is in view" and hit tests. */
  readonly index = new SpatialIndex();
  readonly history: History<Change[]>;
  /** The map's id: the key of its header in `records.map`. */
  readonly mapId: string;
  private hiddenIds = new Set<string>();
  private orderCache: { [T in Ordered]?: BoardRecord<T>[] } = {};
  private listeners = new Set<(change: DocChange) => void>();

  constructor(map: JourneyMap, options: { historyLimit?: number } = {}) {
    this.history = new History<Change[]>(options.historyLimit);
    this.mapId = map.id;
    this.fill(map);
  }

  // ------------------------------------------------------------ reading

  /** The stages in display order (a new array only after a stage changed). */
  get stages(): readonly BoardStage[] {
    return this.ordered('stage');
  }

  get lanes(): readonly BoardLane[] {
    return this.ordered('lane');
  }

  get personas(): readonly BoardPersona[] {
    return this.ordered('persona');
  }

  /** The map header's fields that changes edit (the persona the map is for), as they are now. */
  get header(): BoardMapHeader {
    return this.records.map.get(this.mapId)!;
  }

  /** The change that sets header fields (one undo step when committed). */
  headerChange(patch: MapPatch): Change {
    return { type: 'map', op: 'update', id: this.mapId, patch };
  }

  note(id: string): BoardNote | undefined {
    return this.records.note.get(id);
  }

  get<T extends RecordType>(type: T, id: string): BoardRecord<T> | undefined {
    return this.records[type].get(id) as BoardRecord<T> | undefined;
  }

  /** Notes in collapsed lanes: in the document, out of the spatial index (not drawn, not hit). */
  get hidden(): ReadonlySet<string> {
    return this.hiddenIds;
  }

  /** Notes in paint order (bottom first). */
  paintOrder(notes: Iterable<BoardNote>): BoardNote[] {
    return [...notes].sort((a, b) => this.index.order(a.id) - this.index.order(b.id));
  }

  private ordered<T extends Ordered>(type: T): BoardRecord<T>[] {
    const cached = this.orderCache[type] as BoardRecord<T>[] | undefined;
    if (cached) return cached;
    const list = [...(this.records[type].values() as Iterable<Positioned>)].sort(byPosition) as unknown as BoardRecord<T>[];
    (this.orderCache as Record<Ordered, unknown>)[type] = list;
    return list;
  }

  // ------------------------------------------------------------ changing

  onChange(listener: (change: DocChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies changes as one undo step (the unit of "one user action"): only what really changes
   * is applied, kept for undo and saved. Null when nothing changed.
   */
  commit(label: string, changes: readonly Change[]): Step | null {
    const { applied, inverse } = this.applyQuietly(changes);
    if (applied.length === 0) return null;
    const step: Step = { label, redo: applied, undo: inverse };
    this.history.push(step);
    this.emit({ changes: applied, save: true, reset: false, source: 'commit' });
    return step;
  }

  /**
   * Applies changes with no undo step of their own (the frame's layout, a step being amended),
   * and returns their inverse. Saved unless `save` is false.
   */
  apply(changes: readonly Change[], options: ApplyOptions = {}): Change[] {
    const { applied, inverse } = this.applyQuietly(changes);
    if (applied.length > 0) this.emit({ changes: applied, save: options.save ?? true, reset: false, source: options.save === false ? 'store' : 'apply' });
    return inverse;
  }

  /** Undoes the newest step; returns what was applied (null when there was nothing to undo). */
  undo(): Change[] | null {
    const step = this.history.undo();
    return step ? this.replay(step.undo, 'undo') : null;
  }

  redo(): Change[] | null {
    const step = this.history.redo();
    return step ? this.replay(step.redo, 'redo') : null;
  }

  private replay(changes: readonly Change[], source: 'undo' | 'redo'): Change[] {
    const { applied } = this.applyQuietly(changes);
    if (applied.length > 0) this.emit({ changes: applied, save: true, reset: false, source });
    return applied;
  }

  /**
   * What the store holds for one record, after it refused a change to it: taken as it is, with
   * no undo step and nothing saved. Null: the store has no such record.
   */
  reconcile<T extends RecordType>(type: T, id: string, stored: StoredRecord<T> | null): void {
    const current = this.records[type].get(id);
    let change: Change | null = null;
    if (stored) change = { type, op: 'create', id, value: valueOf(editableOf(type, stored)) } as unknown as Change;
    else if (current) change = { type, op: 'delete', id } as Change;
    if (change) this.apply([change], { save: false });
  }

  /**
   * Records as the store has them now, written elsewhere (another window, a phone in the room):
   * each one that differs from the document is applied in one change with no undo step and
   * nothing saved (`source: 'store'`); the undo history forgets the records deleted (`forget`). A record for which `keep(type, id)` is true has a local
   * edit not yet saved: it is left alone (that edit is saved over the store's; the next change
   * heard settles it). Returns what was applied.
   */
  merge(records: readonly StoredState[], header: BoardMapHeader | null, keep: (type: ChangeTarget, id: string) => boolean): Change[] {
    const changes: Change[] = [];
    for (const { type, id, record } of records) {
      const table = this.records[type] as Map<string, Loose> | undefined;
      if (!table || keep(type, id)) continue;
      const current = table.get(id);
      if (!record) {
        if (current) changes.push({ type, op: 'delete', id } as Change);
        continue;
      }
      const value = valueOf(editableOf(type, record) as Loose);
      if (!current) {
        changes.push({ type, op: 'create', id, value } as unknown as Change);
        continue;
      }
      const patch = differing(current, value);
      if (patch) changes.push({ type, op: 'update', id, patch } as unknown as Change);
    }
    if (header && header.id === this.mapId && !keep('map', this.mapId)) {
      const patch = differing(this.header as Loose, valueOf(header) as Record<string, unknown>);
      if (patch) changes.push(this.headerChange(patch as MapPatch));
    }
    if (changes.length === 0) return [];
    const { applied } = this.applyQuietly(changes);
    if (applied.length === 0) return applied;
    // What is gone leaves the undo history too (with what went with it: a note's votes).
    this.forget(applied.filter((c) => c.op === 'delete'));
    this.emit({ changes: applied, save: false, reset: false, source: 'store' });
    return applied;
  }

  /**
   * The whole map as the store has it now, taken like `merge` (no reset: the undo history, the
   * selection and the camera stay): records the store no longer has are deleted, unless kept.
   */
  mergeMap(map: JourneyMap, keep: (type: ChangeTarget, id: string) => boolean): Change[] {
    const states: StoredState[] = [];
    for (const type of RECORD_TYPES) {
      const stored = recordsOf(map, type) ?? [];
      const ids = new Set<string>();
      for (const record of stored) {
        ids.add(record.id);
        states.push({ type, id: record.id, record } as StoredState);
      }
      for (const id of this.records[type].keys()) if (!ids.has(id)) states.push({ type, id, record: null } as StoredState);
    }
    return this.merge(states, map.id === this.mapId ? boardHeaderOf(map) : null, keep);
  }

  /**
   * After records were deleted elsewhere: the undo history forgets them, so no undo or redo
   * brings back (or writes to) a record that is gone. Each step loses its changes to those records
   * and its references to them (dropped from lists or set to null; a change to a record that goes
   * with one of them, such as a vote on a deleted note, is dropped). A step left with nothing is
   * kept but does nothing (the board passes over it).
   */
  forget(deleted: readonly { type: ChangeTarget; id: string }[]): void {
    if (deleted.length === 0 || (!this.history.canUndo && !this.history.canRedo)) return;
    const gone = new Map<string, Set<string>>();
    for (const { type, id } of deleted) {
      let ids = gone.get(type);
      if (!ids) gone.set(type, (ids = new Set()));
      ids.add(id);
    }
    for (const step of this.history.steps()) {
      step.undo = withoutRecords(step.undo, gone);
      step.redo = withoutRecords(step.redo, gone);
    }
  }

  /** Replaces the whole document with the store's (a full reload). The undo history is cleared. */
  load(map: JourneyMap): void {
    this.fill(map);
    this.history.clear();
    this.emit({ changes: [], save: false, reset: true, source: 'load' });
  }

  /** Takes notes out of the spatial index (collapsed lanes) and puts the others back. */
  setHidden(ids: Iterable<string>): void {
    const next = new Set(ids);
    for (const id of this.hiddenIds) {
      if (next.has(id)) continue;
      const n = this.records.note.get(id);
      if (n) this.index.upsert(n);
    }
    for (const id of next) this.index.remove(id);
    this.hiddenIds = next;
  }

  private fill(map: JourneyMap): void {
    for (const type of RECORD_TYPES) {
      const table = this.records[type] as Map<string, BoardRecord<RecordType>>;
      table.clear();
      for (const stored of recordsOf(map, type) ?? []) table.set(stored.id, editableOf(type, stored));
    }
    this.records.map.clear();
    this.records.map.set(map.id, boardHeaderOf(map));
    this.orderCache = {};
    this.hiddenIds.clear();
    this.index.load(this.records.note.values());
  }

  private applyQuietly(changes: readonly Change[]) {
    // A delete takes what goes with it (a note's votes) and lets go of the rest (links to it), as
    // the store does; they are in `applied`, so undo brings them back and sync saves them.
    const result = applyChangesDetailed(this.records, cascadeDeletes(this.records, changes));
    for (const c of result.applied) {
      if (c.type !== 'note') {
        delete (this.orderCache as Record<string, unknown>)[c.type];
        continue;
      }
      if (c.op === 'delete') {
        this.index.remove(c.id);
        this.hiddenIds.delete(c.id);
      } else if (!this.hiddenIds.has(c.id)) {
        this.index.upsert(this.records.note.get(c.id)!);
      }
    }
    return result;
  }

  private emit(change: DocChange): void {
    for (const l of [...this.listeners]) l(change);
  }

  // ------------------------------------------------------------ builders (not applied)

  /** What the structure builders (shared/board/structureEdits) read: the records as they are now. */
  private get view(): StructureView {
    const notes = this.records.note;
    return { stages: this.stages, lanes: this.lanes, personas: this.personas, notes: { [Symbol.iterator]: () => notes.values() } };
  }

  /** A new stage at `index` (default last), the stages after it moving one place on; unset fields take their defaults. */
  createStage(id: string, fields: NewRecord<'stage'>, index = this.stages.length): Change[] {
    return insertChanges(this.view, 'stage', id, fields, index);
  }

  /** A new lane at `index` (default last). */
  createLane(id: string, fields: NewRecord<'lane'>, index = this.lanes.length): Change[] {
    return insertChanges(this.view, 'lane', id, fields, index);
  }

  /** A new persona, last in the panel. */
  createPersona(id: string, fields: NewRecord<'persona'>): Change[] {
    return insertChanges(this.view, 'persona', id, fields);
  }

  /** The position updates that put stages, lanes or personas in the order of `ids` (see reorderChanges). */
  reorder(type: Ordered, ids: readonly string[]): Change[] {
    return reorderChanges(this.view, type, ids);
  }

  /** Deleting a stage: its notes go to the free board beside the frame, the others close up. */
  deleteStage(id: string): Change[] {
    return deleteStageChanges(this.view, id);
  }

  /** Deleting a lane: its notes go to the free board beside the frame, the others close up. */
  deleteLane(id: string): Change[] {
    return deleteLaneChanges(this.view, id);
  }

  /** Deleting a persona: its notes lose the tag (they stay on the board), the others close up. */
  deletePersona(id: string): Change[] {
    return deletePersonaChanges(this.view, id);
  }
}
