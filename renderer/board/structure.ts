/**
 * Stage and lane commands (rename, describe, add, reorder, collapse, delete, a stage's emotion)
 * and the header menu and in-place editor state. Each is one undo step through the document and
 * saved through the one queue, like a note edit; undoing a delete brings back the stage or lane
 * and where its notes were.
 */
import { reorder } from '../../shared/journey';
import type { Change } from '../../shared/board/history';
import { newId, type BoardCore, type HeaderRef } from './core';

export class StructureCommands {
  constructor(private readonly core: BoardCore) {}

  openHeaderMenu(ref: HeaderRef | null): void {
    this.core.ui.setState({ headerMenu: ref, headerEdit: null });
  }

  editHeader(ref: HeaderRef, field: 'name' | 'description' | 'goal' = 'name'): void {
    this.core.ui.setState({ headerEdit: { ...ref, field }, headerMenu: null });
  }

  /** Resolves when every structure change made so far is saved. */
  idle(): Promise<void> {
    return this.core.model.whenSaved();
  }

  /** Commits one step; true when something changed. (A promise, as the store's answer once was.) */
  private step(label: string, changes: Change[]): Promise<boolean> {
    this.core.editing.commitPending();
    return Promise.resolve(changes.length > 0 && this.core.model.commit(label, changes) !== null);
  }

  renameHeader(ref: HeaderRef, field: 'name' | 'description' | 'goal', value: string): Promise<boolean> {
    const { doc } = this.core.model;
    const text = field === 'name' ? value.trim() : value.replace(/\s+/g, ' ').trim();
    if (field === 'name' && text === '') return Promise.resolve(false);
    if (ref.type === 'stage') {
      const stage = doc.get('stage', ref.id);
      if (!stage || stage[field] === text) return Promise.resolve(false);
      const label = field === 'name' ? 'Rename stage' : field === 'goal' ? 'Set stage goal' : 'Describe stage';
      return this.step(label, [{ type: 'stage', op: 'update', id: ref.id, patch: { [field]: text } }]);
    }
    const lane = doc.get('lane', ref.id);
    if (!lane || field !== 'name' || lane.name === text) return Promise.resolve(false);
    return this.step('Rename lane', [{ type: 'lane', op: 'update', id: ref.id, patch: { name: text } }]);
  }

  /** Sets a stage's emotion by hand (a score) or back to derived from its notes (null). */
  setStageEmotion(stageId: string, emotion: number | null): Promise<boolean> {
    const stage = this.core.model.doc.get('stage', stageId);
    if (!stage || stage.emotion === emotion) return Promise.resolve(false);
    return this.step(emotion === null ? 'Reset emotion' : 'Set emotion', [{ type: 'stage', op: 'update', id: stageId, patch: { emotion } }]);
  }

  toggleLaneCollapsed(laneId: string): Promise<boolean> {
    const lane = this.core.model.doc.get('lane', laneId);
    if (!lane) return Promise.resolve(false);
    const collapsed = !lane.collapsed;
    return this.step(collapsed ? 'Collapse lane' : 'Expand lane', [{ type: 'lane', op: 'update', id: laneId, patch: { collapsed } }]);
  }

  /** Moves a stage or lane to `toIndex` (the notes follow their column or row). */
  moveHeader(ref: HeaderRef, toIndex: number): Promise<boolean> {
    const { doc } = this.core.model;
    const list = ref.type === 'stage' ? doc.stages : doc.lanes;
    const from = list.findIndex((x) => x.id === ref.id);
    if (from < 0) return Promise.resolve(false);
    const ids = reorder(list.map((x) => x.id), from, toIndex);
    return this.step(ref.type === 'stage' ? 'Move stage' : 'Move lane', doc.reorder(ref.type, ids));
  }

  /** Adds a stage at `index` (default: last) and opens its name for typing. */
  async addStage(index = this.core.model.stages.length): Promise<string | null> {
    const id = newId();
    if (!(await this.step('Add stage', this.core.model.doc.createStage(id, { name: 'New stage' }, index)))) return null;
    this.editHeader({ type: 'stage', id });
    return id;
  }

  /** Adds a custom lane at `index` (default: last) and opens its name for typing. */
  async addLane(index = this.core.model.lanes.length): Promise<string | null> {
    const id = newId();
    if (!(await this.step('Add lane', this.core.model.doc.createLane(id, { name: 'New lane', kind: 'custom' }, index)))) return null;
    this.editHeader({ type: 'lane', id });
    return id;
  }

  /** How many notes sit in a stage's column or a lane's row (what a delete would free). */
  notesIn(ref: HeaderRef): number {
    let n = 0;
    for (const note of this.core.model.notes.values()) {
      if (note.stageId === null || note.laneId === null) continue;
      if ((ref.type === 'stage' ? note.stageId : note.laneId) === ref.id) n++;
    }
    return n;
  }

  /**
   * Deletes a stage or lane as one undo step: its notes go to the free board beside the frame,
   * the others close up. Undo brings the stage or lane back with its notes in their places.
   */
  deleteHeader(ref: HeaderRef): Promise<boolean> {
    this.openHeaderMenu(null);
    const { doc } = this.core.model;
    const changes = ref.type === 'stage' ? doc.deleteStage(ref.id) : doc.deleteLane(ref.id);
    return this.step(ref.type === 'stage' ? 'Delete stage' : 'Delete lane', changes);
  }
}
