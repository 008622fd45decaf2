/**
 * Commands on the selected notes, each one undo step: colour, delete, nudge, duplicate, the
 * clipboard (copy, cut, paste), and channel and persona tags.
 */
import { NOTE_TEXT_MAX, type Channel, type NoteColor } from '../../shared/domain';
import { unionRects } from '../../shared/board/camera';
import { dropChanges, toggleChannelChanges } from '../../shared/board/frameDrop';
import { noteCreate, type BoardNote, type NoteChange } from '../../shared/board/history';
import { togglePersonaChanges } from '../../shared/board/personas';
import { CLIPBOARD_MIME, notesFromClipboard, notesToClipboard } from './clipboard';
import { clampCoord, clampSize, newId, type BoardCore } from './core';

export class NoteCommands {
  constructor(private readonly core: BoardCore) {}

  private get selection(): Set<string> {
    return this.core.editing.selection;
  }

  setColor(color: NoteColor): void {
    this.core.ui.setState({ color });
    if (this.selection.size === 0) return;
    const changes: NoteChange[] = [...this.selection].map((id) => ({ type: 'note', op: 'update', id, patch: { color } }));
    this.core.model.commit('Colour', changes);
  }

  deleteSelection(): void {
    if (this.selection.size === 0) return;
    this.core.model.commit('Delete', [...this.selection].map((id): NoteChange => ({ type: 'note', op: 'delete', id })), []);
  }

  nudge(dx: number, dy: number): void {
    if (this.selection.size === 0) return;
    const notes = this.core.model.notes;
    const changes: NoteChange[] = [];
    for (const id of this.selection) {
      const n = notes.get(id);
      if (n) changes.push({ type: 'note', op: 'update', id, patch: { x: clampCoord(n.x + dx), y: clampCoord(n.y + dy) } });
    }
    this.core.model.commit('Move', changes);
  }

  /**
   * Puts the selected notes in the cell of `stageId` and `laneId`, after the notes already there:
   * the same changes as dropping them on the cell with the mouse, one undo step. False (and nothing
   * changes) when there is no selection or no such cell.
   */
  moveToCell(stageId: string, laneId: string): boolean {
    const frame = this.core.frame.layout;
    const cell = frame?.cells.find((c) => c.stageId === stageId && c.laneId === laneId);
    const lane = this.core.model.lanes.find((l) => l.id === laneId);
    const notes = this.core.editing.sortedSelection();
    if (!cell || !lane || notes.length === 0) return false;
    // Dropped below the cell's last note, so the layout puts them at the end in their own order.
    const box = unionRects(notes.map((n) => ({ x: n.x, y: n.y, width: n.width, height: n.height })))!;
    const dx = cell.rect.x + 8 - box.x;
    const dy = cell.rect.y + cell.rect.height + 8 - box.y;
    const changes = dropChanges(notes, dx, dy, { type: 'cell', stageId, laneId, laneKind: lane.kind }, clampCoord);
    this.core.model.commit(notes.length === 1 ? 'Move note into cell' : `Move ${notes.length} notes into cell`, changes);
    return true;
  }

  duplicateSelection(): void {
    const source = this.core.editing.sortedSelection();
    if (source.length === 0) return;
    const copies = source.map((n) => ({ ...n, id: newId(), x: clampCoord(n.x + 24), y: clampCoord(n.y + 24) }));
    this.core.model.commit('Duplicate', copies.map(noteCreate), copies.map((n) => n.id));
  }

  /** Puts the selected notes on the clipboard (as notes and as text); `cut` deletes them too. */
  copy(e: ClipboardEvent, cut: boolean): void {
    const notes = this.core.editing.sortedSelection();
    if (notes.length === 0 || !e.clipboardData) return;
    const { json, text } = notesToClipboard(notes);
    e.clipboardData.setData(CLIPBOARD_MIME, json);
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    if (cut) this.core.model.commit('Cut', notes.map((n) => ({ type: 'note' as const, op: 'delete' as const, id: n.id })), []);
  }

  paste(e: ClipboardEvent): void {
    const data = e.clipboardData;
    if (!data) return;
    const incoming = notesFromClipboard(data.getData(CLIPBOARD_MIME), data.getData('text/plain'), this.core.ui.getState().color);
    if (incoming.length === 0) return;
    e.preventDefault();
    this.pasteNotes(incoming);
  }

  /** Places notes (positions relative to each other) centred at the pointer or the view. */
  pasteNotes(incoming: Omit<BoardNote, 'id'>[]): string[] {
    const rect = unionRects(incoming);
    if (!rect) return [];
    const at = this.core.tools.pointerOrCenter();
    const dx = at.x - (rect.x + rect.width / 2);
    const dy = at.y - (rect.y + rect.height / 2);
    const created = incoming.map((n) => ({
      ...n,
      id: newId(),
      x: clampCoord(n.x + dx),
      y: clampCoord(n.y + dy),
      width: clampSize(n.width),
      height: clampSize(n.height),
      text: n.text.slice(0, NOTE_TEXT_MAX),
    }));
    this.core.model.commit('Paste', created.map(noteCreate), created.map((n) => n.id));
    return created.map((n) => n.id);
  }

  /** Toggles a channel on the selected notes (one undo step). */
  toggleChannel(channel: Channel): void {
    const changes = toggleChannelChanges(this.selectedNotes(), channel);
    if (changes.length) this.core.model.commit('Channels', changes);
  }

  /** Toggles a persona on the selected notes: one undo step (removed from all when all have it). */
  togglePersona(personaId: string): void {
    if (!this.core.model.personas.some((p) => p.id === personaId)) return;
    const changes = togglePersonaChanges(this.selectedNotes(), personaId);
    if (changes.length) this.core.model.commit('Personas', changes);
  }

  /** The selected notes (live objects: for reading here only). */
  private selectedNotes(): BoardNote[] {
    const notes = this.core.model.notes;
    return [...this.selection].map((id) => notes.get(id)).filter((n): n is BoardNote => !!n);
  }
}
