/**
 * Joins the board's document (document.ts: every record, the spatial index, the one undo history)
 * and its sync (sync.ts: the one save queue, camera saving, reload) to the rest of the board: after
 * every change the document applies, the frame is laid out again if it must be, the selection
 * drops deleted notes, and the canvases and the HUD follow. Every edit of any record (notes,
 * stages, lanes, personas) is `commit`: one undo step, saved through the queue.
 */
import type { JourneyboardApi } from '../../shared/api';
import type { JourneyMap, Persona } from '../../shared/domain';
import type { BoardNote, Change } from '../../shared/board/history';
import { placementOf } from '../../shared/journey';
import { showError } from '../state/notices';
import { BoardDocument, type DocChange, type Step } from './document';
import { BoardSync } from './sync';
import { forgetBitmap } from './drawNotes';
import { forgetLayout } from './textLayout';
import { docChanged, type BoardCore } from './core';

export type { Step } from './document';


export class BoardModel {
  readonly doc: BoardDocument;
  readonly sync: BoardSync;
  /** Personas deleted elsewhere while the board is open: no later edit names them (the store would refuse it). */
  private readonly gonePersonas = new Set<string>();

  constructor(
    private readonly core: BoardCore,
    map: JourneyMap,
    private readonly api: JourneyboardApi,
  ) {
    this.doc = new BoardDocument(map);
    this.sync = new BoardSync({
      mapId: map.id,
      api,
      doc: this.doc,
      camera: map.camera,
      // A change the store refused for good: one sentence in the save pill and as a notice.
      notify: (sentence) => {
        core.ui.setState({ saveNotice: sentence });
        showError(new Error(sentence));
      },
    });
    this.doc.onChange((e) => this.changed(e));
  }

  /**
   * Follows the store's changes to the map (notes, votes, scores written by phones or another
   * window) while the board is shown, if the api can tell (`api.subscribe`).
   */
  startLive(): void {
    const subscribe = this.api.subscribe?.bind(this.api);
    if (subscribe) this.sync.live(subscribe);
  }

  stopLive(): void {
    this.sync.stopLive();
  }

  get notes(): ReadonlyMap<string, BoardNote> {
    return this.doc.notes;
  }

  get index() {
    return this.doc.index;
  }

  get history() {
    return this.doc.history;
  }

  get stages() {
    return this.doc.stages;
  }

  get lanes() {
    return this.doc.lanes;
  }

  get personas() {
    return this.doc.personas;
  }

  get hidden(): ReadonlySet<string> {
    return this.doc.hidden;
  }

  /** The save status follows the queue (once the HUD's store exists). */
  startSaving(): void {
    this.sync.subscribe((status) => {
      this.core.ui.setState((s) => ({
        saveStatus: status,
        saveError: this.sync.errorMessage,
        // A new edit saved well clears the last refusal's sentence.
        saveNotice: status === 'saving' ? null : s.saveNotice,
      }));
    });
  }

  /** Applies changes as one undo step (the unit of "one user action"), then selects `select`. */
  commit(label: string, changes: readonly Change[], select?: Iterable<string>): Step | null {
    const list = [...changes];
    const step = this.doc.commit(label, this.gonePersonas.size > 0 ? withoutPersonas(list, this.gonePersonas) : list);
    if (step && select) this.core.editing.setSelection(select);
    return step;
  }

  /** After any change the document applied: the frame, the selection, the drawing and the HUD follow. */
  private changed(e: DocChange): void {
    const { frame, render, editing, tools } = this.core;
    // The frame's own layout writes positions back through the document: it finishes the work itself.
    if (frame.laying) return;
    if (e.source === 'store' && (this.outOfSight(e.changes) || this.patched(e))) return;
    render.invalidate();
    // A merge from the store moves no note of its own accord: the layout is shown, never written (see frame.relayout).
    const save = e.source !== 'store';
    let relayout = e.reset;
    if (e.reset) {
      tools.finishGesture();
      editing.selection = new Set([...editing.selection].filter((id) => this.doc.notes.has(id)));
    }
    for (const c of e.changes) {
      if (c.type !== 'note') {
        if (c.type === 'stage' || c.type === 'lane') relayout = true;
        else render.personasChanged();
        continue;
      }
      if (c.op === 'delete') {
        editing.selection.delete(c.id);
        forgetLayout(c.id);
        forgetBitmap(c.id);
        // A note deleted from a cell: the old layout still places it.
        if (frame.layout && placementOf(frame.layout, c.id)) relayout = true;
      }
    }
    if (e.reset) render.personasChanged();
    if (relayout || frame.touches(e.changes)) frame.relayout(save);
    else if (frame.touchesEmotions(e.changes)) frame.refreshEmotions();
    render.requery();
    tools.resize.sync();
    render.redrawAll();
    docChanged(this.core);
    if (e.source === 'store') this.fromElsewhere(e.changes);
  }

  /**
   * Notes written elsewhere (a phone's, in a part of the board not in view), none of them in the
   * frame or the view: the document and the HUD follow, nothing is drawn again. False (draw as
   * usual) for anything else.
   */
  private outOfSight(changes: readonly Change[]): boolean {
    const { frame, render, editing } = this.core;
    if (changes.length === 0 || !changes.every((c) => c.type === 'note')) return false;
    if (frame.touches(changes) || frame.touchesEmotions(changes)) return false;
    if (frame.layout && changes.some((c) => placementOf(frame.layout!, c.id))) return false;
    // A selected note deleted: the selection's outline and handles change (it may reach into view).
    if (changes.some((c) => c.op === 'delete' && editing.selection.has(c.id))) return false;
    if (render.showsAny(changes.map((c) => c.id), this.doc.notes)) return false;
    for (const c of changes) {
      if (c.op !== 'delete') continue;
      editing.selection.delete(c.id);
      forgetLayout(c.id);
      forgetBitmap(c.id);
    }
    docChanged(this.core);
    this.fromElsewhere(changes);
    return true;
  }

