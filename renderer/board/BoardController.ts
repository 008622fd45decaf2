/**
 * The whiteboard's engine, as the rest of the app sees it. It builds the board's parts (core.ts
 * lists them) and is their only door: outside code calls the methods here, never a part.
 * It draws imperatively into Konva nodes that Board.tsx creates, so a camera move or a drag
 * re-renders no React component.
 */
import type { JourneyboardApi } from '../../shared/api';
import type { Camera, Channel, JourneyMap, NoteColor, Persona } from '../../shared/domain';
import type { FrameLayout, StageEmotion } from '../../shared/journey';
import { unionRects, type Point, type Rect } from '../../shared/board/camera';
import type { BoardLane, BoardNote, BoardPersona, BoardRecord, BoardStage, Change, RecordType } from '../../shared/board/history';
import { BoardCamera } from './camera';
import { NoteCommands } from './commands';
import { newId, type BoardCore, type HeaderRef, type KonvaParts } from './core';
import { BoardEditing } from './editing';
import { JourneyFrame } from './frame';
import { BoardModel, type Step } from './model';
import { BoardRenderer } from './rendering';
import { StructureCommands } from './structure';
import { BoardTools } from './tools/tools';
import { createUiStore, type Tool, type UiStore } from './uiStore';
import type { NoteMarks } from './noteMarks';

export type { HeaderRef, KonvaParts } from './core';
export { newId } from './core';

export class BoardController {
  readonly mapId: string;
  readonly ui: UiStore;
  /** Resolves after the first frame in which every visible note was fully drawn. */
  readonly ready: Promise<void>;
  private readonly core: BoardCore;
  private detachDom: (() => void) | null = null;

  constructor(map: JourneyMap, api: JourneyboardApi) {
    this.mapId = map.id;
    this.ui = createUiStore({ x: 0, y: 0, zoom: 1 }, map.notes.length);
    const core = { mapId: map.id, api, ui: this.ui, konva: null, host: null, grid: null, docListeners: new Set() } as unknown as BoardCore;
    this.core = core;
    core.model = new BoardModel(core, map, api);
    core.camera = new BoardCamera(core, map);
    core.ui.setState({ camera: core.camera.camera, personas: core.model.personas });
    core.frame = new JourneyFrame(core);
    core.render = new BoardRenderer(core);
    core.tools = new BoardTools(core);
    core.editing = new BoardEditing(core);
    core.commands = new NoteCommands(core);
    core.structure = new StructureCommands(core);
    this.ready = core.render.ready;
    core.model.startSaving();
    core.frame.relayout();
  }

  // ---------------------------------------------------------------- wiring

  attach(parts: KonvaParts, host: HTMLElement): void {
    const core = this.core;
    core.konva = parts;
    core.host = host;
    core.grid = host.querySelector<HTMLElement>('[data-board-grid]');
    core.tools.resize.attach(parts);
    this.detachDom = core.tools.listen(parts.stage.container(), host);
    // The stage sizes every layer's canvas to itself on a resize; the padded ones grow again after.
    parts.stage.on('widthChange.board heightChange.board', () => core.render.sizeCanvases());
    core.render.attached();
    // Notes, votes and scores written elsewhere (phones in the room, another window) while shown.
    core.model.startLive();
  }

  detach(): void {
    const core = this.core;
    core.model.stopLive();
    this.detachDom?.();
    this.detachDom = null;
    if (core.konva) {
      core.tools.resize.detach(core.konva);
      core.konva.stage.off('widthChange.board heightChange.board');
    }
    core.render.detached();
    core.konva = null;
    core.host = null;
    core.grid = null;
    this.flush();
  }

  setViewport(width: number, height: number): void {
    this.core.camera.setViewport(width, height);
  }

  /** Called after every document change (notes, structure, personas); returns the unsubscribe. */
  onDocChange(fn: () => void): () => void {
    this.core.docListeners.add(fn);
    return () => this.core.docListeners.delete(fn);
  }

  onCameraChange(fn: () => void): () => void {
    this.core.camera.listeners.add(fn);
    return () => this.core.camera.listeners.delete(fn);
  }

  /** Resolves after the notes layer next draws. */
  nextFrame(): Promise<void> {
    return this.core.render.nextFrame();
  }

  /**
   * True when some change would be lost if the page went now: queued behind a write still in
   * flight, or failing and waiting for a retry. (A write in flight is already on its way.)
   */
  hasUnsentChanges(): boolean {
    return this.core.model.hasUnsentChanges();
  }

