/**
 * The board's records, the one change type every record's edit takes, and the undo stack. A
 * change creates, updates or deletes one note, stage, lane or persona; applying a list returns
 * its inverse, and an undo step holds both directions. One user gesture (a drag of 20 notes, a
 * typed text, a paste, deleting a stage and freeing its notes) is one step, whatever it touches.
 */
import type { Note } from '../domain';
import {
  editableOf,
  mapHeader,
  RECORD_TYPES,
  type Change,
  type ChangeOf,
  type ChangeTarget,
  type EditableRecord,
  type MapDocument,
  type MapPatch,
  type RecordPatch,
  type RecordType,
  type RecordValue,
} from '../records';

/** The part of a note the board edits and persists (the store adds mapId and timestamps): derived from the record registry. */
export type BoardNote = EditableRecord<'note'>;
/** The board's copy of a stored note (older stores may lack channels and persona tags: they take their defaults). */
export function toBoardNote(n: Note): BoardNote {
  return editableOf('note', n);
}

/** A record as the board holds it: its id and every editable field (the map is the board's). */
export type BoardRecord<T extends RecordType> = EditableRecord<T>;
export type BoardStage = BoardRecord<'stage'>;
export type BoardLane = BoardRecord<'lane'>;
export type BoardPersona = BoardRecord<'persona'>;

/** One edit of one record (shared/records): the only shape an edit takes on its way to the undo stack and the store. */
export type { Change, ChangeOf, ChangeTarget, MapPatch, RecordType, RecordValue, RecordPatch };
/** Record types in the order a batch writes them (a record after those it points at). */
export { RECORD_TYPES };

/** The map header's fields a change edits (mapHeader.editable), as the board holds them. */
export type BoardMapHeader = { id: string } & Required<MapPatch>;

/** The editable part of a stored map's header. */
export function boardHeaderOf(map: Pick<MapDocument, 'id'> & Partial<Record<string, unknown>>): BoardMapHeader {
  const out: Record<string, unknown> = { id: map.id };
  for (const field of mapHeader.editable) out[field] = map[field] ?? null;
  return out as BoardMapHeader;
}

/**
 * Every record of a map by type and id: what `applyChanges` edits; `map` holds the map's own
 * header (one entry, by the map's id), so a change to it is undone like any other.
 */
export type Records = { [T in RecordType]: Map<string, BoardRecord<T>> } & { map: Map<string, BoardMapHeader> };

export function emptyRecords(): Records {
  return Object.fromEntries([...RECORD_TYPES, 'map'].map((t) => [t, new Map()])) as unknown as Records;
}

/** `type:id`, unique across a map's records (and its header). */
export function changeKey(c: { type: ChangeTarget; id: string }): string {
  return `${c.type}:${c.id}`;
}

export type NoteFieldPatch = RecordPatch<'note'>;

/** A change to one note (what the note commands make: drops, toggles, pastes). */
export type NoteChange = ChangeOf<'note'>;

/** A record's value without its id (a create's `value`). */
export function valueOf<R extends { id: string }>(record: R): Omit<R, 'id'> {
  const { id: _id, ...value } = record;
  return value;
}

/** The change that creates `note` as it is. */
export function noteCreate(note: BoardNote): ChangeOf<'note'> {
  return { type: 'note', op: 'create', id: note.id, value: valueOf(note) };
}

/** Field values are equal when the same, or arrays (channels, persona tags) with the same items in order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

export interface Applied {
  /** What really changed, in order: no-ops left out, patches cut to the fields that differ. */
  applied: Change[];
  /** The changes that undo `applied`, in the order to apply them. */
  inverse: Change[];
}

/**
 * Applies `changes` in order to `records` (mutating it). A change naming a missing record is
 * skipped (and has no inverse); a create of a record that exists replaces it, and its inverse puts
 * the old one back. The inverse of a delete is a create holding every field the record had.
 */
export function applyChangesDetailed(records: Records, changes: readonly Change[]): Applied {
  const applied: Change[] = [];
  const inverse: Change[] = [];
  for (const c of changes) {
    const table = records[c.type] as Map<string, { id: string } & Record<string, unknown>>;
    const old = table.get(c.id);
    if (c.op === 'create') {
      table.set(c.id, { ...c.value, id: c.id });
      applied.push(c);
      inverse.push((old ? { type: c.type, op: 'create', id: c.id, value: valueOf(old) } : { type: c.type, op: 'delete', id: c.id }) as Change);
    } else if (c.op === 'delete') {
      if (!old) continue;
      table.delete(c.id);
      applied.push(c);
      inverse.push({ type: c.type, op: 'create', id: c.id, value: valueOf(old) } as Change);
    } else {
      if (!old) continue;
      const back: Record<string, unknown> = {};
      const forward: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(c.patch)) {
        if (value === undefined || key === 'id' || sameValue(old[key], value)) continue;
        back[key] = old[key];
        forward[key] = value;
      }
      if (Object.keys(back).length === 0) continue;
      table.set(c.id, { ...old, ...forward });
      applied.push({ type: c.type, op: 'update', id: c.id, patch: forward } as Change);
      inverse.push({ type: c.type, op: 'update', id: c.id, patch: back } as Change);
    }
  }
  return { applied, inverse: inverse.reverse() };
}

/** Applies `changes` to `records` and returns the changes that undo them, in the order to apply. */
export function applyChanges(records: Records, changes: readonly Change[]): Change[] {
  return applyChangesDetailed(records, changes).inverse;
}

export interface HistoryStep<P> {
  label: string;
  undo: P;
  redo: P;
}

/** A linear undo stack: a new step after undoing drops the redo branch. */
export class History<P> {
  private done: HistoryStep<P>[] = [];
  private undone: HistoryStep<P>[] = [];

  constructor(private readonly limit = 500) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  get size(): number {
    return this.done.length;
  }

  push(step: HistoryStep<P>): void {
    this.done.push(step);
    this.undone = [];
    if (this.done.length > this.limit) this.done.shift();
  }

  /** The newest step, to amend (e.g. a new note and the text typed into it become one step). */
  peek(): HistoryStep<P> | undefined {
    return this.done[this.done.length - 1];
  }

  /** Replaces the newest step; drops it when given null. */
  replaceLast(step: HistoryStep<P> | null): void {
    this.done.pop();
    if (step) this.done.push(step);
  }

  /** Moves the newest step to the redo stack and returns it; the caller applies `step.undo`. */
  undo(): HistoryStep<P> | undefined {
    const step = this.done.pop();
    if (step) this.undone.push(step);
    return step;
  }

  /** Moves the newest undone step back and returns it; the caller applies `step.redo`. */
  redo(): HistoryStep<P> | undefined {
    const step = this.undone.pop();
    if (step) this.done.push(step);
    return step;
  }

  /** Every step kept, undone ones too (to rewrite them when something they name is gone). */
  steps(): readonly HistoryStep<P>[] {
    return [...this.done, ...this.undone];
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}
