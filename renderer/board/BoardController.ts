import type Konva from 'konva';
import type { JourneyboardApi, MethodInput, MethodName, MethodResult } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import {
  COORD_LIMIT,
  NOTE_DEFAULT_SIZE,
  NOTE_MAX_SIZE,
  NOTE_MIN_SIZE,
  NOTE_TEXT_MAX,
  type Camera,
  type Channel,
  type JourneyMap,
  type Lane,
  type NoteColor,
  type Persona,
  type Stage,
} from '../../shared/domain';
import {
  dropSlot,
  dropSlotPosition,
  emotionCurve,
  hitTest,
  placementOf,
  reorder,
  slotToIndex,
  mapStageEmotions,
  type EmotionCurve,
  type FrameLayout,
  type StageEmotion,
} from '../../shared/journey';
import { dropChanges, dropTargetOf, layoutBoardFrame, scoreAtY, toggleChannelChanges } from '../../shared/board/frameDrop';
import { drawCurveOnTop, drawFrame } from '../journey/drawFrame';
import { showError } from '../state/notices';
import {
  centerOn,
  clampZoom,
  containsRect,
  fitRect,
  intersects,
  padRect,
  panBy,
  rectFromPoints,
  screenToBoard,
  stepZoom,
  unionRects,
  viewRect,
  wheelZoomFactor,
  zoomAt,
  type Point,
  type Rect,
} from '../../shared/board/camera';
import { SpatialIndex } from '../../shared/board/spatial';
import { applyChanges, History, toBoardNote, type BoardNote, type HistoryStep, type NoteChange } from '../../shared/board/history';
import { SaveQueue, type SaveCall } from '../../shared/board/saveQueue';
import { patchWithoutPersonas, togglePersonaChanges, withoutPersonas } from '../../shared/board/personas';
import { drawBlocks, drawNotes, forgetBitmap, isBlockLevel, prepareBitmaps } from './drawNotes';
import { forgetLayout } from './textLayout';
import { GRID_DOT, SELECTION } from './theme';
import { createUiStore, type Tool, type UiStore } from './uiStore';
import { notesFromClipboard, notesToClipboard, CLIPBOARD_MIME } from './clipboard';

/** The Konva nodes the controller draws into (made by Board.tsx). */
export interface KonvaParts {
  stage: Konva.Stage;
  staticLayer: Konva.Layer;
  staticShape: Konva.Shape;
  frameLayer: Konva.Layer;
  frameShape: Konva.Shape;
  liveLayer: Konva.Layer;
  liftShape: Konva.Shape;
  selectionShape: Konva.Shape;
  proxy: Konva.Rect;
  transformer: Konva.Transformer;
  marquee: Konva.Rect;
}

type Gesture =
  | { kind: 'pan'; pointerId: number; last: Point }
  | { kind: 'press'; pointerId: number; start: Point; startBoard: Point; hit: string | null; shift: boolean }
  | { kind: 'drag'; pointerId: number; startBoard: Point; dx: number; dy: number }
  | { kind: 'marquee'; pointerId: number; startBoard: Point; base: Set<string> }
  | { kind: 'header'; pointerId: number; start: Point; axis: 'stage' | 'lane'; id: string; index: number; slot: number | null }
  | { kind: 'emotion'; pointerId: number; start: Point; stageId: string; moved: boolean };

/** A stage or lane header, as the menu and the in-place editor name it. */
export interface HeaderRef {
  type: 'stage' | 'lane';
  id: string;
}

type Step = HistoryStep<NoteChange[]>;

/** Fraction of the view added on every side of the region queried from the index. */
const QUERY_PAD = 0.5;
/**
 * The notes and frame canvases reach this fraction of the view's larger side past it on every
 * side (at most CANVAS_PAD_MAX screen pixels), so a pan moves them by a CSS transform and redraws
 * them only when the view leaves what they hold.
 */
const CANVAS_PAD = 0.25;
const CANVAS_PAD_MAX = 400;
const DRAG_THRESHOLD = 3;
const NOTE_GAP = 16;
const CAMERA_SAVE_MS = 400;
/** How long a stage or lane delete waits for queued note changes to be saved. */
const SAVE_WAIT_MS = 10_000;

const clampCoord = (n: number) => Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, Math.round(n)));
const clampSize = (n: number) => Math.max(NOTE_MIN_SIZE, Math.min(NOTE_MAX_SIZE, Math.round(n)));

export function newId(): string {
  return crypto.randomUUID();
}

/**
 * The whiteboard's engine: the document (notes by id, spatial index, undo history, autosave), the
 * session (camera, selection, tool) and the pointer gestures. It draws imperatively into Konva
 * nodes that Board.tsx creates, so a camera move or a drag re-renders no React component.
 */
export class BoardController {
  readonly mapId: string;
  readonly ui: UiStore;
  readonly notes = new Map<string, BoardNote>();
  readonly index = new SpatialIndex();
  readonly history = new History<NoteChange[]>();
  readonly queue: SaveQueue;
  camera: Camera;
  viewport = { width: 0, height: 0 };
  selection = new Set<string>();
  /** The journey structure, in display order. */
  stages: Stage[];
  lanes: Lane[];
  /** The laid-out frame, or null while the map has no stages or no lanes. */
  frame: FrameLayout | null = null;
  emotions: StageEmotion[] = [];
  /** Notes in collapsed lanes: kept in `notes`, out of the spatial index (not drawn, not hit). */
  hidden = new Set<string>();
  /** The map's personas, in panel order (the persona picker and the lens). */
  personas: Persona[];
  /** Notes drawn in the last static-layer frame (the view, not the padded query). */
  drawnCount = 0;
  readonly ready: Promise<void>;

  private readonly api: JourneyboardApi;
  /** Screen pixels the notes and frame canvases reach past the view on every side. */
  private canvasPad = 0;
  /** Notes the last notes-canvas draw drew (the count its bitmap scale was chosen for). */
  private drawnListCount = 0;
  /** The queried notes may lack bitmaps: frames that only move the canvases make some. */
  private prewarm = false;
  /** The padding the notes canvas was last drawn with (none while zooming). */
  private drawnPad = 0;
  /** While the zoom changes (and 150 ms after), the notes canvas is drawn for the view alone. */
  private zoomRest: ReturnType<typeof setTimeout> | null = null;
  /**
   * The camera the notes and frame canvases were last positioned for (their layers' transform);
   * while the camera pans within `canvasPad` of it, a CSS translate shows them where they belong.
   */
  private drawnCamera: Camera | null = null;
  /** The interaction layer's canvas may hold something (it is cleared once more after that). */
  private liveDirty = true;
  /** The camera the interaction layer was last placed for (it is placed only when drawn). */
  private liveCamera: Camera | null = null;
  /** The persona lens asked for (the map screen's `lensPersonaId`); see `lens`. */
  private lensRequested: string | null = null;
  /** Personas deleted while the board is open: never written again (the store refuses them). */
  private gonePersonas = new Set<string>();
  private parts: KonvaParts | null = null;
  private host: HTMLElement | null = null;
  private visible: BoardNote[] = [];
  /** Bumped whenever what the notes layer shows changes (document or lifted notes). */
  private contentVersion = 0;
  /**
   * Far out, the padded region's blocks are painted once into this canvas; panning then copies
   * the part in view instead of filling thousands of rectangles each frame.
   */
  private regionCache: { canvas: HTMLCanvasElement; rect: Rect; zoom: number; version: number } | null = null;
  private regionSettle: ReturnType<typeof setTimeout> | null = null;
  private queryRect: Rect | null = null;
  private lifted = new Set<string>();
  private liftOffset = { dx: 0, dy: 0 };
  /** A Transformer gesture: the selection's rectangles at its start, the box then and now. */
  private resizing: { start: Map<string, Rect>; box0: Rect; box: Rect } | null = null;
  /** The box the Transformer is attached to, and the smallest and largest note in it. */
  private resizeLimits = { box: { x: 0, y: 0, width: 1, height: 1 } as Rect, minW: 0, maxW: 0, minH: 0, maxH: 0 };
  /** Above this many notes moved by one layout, the spatial index is rebuilt in bulk. */
  private static readonly BULK_INDEX = 1500;
  /** Above this many notes the Transformer is not offered (each frame would re-fit them all). */
  private static readonly RESIZE_LIMIT = 500;
  private gesture: Gesture | null = null;
  private editSession: { id: string; isNew: boolean; step: Step | null } | null = null;
  private needsFit: boolean;
  private pointer: Point | null = null;
  private spaceDown = false;
  private savedCamera: string;
  private cameraTimer: ReturnType<typeof setTimeout> | null = null;
  private docListeners = new Set<() => void>();
  private cameraListeners = new Set<() => void>();
  private frameListeners: (() => void)[] = [];
  private resolveReady!: () => void;
  private readyDone = false;
  private detachDom: (() => void) | null = null;
  private curve: EmotionCurve | null = null;
  /** A header being dragged or hovered: drawFrame highlights it. */
  private frameHighlight: HeaderRef | null = null;
  /** While an emotion point is dragged: its stage and the score under the pointer. */
  private emotionPreview: { stageId: string; score: number } | null = null;
  /** Where dragged notes would land: the cell under the pointer (highlighted), if any. */
  private dropCell: { stageId: string; laneId: string } | null = null;
  /** Structure calls in flight, chained so they reach the store in order. */
  private structureChain: Promise<unknown> = Promise.resolve();