  /** Sends queued changes and the camera now (page hidden, closing, or the board unmounting). */
  flush(): void {
    this.core.editing.commitPending();
    this.core.model.flush();
    this.core.camera.saveNow();
  }

  /** Resolves when no change is queued or in flight. */
  whenSaved(): Promise<void> {
    return this.core.model.whenSaved();
  }

  /** Saves what is queued, then resolves when the store has it (before reading the map again). */
  async saveNow(): Promise<void> {
    this.flush();
    await this.whenSaved();
  }

  // ---------------------------------------------------------------- camera

  /** The camera (x, y: board point at the top-left of the view). */
  get camera(): Camera {
    return this.core.camera.camera;
  }

  get viewport(): { width: number; height: number } {
    return { ...this.core.camera.viewport };
  }

  setCamera(next: Camera): void {
    this.core.camera.setCamera(next);
  }

  zoomBy(factor: number, anchor?: Point): void {
    this.core.camera.zoomBy(factor, anchor);
  }

  zoomStep(direction: 1 | -1): void {
    this.core.camera.zoomStep(direction);
  }

  zoomTo100(): void {
    this.core.camera.zoomTo100();
  }

  fitAll(save = true): void {
    this.core.camera.fitAll(save);
  }

  fitSelection(): void {
    const notes = this.core.model.notes;
    this.core.camera.fitRect(unionRects([...this.core.editing.selection].map((id) => notes.get(id)).filter((n): n is BoardNote => !!n)));
  }

  /** Moves the camera to show `rect` (a workshop step's stage, lane or frame). */
  fitRect(rect: Rect): void {
    this.core.camera.fitRect(rect);
  }

  /** The board region on screen and the zoom it is shown at (for a picture of the view). */
  viewArea(): { kind: 'view'; rect: Rect; zoom: number } | null {
    const { viewport, camera } = this.core.camera;
    if (viewport.width === 0 || viewport.height === 0) return null;
    return { kind: 'view', rect: this.core.camera.view(), zoom: camera.zoom };
  }

  /** Board point at the middle of the view. */
  viewCenter(): Point {
    return this.core.camera.viewCenter();
  }

  /** Notes intersecting the view. */
  visibleCount(): number {
    return this.core.render.visibleCount();
  }

  /** Notes drawn by the last frame of the notes layer (the view, not its padding). */
  get drawnCount(): number {
    return this.core.render.drawnCount;
  }

  /** Scene functions for Board.tsx's shapes (stable, so react-konva never re-applies them). */
  get scenes() {
    const r = this.core.render;
    return { frame: r.sceneFrame, notes: r.sceneStatic, lifted: r.sceneLifted, selection: r.sceneSelection };
  }

  // ---------------------------------------------------------------- document (read)

  /** A copy of one note, or undefined. */
  note(id: string): BoardNote | undefined {
    const n = this.core.model.notes.get(id);
    return n ? copyNote(n) : undefined;
  }

  hasNote(id: string): boolean {
    return this.core.model.notes.has(id);
  }

  noteCount(): number {
    return this.core.model.notes.size;
  }

  /** Copies of every note, in paint order (bottom first) for those on the board. */
  allNotes(): BoardNote[] {
    return [...this.core.model.notes.values()].map(copyNote);
  }

  /** Calls `fn` for every note not hidden in a collapsed lane (read only; for the minimap). */
  forEachShownNote(fn: (n: Readonly<BoardNote>) => void): void {
    const { notes, hidden } = this.core.model;
    for (const n of notes.values()) if (!hidden.has(n.id)) fn(n);
  }

  /** The bounds of every note on the board, or null. */
  notesBounds(): Rect | null {
    return this.core.model.index.bounds();
  }

  /** Whether a note is in a collapsed lane (kept, but neither drawn nor hit). */
  isHidden(id: string): boolean {
    return this.core.model.hidden.has(id);
  }

  /** Whether a note can be drawn and hit (it is in the spatial index). */
  isOnBoard(id: string): boolean {
    return this.core.model.index.has(id);
  }

  /** The journey structure, in display order (read only: change it through the commands below). */
  get stages(): readonly BoardStage[] {
    return this.core.model.stages;
  }

  get lanes(): readonly BoardLane[] {
    return this.core.model.lanes;
  }

