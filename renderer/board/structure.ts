/**
 * Stage and lane commands (rename, describe, add, reorder, collapse, delete, a stage's emotion)
 * and the header menu and in-place editor state.
 */
import type { MethodInput, MethodName, MethodResult } from '../../shared/api';
import { reorder } from '../../shared/journey';
import { showError } from '../state/notices';
import type { BoardCore, HeaderRef } from './core';

/** How long a stage or lane delete waits for queued note changes to be saved. */
const SAVE_WAIT_MS = 10_000;

export class StructureCommands {
  /** Structure calls in flight, chained so they reach the store in order. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly core: BoardCore) {}

  openHeaderMenu(ref: HeaderRef | null): void {
    this.core.ui.setState({ headerMenu: ref, headerEdit: null });
  }

  editHeader(ref: HeaderRef, field: 'name' | 'description' = 'name'): void {
    this.core.ui.setState({ headerEdit: { ...ref, field }, headerMenu: null });
  }

  /** Runs a structure call after those before it; a refusal is shown and resolves to null. */
  private call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M> | null> {
    const run = this.chain.then(() => this.core.api.call(method, input));
    const shown = run.catch((err: unknown) => {
      showError(err);
      return null;
    });
    this.chain = shown;
    return shown;
  }

  /** Resolves when no structure call is in flight. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  /** Applies a local structure change now, saves it, and puts it back if the store refuses. */
  private async optimistic<M extends MethodName>(apply: () => void, method: M, input: MethodInput<M>): Promise<boolean> {
    const model = this.core.model;
    const stages = model.stages.map((s) => ({ ...s }));
    const lanes = model.lanes.map((l) => ({ ...l }));
    apply();
    this.laidOut();
    const ok = (await this.call(method, input)) !== null;
    if (!ok) {
      model.stages = stages;
      model.lanes = lanes;
      this.laidOut();
    }
    return ok;
  }

  private laidOut(): void {
    const { frame, render, tools } = this.core;
    frame.relayout();
    render.requery();
    tools.resize.sync();
    render.redrawAll();
  }

  renameHeader(ref: HeaderRef, field: 'name' | 'description', value: string): Promise<boolean> {
    const model = this.core.model;
    const text = field === 'name' ? value.trim() : value.replace(/\s+/g, ' ').trim();
    if (field === 'name' && text === '') return Promise.resolve(false);
    if (ref.type === 'stage') {
      const stage = model.stages.find((s) => s.id === ref.id);
      if (!stage || stage[field] === text) return Promise.resolve(false);
      return this.optimistic(
        () => (model.stages = model.stages.map((s) => (s.id === ref.id ? { ...s, [field]: text } : s))),
        'stages.update',
        field === 'name' ? { id: ref.id, name: text } : { id: ref.id, description: text },
      );
    }
    const lane = model.lanes.find((l) => l.id === ref.id);
    if (!lane || field !== 'name' || lane.name === text) return Promise.resolve(false);
    return this.optimistic(() => (model.lanes = model.lanes.map((l) => (l.id === ref.id ? { ...l, name: text } : l))), 'lanes.update', { id: ref.id, name: text });
  }

  /** Sets a stage's emotion by hand (a score) or back to derived from its notes (null). */
  setStageEmotion(stageId: string, emotion: number | null): Promise<boolean> {
    const model = this.core.model;
    const stage = model.stages.find((s) => s.id === stageId);
    if (!stage || stage.emotion === emotion) return Promise.resolve(false);
    return this.optimistic(() => (model.stages = model.stages.map((s) => (s.id === stageId ? { ...s, emotion } : s))), 'stages.update', { id: stageId, emotion });
  }

  toggleLaneCollapsed(laneId: string): Promise<boolean> {
    const model = this.core.model;
    const lane = model.lanes.find((l) => l.id === laneId);
    if (!lane) return Promise.resolve(false);
    const collapsed = !lane.collapsed;
    return this.optimistic(() => (model.lanes = model.lanes.map((l) => (l.id === laneId ? { ...l, collapsed } : l))), 'lanes.update', { id: laneId, collapsed });
  }

  /** Moves a stage or lane to `toIndex` (the notes follow their column or row). */
  moveHeader(ref: HeaderRef, toIndex: number): Promise<boolean> {
    const model = this.core.model;
    const mapId = this.core.mapId;
    const list = ref.type === 'stage' ? model.stages : model.lanes;
    const from = list.findIndex((x) => x.id === ref.id);
    if (from < 0) return Promise.resolve(false);
    const ids = reorder(list.map((x) => x.id), from, toIndex);
    if (ids.every((id, i) => id === list[i]!.id)) return Promise.resolve(false);
    if (ref.type === 'stage') {
      const byId = new Map(model.stages.map((s) => [s.id, s]));
      return this.optimistic(() => (model.stages = ids.map((id, position) => ({ ...byId.get(id)!, position }))), 'stages.reorder', { mapId, ids });
    }
    const byId = new Map(model.lanes.map((l) => [l.id, l]));
    return this.optimistic(() => (model.lanes = ids.map((id, position) => ({ ...byId.get(id)!, position }))), 'lanes.reorder', { mapId, ids });
  }

  /** Adds a stage at `index` (default: last) and opens its name for typing. */
  async addStage(index = this.core.model.stages.length): Promise<string | null> {
    const model = this.core.model;
    const stage = await this.call('stages.create', { mapId: this.core.mapId, name: 'New stage', index });
    if (!stage) return null;
    const next = model.stages.filter((s) => s.id !== stage.id);
    next.splice(Math.min(index, next.length), 0, stage);
    model.stages = next.map((s, position) => ({ ...s, position }));
    this.laidOut();
    this.editHeader({ type: 'stage', id: stage.id });
    return stage.id;
  }

  /** Adds a custom lane at `index` (default: last) and opens its name for typing. */
  async addLane(index = this.core.model.lanes.length): Promise<string | null> {
    const model = this.core.model;
    const lane = await this.call('lanes.create', { mapId: this.core.mapId, name: 'New lane', kind: 'custom', index });
    if (!lane) return null;
    const next = model.lanes.filter((l) => l.id !== lane.id);
    next.splice(Math.min(index, next.length), 0, lane);
    model.lanes = next.map((l, position) => ({ ...l, position }));
    this.laidOut();
    this.editHeader({ type: 'lane', id: lane.id });
    return lane.id;
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
   * Deletes a stage or lane. The store moves its notes to the free board beside the frame, so the
   * board saves what it has first, then reads the map again and takes the store's notes.
   */
  async deleteHeader(ref: HeaderRef): Promise<boolean> {
    const model = this.core.model;
    this.openHeaderMenu(null);
    // The store moves the notes; it must have the board's latest positions first.
    const saved = await Promise.race([model.saveAll().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), SAVE_WAIT_MS))]);
    if (!saved) {
      showError(new Error(`The latest changes are not saved yet, so the ${ref.type} was not deleted. Try again when the status says Saved.`));
      return false;
    }
    const done = ref.type === 'stage' ? await this.call('stages.delete', { id: ref.id }) : await this.call('lanes.delete', { id: ref.id });
    if (!done) return false;
    await model.reload();
    return true;
  }
}
