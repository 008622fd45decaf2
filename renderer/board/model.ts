/**
 * The board's document and how it is saved: notes by id, the rbush spatial index, stages, lanes
 * and personas; the undo history and the autosave queue. Every note edit goes through `commit`
 * (one undo step) and from there to the queue. No DOM.
 */
import type { JourneyboardApi } from '../../shared/api';
import type { JourneyMap, Lane, Persona, Stage } from '../../shared/domain';
import { SpatialIndex } from '../../shared/board/spatial';
import { applyChanges, fromNoteChange, History, toBoardNote, type BoardNote, type Change, type HistoryStep, type NoteChange } from '../../shared/board/history';
import { SaveQueue } from '../../shared/board/saveQueue';
import { patchWithoutPersonas, withoutPersonas } from '../../shared/board/personas';
import { placementOf } from '../../shared/journey';
import { showError } from '../state/notices';
import { forgetBitmap } from './drawNotes';
import { forgetLayout } from './textLayout';
import { docChanged, type BoardCore } from './core';

export type Step = HistoryStep<NoteChange[]>;

export class BoardModel {
  readonly notes = new Map<string, BoardNote>();
  readonly index = new SpatialIndex();
  readonly history = new History<NoteChange[]>();
  readonly queue: SaveQueue;
  /** The journey structure, in display order. */
  stages: Stage[];
  lanes: Lane[];
  /** The map's personas, in panel order (the persona picker and the lens). */
  personas: Persona[];
  /** Notes in collapsed lanes: kept in `notes`, out of the spatial index (not drawn, not hit). */
  hidden = new Set<string>();
  /** Personas deleted while the board is open: never written again (the store refuses them). */
  private gonePersonas = new Set<string>();