  get personas(): readonly BoardPersona[] {
    return this.core.model.personas;
  }

  /** The persona the map is for, as the board's document holds it (it follows undo and redo). */
  get mapPersonaId(): string | null {
    return this.core.model.doc.header.personaId;
  }

  /** The laid-out frame, or null while the map has no stages or no lanes. */
  get frame(): FrameLayout | null {
    return this.core.frame.layout;
  }

  get emotions(): readonly StageEmotion[] {
    return this.core.frame.emotions;
  }

  /** Where a stage's emotion point is on the board. */
  emotionPoint(stageId: string): Point | null {
    return this.core.frame.emotionPoint(stageId);
  }

  /**
   * Every record of one type as the board holds it (read only; change them through `commit`). For
   * views of the same document outside the board (renderer/plan: matrix, roadmap, metrics).
   */
  records<T extends RecordType>(type: T): readonly BoardRecord<T>[] {
    return [...(this.core.model.doc.records[type].values() as Iterable<BoardRecord<T>>)];
  }

  /** A header's rectangle on the board. */
  headerRect(ref: HeaderRef): Rect | null {
    return this.core.frame.headerRect(ref);
  }

  // ---------------------------------------------------------------- document (write)

  /** Applies note changes as one undo step (the unit of "one user action"). */
  commit(label: string, changes: readonly Change[], select?: Iterable<string>): Step | null {
    return this.core.model.commit(label, changes, select);
  }

  undo(): void {
    this.core.model.undo();
  }

  redo(): void {
    this.core.model.redo();
  }

  canUndo(): boolean {
    return this.core.model.history.canUndo;
  }

  canRedo(): boolean {
    return this.core.model.history.canRedo;
  }

  /** Undo steps kept. */
  undoDepth(): number {
    return this.core.model.history.size;
  }

  /** Reads the map again from the store and shows it (queued edits are saved first). */
  reload(): Promise<void> {
    return this.core.model.reload();
  }

  // ---------------------------------------------------------------- selection, tools, editing

  /** The selected note ids (read only). */
  get selection(): ReadonlySet<string> {
    return this.core.editing.selection;
  }

  /** The selected notes (copies), for the HUD. */
  selectedNotes(): BoardNote[] {
    const notes = this.core.model.notes;
    const out: BoardNote[] = [];
    for (const id of this.core.editing.selection) {
      const n = notes.get(id);
      if (n) out.push(copyNote(n));
    }
    return out;
  }

  /** The page's theme changed: the grid, frame and curve are drawn again in the board's new palette. */
  themeChanged(): void {
    this.core.camera.restyleGrid();
    this.core.render.frameChanged();
    this.core.render.redrawAll();
  }

  setSelection(ids: Iterable<string>): void {
    this.core.editing.setSelection(ids);
  }

  selectAll(): void {
    this.core.editing.selectAll();
  }

  setTool(tool: Tool): void {
    this.core.tools.setTool(tool);
  }

  /** Space held: the board pans. */
  setSpace(down: boolean): void {
    this.core.tools.setSpace(down);
  }

  /** The board point for "a new note here": the pointer if it is over the board, else the view's centre. */
  pointerOrCenter(): Point {
    return this.core.tools.pointerOrCenter();
  }

  createNote(center: Point, opts: { edit?: boolean; size?: { width: number; height: number }; color?: NoteColor } = {}): string {
    return this.core.editing.createNote(center, opts);
  }

  startEditing(id: string): void {
    this.core.editing.startEditing(id);
  }

  get editingId(): string | null {
    return this.core.editing.editingId;
  }

  /** The overlay's text as it is typed (a flush on unload commits it). */
  setEditText(text: string): void {
    this.core.editing.setEditText(text);
  }

  /** Commits the overlay's text. `next` opens a new note just below (fast capture). */
  commitEdit(text: string, mode: 'leave' | 'next'): void {
    this.core.editing.commitEdit(text, mode);
  }

  // ---------------------------------------------------------------- note commands

  setColor(color: NoteColor): void {
    this.core.commands.setColor(color);
  }

  deleteSelection(): void {
    this.core.commands.deleteSelection();
  }

  nudge(dx: number, dy: number): void {
    this.core.commands.nudge(dx, dy);
  }

  /** Puts the selected notes in a cell of the frame, as a drop there would: one undo step. */
  moveSelectionToCell(stageId: string, laneId: string): boolean {
    return this.core.commands.moveToCell(stageId, laneId);
  }