  constructor(map: JourneyMap, api: JourneyboardApi) {
    this.mapId = map.id;
    this.api = api;
    for (const n of map.notes) this.notes.set(n.id, toBoardNote(n));
    this.index.load(this.notes.values());
    this.stages = [...map.stages].sort((a, b) => a.position - b.position);
    this.lanes = [...map.lanes].sort((a, b) => a.position - b.position);
    this.personas = sortPersonas(map.personas ?? []);
    this.needsFit = !map.camera;
    this.camera = map.camera ? { ...map.camera, zoom: clampZoom(map.camera.zoom) } : { x: 0, y: 0, zoom: 1 };
    this.savedCamera = JSON.stringify(this.camera);
    this.ui = createUiStore(this.camera, this.notes.size);
    this.ui.setState({ personas: this.personas });
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.queue = new SaveQueue({
      send: (call) => this.send(call),
      clock: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) },
    });
    this.queue.subscribe((status) => {
      const err = this.queue.error;
      this.ui.setState({
        saveStatus: status,
        saveError: err ? (err instanceof Error ? err.message : String(err)) : null,
      });
    });
    this.relayout();
  }

  private async send(sent: SaveCall): Promise<unknown> {
    const mapId = this.mapId;
    const call = this.gonePersonas.size > 0 ? this.withoutGonePersonas(sent) : sent;
    if (call.kind === 'create') {
      try {
        return await this.api.call('notes.createMany', { mapId, notes: call.notes });
      } catch (err) {
        // A retried create whose first attempt landed (the answer was lost): write the notes one
        // by one, overwriting those that already exist, instead of failing forever.
        if (!(err instanceof ApiError) || err.code !== 'conflict') throw err;
        for (const note of call.notes) {
          try {
            await this.api.call('notes.createMany', { mapId, notes: [note] });
          } catch (e) {
            if (!(e instanceof ApiError) || e.code !== 'conflict') throw e;
            await this.api.call('notes.updateMany', { mapId, notes: [note] });
          }
        }
        return null;
      }
    }
    if (call.kind === 'update') return this.api.call('notes.updateMany', { mapId, notes: call.patches });
    return this.api.call('notes.deleteMany', { mapId, ids: call.ids });
  }

  // ---------------------------------------------------------------- wiring

  attach(parts: KonvaParts, host: HTMLElement): void {
    this.parts = parts;
    this.host = host;
    parts.transformer.boundBoxFunc((oldBox, newBox) => {
      // Boxes are in screen pixels; refuse a size that would take any note out of its limits.
      const { box, minW, maxW, minH, maxH } = this.resizeLimits;
      const sx = newBox.width / (box.width * this.camera.zoom);
      const sy = newBox.height / (box.height * this.camera.zoom);
      if (minW * sx < NOTE_MIN_SIZE - 0.5 || minH * sy < NOTE_MIN_SIZE - 0.5) return oldBox;
      if (maxW * sx > NOTE_MAX_SIZE + 0.5 || maxH * sy > NOTE_MAX_SIZE + 0.5) return oldBox;
      return newBox;
    });
    parts.proxy.on('transformstart', () => this.onTransformStart());
    parts.proxy.on('transform', () => this.onTransform());
    parts.proxy.on('transformend', () => this.onTransformEnd());
    this.detachDom = this.listen(parts.stage.container(), host);
    // The stage sizes every layer's canvas to itself on a resize; the padded ones grow again after.
    parts.stage.on('widthChange.board heightChange.board', () => this.sizeCanvases());
    this.liveCamera = null;
    this.sizeCanvases();
  }

  detach(): void {
    this.detachDom?.();
    this.detachDom = null;
    this.parts?.proxy.off('transformstart transform transformend');
    this.parts?.stage.off('widthChange.board heightChange.board');
    if (this.zoomRest) clearTimeout(this.zoomRest);
    this.zoomRest = null;
    this.parts = null;
    this.host = null;
    this.flush();
  }

  setViewport(width: number, height: number): void {
    if (width === this.viewport.width && height === this.viewport.height) return;
    const first = this.viewport.width === 0 || this.viewport.height === 0;
    this.viewport = { width, height };
    if (first && this.needsFit && width > 0 && height > 0) {
      this.needsFit = false;
      // Remember this first view, so a reload shows the same board even if nobody moves.
      this.fitAll();
      return;
    }
    this.queryRect = null;
    this.sizeCanvases();
  }

  onDocChange(fn: () => void): () => void {
    this.docListeners.add(fn);
    return () => this.docListeners.delete(fn);
  }

  onCameraChange(fn: () => void): () => void {
    this.cameraListeners.add(fn);
    return () => this.cameraListeners.delete(fn);
  }

  /** Resolves after the static layer next draws. */
  nextFrame(): Promise<void> {
    return new Promise((resolve) => {
      this.frameListeners.push(resolve);
      this.parts?.staticLayer.batchDraw();
    });
  }

  /**
   * True when some change would be lost if the page went now: queued behind a write still in
   * flight, or failing and waiting for a retry. (A write in flight is already on its way.)
   */
  hasUnsentChanges(): boolean {
    return this.queue.pendingCount > 0 || this.queue.status === 'error';
  }

  /** Sends queued changes and the camera now (page hidden, closing, or the board unmounting). */
  flush(): void {
    if (this.editSession) this.commitEdit(this.currentEditText ?? '', 'leave');
    this.queue.flush();
    this.saveCameraNow();
  }

  /** Text in the overlay while editing, kept here so a flush on unload can commit it. */
  private currentEditText: string | null = null;

  setEditText(text: string): void {
    if (this.editSession) this.currentEditText = text;
  }

  // ---------------------------------------------------------------- camera

  setCamera(next: Camera): void {
    if (!Number.isFinite(next.x) || !Number.isFinite(next.y)) return;
    const limit = (n: number) => Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, n));
    const c = { x: limit(next.x), y: limit(next.y), zoom: clampZoom(next.zoom) };
    this.camera = c;
    this.applyCamera();
    this.scheduleCameraSave();
  }

  /**
   * Sizes the notes and frame canvases to the view plus `canvasPad` on every side (placed that far
   * up and left of the stage) and draws everything for the current camera.
   */
  private sizeCanvases(): void {
    const p = this.parts;
    if (p) {
      const { width, height } = this.viewport;
      // Until the first full frame, no padding: opening draws and commits only the view.
      const pad = this.readyDone ? Math.min(CANVAS_PAD_MAX, Math.round(Math.max(width, height) * CANVAS_PAD)) : 0;
      this.canvasPad = pad;
      for (const layer of [p.frameLayer, p.staticLayer]) {
        const canvas = layer.getCanvas();
        canvas.setSize(width + 2 * pad, height + 2 * pad);
        const style = canvas._canvas.style;
        style.left = `${-pad}px`;
        style.top = `${-pad}px`;
        // Its own compositor layer only once it moves by CSS (not while the board opens).
        style.willChange = pad > 0 ? 'transform' : '';
      }
    }
    this.drawnCamera = null;
    this.applyCamera();
  }

  /** The board region the notes and frame canvases hold (their drawn camera, padded), or null. */
  private drawnRegion(padPx = this.canvasPad): Rect | null {
    const d = this.drawnCamera;
    if (!d) return null;
    const pad = padPx / d.zoom;
    return { x: d.x - pad, y: d.y - pad, width: this.viewport.width / d.zoom + 2 * pad, height: this.viewport.height / d.zoom + 2 * pad };
  }

  private applyCamera(): void {
    const { x, y, zoom } = this.camera;
    const p = this.parts;
    let redraw = true;
    if (p) {
      // The notes and frame canvases: a pan within their padding only moves them (no redraw, so
      // nothing of theirs is rasterised or committed again); otherwise they are drawn for here.
      const d = this.drawnCamera;
      const pad = this.canvasPad;
      const dx = d ? (d.x - x) * zoom : 0;
      const dy = d ? (d.y - y) * zoom : 0;
      const reach = Math.min(pad, this.drawnPad);
      redraw = !d || d.zoom !== zoom || Math.abs(dx) > reach || Math.abs(dy) > reach;
      const transform = redraw ? '' : `translate(${dx}px, ${dy}px)`;
      if (d && d.zoom !== zoom) {
        // Zooming redraws every frame anyway: no padding until the zoom rests.
        if (this.zoomRest) clearTimeout(this.zoomRest);
        this.zoomRest = setTimeout(() => {
          this.zoomRest = null;
          this.parts?.staticLayer.batchDraw();
        }, 150);
      }
      if (redraw) {
        this.drawnCamera = { x, y, zoom };
        for (const layer of [p.frameLayer, p.staticLayer]) {
          layer.position({ x: -x * zoom + pad, y: -y * zoom + pad });
          layer.scale({ x: zoom, y: zoom });
        }
      }
      for (const layer of [p.frameLayer, p.staticLayer]) layer.getCanvas()._canvas.style.transform = transform;
      const hasFrame = this.frame !== null;
      if (p.frameLayer.visible() !== hasFrame) p.frameLayer.visible(hasFrame);
    }
    this.updateGrid();
    const view = viewRect(this.camera, this.viewport);
    // Re-query only when the drawn region leaves the padded query (or shrank well inside it).
    const region = this.drawnRegion() ?? view;
    if (!this.queryRect || !containsRect(this.queryRect, region) || this.queryRect.width > view.width * 4) this.requery();
    if (p) {
      if (redraw) {
        p.staticLayer.batchDraw();
        if (this.frame) p.frameLayer.batchDraw();
      } else if (this.prewarm) {
        // A frame with no drawing: make a few bitmaps of notes the next redraw will bring in, so
        // that redraw does not spend frames on them.
        this.prewarm = !prepareBitmaps(this.visible, zoom, this.drawnListCount, 3);
      }
      // The interaction layer follows the view; with nothing on it, it is cleared once, then left.
      // (Even moving it would redraw it: Konva draws a layer again when its attributes change.)
      const busy = this.liveHasContent();
      if (busy || this.liveDirty) {
        this.drawLive();
        this.liveDirty = busy;
      }
    }
    this.ui.setState({ camera: this.camera });
    for (const fn of this.cameraListeners) fn();
  }

  /** Puts the interaction layer where the camera is, then draws it. */
  private drawLive(): void {
    const p = this.parts;
    if (!p) return;
    if (this.liveCamera !== this.camera) {
      const { x, y, zoom } = this.camera;
      this.liveCamera = this.camera;
      p.liveLayer.position({ x: -x * zoom, y: -y * zoom });
      p.liveLayer.scale({ x: zoom, y: zoom });
      p.marquee.strokeWidth(1 / zoom);
      p.transformer.forceUpdate();
    }
    p.liveLayer.batchDraw();
  }

  /** Whether the interaction layer has anything to draw (selection, drag, resize, marquee, the curve). */
  private liveHasContent(): boolean {
    return this.selection.size > 0 || this.lifted.size > 0 || this.resizing !== null || this.frame !== null || this.gesture?.kind === 'marquee';
  }

  private requery(): void {
    const view = viewRect(this.camera, this.viewport);
    const region = this.drawnRegion();
    this.queryRect = region ? (unionRects([padRect(view, QUERY_PAD), region]) ?? region) : padRect(view, QUERY_PAD);
    this.visible = [];
    for (const id of this.index.query(this.queryRect)) {
      const n = this.notes.get(id);
      if (n) this.visible.push(n);
    }
  }

  private updateGrid(): void {
    const host = this.host;
    if (!host) return;
    const { x, y, zoom } = this.camera;
    let spacing = 24 * zoom;
    while (spacing < 14) spacing *= 4;
    const ox = (((-x * zoom) % spacing) + spacing) % spacing;
    const oy = (((-y * zoom) % spacing) + spacing) % spacing;
    const dot = Math.max(0.8, Math.min(1.6, zoom * 1.4));
    host.style.backgroundImage = `radial-gradient(circle, ${GRID_DOT} ${dot}px, transparent ${dot + 0.4}px)`;
    host.style.backgroundSize = `${spacing}px ${spacing}px`;
    host.style.backgroundPosition = `${ox - spacing / 2}px ${oy - spacing / 2}px`;
  }

  private scheduleCameraSave(): void {
    if (this.cameraTimer) clearTimeout(this.cameraTimer);
    this.cameraTimer = setTimeout(() => this.saveCameraNow(), CAMERA_SAVE_MS);
  }

  private saveCameraNow(): void {
    if (this.cameraTimer) clearTimeout(this.cameraTimer);
    this.cameraTimer = null;
    const json = JSON.stringify(this.camera);
    if (json === this.savedCamera) return;
    this.savedCamera = json;
    // The camera is session state: a failed save is retried by the next move, not shown.
    this.api.call('maps.setCamera', { id: this.mapId, camera: this.camera }).catch((err: unknown) => {
      this.savedCamera = '';
      console.warn('Journeyboard could not remember the camera:', err);
    });
  }

  zoomBy(factor: number, anchor?: Point): void {
    const a = anchor ?? { x: this.viewport.width / 2, y: this.viewport.height / 2 };
    this.setCamera(zoomAt(this.camera, this.camera.zoom * factor, a));
  }

  zoomStep(direction: 1 | -1): void {
    const a = { x: this.viewport.width / 2, y: this.viewport.height / 2 };
    this.setCamera(zoomAt(this.camera, stepZoom(this.camera.zoom, direction), a));
  }

  zoomTo100(): void {
    this.setCamera(zoomAt(this.camera, 1, { x: this.viewport.width / 2, y: this.viewport.height / 2 }));
  }

  fitAll(save = true): void {
    const notesBounds = this.index.bounds();
    // The frame with room for the toolbar above it, "+ Stage" beside it and "+ Lane" under it.
    const f = this.frame?.rect;
    const frameBounds = f ? { x: f.x, y: f.y - 48, width: f.width + 120, height: f.height + 104 } : null;
    const bounds = frameBounds ? unionRects(notesBounds ? [notesBounds, frameBounds] : [frameBounds]) : notesBounds;
    if (!bounds) {
      this.camera = centerOn({ x: 0, y: 0, zoom: 1 }, { x: 0, y: 0 }, this.viewport);
      this.applyCamera();
    } else {
      this.camera = fitRect(bounds, this.viewport, { padding: 64, maxZoom: 1 });
      this.applyCamera();
    }
    if (save) this.scheduleCameraSave();
  }

  fitSelection(): void {
    const rect = unionRects([...this.selection].map((id) => this.notes.get(id)).filter((n): n is BoardNote => !!n));
    if (!rect) return;
    this.setCamera(fitRect(rect, this.viewport, { padding: 96, maxZoom: 2 }));
  }

  /** The board region on screen and the zoom it is shown at (for a picture of the view). */
  viewArea(): { kind: 'view'; rect: Rect; zoom: number } | null {
    if (this.viewport.width === 0 || this.viewport.height === 0) return null;
    return { kind: 'view', rect: viewRect(this.camera, this.viewport), zoom: this.camera.zoom };
  }

  /** Board point at the middle of the view. */
  viewCenter(): Point {
    return screenToBoard(this.camera, { x: this.viewport.width / 2, y: this.viewport.height / 2 });
  }

  visibleCount(): number {
    return this.index.query(viewRect(this.camera, this.viewport)).length;
  }

  // ---------------------------------------------------------------- drawing

  /** Scene functions for Board.tsx's shapes (stable, so react-konva never re-applies them). */
  readonly sceneStatic = (ctx: Konva.Context) => this.drawStatic(ctx._context);
  readonly sceneLifted = (ctx: Konva.Context) => this.drawLifted(ctx._context);
  readonly sceneSelection = (ctx: Konva.Context) => this.drawSelection(ctx._context);

  private drawStatic(ctx: CanvasRenderingContext2D): void {
    // The canvas holds the drawn region (the view when it was drawn, plus the padding a pan may
    // bring into view); the level of detail is still decided by the notes in the view itself.
    const view = viewRect(this.camera, this.viewport);
    const pad = this.zoomRest ? 0 : this.canvasPad;
    const region = this.drawnRegion(pad) ?? view;
    this.drawnPad = pad;
    this.prewarm = true;
    const list: BoardNote[] = [];
    let inView = 0;
    for (const n of this.visible) {
      if (this.lifted.has(n.id)) continue;
      if (n.x > region.x + region.width || n.y > region.y + region.height || n.x + n.width < region.x || n.y + n.height < region.y) continue;
      list.push(n);
      if (!(n.x > view.x + view.width || n.y > view.y + view.height || n.x + n.width < view.x || n.y + n.height < view.y)) inView++;
    }
    const zoom = this.camera.zoom;
    const result = isBlockLevel(zoom, inView) && this.queryRect ? this.drawRegion(ctx, region, inView) : drawNotes(ctx, list, zoom, this.lens, isBlockLevel(zoom, inView));
    this.drawnCount = inView;
    this.drawnListCount = list.length;
    if (result.pending > 0) {
      // Some notes were drawn roughly while their bitmaps are made: finish in the next frames.
      requestAnimationFrame(() => this.parts?.staticLayer.batchDraw());
      return;
    }
    if (!this.readyDone && this.viewport.width > 0 && this.viewport.height > 0) {
      this.readyDone = true;
      this.resolveReady();
      // Now the padding, so that pans from here only move the canvases.
      requestAnimationFrame(() => this.sizeCanvases());
    }
    const waiting = this.frameListeners;
    this.frameListeners = [];
    for (const fn of waiting) fn();
  }

  /** Block level: copy the view's part of the cached region, repainting it when stale. */
  private drawRegion(ctx: CanvasRenderingContext2D, view: Rect, inView: number): { drawn: number; pending: number } {
    const zoom = this.camera.zoom;
    const rect = this.queryRect!;
    let cache = this.regionCache;
    const sameContent = cache && cache.version === this.contentVersion && cache.rect === rect;
    const ratio = cache ? cache.zoom / zoom : 1;
    if (!cache || !sameContent || ratio > 2 || ratio < 0.5) {
      cache = this.paintRegion(rect, zoom);
    } else if (ratio !== 1 && !this.regionSettle) {
      // Zooming: scale the cached picture now, repaint it sharp once the zoom rests.
      this.regionSettle = setTimeout(() => {
        this.regionSettle = null;
        if (this.regionCache && this.regionCache.zoom !== this.camera.zoom) {
          this.regionCache = null;
          this.parts?.staticLayer.batchDraw();
        }
      }, 150);
    }
    if (!cache) return drawNotes(ctx, this.visible.filter((n) => !this.lifted.has(n.id)), zoom, this.lens);
    const k = cache.canvas.width / rect.width;
    const sx = Math.max(0, view.x - rect.x);
    const sy = Math.max(0, view.y - rect.y);
    const sw = Math.min(rect.width - sx, view.width);
    const sh = Math.min(rect.height - sy, view.height);
    if (sw > 0 && sh > 0) ctx.drawImage(cache.canvas, sx * k, sy * k, sw * k, sh * k, rect.x + sx, rect.y + sy, sw, sh);
    return { drawn: inView, pending: 0 };
  }

  private paintRegion(rect: Rect, zoom: number): BoardController['regionCache'] {
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    let scale = zoom * dpr;
    const maxPixels = 8_000_000;
    if (rect.width * rect.height * scale * scale > maxPixels) scale = Math.sqrt(maxPixels / (rect.width * rect.height));
    const canvas = this.regionCache?.canvas ?? document.createElement('canvas');
    canvas.width = Math.max(1, Math.ceil(rect.width * scale));
    canvas.height = Math.max(1, Math.ceil(rect.height * scale));
    const c = canvas.getContext('2d');
    if (!c) return null;
    c.setTransform(scale, 0, 0, scale, -rect.x * scale, -rect.y * scale);
    drawBlocks(c, this.visible.filter((n) => !this.lifted.has(n.id)), zoom, this.lens);
    this.regionCache = { canvas, rect, zoom, version: this.contentVersion };
    return this.regionCache;
  }

  private liftedNotes(): BoardNote[] {
    const out: BoardNote[] = [];
    if (this.resizing) {
      for (const [id, rect] of this.scaledRects()) {
        const n = this.notes.get(id);
        if (n) out.push({ ...n, ...rect });
      }
      out.sort((a, b) => this.index.order(a.id) - this.index.order(b.id));
      return out;
    }
    const view = padRect(viewRect(this.camera, this.viewport), 0.1);
    const { dx, dy } = this.liftOffset;
    for (const id of this.lifted) {
      const n = this.notes.get(id);
      if (n && intersects(view, { x: n.x + dx, y: n.y + dy, width: n.width, height: n.height })) out.push({ ...n, x: n.x + dx, y: n.y + dy });
    }
    out.sort((a, b) => this.index.order(a.id) - this.index.order(b.id));
    return out;
  }

  private drawLifted(ctx: CanvasRenderingContext2D): void {
    this.drawFrameFeedback(ctx);
    if (this.lifted.size === 0) return;
    if (drawNotes(ctx, this.liftedNotes(), this.camera.zoom, this.lens).pending > 0) requestAnimationFrame(() => this.drawLive());
  }

  /** Outlines of selected notes in view, one path. */
  private drawSelection(ctx: CanvasRenderingContext2D): void {
    if (this.selection.size === 0) return;
    const zoom = this.camera.zoom;
    const view = padRect(viewRect(this.camera, this.viewport), 0.05);
    const pad = 3 / zoom;
    ctx.beginPath();
    const add = (n: BoardNote) => {
      if (!intersects(view, n)) return;
      ctx.rect(n.x - pad, n.y - pad, n.width + 2 * pad, n.height + 2 * pad);
    };
    if (this.lifted.size > 0) {
      for (const n of this.liftedNotes()) add(n);
    }
    if (this.selection.size < this.visible.length) {
      for (const id of this.selection) {
        const n = this.notes.get(id);
        if (n && !this.lifted.has(id)) add(n);
      }
    } else {
      for (const n of this.visible) if (this.selection.has(n.id) && !this.lifted.has(n.id)) add(n);
    }
    ctx.strokeStyle = SELECTION;
    ctx.lineWidth = 2 / zoom;
    ctx.stroke();
  }

  private redrawAll(): void {
    this.parts?.staticLayer.batchDraw();
    this.drawLive();
  }

  // ---------------------------------------------------------------- document

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
    if (select) this.setSelection(select);
    return step;
  }

  private afterChange(changes: readonly NoteChange[]): void {
    this.contentVersion++;
    // Notes deleted from a cell: the frame knew them before the change.
    const before = new Set<string>();
    if (this.frame) for (const c of changes) if (c.op === 'delete' && placementOf(this.frame, c.id)) before.add(c.id);
    for (const c of changes) {
      if (c.op === 'delete') {
        this.index.remove(c.id);
        this.selection.delete(c.id);
        forgetLayout(c.id);
        forgetBitmap(c.id);
      } else {
        const id = c.op === 'create' ? c.note.id : c.id;
        const n = this.notes.get(id);
        if (n) this.index.upsert(n);
      }
    }
    this.queue.enqueue(changes);
    if (this.touchesFrame(changes, before)) this.relayout();
    this.requery();
    this.syncTransformer();
    this.redrawAll();
    this.ui.setState({
      docVersion: this.ui.getState().docVersion + 1,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
      selectionCount: this.selection.size,
      noteCount: this.notes.size,
    });
    for (const fn of this.docListeners) fn();
  }

  undo(): void {
    this.finishGesture();
    if (this.editSession) this.commitEdit(this.currentEditText ?? '', 'leave');
    const step = this.history.undo();
    if (!step) return;
    this.replay(step.undo);
  }

  redo(): void {
    this.finishGesture();
    if (this.editSession) this.commitEdit(this.currentEditText ?? '', 'leave');
    const step = this.history.redo();
    if (!step) return;
    this.replay(step.redo);
  }

  private replay(changes: NoteChange[]): void {
    applyChanges(this.notes, changes);
    this.afterChange(changes);
    const touched = changes.map((c) => (c.op === 'create' ? c.note.id : c.id)).filter((id) => this.notes.has(id));
    this.setSelection(touched);
  }

  note(id: string): BoardNote | undefined {
    return this.notes.get(id);
  }

  // ---------------------------------------------------------------- selection & tools

  setSelection(ids: Iterable<string>): void {
    this.selection = new Set([...ids].filter((id) => this.notes.has(id)));
    this.ui.setState({ selectionCount: this.selection.size });
    this.syncTransformer();
    this.drawLive();
  }

  selectAll(): void {
    this.setSelection([...this.notes.keys()].filter((id) => !this.hidden.has(id)));
  }

  setTool(tool: Tool): void {
    this.ui.setState({ tool });
    this.updateCursor();
  }

  private updateCursor(): void {
    const el = this.parts?.stage.container();
    if (!el) return;
    const panning = this.gesture?.kind === 'pan';
    const hand = this.ui.getState().tool === 'hand' || this.spaceDown;
    el.style.cursor = panning ? 'grabbing' : hand ? 'grab' : 'default';
  }

  /** A move cursor over notes with the select tool, so the facilitator sees what a drag will do. */
  private hoverCursor(p: Point): void {
    const el = this.parts?.stage.container();
    if (!el || this.spaceDown || this.ui.getState().tool !== 'select') return;
    const b = screenToBoard(this.camera, p);
    const over = this.index.hitTest(b) !== null;
    let want = over ? 'move' : 'default';
    if (!over && this.frame) {
      if (this.emotionPointAt(b)) want = 'ns-resize';
      else {
        const h = hitTest(this.frame, b);
        if (h?.type === 'stage' || h?.type === 'lane') want = 'grab';
      }
    }
    if (el.style.cursor !== want) el.style.cursor = want;
  }

  /** Attaches the Transformer to a proxy rectangle around the selection (one note or several). */
  private syncTransformer(): void {
    const p = this.parts;
    if (!p || this.resizing) return;
    const offer = this.selection.size > 0 && this.selection.size <= BoardController.RESIZE_LIMIT && !this.editSession && this.lifted.size === 0;
    const notes = offer ? [...this.selection].map((id) => this.notes.get(id)).filter((n): n is BoardNote => !!n) : [];
    const box = unionRects(notes);
    if (box) {
      this.resizeLimits = {
        box,
        minW: Math.min(...notes.map((n) => n.width)),
        maxW: Math.max(...notes.map((n) => n.width)),
        minH: Math.min(...notes.map((n) => n.height)),
        maxH: Math.max(...notes.map((n) => n.height)),
      };
      p.proxy.setAttrs({ ...box, scaleX: 1, scaleY: 1 });
      // One note: its outline is the border. Several: a dashed box around the group.
      p.transformer.borderEnabled(notes.length > 1);
      if (p.transformer.nodes()[0] !== p.proxy) p.transformer.nodes([p.proxy]);
      p.transformer.forceUpdate();
    } else if (p.transformer.nodes().length > 0) {
      p.transformer.nodes([]);
    }
  }

  setColor(color: NoteColor): void {
    this.ui.setState({ color });
    if (this.selection.size === 0) return;
    const changes: NoteChange[] = [...this.selection].map((id) => ({ op: 'update', id, patch: { color } }));
    this.commit('Colour', changes);
  }

  deleteSelection(): void {
    if (this.selection.size === 0) return;
    this.commit('Delete', [...this.selection].map((id) => ({ op: 'delete', id })), []);
  }

  nudge(dx: number, dy: number): void {
    if (this.selection.size === 0) return;
    const changes: NoteChange[] = [];
    for (const id of this.selection) {
      const n = this.notes.get(id);
      if (n) changes.push({ op: 'update', id, patch: { x: clampCoord(n.x + dx), y: clampCoord(n.y + dy) } });
    }
    this.commit('Move', changes);
  }

  duplicateSelection(): void {
    const source = this.sortedSelection();
    if (source.length === 0) return;
    const copies = source.map((n) => ({ ...n, id: newId(), x: clampCoord(n.x + 24), y: clampCoord(n.y + 24) }));
    this.commit('Duplicate', copies.map((note) => ({ op: 'create', note })), copies.map((n) => n.id));
  }

  private sortedSelection(): BoardNote[] {
    return [...this.selection]
      .map((id) => this.notes.get(id))
      .filter((n): n is BoardNote => !!n)
      .sort((a, b) => this.index.order(a.id) - this.index.order(b.id));
  }

  // ---------------------------------------------------------------- notes & editing

  /** The board point for "a new note here": the pointer if it is over the board, else the view's centre. */
  pointerOrCenter(): Point {
    return this.pointer ? screenToBoard(this.camera, this.pointer) : this.viewCenter();
  }

  createNote(center: Point, opts: { edit?: boolean; size?: { width: number; height: number }; color?: NoteColor } = {}): string {
    const width = opts.size?.width ?? NOTE_DEFAULT_SIZE;
    const height = opts.size?.height ?? NOTE_DEFAULT_SIZE;
    const note: BoardNote = {
      id: newId(),
      text: '',
      x: clampCoord(center.x - width / 2),
      y: clampCoord(center.y - height / 2),
      width,
      height,
      color: opts.color ?? this.ui.getState().color,
      stageId: null,
      laneId: null,
      kind: null,
      ...this.cellFields(center),
      sentiment: null,
      author: null,
      channels: [],
      personaIds: [],
    };
    const step = this.commit('New note', [{ op: 'create', note }], [note.id]);
    if (opts.edit !== false) this.startEditing(note.id, true, step);
    return note.id;
  }

  /** A note made at a point inside an expanded cell belongs to that cell. */
  private cellFields(p: Point): Pick<BoardNote, 'stageId' | 'laneId' | 'kind'> | Record<string, never> {
    if (!this.frame) return {};
    const target = dropTargetOf(hitTest(this.frame, p), (id) => this.lanes.find((l) => l.id === id)?.kind);
    if (target.type !== 'cell') return {};
    const hit = hitTest(this.frame, p);
    if (hit?.type === 'cell' && hit.collapsed) return {};
    const [change] = dropChanges([{ id: '', x: 0, y: 0, stageId: null, laneId: null, kind: null }], 0, 0, target);
    const patch = change?.op === 'update' ? change.patch : {};
    return { stageId: patch.stageId ?? null, laneId: patch.laneId ?? null, kind: patch.kind ?? null };
  }

  startEditing(id: string, isNew = false, step: Step | null = null): void {
    const n = this.notes.get(id);
    if (!n) return;
    if (this.editSession && this.editSession.id !== id) this.commitEdit(this.currentEditText ?? '', 'leave');
    this.editSession = { id, isNew, step };
    this.currentEditText = n.text;
    this.setSelection([id]);
    this.ensureVisible(n);
    this.ui.setState({ editing: { id, isNew } });
  }

  /** Commits the overlay's text. `next` opens a new note just below (fast capture). */
  commitEdit(text: string, mode: 'leave' | 'next'): void {
    const session = this.editSession;
    if (!session) return;
    this.editSession = null;
    this.currentEditText = null;
    this.ui.setState({ editing: null });
    const n = this.notes.get(session.id);
    if (!n) return;
    const value = text.slice(0, NOTE_TEXT_MAX);
    const amend = session.isNew && session.step && this.history.peek() === session.step;
    if (session.isNew && value.trim() === '') {
      // An empty new note is dropped, and so is the step that made it.
      if (amend) {
        const inverse = applyChanges(this.notes, [{ op: 'delete', id: n.id }]);
        this.history.replaceLast(null);
        if (inverse.length) this.afterChange([{ op: 'delete', id: n.id }]);
      } else {
        this.commit('Delete', [{ op: 'delete', id: n.id }]);
      }
      this.setSelection([]);
      return;
    }
    if (value !== n.text) {
      if (amend && session.step) {
        // A new note and the text typed into it are one step.
        applyChanges(this.notes, [{ op: 'update', id: n.id, patch: { text: value } }]);
        const created = { ...n, text: value };
        this.history.replaceLast({ label: 'New note', redo: [{ op: 'create', note: created }], undo: [{ op: 'delete', id: n.id }] });
        this.afterChange([{ op: 'update', id: n.id, patch: { text: value } }]);
      } else {
        this.commit('Edit text', [{ op: 'update', id: n.id, patch: { text: value } }]);
      }
    }
    this.syncTransformer();
    this.drawLive();
    if (mode === 'next') {
      const below = { x: n.x + n.width / 2, y: n.y + n.height + NOTE_GAP + n.height / 2 };
      this.createNote(below, { size: { width: n.width, height: n.height }, color: n.color });
    }
  }

  get editingId(): string | null {
    return this.editSession?.id ?? null;
  }

  /** Pans (same zoom) so a note is fully in view, if it is not. */
  private ensureVisible(n: BoardNote): void {
    if (this.viewport.width === 0) return;
    const view = viewRect(this.camera, this.viewport);
    const margin = 24 / this.camera.zoom;
    if (containsRect(view, padRect(n, 0)) && n.y + n.height + margin < view.y + view.height) return;
    let { x, y } = this.camera;
    if (n.x < view.x) x = n.x - margin;
    else if (n.x + n.width > view.x + view.width) x = n.x + n.width + margin - view.width;
    if (n.y < view.y) y = n.y - margin;
    else if (n.y + n.height + margin > view.y + view.height) y = n.y + n.height + margin - view.height;
    if (x !== this.camera.x || y !== this.camera.y) this.setCamera({ x, y, zoom: this.camera.zoom });
  }

  // ---------------------------------------------------------------- clipboard

  copy(e: ClipboardEvent, cut: boolean): void {
    const notes = this.sortedSelection();
    if (notes.length === 0 || !e.clipboardData) return;
    const { json, text } = notesToClipboard(notes);
    e.clipboardData.setData(CLIPBOARD_MIME, json);
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    if (cut) this.commit('Cut', notes.map((n) => ({ op: 'delete', id: n.id })), []);
  }

  paste(e: ClipboardEvent): void {
    const data = e.clipboardData;
    if (!data) return;
    const incoming = notesFromClipboard(data.getData(CLIPBOARD_MIME), data.getData('text/plain'), this.ui.getState().color);
    if (incoming.length === 0) return;
    e.preventDefault();
    this.pasteNotes(incoming);
  }

  /** Places notes (positions relative to each other) centred at the pointer or the view. */
  pasteNotes(incoming: Omit<BoardNote, 'id'>[]): string[] {
    const rect = unionRects(incoming);
    if (!rect) return [];
    const at = this.pointerOrCenter();
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
    this.commit('Paste', created.map((note) => ({ op: 'create', note })), created.map((n) => n.id));
    return created.map((n) => n.id);
  }

  // ---------------------------------------------------------------- pointer

  setSpace(down: boolean): void {
    this.spaceDown = down;
    this.ui.setState({ panning: down });
    this.updateCursor();
  }

  /** Pointer input on the canvas; the wheel anywhere on the board (over the editor and HUD too). */
  private listen(el: HTMLElement, host: HTMLElement): () => void {
    const local = (e: { clientX: number; clientY: number }): Point => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const down = (e: PointerEvent) => this.pointerDown(e, local(e), el);
    const move = (e: PointerEvent) => this.pointerMove(e, local(e));
    const up = (e: PointerEvent) => this.pointerUp(e);
    const leave = () => {
      if (!this.gesture) this.pointer = null;
    };
    const dbl = (e: MouseEvent) => this.doubleClick(local(e));
    const wheel = (e: WheelEvent) => this.wheel(e, local(e));
    const menu = (e: MouseEvent) => e.preventDefault();
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('pointerleave', leave);
    el.addEventListener('dblclick', dbl);
    host.addEventListener('wheel', wheel, { passive: false });
    el.addEventListener('contextmenu', menu);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('pointerleave', leave);
      el.removeEventListener('dblclick', dbl);
      host.removeEventListener('wheel', wheel);
      el.removeEventListener('contextmenu', menu);
    };
  }

  private wheel(e: WheelEvent, p: Point): void {
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.viewport.height : 1;
    if (e.ctrlKey || e.metaKey) {
      this.zoomBy(wheelZoomFactor(e.deltaY * unit), p);
    } else {
      // Two-finger scroll pans; shift+wheel on a mouse pans sideways.
      const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
      const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY;
      this.setCamera(panBy(this.camera, -dx * unit, -dy * unit));
    }
  }

  /** Pointer-down on the stage; a transformer handle is left to Konva. */
  pointerDown(e: PointerEvent, p: Point, el?: HTMLElement): void {
    this.pointer = p;
    if (this.gesture) return;
    const parts = this.parts;
    if (parts && e.button === 0) {
      const hit = parts.stage.getIntersection(p);
      if (hit && hit.getParent() === parts.transformer) return;
    }
    if (this.editSession) this.commitEdit(this.currentEditText ?? '', 'leave');
    if (this.ui.getState().headerMenu) this.openHeaderMenu(null);
    const pan = e.button === 1 || (e.button === 0 && (this.spaceDown || this.ui.getState().tool === 'hand'));
    if (pan) {
      e.preventDefault();
      this.gesture = { kind: 'pan', pointerId: e.pointerId, last: p };
      this.updateCursor();
    } else if (e.button === 0) {
      const b = screenToBoard(this.camera, p);
      const shift = e.shiftKey || e.metaKey || e.ctrlKey;
      const emotionStage = shift ? null : this.emotionPointAt(b);
      const hit = emotionStage ? null : this.index.hitTest(b);
      const header = !hit && !emotionStage && !shift && this.frame ? hitTest(this.frame, b) : null;
      if (emotionStage) {
        this.setSelection([]);
        this.gesture = { kind: 'emotion', pointerId: e.pointerId, start: p, stageId: emotionStage, moved: false };
      } else if (header && (header.type === 'stage' || header.type === 'lane')) {
        this.setSelection([]);
        this.gesture = { kind: 'header', pointerId: e.pointerId, start: p, axis: header.type, id: header.id, index: header.index, slot: null };
      } else if (hit) {
        if (shift) {
          const next = new Set(this.selection);
          if (next.has(hit)) next.delete(hit);
          else next.add(hit);
          this.setSelection(next);
        } else if (!this.selection.has(hit)) {
          this.setSelection([hit]);
        }
      } else if (!shift) {
        this.setSelection([]);
      }
      if (!this.gesture) this.gesture = { kind: 'press', pointerId: e.pointerId, start: p, startBoard: b, hit, shift };
    } else {
      return;
    }
    try {
      el?.setPointerCapture(e.pointerId);
    } catch {
      // A synthetic event may have no active pointer to capture.
    }
  }

  pointerMove(e: PointerEvent, p: Point): void {
    this.pointer = p;
    const g = this.gesture;
    if (!g) {
      this.hoverCursor(p);
      return;
    }
    if (g.pointerId !== e.pointerId) return;
    if (g.kind === 'pan') {
      const dx = p.x - g.last.x;
      const dy = p.y - g.last.y;
      g.last = p;
      this.setCamera(panBy(this.camera, dx, dy));
      return;
    }
    const b = screenToBoard(this.camera, p);
    if (g.kind === 'header' || g.kind === 'emotion') {
      if (g.kind === 'header' ? g.slot === null : !g.moved) {
        if (Math.hypot(p.x - g.start.x, p.y - g.start.y) < DRAG_THRESHOLD) return;
      }
      const frame = this.frame;
      if (!frame) return;
      if (g.kind === 'header') {
        g.slot = dropSlot(frame, g.axis, g.axis === 'stage' ? b.x : b.y);
        this.frameHighlight = { type: g.axis, id: g.id };
        this.parts?.frameLayer.batchDraw();
        this.drawLive();
      } else if (this.curve) {
        g.moved = true;
        this.emotionPreview = { stageId: g.stageId, score: scoreAtY(b.y, this.curve.top, this.curve.bottom) };
        this.parts?.frameLayer.batchDraw();
        this.drawLive();
      }
      return;
    }
    if (g.kind === 'press') {
      if (Math.hypot(p.x - g.start.x, p.y - g.start.y) < DRAG_THRESHOLD) return;
      if (g.hit && this.selection.has(g.hit)) {
        this.lifted = new Set(this.selection);
        this.contentVersion++;
        this.liftOffset = { dx: 0, dy: 0 };
        this.gesture = { kind: 'drag', pointerId: g.pointerId, startBoard: g.startBoard, dx: 0, dy: 0 };
        this.syncTransformer();
        this.parts?.transformer.nodes([]);
        this.parts?.staticLayer.batchDraw();
      } else if (g.hit) {
        return;
      } else {
        this.gesture = { kind: 'marquee', pointerId: g.pointerId, startBoard: g.startBoard, base: g.shift ? new Set(this.selection) : new Set() };
        this.parts?.marquee.visible(true);
      }
    }
    const cur = this.gesture;
    if (cur?.kind === 'drag') {
      cur.dx = b.x - cur.startBoard.x;
      cur.dy = b.y - cur.startBoard.y;
      this.liftOffset = { dx: cur.dx, dy: cur.dy };
      const over = this.frame ? hitTest(this.frame, b) : null;
      this.dropCell = over?.type === 'cell' ? { stageId: over.stageId, laneId: over.laneId } : null;
      this.drawLive();
    } else if (cur?.kind === 'marquee') {
      const r = rectFromPoints(cur.startBoard, b);
      this.parts?.marquee.setAttrs(r);
      const ids = new Set(cur.base);
      for (const id of this.index.query(r)) ids.add(id);
      this.setSelection(ids);
    }
  }

  pointerUp(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || g.pointerId !== e.pointerId) return;
    this.finishGesture();
  }

  /** Ends the current gesture, committing a drag as one undo step. */
  private finishGesture(): void {
    const g = this.gesture;
    this.gesture = null;
    if (!g) return;
    if (g.kind === 'drag') {
      const { dx, dy } = g;
      const ids = [...this.lifted];
      this.lifted = new Set();
      this.dropCell = null;
      this.contentVersion++;
      this.liftOffset = { dx: 0, dy: 0 };
      let changes: NoteChange[] = [];
      let label = ids.length === 1 ? 'Move note' : `Move ${ids.length} notes`;
      if (Math.round(dx) !== 0 || Math.round(dy) !== 0) {
        const notes = ids.map((id) => this.notes.get(id)).filter((n): n is BoardNote => !!n);
        // The pointer decides: over a cell the notes join it, outside the frame they are freed.
        const at = { x: g.startBoard.x + dx, y: g.startBoard.y + dy };
        const target = this.frame ? dropTargetOf(hitTest(this.frame, at), (id) => this.lanes.find((l) => l.id === id)?.kind) : ({ type: 'none' } as const);
        changes = dropChanges(notes, dx, dy, target, clampCoord);
        if (target.type === 'cell') label = ids.length === 1 ? 'Move note into cell' : `Move ${ids.length} notes into cell`;
      }
      if (changes.length) this.commit(label, changes);
      this.syncTransformer();
      this.redrawAll();
    } else if (g.kind === 'marquee') {
      this.parts?.marquee.visible(false);
      this.drawLive();
    } else if (g.kind === 'header') {
      this.frameHighlight = null;
      if (g.slot === null) {
        this.openHeaderMenu({ type: g.axis, id: g.id });
      } else {
        void this.moveHeader({ type: g.axis, id: g.id }, slotToIndex(g.index, g.slot));
      }
      this.parts?.frameLayer.batchDraw();
      this.drawLive();
    } else if (g.kind === 'emotion') {
      const preview = this.emotionPreview;
      this.emotionPreview = null;
      if (g.moved && preview) void this.setStageEmotion(preview.stageId, preview.score);
      this.parts?.frameLayer.batchDraw();
      this.drawLive();
    } else if (g.kind === 'press' && g.hit && !g.shift && this.selection.size > 1) {
      // A click (no drag) on one note of a multi-selection selects just that note.
      this.setSelection([g.hit]);
    }
    this.updateCursor();
  }

  private doubleClick(p: Point): void {
    if (this.ui.getState().tool !== 'select' || this.spaceDown) return;
    const b = screenToBoard(this.camera, p);
    const emotionStage = this.emotionPointAt(b);
    if (emotionStage) {
      // Double-click a point: back to the score derived from the stage's notes.
      void this.setStageEmotion(emotionStage, null);
      return;
    }
    const hit = this.index.hitTest(b);
    if (hit) {
      this.startEditing(hit);
      return;
    }
    const over = this.frame ? hitTest(this.frame, b) : null;
    if (over?.type === 'stage' || over?.type === 'lane') {
      this.editHeader({ type: over.type, id: over.id });
      return;
    }
    if (over?.type === 'corner' || (over?.type === 'cell' && over.collapsed)) return;
    this.createNote(b);
  }

  // ---------------------------------------------------------------- resize

  private onTransformStart(): void {
    const start = new Map<string, Rect>();
    for (const id of this.selection) {
      const n = this.notes.get(id);
      if (n) start.set(id, { x: n.x, y: n.y, width: n.width, height: n.height });
    }
    const box0 = unionRects(start.values());
    if (!box0) return;
    this.resizing = { start, box0, box: box0 };
    this.lifted = new Set(start.keys());
    this.contentVersion++;
    this.parts?.staticLayer.batchDraw();
  }

  /** A Transformer scales its node: turn that back into width/height so the text re-fits live. */
  private onTransform(): void {
    const p = this.parts;
    if (!p || !this.resizing) return;
    const proxy = p.proxy;
    const width = Math.max(1, proxy.width() * proxy.scaleX());
    const height = Math.max(1, proxy.height() * proxy.scaleY());
    proxy.setAttrs({ width, height, scaleX: 1, scaleY: 1 });
    this.resizing.box = { x: proxy.x(), y: proxy.y(), width, height };
    this.drawLive();
  }

  /** Each note's rectangle scaled with the box (positions relative to the box, sizes by its scale). */
  private scaledRects(): Map<string, Rect> {
    const out = new Map<string, Rect>();
    const r = this.resizing;
    if (!r) return out;
    const sx = r.box.width / r.box0.width;
    const sy = r.box.height / r.box0.height;
    for (const [id, s] of r.start) {
      out.set(id, {
        x: r.box.x + (s.x - r.box0.x) * sx,
        y: r.box.y + (s.y - r.box0.y) * sy,
        width: Math.min(NOTE_MAX_SIZE, Math.max(NOTE_MIN_SIZE, s.width * sx)),
        height: Math.min(NOTE_MAX_SIZE, Math.max(NOTE_MIN_SIZE, s.height * sy)),
      });
    }
    return out;
  }

  private onTransformEnd(): void {
    const rects = this.scaledRects();
    const n = rects.size;
    this.resizing = null;
    this.lifted = new Set();
    this.contentVersion++;
    const changes: NoteChange[] = [...rects].map(([id, r]) => ({
      op: 'update',
      id,
      patch: { x: clampCoord(r.x), y: clampCoord(r.y), width: clampSize(r.width), height: clampSize(r.height) },
    }));
    if (changes.length) this.commit(n === 1 ? 'Resize' : `Resize ${n} notes`, changes);
    this.syncTransformer();
    this.redrawAll();
  }

  // ---------------------------------------------------------------- journey frame

  /** Scene function of the frame layer's one shape (stable, like the others). */
  readonly sceneFrame = (ctx: Konva.Context) => this.drawFrameLayer(ctx._context);

  private drawFrameLayer(ctx: CanvasRenderingContext2D): void {
    const frame = this.frame;
    if (!frame) return;
    const { emotions, curve } = this.shownEmotions(frame);
    drawFrame(ctx, frame, emotions, { stages: this.stages, lanes: this.lanes, scale: this.camera.zoom, highlight: this.frameHighlight, curve });
  }

  /** The emotions and curve as shown: with the dragged point's score while one is dragged. */
  private shownEmotions(frame: FrameLayout): { emotions: StageEmotion[]; curve: EmotionCurve | null } {
    const preview = this.emotionPreview;
    if (!preview) return { emotions: this.emotions, curve: this.curve };
    const emotions = this.emotions.map((e) => (e.stageId === preview.stageId ? { ...e, score: preview.score, manual: true } : e));
    return { emotions, curve: emotionCurve(frame, emotions) };
  }

  /** The curve and faces above the notes, so notes in the Emotions lane never hide a draggable point. */
  private drawCurveOnTop(ctx: CanvasRenderingContext2D, frame: FrameLayout): void {
    const { emotions, curve } = this.shownEmotions(frame);
    drawCurveOnTop(ctx, frame, curve, emotions, this.camera.zoom);
  }

  /** Drop target and header drop indicator, on the interaction layer under the lifted notes. */
  private drawFrameFeedback(ctx: CanvasRenderingContext2D): void {
    const frame = this.frame;
    if (!frame) return;
    const zoom = this.camera.zoom;
    this.drawCurveOnTop(ctx, frame);
    if (this.dropCell && this.lifted.size > 0) {
      const cell = frame.cells.find((c) => c.stageId === this.dropCell!.stageId && c.laneId === this.dropCell!.laneId);
      if (cell) {
        const r = cell.rect;
        ctx.fillStyle = 'rgba(47, 107, 255, 0.10)';
        ctx.fillRect(r.x, r.y, r.width, r.height);
        ctx.strokeStyle = SELECTION;
        ctx.lineWidth = 2 / zoom;
        ctx.setLineDash([6 / zoom, 4 / zoom]);
        ctx.strokeRect(r.x + 1 / zoom, r.y + 1 / zoom, r.width - 2 / zoom, r.height - 2 / zoom);
        ctx.setLineDash([]);
      }
    }
    const g = this.gesture;
    if (g?.kind === 'header' && g.slot !== null) {
      const at = dropSlotPosition(frame, g.axis, g.slot);
      const w = 4 / zoom;
      ctx.fillStyle = SELECTION;
      if (g.axis === 'stage') ctx.fillRect(at - w / 2, frame.rect.y - 6 / zoom, w, frame.rect.height + 12 / zoom);
      else ctx.fillRect(frame.rect.x - 6 / zoom, at - w / 2, frame.rect.width + 12 / zoom, w);
    }
  }

  /**
   * Lays the frame out again and moves every note in a cell to its place. Called when stages,
   * lanes, cell membership, note sizes or a cell note's position change, never per camera move.
   * Positions the layout changes are saved (they are what the store holds), but are not undo steps:
   * undoing the change that caused them lays the cells out again.
   */
  private relayout(): void {
    if (this.stages.length === 0 || this.lanes.length === 0) {
      for (const id of this.hidden) {
        const n = this.notes.get(id);
        if (n) this.index.upsert(n);
      }
      this.hidden.clear();
      this.frame = null;
      this.curve = null;
      this.emotions = [];
      this.frameChanged();
      return;
    }
    const frame = layoutBoardFrame(this.stages, this.lanes, this.notes.values());
    const moved: NoteChange[] = [];
    const movedNotes: BoardNote[] = [];
    const nowHidden = new Set<string>();
    for (const p of frame.placements) {
      if (p.hidden) {
        nowHidden.add(p.id);
        this.index.remove(p.id);
        this.selection.delete(p.id);
        continue;
      }
      const n = this.notes.get(p.id)!;
      const x = clampCoord(p.x);
      const y = clampCoord(p.y);
      if (n.x !== x || n.y !== y) {
        const next = { ...n, x, y };
        this.notes.set(n.id, next);
        movedNotes.push(next);
        moved.push({ op: 'update', id: n.id, patch: { x, y } });
      } else if (!this.index.has(n.id)) {
        movedNotes.push(n);
      }
    }
    for (const id of this.hidden) {
      if (nowHidden.has(id)) continue;
      const n = this.notes.get(id);
      if (n) movedNotes.push(n);
    }
    this.hidden = nowHidden;
    if (movedNotes.length > BoardController.BULK_INDEX) {
      // A row that grew moves every note below it: one bulk load (paint order kept) beats
      // thousands of R-tree removes and inserts.
      const shown = [...this.notes.values()].filter((n) => !nowHidden.has(n.id));
      shown.sort((a, b) => this.index.order(a.id) - this.index.order(b.id));
      this.index.load(shown);
    } else {
      for (const n of movedNotes) this.index.upsert(n);
    }
    if (moved.length) {
      this.contentVersion++;
      this.queue.enqueue(moved);
    }
    this.frame = frame;
    this.emotions = mapStageEmotions(this.stages, [...this.notes.values()]);
    this.curve = emotionCurve(frame, this.emotions);
    this.frameChanged();
  }

  private frameChanged(): void {
    this.ui.setState((s) => ({ frameVersion: s.frameVersion + 1, selectionCount: this.selection.size }));
    const p = this.parts;
    // With no frame its canvas is hidden, so the compositor has one full-window canvas less.
    if (p && p.frameLayer.visible() !== (this.frame !== null)) p.frameLayer.visible(this.frame !== null);
    p?.frameLayer.batchDraw();
    for (const fn of this.docListeners) fn();
  }

  /** Whether these changes can move the frame or what is in its cells. */
  private touchesFrame(changes: readonly NoteChange[], before: ReadonlySet<string>): boolean {
    if (this.stages.length === 0 || this.lanes.length === 0) return false;
    for (const c of changes) {
      if (c.op === 'create') {
        if (c.note.stageId !== null) return true;
      } else if (c.op === 'delete') {
        if (before.has(c.id)) return true;
      } else {
        const p = c.patch;
        if ('stageId' in p || 'laneId' in p || 'sentiment' in p) return true;
        // Text, colour or channels of a note in a cell change nothing in the layout.
        if (!('x' in p || 'y' in p || 'width' in p || 'height' in p)) continue;
        const n = this.notes.get(c.id);
        if (n && n.stageId !== null && n.laneId !== null) return true;
      }
    }
    return false;
  }

  /** The stage whose emotion point (or "no score yet" mark) is under a board point. */
  private emotionPointAt(b: Point): string | null {
    const frame = this.frame;
    const curve = this.curve;
    if (!frame || !curve) return null;
    const row = frame.rows.find((r) => r.laneId === curve.laneId);
    if (!row || row.collapsed || b.y < row.y || b.y > row.y + row.height) return null;
    const radius = Math.max(14 / this.camera.zoom, 20);
    const scored = new Map(curve.points.map((p) => [p.stageId, p]));
    const zeroY = (curve.top + curve.bottom) / 2;
    for (const col of frame.columns) {
      const p = scored.get(col.stageId);
      const x = col.x + col.width / 2;
      const y = p ? p.y : zeroY;
      if (Math.hypot(b.x - x, b.y - y) <= radius) return col.stageId;
    }
    return null;
  }

  /** Where a stage's emotion point is on the board (tests and the overlay use it). */
  emotionPoint(stageId: string): Point | null {
    const frame = this.frame;
    const curve = this.curve;
    if (!frame || !curve) return null;
    const col = frame.columns.find((c) => c.stageId === stageId);
    if (!col) return null;
    const p = curve.points.find((q) => q.stageId === stageId);
    return { x: col.x + col.width / 2, y: p ? p.y : (curve.top + curve.bottom) / 2 };
  }

  /** A header's rectangle on the board. */
  headerRect(ref: HeaderRef): Rect | null {
    const frame = this.frame;
    if (!frame) return null;
    if (ref.type === 'stage') return frame.columns.find((c) => c.stageId === ref.id)?.header ?? null;
    return frame.rows.find((r) => r.laneId === ref.id)?.header ?? null;
  }

  openHeaderMenu(ref: HeaderRef | null): void {
    this.ui.setState({ headerMenu: ref, headerEdit: null });
  }

  editHeader(ref: HeaderRef, field: 'name' | 'description' = 'name'): void {
    this.ui.setState({ headerEdit: { ...ref, field }, headerMenu: null });
  }

  /** Runs a structure call after those before it; a refusal is shown and resolves to null. */
  private structure<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M> | null> {
    const run = this.structureChain.then(() => this.api.call(method, input));
    const shown = run.catch((err: unknown) => {
      showError(err);
      return null;
    });
    this.structureChain = shown;
    return shown;
  }

  /** Resolves when no structure call is in flight. */
  structureIdle(): Promise<void> {
    return this.structureChain.then(() => undefined);
  }

  /** Applies a local structure change now, saves it, and puts it back if the store refuses. */
  private async optimistic<M extends MethodName>(apply: () => void, method: M, input: MethodInput<M>): Promise<boolean> {
    const stages = this.stages.map((s) => ({ ...s }));
    const lanes = this.lanes.map((l) => ({ ...l }));
    apply();
    this.structureLaidOut();
    const ok = (await this.structure(method, input)) !== null;
    if (!ok) {
      this.stages = stages;
      this.lanes = lanes;
      this.structureLaidOut();
    }
    return ok;
  }

  private structureLaidOut(): void {
    this.relayout();
    this.requery();
    this.syncTransformer();
    this.redrawAll();
  }

  renameHeader(ref: HeaderRef, field: 'name' | 'description', value: string): Promise<boolean> {
    const text = field === 'name' ? value.trim() : value.replace(/\s+/g, ' ').trim();
    if (field === 'name' && text === '') return Promise.resolve(false);
    if (ref.type === 'stage') {
      const stage = this.stages.find((s) => s.id === ref.id);
      if (!stage || stage[field] === text) return Promise.resolve(false);
      return this.optimistic(
        () => (this.stages = this.stages.map((s) => (s.id === ref.id ? { ...s, [field]: text } : s))),
        'stages.update',
        field === 'name' ? { id: ref.id, name: text } : { id: ref.id, description: text },
      );
    }
    const lane = this.lanes.find((l) => l.id === ref.id);
    if (!lane || field !== 'name' || lane.name === text) return Promise.resolve(false);
    return this.optimistic(() => (this.lanes = this.lanes.map((l) => (l.id === ref.id ? { ...l, name: text } : l))), 'lanes.update', { id: ref.id, name: text });
  }

  /** Sets a stage's emotion by hand (a score) or back to derived from its notes (null). */
  setStageEmotion(stageId: string, emotion: number | null): Promise<boolean> {
    const stage = this.stages.find((s) => s.id === stageId);
    if (!stage || stage.emotion === emotion) return Promise.resolve(false);
    return this.optimistic(() => (this.stages = this.stages.map((s) => (s.id === stageId ? { ...s, emotion } : s))), 'stages.update', { id: stageId, emotion });
  }

  toggleLaneCollapsed(laneId: string): Promise<boolean> {
    const lane = this.lanes.find((l) => l.id === laneId);
    if (!lane) return Promise.resolve(false);
    const collapsed = !lane.collapsed;
    return this.optimistic(() => (this.lanes = this.lanes.map((l) => (l.id === laneId ? { ...l, collapsed } : l))), 'lanes.update', { id: laneId, collapsed });
  }

  /** Moves a stage or lane to `toIndex` (the notes follow their column or row). */
  moveHeader(ref: HeaderRef, toIndex: number): Promise<boolean> {
    const list = ref.type === 'stage' ? this.stages : this.lanes;
    const from = list.findIndex((x) => x.id === ref.id);
    if (from < 0) return Promise.resolve(false);
    const ids = reorder(list.map((x) => x.id), from, toIndex);
    if (ids.every((id, i) => id === list[i]!.id)) return Promise.resolve(false);
    if (ref.type === 'stage') {
      const byId = new Map(this.stages.map((s) => [s.id, s]));
      return this.optimistic(() => (this.stages = ids.map((id, position) => ({ ...byId.get(id)!, position }))), 'stages.reorder', { mapId: this.mapId, ids });
    }
    const byId = new Map(this.lanes.map((l) => [l.id, l]));
    return this.optimistic(() => (this.lanes = ids.map((id, position) => ({ ...byId.get(id)!, position }))), 'lanes.reorder', { mapId: this.mapId, ids });
  }

  /** Adds a stage at `index` (default: last) and opens its name for typing. */
  async addStage(index = this.stages.length): Promise<string | null> {
    const stage = await this.structure('stages.create', { mapId: this.mapId, name: 'New stage', index });
    if (!stage) return null;
    const next = this.stages.filter((s) => s.id !== stage.id);
    next.splice(Math.min(index, next.length), 0, stage);
    this.stages = next.map((s, position) => ({ ...s, position }));
    this.structureLaidOut();
    this.editHeader({ type: 'stage', id: stage.id });
    return stage.id;
  }

  /** Adds a custom lane at `index` (default: last) and opens its name for typing. */
  async addLane(index = this.lanes.length): Promise<string | null> {
    const lane = await this.structure('lanes.create', { mapId: this.mapId, name: 'New lane', kind: 'custom', index });
    if (!lane) return null;
    const next = this.lanes.filter((l) => l.id !== lane.id);
    next.splice(Math.min(index, next.length), 0, lane);
    this.lanes = next.map((l, position) => ({ ...l, position }));
    this.structureLaidOut();
    this.editHeader({ type: 'lane', id: lane.id });
    return lane.id;
  }

  /** How many notes sit in a stage's column or a lane's row (what a delete would free). */
  notesIn(ref: HeaderRef): number {
    let n = 0;
    for (const note of this.notes.values()) {
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
    this.openHeaderMenu(null);
    // The store moves the notes; it must have the board's latest positions first.
    const saved = await Promise.race([this.saveAll().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), SAVE_WAIT_MS))]);
    if (!saved) {
      showError(new Error(`The latest changes are not saved yet, so the ${ref.type} was not deleted. Try again when the status says Saved.`));
      return false;
    }
    const done = ref.type === 'stage' ? await this.structure('stages.delete', { id: ref.id }) : await this.structure('lanes.delete', { id: ref.id });
    if (!done) return false;
    await this.reload();
    return true;
  }

  /** Sends every queued note change and waits until the store has them. */
  private async saveAll(): Promise<void> {
    if (this.editSession) this.commitEdit(this.currentEditText ?? '', 'leave');
    this.queue.flush();
    await this.queue.whenIdle();
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
        map = await this.api.call('maps.get', { id: this.mapId });
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
    this.finishGesture();
    this.stages = [...map.stages].sort((a, b) => a.position - b.position);
    this.lanes = [...map.lanes].sort((a, b) => a.position - b.position);
    this.notes.clear();
    for (const n of map.notes) {
      const { mapId: _m, createdAt: _c, updatedAt: _u, ...rest } = n;
      this.notes.set(n.id, { ...rest, channels: n.channels ?? [], personaIds: n.personaIds ?? [] });
    }
    this.index.load(this.notes.values());
    this.hidden.clear();
    this.history.clear();
    this.contentVersion++;
    this.selection = new Set([...this.selection].filter((id) => this.notes.has(id)));
    this.relayout();
    this.requery();
    this.syncTransformer();
    this.redrawAll();
    this.ui.setState({
      canUndo: false,
      canRedo: false,
      selectionCount: this.selection.size,
      noteCount: this.notes.size,
      docVersion: this.ui.getState().docVersion + 1,
    });
    for (const fn of this.docListeners) fn();
  }

  /** Toggles a channel on the selected notes (one undo step). */
  toggleChannel(channel: Channel): void {
    const notes = [...this.selection].map((id) => this.notes.get(id)).filter((n): n is BoardNote => !!n);
    const changes = toggleChannelChanges(notes, channel);
    if (changes.length) this.commit('Channels', changes);
  }

  // ---------------------------------------------------------------- personas

  /**
   * The persona lens: notes tagged with it are drawn as usual, every other note dimmed. Null (or
   * a persona the map does not have) turns it off. Session state: not saved, not undoable.
   */
  setLens(personaId: string | null): void {
    this.lensRequested = personaId;
    this.applyLens();
  }

  /** The persona whose lens is on, or null. */
  get lens(): string | null {
    return this.ui.getState().lens;
  }

  private applyLens(): void {
    const id = this.lensRequested;
    const lens = id !== null && this.personas.some((p) => p.id === id) ? id : null;
    if (lens === this.ui.getState().lens) return;
    this.ui.setState({ lens });
    // The far-zoom region cache holds the old alphas.
    this.contentVersion++;
    this.redrawAll();
  }

  /**
   * The map's personas changed in the panel (added, renamed, recoloured, deleted). A deleted
   * persona's notes were untagged by the store, so its id leaves the board's notes too: in place,
   * with no undo step and no write, and out of the undo history and anything still to be written.
   */
  setPersonas(personas: readonly Persona[]): void {
    const next = sortPersonas(personas);
    const kept = new Set(next.map((p) => p.id));
    const gone = new Set(this.personas.map((p) => p.id).filter((id) => !kept.has(id)));
    this.personas = next;
    if (gone.size > 0) {
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
      if (changed) {
        this.contentVersion++;
        this.redrawAll();
        this.ui.setState({ docVersion: this.ui.getState().docVersion + 1 });
        for (const fn of this.docListeners) fn();
      }
    }
    this.ui.setState({ personas: next });
    this.applyLens();
  }

  /** Toggles a persona on the selected notes: one undo step (removed from all when all have it). */
  togglePersona(personaId: string): void {
    if (!this.personas.some((p) => p.id === personaId)) return;
    const changes = togglePersonaChanges(this.selectedNotes(), personaId);
    if (changes.length) this.commit('Personas', changes);
  }

  private withoutGonePersonas(call: SaveCall): SaveCall {
    const gone = this.gonePersonas;
    if (call.kind === 'create') {
      return { kind: 'create', notes: call.notes.map((n) => (n.personaIds.some((p) => gone.has(p)) ? { ...n, personaIds: n.personaIds.filter((p) => !gone.has(p)) } : n)) };
    }
    if (call.kind === 'update') return { kind: 'update', patches: call.patches.map((p) => patchWithoutPersonas(p, gone)) };
    return call;
  }

  /** The selected notes (copies), for the HUD. */
  selectedNotes(): BoardNote[] {
    return [...this.selection].map((id) => this.notes.get(id)).filter((n): n is BoardNote => !!n);
  }

  // ---------------------------------------------------------------- test hook

  /** What `window.__journeyboardBoard` exposes (see README.md). */
  testHook() {
    return {
      setCamera: (c: Camera) => this.setCamera(c),
      getCamera: (): Camera => ({ ...this.camera }),
      fitAll: () => this.fitAll(),
      noteCount: () => this.notes.size,
      visibleCount: () => this.visibleCount(),
      drawnCount: () => this.drawnCount,
      nextFrame: () => this.nextFrame(),
      saved: () => this.queue.whenIdle(),
      notes: (): BoardNote[] => [...this.notes.values()].map((n) => ({ ...n })),
      selection: (): string[] => [...this.selection],
      ready: this.ready,
      stages: () => this.stages.map((s) => ({ ...s })),
      lanes: () => this.lanes.map((l) => ({ ...l })),
      frame: () =>
        this.frame
          ? {
              rect: { ...this.frame.rect },
              columns: this.frame.columns.map((c) => ({ stageId: c.stageId, x: c.x, width: c.width, header: { ...c.header } })),
              rows: this.frame.rows.map((r) => ({ laneId: r.laneId, y: r.y, height: r.height, collapsed: r.collapsed, header: { ...r.header } })),
            }
          : null,
      emotionPoint: (stageId: string) => this.emotionPoint(stageId),
      structureIdle: () => this.structureIdle(),
      lens: () => this.lens,
    };
  }
}

export type BoardTestHook = ReturnType<BoardController['testHook']>;

function sortPersonas(personas: readonly Persona[]): Persona[] {
  return [...personas].sort((a, b) => a.position - b.position);
}