  /**
   * Notes written elsewhere (a live merge) that the frame does not place, some in view: the notes
   * canvas draws only where they were and are (`render.patchNotes`, in the next animation frame)
   * instead of all of it. False (draw as usual) for anything else.
   */
  private patched(e: DocChange): boolean {
    const { frame, render, editing, tools } = this.core;
    const changes = e.changes;
    if (e.reset || changes.length === 0 || !changes.every((c) => c.type === 'note')) return false;
    if (frame.touches(changes) || frame.touchesEmotions(changes)) return false;
    if (frame.layout && changes.some((c) => placementOf(frame.layout!, c.id))) return false;
    const ids = changes.map((c) => c.id);
    if (!render.patchNotes(ids, new Set(changes.filter((c) => c.op === 'create').map((c) => c.id)))) return false;
    let selected = false;
    for (const c of changes) {
      if (editing.selection.has(c.id)) selected = true;
      if (c.op !== 'delete') continue;
      editing.selection.delete(c.id);
      forgetLayout(c.id);
      forgetBitmap(c.id);
    }
    // The selection's outline and handles follow a selected note written elsewhere.
    if (selected) {
      tools.resize.sync();
      render.drawLive();
    }
    docChanged(this.core);
    this.fromElsewhere(changes);
    return true;
  }

  /**
   * Records changed elsewhere (the undo history has already forgotten those deleted: document.merge):
   * the note being typed into, if deleted, closes with its typing kept in a new note (editing.noteGone).
   */
  private fromElsewhere(changes: readonly Change[]): void {
    const editingId = this.core.editing.editingId;
    if (editingId === null) return;
    if (changes.some((c) => c.op === 'delete' && c.type === 'note' && c.id === editingId)) this.core.editing.noteGone();
  }

  /** Undoes the newest step; a step left with nothing to undo (what it named was deleted elsewhere) is passed over. */
  undo(): void {
    this.core.tools.finishGesture();
    this.core.editing.commitPending();
    for (;;) {
      const applied = this.doc.undo();
      if (!applied) return;
      if (applied.length > 0) return this.selectTouched(applied);
    }
  }

  redo(): void {
    this.core.tools.finishGesture();
    this.core.editing.commitPending();
    for (;;) {
      const applied = this.doc.redo();
      if (!applied) return;
      if (applied.length > 0) return this.selectTouched(applied);
    }
  }

  private selectTouched(changes: readonly Change[]): void {
    this.core.editing.setSelection(changes.filter((c) => c.type === 'note' && this.doc.notes.has(c.id)).map((c) => c.id));
  }

  /**
   * True when some change would be lost if the page went now: queued behind a write still in
   * flight, or failing and waiting for a retry. (A write in flight is already on its way.)
   */
  hasUnsentChanges(): boolean {
    return this.sync.hasUnsentChanges();
  }

  /** Sends what is queued now. */
  flush(): void {
    this.sync.queue.flush();
  }

  /** Resolves when nothing is queued or in flight. */
  whenSaved(): Promise<void> {
    return this.sync.whenIdle();
  }

  /** Reads the map again from the store and shows it (queued edits, and the text being typed, are saved first). */
  async reload(): Promise<void> {
    this.core.editing.commitPending();
    await this.sync.reload();
  }

  /**
   * The personas as the store has them now (e.g. changed in another window). Taken with no undo
   * step and nothing written; a persona that is gone leaves the notes' tags, the undo history and
   * anything written later (the store would refuse its id).
   */
  setPersonas(list: readonly Persona[]): void {
    const doc = this.doc;
    const kept = new Set(list.map((p) => p.id));
    const gone = new Set(doc.personas.map((p) => p.id).filter((id) => !kept.has(id)));
    const changes: Change[] = [];
    for (const id of gone) changes.push(...doc.deletePersona(id));
    for (const p of list) {
      const { id, mapId: _mapId, ...value } = p;
      changes.push(doc.get('persona', id) ? { type: 'persona', op: 'update', id, patch: value } : { type: 'persona', op: 'create', id, value });
    }
    if (changes.length) doc.apply(changes, { save: false });
    if (gone.size === 0) return;
    for (const id of gone) this.gonePersonas.add(id);
    for (const step of doc.history.steps()) {
      step.undo = withoutPersonas(step.undo, gone);
      step.redo = withoutPersonas(step.redo, gone);
    }
  }

  /** Notes in paint order (bottom first). */
  sorted(notes: Iterable<BoardNote>): BoardNote[] {
    return this.doc.paintOrder(notes);
  }
}

/** Changes with no trace of the given personas: not the personas themselves, not their tags on notes, not the map's choice of one. */
function withoutPersonas(changes: Change[], gone: ReadonlySet<string>): Change[] {
  const out: Change[] = [];
  for (const c of changes) {
    if (c.type === 'persona') {
      if (!gone.has(c.id)) out.push(c);
    } else if (c.type === 'map') {
      if (!(c.patch.personaId && gone.has(c.patch.personaId))) out.push(c);
    } else if (c.type === 'note' && c.op === 'create') {
      out.push({ ...c, value: { ...c.value, personaIds: c.value.personaIds.filter((p) => !gone.has(p)) } });
    } else if (c.type === 'note' && c.op === 'update' && c.patch.personaIds) {
      out.push({ ...c, patch: { ...c.patch, personaIds: c.patch.personaIds.filter((p) => !gone.has(p)) } });
    } else out.push(c);
  }
  return out;
}