  constructor(
    private readonly core: BoardCore,
    map: JourneyMap,
    private readonly api: JourneyboardApi,
  ) {
    for (const n of map.notes) this.notes.set(n.id, toBoardNote(n));
    this.index.load(this.notes.values());
    this.stages = [...map.stages].sort((a, b) => a.position - b.position);
    this.lanes = [...map.lanes].sort((a, b) => a.position - b.position);
    this.personas = sortPersonas(map.personas ?? []);
    this.queue = new SaveQueue({
      send: (call) => this.send(call),
      clock: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) },
    });
  }

  /** The save status follows the queue (once the HUD's store exists). */
  startSaving(): void {
    this.queue.subscribe((status) => {
      const err = this.queue.error;
      this.core.ui.setState({ saveStatus: status, saveError: err ? (err instanceof Error ? err.message : String(err)) : null });
    });
  }

  /** Sends what is queued now. */
  flush(): void {
    this.queue.flush();
  }

  /** One batch, one transaction: `changes.apply`. */
  private send(changes: Change[]): Promise<unknown> {
    const sent = this.gonePersonas.size > 0 ? this.withoutGonePersonas(changes) : changes;
    return this.api.call('changes.apply', { mapId: this.core.mapId, changes: sent });
  }

  /** Applies changes as one undo step (the unit of "one user action"). */
  commit(label: string, changes: NoteChange[], select?: Iterable<string>): Step | null {
    // Only what really changes is applied, kept for undo and written.
    const effective: NoteChange[] = [];
    for (const c of changes) {
      if (c.op === 'create') effective.push(c);
      else if (c.op === 'delete') {
        if (this.notes.has(c.id)) effective.push(c);
      } else {
        const n = this.notes.get(c.id);
        if (!n) continue;
        const patch = Object.fromEntries(Object.entries(c.patch).filter(([k, v]) => v !== undefined && n[k as keyof BoardNote] !== v));
        if (Object.keys(patch).length) effective.push({ op: 'update', id: c.id, patch });
      }
    }
    const inverse = applyChanges(this.notes, effective);
    if (inverse.length === 0) return null;
    const step: Step = { label, redo: effective, undo: inverse };
    this.history.push(step);
    this.afterChange(effective);
    if (select) this.core.editing.setSelection(select);
    return step;
  }

  /** Applies changes without a new undo step (amending the last one). */
  applyQuietly(changes: NoteChange[]): NoteChange[] {
    return applyChanges(this.notes, changes);
  }

  /** After notes changed: index, queue, frame layout, drawing and the HUD follow. */
  afterChange(changes: readonly NoteChange[]): void {
    const { frame, render, editing } = this.core;
    render.invalidate();
    // Notes deleted from a cell: the frame knew them before the change.
    const before = new Set<string>();
    if (frame.layout) for (const c of changes) if (c.op === 'delete' && placementOf(frame.layout, c.id)) before.add(c.id);
    for (const c of changes) {
      if (c.op === 'delete') {
        this.index.remove(c.id);
        editing.selection.delete(c.id);
        forgetLayout(c.id);
        forgetBitmap(c.id);
      } else {
        const id = c.op === 'create' ? c.note.id : c.id;
        const n = this.notes.get(id);
        if (n) this.index.upsert(n);
      }
    }
    this.queue.enqueue(changes.map(fromNoteChange));
    if (frame.touches(changes, before)) frame.relayout();
    render.requery();
    this.core.tools.resize.sync();
    render.redrawAll();
    docChanged(this.core);
  }

  undo(): void {
    this.core.tools.finishGesture();
    this.core.editing.commitPending();
    const step = this.history.undo();
    if (step) this.replay(step.undo);
  }

  redo(): void {
    this.core.tools.finishGesture();
    this.core.editing.commitPending();
    const step = this.history.redo();
    if (step) this.replay(step.redo);
  }

  private replay(changes: NoteChange[]): void {
    applyChanges(this.notes, changes);
    this.afterChange(changes);
    const touched = changes.map((c) => (c.op === 'create' ? c.note.id : c.id)).filter((id) => this.notes.has(id));
    this.core.editing.setSelection(touched);
  }

  /**
   * True when some change would be lost if the page went now: queued behind a write still in
   * flight, or failing and waiting for a retry. (A write in flight is already on its way.)
   */
  hasUnsentChanges(): boolean {
    return this.queue.pendingCount > 0 || this.queue.status === 'error';
  }

  /** Sends every queued note change and waits until the store has them. */
  async saveAll(): Promise<void> {
    this.core.editing.commitPending();
    this.queue.flush();
    await this.queue.whenIdle();
  }

  /** Resolves when nothing is queued or in flight. */
  whenSaved(): Promise<void> {
    return this.queue.whenIdle();
  }

  /**
   * Reads the map again from the store and shows it (e.g. after a lane delete moved notes). Queued
   * edits are saved first, so nothing unsaved is lost; the undo history is cleared, since its steps
   * may name stages or lanes that are gone.
   */
  async reload(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await this.saveAll();
      let map: JourneyMap;
      try {
        map = await this.api.call('maps.get', { id: this.core.mapId });
      } catch (err) {
        showError(err);
        return;
      }
      if (this.queue.pendingCount > 0 && attempt < 3) continue;
      this.replaceDocument(map);
      return;
    }
  }

  private replaceDocument(map: JourneyMap): void {
    const { editing, frame, render } = this.core;
    this.core.tools.finishGesture();
    this.stages = [...map.stages].sort((a, b) => a.position - b.position);
    this.lanes = [...map.lanes].sort((a, b) => a.position - b.position);
    this.notes.clear();
    for (const n of map.notes) this.notes.set(n.id, toBoardNote(n));
    this.index.load(this.notes.values());
    this.hidden.clear();
    this.history.clear();
    render.invalidate();
    editing.selection = new Set([...editing.selection].filter((id) => this.notes.has(id)));
    frame.relayout();
    render.requery();
    this.core.tools.resize.sync();
    render.redrawAll();
    docChanged(this.core);
  }

  /**
   * The map's personas changed in the panel (added, renamed, recoloured, deleted). A deleted
   * persona's notes were untagged by the store, so its id leaves the board's notes too: in place,
   * with no undo step and no write, and out of the undo history and anything still to be written.
   * Returns whether any note changed.
   */
  setPersonas(personas: readonly Persona[]): boolean {
    const next = sortPersonas(personas);
    const kept = new Set(next.map((p) => p.id));
    const gone = new Set(this.personas.map((p) => p.id).filter((id) => !kept.has(id)));
    this.personas = next;
    if (gone.size === 0) return false;
    for (const id of gone) this.gonePersonas.add(id);
    let changed = false;
    for (const n of this.notes.values()) {
      if (!n.personaIds.some((p) => gone.has(p))) continue;
      // A new array: undo steps may hold the old one.
      n.personaIds = n.personaIds.filter((p) => !gone.has(p));
      changed = true;
    }
    for (const step of this.history.steps()) {
      step.undo = withoutPersonas(step.undo, gone);
      step.redo = withoutPersonas(step.redo, gone);
    }
    return changed;
  }

  /** Personas deleted meanwhile leave every note written later (the store would refuse them). */
  private withoutGonePersonas(changes: Change[]): Change[] {
    const gone = this.gonePersonas;
    return changes.map((c) => {
      if (c.type !== 'note') return c;
      if (c.op === 'create' && c.value.personaIds.some((p) => gone.has(p))) return { ...c, value: { ...c.value, personaIds: c.value.personaIds.filter((p) => !gone.has(p)) } };
      if (c.op === 'update') return { ...c, patch: patchWithoutPersonas(c.patch, gone) };
      return c;
    });
  }

  /** Notes in paint order (bottom first). */
  sorted(notes: Iterable<BoardNote>): BoardNote[] {
    return [...notes].sort((a, b) => this.index.order(a.id) - this.index.order(b.id));
  }
}

function sortPersonas(personas: readonly Persona[]): Persona[] {
  return [...personas].sort((a, b) => a.position - b.position);
}