  duplicateSelection(): void {
    this.core.commands.duplicateSelection();
  }

  copy(e: ClipboardEvent, cut: boolean): void {
    this.core.commands.copy(e, cut);
  }

  paste(e: ClipboardEvent): void {
    this.core.commands.paste(e);
  }

  /** Places notes (positions relative to each other) centred at the pointer or the view. */
  pasteNotes(incoming: Omit<BoardNote, 'id'>[]): string[] {
    return this.core.commands.pasteNotes(incoming);
  }

  /** Toggles a channel on the selected notes (one undo step). */
  toggleChannel(channel: Channel): void {
    this.core.commands.toggleChannel(channel);
  }

  /** Toggles a persona on the selected notes: one undo step (removed from all when all have it). */
  togglePersona(personaId: string): void {
    this.core.commands.togglePersona(personaId);
  }

  // ---------------------------------------------------------------- stages and lanes

  openHeaderMenu(ref: HeaderRef | null): void {
    this.core.structure.openHeaderMenu(ref);
  }

  editHeader(ref: HeaderRef, field: 'name' | 'description' | 'goal' = 'name'): void {
    this.core.structure.editHeader(ref, field);
  }

  renameHeader(ref: HeaderRef, field: 'name' | 'description' | 'goal', value: string): Promise<boolean> {
    return this.core.structure.renameHeader(ref, field, value);
  }

  /** Sets a stage's emotion by hand (a score) or back to derived from its notes (null). */
  setStageEmotion(stageId: string, emotion: number | null): Promise<boolean> {
    return this.core.structure.setStageEmotion(stageId, emotion);
  }

  toggleLaneCollapsed(laneId: string): Promise<boolean> {
    return this.core.structure.toggleLaneCollapsed(laneId);
  }

  /** Moves a stage or lane to `toIndex` (the notes follow their column or row). */
  moveHeader(ref: HeaderRef, toIndex: number): Promise<boolean> {
    return this.core.structure.moveHeader(ref, toIndex);
  }

  /** Adds a stage at `index` (default: last) and opens its name for typing. */
  addStage(index?: number): Promise<string | null> {
    return this.core.structure.addStage(index);
  }

  /** Adds a custom lane at `index` (default: last) and opens its name for typing. */
  addLane(index?: number): Promise<string | null> {
    return this.core.structure.addLane(index);
  }

  /** How many notes sit in a stage's column or a lane's row (what a delete would free). */
  notesIn(ref: HeaderRef): number {
    return this.core.structure.notesIn(ref);
  }

  deleteHeader(ref: HeaderRef): Promise<boolean> {
    return this.core.structure.deleteHeader(ref);
  }

  /** Resolves when no structure call is in flight. */
  structureIdle(): Promise<void> {
    return this.core.structure.idle();
  }

  // ---------------------------------------------------------------- personas

  /**
   * The persona lens: notes tagged with it are drawn as usual, every other note dimmed. Null (or
   * a persona the map does not have) turns it off. Session state: not saved, not undoable.
   */
  setLens(personaId: string | null): void {
    this.core.render.setLens(personaId);
  }

  /** The persona whose lens is on, or null. */
  get lens(): string | null {
    return this.ui.getState().lens;
  }

  /**
   * The map's personas as the store has them (e.g. changed in another window): taken as they are,
   * with no undo step and nothing written. A persona gone from the list leaves the notes' tags.
   */
  setPersonas(personas: readonly Persona[]): void {
    this.core.model.setPersonas(personas);
  }

  // ---------------------------------------------------------------- silent brainstorm

  /** While a silent brainstorm step runs, new notes are made face down (shared/workshop/visibility.ts). */
  setNewNotesFaceDown(on: boolean): void {
    this.core.editing.newNoteFields = on ? { faceDown: true } : {};
  }

  /** Notes on the board that are face down. */
  faceDownCount(): number {
    let n = 0;
    for (const note of this.core.model.notes.values()) if (note.faceDown === true) n++;
    return n;
  }

  /** Reveal: every face-down note turned face up, as one undo step. Returns how many. */
  revealFaceDown(): number {
    const ids = [...this.core.model.notes.values()].filter((n) => n.faceDown === true).map((n) => n.id);
    if (ids.length === 0) return 0;
    this.core.model.commit('Reveal', ids.map((id): Change => ({ type: 'note', op: 'update', id, patch: { faceDown: false } })));
    return ids.length;
  }

