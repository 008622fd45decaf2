/**
 * The board's document changes and its undo stack. A change is a patch to the notes map; applying
 * one returns its inverse, and an undo step holds both directions. One user gesture (a drag of 20
 * notes, a typed text, a paste) is one step.
 */
import type { Note } from '../domain';

/** The part of a note the board edits and persists (the store adds mapId and timestamps). */
export type BoardNote = Pick<
  Note,
  | 'id'
  | 'text'
  | 'x'
  | 'y'
  | 'width'
  | 'height'
  | 'color'
  | 'stageId'
  | 'laneId'
  | 'kind'
  | 'sentiment'
  | 'author'
  | 'channels'
  | 'personaIds'
>;
/** The board's copy of a stored note (older stores may lack channels and persona tags). */
export function toBoardNote(n: Note): BoardNote {
  return {
    id: n.id,
    text: n.text,
    x: n.x,
    y: n.y,
    width: n.width,
    height: n.height,
    color: n.color,
    stageId: n.stageId,
    laneId: n.laneId,
    kind: n.kind,
    sentiment: n.sentiment,
    author: n.author,
    channels: n.channels ?? [],
    personaIds: n.personaIds ?? [],
  };
}

export type NoteFieldPatch = Partial<Omit<BoardNote, 'id'>>;

export type NoteChange =
  | { op: 'create'; note: BoardNote }
  | { op: 'update'; id: string; patch: NoteFieldPatch }
  | { op: 'delete'; id: string };

/**
 * Applies `changes` in order to `notes` (mutating it) and returns the changes that undo them, in
 * the order to apply. Changes naming a missing note are skipped (and have no inverse).
 */
export function applyChanges(notes: Map<string, BoardNote>, changes: readonly NoteChange[]): NoteChange[] {
  const inverse: NoteChange[] = [];
  for (const c of changes) {
    if (c.op === 'create') {
      notes.set(c.note.id, { ...c.note });
      inverse.push({ op: 'delete', id: c.note.id });
    } else if (c.op === 'delete') {
      const old = notes.get(c.id);
      if (!old) continue;
      notes.delete(c.id);
      inverse.push({ op: 'create', note: old });
    } else {
      const old = notes.get(c.id);
      if (!old) continue;
      const back: NoteFieldPatch = {};
      const next = { ...old };
      for (const key of Object.keys(c.patch) as (keyof NoteFieldPatch)[]) {
        const value = c.patch[key];
        if (value === undefined || old[key] === value) continue;
        (back as Record<string, unknown>)[key] = old[key];
        (next as Record<string, unknown>)[key] = value;
      }
      if (Object.keys(back).length === 0) continue;
      notes.set(c.id, next);
      inverse.push({ op: 'update', id: c.id, patch: back });
    }
  }
  return inverse.reverse();
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
