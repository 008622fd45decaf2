/**
 * The board's document: every record of the map (notes, stages, lanes, personas), the spatial
 * index of the notes, and the undo history. It is the single place where the document changes:
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
  History,
  RECORD_TYPES,
  valueOf,
  emptyRecords,
  type BoardLane,
  type BoardNote,
  type BoardPersona,
  type BoardRecord,
  type BoardStage,
  type Change,
  type HistoryStep,
  type Records,
  type RecordType,
  type RecordValue,
} from '../../shared/board/history';
import { SpatialIndex } from '../../shared/board/spatial';
import { readingOrder } from '../../shared/board/frameDrop';
import { FRAME_ORIGIN, freeBoardSlot, layoutFrame } from '../../shared/journey';
import type { JourneyMap } from '../../shared/domain';
import { editableOf, recordsOf, withDefaults, type StoredRecord } from '../../shared/records';

export type Step = HistoryStep<Change[]>;

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

/** Ordered records: stages, lanes and personas are shown by position. */
type Ordered = 'stage' | 'lane' | 'persona';

/**
 * A new stage, lane or persona: its name, and any other field but its position (the builder
 * places it). A field with no create default in shared/records (a persona's colour) must be given.
 */
export type NewRecord<T extends Ordered> = Partial<Omit<RecordValue<T>, 'position'>> & { name: string };

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
  private hiddenIds = new Set<string>();
  private orderCache: { [T in Ordered]?: BoardRecord<T>[] } = {};
  private listeners = new Set<(change: DocChange) => void>();

  constructor(map: JourneyMap, options: { historyLimit?: number } = {}) {
    this.history = new History<Change[]>(options.historyLimit);
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
    this.orderCache = {};
    this.hiddenIds.clear();
    this.index.load(this.records.note.values());
  }

  private applyQuietly(changes: readonly Change[]) {
    const result = applyChangesDetailed(this.records, changes);
    for (const c of result.applied) {
      if (c.type !== 'note') {
        delete this.orderCache[c.type];
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

  /** A new stage at `index` (default last), the stages after it moving one place on; unset fields take their defaults. */
  createStage(id: string, fields: NewRecord<'stage'>, index = this.stages.length): Change[] {
    return this.insertAt('stage', id, fields, index);
  }

  /** A new lane at `index` (default last). */
  createLane(id: string, fields: NewRecord<'lane'>, index = this.lanes.length): Change[] {
    return this.insertAt('lane', id, fields, index);
  }

  /** A new persona, last in the panel. */
  createPersona(id: string, fields: NewRecord<'persona'>): Change[] {
    return this.insertAt('persona', id, fields, this.personas.length);
  }

  private insertAt<T extends Ordered>(type: T, id: string, fields: NewRecord<T>, index: number): Change[] {
    const ids = this.ordered(type).map((r) => r.id);
    const at = Math.max(0, Math.min(Math.round(index), ids.length));
    ids.splice(at, 0, id);
    // The record registry's create defaults fill what is not given (one list of defaults, in shared/records).
    const value = withDefaults(type, { ...fields, position: at } as unknown as Partial<RecordValue<T>>);
    const create = { type, op: 'create', id, value } as unknown as Change;
    return [create, ...this.reorder(type, ids).filter((c) => c.id !== id)];
  }

  /**
   * The position updates that put stages, lanes or personas in the order of `ids`. An id the
   * document does not have yet holds its place (a record about to be created); records `ids`
   * leaves out follow, in their order.
   */
  reorder(type: Ordered, ids: readonly string[]): Change[] {
    const order = [...new Set(ids)];
    const listed = new Set(order);
    for (const r of this.ordered(type)) if (!listed.has(r.id)) order.push(r.id);
    const out: Change[] = [];
    order.forEach((id, position) => {
      const r = this.records[type].get(id);
      if (r && r.position !== position) out.push({ type, op: 'update', id, patch: { position } } as Change);
    });
    return out;
  }

  /** Deleting a stage: its notes go to the free board beside the frame, the others close up. */
  deleteStage(id: string): Change[] {
    if (!this.records.stage.has(id)) return [];
    const freed = [...this.records.note.values()].filter((n) => n.stageId === id);
    return [
      ...this.freeNotes(freed, { stageId: id }),
      ...this.reorder('stage', this.stages.map((s) => s.id).filter((s) => s !== id)),
      { type: 'stage', op: 'delete', id },
    ];
  }

  /** Deleting a lane: its notes go to the free board beside the frame, the others close up. */
  deleteLane(id: string): Change[] {
    if (!this.records.lane.has(id)) return [];
    const freed = [...this.records.note.values()].filter((n) => n.laneId === id);
    return [
      ...this.freeNotes(freed, { laneId: id }),
      ...this.reorder('lane', this.lanes.map((l) => l.id).filter((l) => l !== id)),
      { type: 'lane', op: 'delete', id },
    ];
  }

  /** Deleting a persona: its notes lose the tag (they stay on the board), the others close up. */
  deletePersona(id: string): Change[] {
    if (!this.records.persona.has(id)) return [];
    const untag: Change[] = [];
    for (const n of this.records.note.values()) {
      if (n.personaIds.includes(id)) untag.push({ type: 'note', op: 'update', id: n.id, patch: { personaIds: n.personaIds.filter((p) => p !== id) } });
    }
    return [...untag, ...this.reorder('persona', this.personas.map((p) => p.id).filter((p) => p !== id)), { type: 'persona', op: 'delete', id }];
  }

  /**
   * Notes leaving the frame with a stage or lane: in a tidy block beside the frame as it will be
   * without it, clear of the free notes already there, in their reading order.
   */
  private freeNotes(freed: BoardNote[], without: { stageId?: string; laneId?: string }): Change[] {
    if (freed.length === 0) return [];
    const freedIds = new Set(freed.map((n) => n.id));
    const others = [...this.records.note.values()].filter((n) => !freedIds.has(n.id));
    const frame = layoutFrame({
      origin: FRAME_ORIGIN,
      stages: this.stages.filter((s) => s.id !== without.stageId).map((s) => ({ id: s.id })),
      lanes: this.lanes.filter((l) => l.id !== without.laneId).map((l) => ({ id: l.id, collapsed: l.collapsed, kind: l.kind })),
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
}