  /** Adds a persona (last in the panel; the map's own when it has none): one undo step. Returns its id. */
  addPersona(fields: Omit<BoardPersona, 'id' | 'position'>): string {
    const id = newId();
    const doc = this.core.model.doc;
    const forMap = doc.header.personaId === null ? [doc.headerChange({ personaId: id })] : [];
    this.core.model.commit('Add persona', [...doc.createPersona(id, fields), ...forMap]);
    return id;
  }

  /** Chooses the persona the map is for (null: none): one undo step. False when nothing changed. */
  setMapPersona(personaId: string | null): boolean {
    const doc = this.core.model.doc;
    if (personaId !== null && !doc.get('persona', personaId)) return false;
    return this.core.model.commit('Choose persona', [doc.headerChange({ personaId })]) !== null;
  }

  /** Changes a persona's fields: one undo step. False when nothing changed. */
  updatePersona(id: string, patch: Partial<Omit<BoardPersona, 'id'>>): boolean {
    if (!this.core.model.doc.get('persona', id)) return false;
    return this.core.model.commit('Edit persona', [{ type: 'persona', op: 'update', id, patch }]) !== null;
  }

  /** Deletes a persona and its tags on notes: one undo step (undo brings both back). */
  deletePersona(id: string): boolean {
    const changes = this.core.model.doc.deletePersona(id);
    return changes.length > 0 && this.core.model.commit('Delete persona', changes) !== null;
  }

  // ---------------------------------------------------------------- votes (renderer/prioritise)

  /**
   * Vote badges (a count on each voted note) and the top-N filter (other notes dimmed), or null
   * for none. Session state drawn over the notes: not saved, not undoable.
   */
  setNoteMarks(marks: NoteMarks | null): void {
    this.core.render.setMarks(marks);
  }

  get noteMarks(): NoteMarks | null {
    return this.core.render.marks;
  }

  /** While set, a click on a note calls `fn` (casting a vote) instead of selecting it; null: clicks select again. */
  setNoteClick(fn: ((noteId: string) => void) | null): void {
    this.core.tools.noteClick = fn;
  }

  /** Selects the notes and moves the camera to show them all (a link from a panel to its notes). */
  showNotes(ids: Iterable<string>): void {
    this.setSelection([...ids].filter((id) => this.core.model.notes.has(id)));
    if (this.selection.size > 0) this.fitSelection();
  }

  // ---------------------------------------------------------------- test hook

  /** What `window.__journeyboardBoard` exposes (see README.md). */
  testHook() {
    return {
      setCamera: (c: Camera) => this.setCamera(c),
      getCamera: (): Camera => ({ ...this.camera }),
      fitAll: () => this.fitAll(),
      noteCount: () => this.noteCount(),
      visibleCount: () => this.visibleCount(),
      drawnCount: () => this.drawnCount,
      nextFrame: () => this.nextFrame(),
      saved: () => this.whenSaved(),
      notes: (): BoardNote[] => this.allNotes(),
      selection: (): string[] => [...this.selection],
      ready: this.ready,
      stages: () => this.stages.map((s) => ({ ...s })),
      lanes: () => this.lanes.map((l) => ({ ...l })),
      frame: () => {
        const frame = this.frame;
        return frame
          ? {
              rect: { ...frame.rect },
              columns: frame.columns.map((c) => ({ stageId: c.stageId, x: c.x, width: c.width, header: { ...c.header } })),
              rows: frame.rows.map((r) => ({ laneId: r.laneId, y: r.y, height: r.height, collapsed: r.collapsed, header: { ...r.header } })),
            }
          : null;
      },
      emotionPoint: (stageId: string) => this.emotionPoint(stageId),
      structureIdle: () => this.structureIdle(),
      lens: () => this.lens,
      /** The vote badges drawn now, by note id. */
      voteBadges: (): Record<string, number> => Object.fromEntries(this.noteMarks?.badges ?? []),
      /** The notes a top-N filter keeps (the others are dimmed), or null. */
      voteKeep: (): string[] | null => (this.noteMarks?.keep ? [...this.noteMarks.keep] : null),
    };
  }
}

export type BoardTestHook = ReturnType<BoardController['testHook']>;

function copyNote(n: BoardNote): BoardNote {
  return { ...n, channels: [...n.channels], personaIds: [...n.personaIds] };
}
