/**
 * What the person is working on: the selection, the note whose text is being typed into (the
 * NoteEditor overlay), and new notes. A new note and the text typed into it are one undo step; an
 * empty new note is dropped with its step.
 */
import { NOTE_DEFAULT_SIZE, NOTE_TEXT_MAX, type NoteColor } from '../../shared/domain';
import type { Point } from '../../shared/board/camera';
import { noteCreate, type BoardNote } from '../../shared/board/history';
import { recordDef, withDefaults, type RecordType, type RecordValue } from '../../shared/records/index';
import { showInfo } from '../state/notices';
import { clampCoord, newId, type BoardCore } from './core';
import type { Step } from './model';

const NOTE_GAP = 16;

export class BoardEditing {
  selection = new Set<string>();
  /** The note being typed into, and the note as it was when the typing began (`base`). */
  private session: { id: string; isNew: boolean; step: Step | null; base: BoardNote } | null = null;
  /** Text in the overlay while editing, kept here so a flush on unload can commit it. */
  private currentText: string | null = null;
  /** Fields every new note starts with, set from outside (a silent brainstorm: `{ faceDown: true }`). */
  newNoteFields: Partial<RecordValue<'note'>> = {};

  constructor(private readonly core: BoardCore) {}

  setSelection(ids: Iterable<string>): void {
    const notes = this.core.model.notes;
    this.selection = new Set([...ids].filter((id) => notes.has(id)));
    this.core.ui.setState({ selectionCount: this.selection.size });
    this.core.tools.resize.sync();
    this.core.render.drawLive();
  }

  selectAll(): void {
    const { notes, hidden } = this.core.model;
    this.setSelection([...notes.keys()].filter((id) => !hidden.has(id)));
  }

  /** The selected notes that still exist, in paint order. */
  sortedSelection(): BoardNote[] {
    const notes = this.core.model.notes;
    return this.core.model.sorted([...this.selection].map((id) => notes.get(id)).filter((n): n is BoardNote => !!n));
  }

  get editingId(): string | null {
    return this.session?.id ?? null;
  }

  setEditText(text: string): void {
    if (this.session) this.currentText = text;
  }

  /** Commits the text being typed, if any (before another action takes over). */
  commitPending(): void {
    if (this.session) this.commitEdit(this.currentText ?? '', 'leave');
  }

  createNote(center: Point, opts: { edit?: boolean; size?: { width: number; height: number }; color?: NoteColor } = {}): string {
    const width = opts.size?.width ?? NOTE_DEFAULT_SIZE;
    const height = opts.size?.height ?? NOTE_DEFAULT_SIZE;
    const value = withDefaults('note', {
      text: '',
      x: clampCoord(center.x - width / 2),
      y: clampCoord(center.y - height / 2),
      width,
      height,
      color: opts.color ?? this.core.ui.getState().color,
      ...this.core.frame.cellFieldsAt(center),
      ...this.newNoteFields,
    });
    const note = { id: newId(), ...value } as BoardNote;
    const step = this.core.model.commit('New note', [noteCreate(note)], [note.id]);
    if (opts.edit !== false) this.startEditing(note.id, true, step);
    return note.id;
  }

  startEditing(id: string, isNew = false, step: Step | null = null): void {
    const n = this.core.model.notes.get(id);
    if (!n) return;
    if (this.session && this.session.id !== id) this.commitEdit(this.currentText ?? '', 'leave');
    this.session = { id, isNew, step, base: n };
    this.currentText = n.text;
    this.setSelection([id]);
    this.core.camera.ensureVisible(n);
    this.core.ui.setState({ editing: { id, isNew } });
  }

  /**
   * The note being typed into was deleted elsewhere (another window; a phone that withdrew it): the
   * editor closes, and the typing is not lost. When it differs from the note's text, it is kept in
   * a new note in the same place with the same look (one undo step, selected; references to
   * records that are gone are let go, and it is the facilitator's note: no participant), and the
   * person is told.
   */
  noteGone(): void {
    const session = this.session;
    if (!session) return;
    const typed = (this.currentText ?? '').slice(0, NOTE_TEXT_MAX);
    this.session = null;
    this.currentText = null;
    this.core.ui.setState({ editing: null });
    this.setSelection(this.selection);
    if (typed.trim() === '' || typed === session.base.text) return;
    const doc = this.core.model.doc;
    const { id: _id, ...value } = session.base;
    const fields: Record<string, unknown> = { ...value, text: typed, participantId: null };
    for (const [field, ref] of Object.entries(recordDef.note.refs)) {
      const v = fields[field];
      if (!ref || v === null || v === undefined) continue;
      const exists = (id: string) => doc.get(ref.to as RecordType, id) !== undefined;
      fields[field] = Array.isArray(v) ? (v as string[]).filter(exists) : exists(v as string) ? v : null;
    }
    const id = newId();
    this.core.model.commit('Keep text', [{ type: 'note', op: 'create', id, value: fields as RecordValue<'note'> }], [id]);
    showInfo('That note was deleted elsewhere while you typed in it: your text is kept in a new note in its place.');
  }

  /** Commits the overlay's text. `next` opens a new note just below (fast capture). */
  commitEdit(text: string, mode: 'leave' | 'next'): void {
    const session = this.session;
    if (!session) return;
    const model = this.core.model;
    this.session = null;
    this.currentText = null;
    this.core.ui.setState({ editing: null });
    const n = model.notes.get(session.id);
    if (!n) return;
    const value = text.slice(0, NOTE_TEXT_MAX);
    const amend = session.isNew && session.step && model.history.peek() === session.step;
    if (session.isNew && value.trim() === '') {
      // An empty new note is dropped, and so is the step that made it.
      if (amend) {
        model.history.replaceLast(null);
        model.doc.apply([{ type: 'note', op: 'delete', id: n.id }]);
      } else {
        model.commit('Delete', [{ type: 'note', op: 'delete', id: n.id }]);
      }
      this.setSelection([]);
      return;
    }
    if (value !== n.text) {
      if (amend && session.step) {
        // A new note and the text typed into it are one step.
        const { id: _id, ...value0 } = n;
        model.history.replaceLast({
          label: 'New note',
          redo: [{ type: 'note', op: 'create', id: n.id, value: { ...value0, text: value } }],
          undo: [{ type: 'note', op: 'delete', id: n.id }],
        });
        model.doc.apply([{ type: 'note', op: 'update', id: n.id, patch: { text: value } }]);
      } else {
        model.commit('Edit text', [{ type: 'note', op: 'update', id: n.id, patch: { text: value } }]);
      }
    }
    this.core.tools.resize.sync();
    this.core.render.drawLive();
    if (mode === 'next') {
      const below = { x: n.x + n.width / 2, y: n.y + n.height + NOTE_GAP + n.height / 2 };
      this.createNote(below, { size: { width: n.width, height: n.height }, color: n.color });
    }
  }
}
