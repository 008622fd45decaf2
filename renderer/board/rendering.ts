/**
 * Everything the board draws, into the Konva nodes Board.tsx makes: the frame layer, the notes
 * layer (the notes the spatial index returns for the padded view) and the interaction layer
 * (lifted and resized notes, selection outlines, drop feedback, the emotion curve on top).
 * A pan within the canvases' padding only moves them by CSS (README.md, "Panning cost").
 */
import type Konva from 'konva';
import { containsRect, intersects, padRect, unionRects, type Rect } from '../../shared/board/camera';
import type { BoardNote } from '../../shared/board/history';
import { dropSlotPosition } from '../../shared/journey';
import { drawCurveOnTop, drawFrame } from '../journey/drawFrame';
import { bitmapCapacity, bitmapScale, drawBlocks, drawNotes, hasOtherBitmap, isBlockLevel, prepareBitmaps, type DrawResult } from './drawNotes';
import { NotePatches, PATCH_MAX_RECTS, patchRegion, reachOf, uniqueRects, type PatchHost } from './livePatch';
import type { BoardCore } from './core';
import type { NoteMarks } from './noteMarks';
import type { Camera } from '../../shared/domain';
import { boardPalette, SELECTION } from './theme';

/** Fraction of the view added on every side of the region queried from the index. */
const QUERY_PAD = 0.5;
/**
 * The notes and frame canvases reach this fraction of the view's larger side past it on every
 * side (at most CANVAS_PAD_MAX screen pixels), so a pan moves them by a CSS transform and redraws
 * them only when the view leaves what they hold.
 */
const CANVAS_PAD = 0.25;
const CANVAS_PAD_MAX = 400;
/** A steady pan past the padding redraws the canvases this fraction of the padding ahead of the view. */
const PAN_LEAD = 0.75;

export class BoardRenderer {
  /** Notes drawn in the last static-layer frame (the view, not the padded query). */
  drawnCount = 0;
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private readyDone = false;
  private frameListeners: (() => void)[] = [];
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
  /** The lead of the last redraw, while the notes ahead of it may lack bitmaps. */
  private ahead: { x: number; y: number } | null = null;
  /** The camera at the last camera move (a pan's direction is the step from it). */
  private lastCamera: Camera | null = null;
  /** The interaction layer's canvas may hold something (it is cleared once more after that). */
  private liveDirty = true;
  /** The camera the interaction layer was last placed for (it is placed only when drawn). */
  private liveCamera: Camera | null = null;
  /** The notes the index returned for `queryRect`, in paint order. */
  private visible: BoardNote[] = [];
  private queryRect: Rect | null = null;
  /** Bumped whenever what the notes layer shows changes (document or lifted notes). */
  private contentVersion = 0;
  /**
   * Far out, the padded region's blocks are painted once into this canvas; panning then copies
   * the part in view instead of filling thousands of rectangles each frame.
   */
  private regionCache: { canvas: HTMLCanvasElement; rect: Rect; zoom: number; version: number } | null = null;
  private regionSettle: ReturnType<typeof setTimeout> | null = null;
  /** Parts of the notes canvas to draw again: live merges, and notes drawn before their bitmaps were made. */
  private readonly patches: NotePatches;

  constructor(private readonly core: BoardCore) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.patches = new NotePatches(this.patchHost());
  }

  /** Scene functions for Board.tsx's shapes (stable, so react-konva never re-applies them). */
  readonly sceneStatic = (ctx: Konva.Context) => this.drawStatic(ctx._context);
  readonly sceneLifted = (ctx: Konva.Context) => this.drawLifted(ctx._context);
  readonly sceneSelection = (ctx: Konva.Context) => this.drawSelection(ctx._context);
  readonly sceneFrame = (ctx: Konva.Context) => this.drawFrameLayer(ctx._context);

  /** The persona lens asked for (the map screen's `lensPersonaId`); on only while the map has it. */
  private lensRequested: string | null = null;

  /** Vote badges and the top-N filter (renderer/prioritise), drawn over the notes; null: none. */
  marks: NoteMarks | null = null;

  /** Shows other vote badges or another top-N filter: one redraw from the cached note bitmaps. */
  setMarks(marks: NoteMarks | null): void {
    this.marks = marks;
    // The far-zoom region cache holds the old dimming.
    this.invalidate();
    this.redrawAll();
  }

  /**
   * The persona lens: notes tagged with it are drawn as usual, every other note dimmed. Null (or
   * a persona the map does not have) turns it off. Session state: not saved, not undoable.
   */
  setLens(personaId: string | null): void {
    this.lensRequested = personaId;
    this.applyLens();
  }

  /** The personas changed: the picker shows them, and a lens on a deleted one goes off. */
  personasChanged(): void {
    this.core.ui.setState({ personas: this.core.model.personas });
    this.applyLens();
  }

  private applyLens(): void {
    const id = this.lensRequested;
    const lens = id !== null && this.core.model.personas.some((p) => p.id === id) ? id : null;
    if (lens === this.core.ui.getState().lens) return;
    this.core.ui.setState({ lens });
    // The far-zoom region cache holds the old alphas.
    this.invalidate();
    this.redrawAll();
  }

  /** What the notes layer shows changed: the far-zoom region cache is stale. */
  invalidate(): void {
    this.contentVersion++;
  }

  attached(): void {
    this.liveCamera = null;
    this.sizeCanvases();
  }

  detached(): void {
    if (this.zoomRest) clearTimeout(this.zoomRest);
    this.zoomRest = null;
  }

  viewportChanged(): void {
    this.queryRect = null;
    this.sizeCanvases();
  }

  /** Resolves after the notes layer next draws. */
  nextFrame(): Promise<void> {
    return new Promise((resolve) => {
      this.frameListeners.push(resolve);
      this.core.konva?.staticLayer.batchDraw();
    });
  }

  /**
   * Sizes the notes and frame canvases to the view plus `canvasPad` on every side (placed that far
   * up and left of the stage) and draws everything for the current camera.
   */
  sizeCanvases(): void {
    const p = this.core.konva;
    if (p) {
      const { width, height } = this.core.camera.viewport;
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
    this.core.camera.apply();
  }

  /** The board region the notes and frame canvases hold (their drawn camera, padded), or null. */
  private drawnRegion(padPx = this.canvasPad): Rect | null {
    const d = this.drawnCamera;
    if (!d) return null;
    const pad = padPx / d.zoom;
    const { width, height } = this.core.camera.viewport;
    return { x: d.x - pad, y: d.y - pad, width: width / d.zoom + 2 * pad, height: height / d.zoom + 2 * pad };
  }

  /** The camera moved: move or redraw the canvases, query the index again if the view left it. */
  cameraMoved(): void {
    const { x, y, zoom } = this.core.camera.camera;
    const p = this.core.konva;
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
      let transform = redraw ? '' : `translate(${dx}px, ${dy}px)`;
      if (d && d.zoom !== zoom) {
        // Zooming redraws every frame anyway: no padding until the zoom rests.
        if (this.zoomRest) clearTimeout(this.zoomRest);
        this.zoomRest = setTimeout(() => {
          this.zoomRest = null;
          this.core.konva?.staticLayer.batchDraw();
        }, 150);
      }
      if (redraw) {
        // A steady pan that ran out of padding: draw the canvas ahead of the motion (the view at
        // its trailing padding), so the next redraw comes after about twice the travel.
        const lead = this.panLead(d, x, y, zoom, pad);
        this.drawnCamera = { x: x + lead.x / zoom, y: y + lead.y / zoom, zoom };
        transform = lead.x !== 0 || lead.y !== 0 ? `translate(${lead.x}px, ${lead.y}px)` : '';
        this.ahead = lead.x !== 0 || lead.y !== 0 ? lead : null;
        for (const layer of [p.frameLayer, p.staticLayer]) {
          layer.position({ x: -this.drawnCamera.x * zoom + pad, y: -this.drawnCamera.y * zoom + pad });
          layer.scale({ x: zoom, y: zoom });
        }
      }
      for (const layer of [p.frameLayer, p.staticLayer]) layer.getCanvas()._canvas.style.transform = transform;
      this.lastCamera = { x, y, zoom };
      const hasFrame = this.core.frame.layout !== null;
      if (p.frameLayer.visible() !== hasFrame) p.frameLayer.visible(hasFrame);
    }
    const view = this.core.camera.view();
    // Re-query only when the drawn region leaves the padded query (or shrank well inside it).
    const region = this.drawnRegion() ?? view;
    if (!this.queryRect || !containsRect(this.queryRect, region) || this.queryRect.width > view.width * 4) this.requery();
    if (p) {
      if (redraw) {
        p.staticLayer.batchDraw();
        if (this.core.frame.layout) p.frameLayer.batchDraw();
      } else if (this.prewarm) {
        // A frame with no drawing: make a few bitmaps of notes the next redraw will bring in, so
        // that redraw does not spend frames on them.
        this.prewarm = !prepareBitmaps(this.visible, zoom, this.drawnListCount, 3, true) || !this.prepareAhead(zoom);
      }
      // The interaction layer follows the view; with nothing on it, it is cleared once, then left.
      // (Even moving it would redraw it: Konva draws a layer again when its attributes change.)
      const busy = this.liveHasContent();
      if (busy || this.liveDirty) {
        this.drawLive();
        this.liveDirty = busy;
      }
    }
  }

  /**
   * Screen pixels to draw the canvases ahead of the view when a redraw is forced by a steady pan
   * (a small step from the last camera at the same zoom, past the padding): three quarters of the
   * padding along each axis the view moves on. Zero for jumps, zooms and the first draw.
   */
  private panLead(d: Camera | null, x: number, y: number, zoom: number, pad: number): { x: number; y: number } {
    const last = this.lastCamera;
    if (!d || d.zoom !== zoom || !last || last.zoom !== zoom || pad === 0 || this.zoomRest) return { x: 0, y: 0 };
    const sx = (x - last.x) * zoom;
    const sy = (y - last.y) * zoom;
    if (Math.abs(sx) > pad / 4 || Math.abs(sy) > pad / 4) return { x: 0, y: 0 };
    const reach = Math.round(pad * PAN_LEAD);
    // Content moves left when the camera moves right: the canvas is drawn for a camera further right.
    return { x: Math.sign(sx) * reach, y: Math.sign(sy) * reach };
  }

  /**
   * While a steady pan leads the canvases: makes the bitmaps of the notes the next lead redraw
   * will hold (the drawn region moved on by the lead plus the padding), 3 ms a frame at most, so
   * that redraw does not make them. True when done (or there is no lead).
   */
  private prepareAhead(zoom: number): boolean {
    const lead = this.ahead;
    const region = this.drawnRegion();
    if (!lead || !region) return true;
    // The next lead redraw holds the region moved on by up to the lead plus the padding on each
    // axis the pan moves on: the notes in that strip that are not on the canvas now.
    const step = (Math.round(this.canvasPad * PAN_LEAD) + this.canvasPad) / zoom;
    const sx = Math.sign(lead.x) * step;
    const sy = Math.sign(lead.y) * step;
    const next = { x: region.x + Math.min(0, sx), y: region.y + Math.min(0, sy), width: region.width + Math.abs(sx), height: region.height + Math.abs(sy) };
    const { notes, index } = this.core.model;
    const list: BoardNote[] = [];
    for (const id of index.query(next)) {
      const n = notes.get(id);
      if (n && !intersects(region, n)) list.push(n);
    }
    // Never more than the bitmap cache holds beside the notes on the canvas (they would evict them).
    if (this.drawnListCount + list.length > bitmapCapacity(zoom, this.drawnListCount)) {
      this.ahead = null;
      return true;
    }
    if (!prepareBitmaps(list, zoom, this.drawnListCount, 3)) return false;
    this.ahead = null;
    return true;
  }

  /** Puts the interaction layer where the camera is, then draws it. */
  drawLive(): void {
    const p = this.core.konva;
    if (!p) return;
    const camera = this.core.camera.camera;
    if (this.liveCamera !== camera) {
      const { x, y, zoom } = camera;
      this.liveCamera = camera;
      p.liveLayer.position({ x: -x * zoom, y: -y * zoom });
      p.liveLayer.scale({ x: zoom, y: zoom });
      p.marquee.strokeWidth(1 / zoom);
      p.transformer.forceUpdate();
    }
    p.liveLayer.batchDraw();
  }

  /** Whether the interaction layer has anything to draw (selection, drag, resize, marquee, the curve). */
  private liveHasContent(): boolean {
    return this.core.editing.selection.size > 0 || this.core.tools.liveBusy() || this.core.frame.layout !== null;
  }

  /** Asks the index again for the notes around the view. */
  requery(): void {
    const view = this.core.camera.view();
    const region = this.drawnRegion();
    const { notes, index } = this.core.model;
    this.queryRect = region ? (unionRects([padRect(view, QUERY_PAD), region]) ?? region) : padRect(view, QUERY_PAD);
    this.visible = [];
    for (const id of index.query(this.queryRect)) {
      const n = notes.get(id);
      if (n) this.visible.push(n);
    }
    this.reachOfVisible();
  }

  /**
   * Whether a change to these notes could show on the canvases: one of them was in the last query
   * (the padded view and the drawn region), or is now (`now`: the notes as they are). Notes written
   * elsewhere, far from the view, need no redraw (board model, live merges).
   */
  showsAny(ids: readonly string[], now: ReadonlyMap<string, BoardNote>): boolean {
    if (!this.queryRect) return true;
    const rect = this.queryRect;
    if (ids.some((id) => { const n = now.get(id); return n !== undefined && intersects(rect, n); })) return true;
    const wanted = new Set(ids);
    return this.visible.some((n) => wanted.has(n.id));
  }

  /**
   * Notes written elsewhere (a live merge) that may show: instead of the whole notes canvas, only
   * the rectangles they covered before and cover now are drawn again, in the next animation frame
   * (merges before it are coalesced into one patch; livePatch.ts `NotePatches`): a note whose
   * bitmap is not made by then shows as a plain card and is drawn again once it is. False when the canvas cannot be patched (not drawn yet, zooming, a drag, a level of
   * detail the merge changes): the caller draws it all.
   */
  patchNotes(ids: readonly string[], created: ReadonlySet<string> = new Set()): boolean {
    const d = this.drawnCamera;
    const p = this.core.konva;
    const rect = this.queryRect;
    if (!p || !d || !rect || !this.readyDone || this.zoomRest || this.core.tools.lifted.size > 0 || d.zoom !== this.core.camera.camera.zoom) return false;
    const wanted = new Set(ids);
    const rects: Rect[] = [];
    for (const n of this.visible) if (wanted.has(n.id)) rects.push(reachOf(n));
    // Notes made elsewhere are on top of every other (the index paints new notes last): drawn over the canvas.
    const onTop: BoardNote[] = [];
    // The notes around the view again, for the same rectangle (the far-zoom region cache stays its own).
    const { notes, index } = this.core.model;
    const view = this.core.camera.view();
    this.visible = [];
    let inView = 0;
    for (const id of index.query(rect)) {
      const n = notes.get(id);
      if (!n) continue;
      this.visible.push(n);
      if (intersects(view, n)) inView++;
      if (!wanted.has(id)) continue;
      if (created.has(id) && this.drawableOnTop(n)) onTop.push(n);
      else rects.push(reachOf(n));
    }
    this.reachOfVisible();
    const blocks = isBlockLevel(d.zoom, this.drawnCount);
    if (blocks !== isBlockLevel(d.zoom, inView)) return false;
    // Far out every note is a block: patched by rectangle.
    if (blocks) rects.push(...onTop.splice(0).map(reachOf));
    // The notes the canvas holds now: bitmaps at another scale (the cache could not hold them all at this one) is a full draw.
    const drawn = this.drawnRegion(this.drawnPad)!;
    let listCount = 0;
    for (const n of this.visible) if (intersects(drawn, n)) listCount++;
    if (!blocks && bitmapScale(d.zoom, listCount) !== bitmapScale(d.zoom, this.drawnListCount)) return false;
    this.drawnListCount = listCount;
    if (blocks) {
      const cache = this.regionCache;
      if (!cache || cache.rect !== rect || cache.version !== this.contentVersion) return false;
      this.invalidate();
      cache.version = this.contentVersion;
      patchRegion(cache, uniqueRects(rects), (clip) => this.notesIn(clip), this.core.ui.getState().lens, this.marks);
    } else this.invalidate();
    this.drawnCount = inView;
    this.patches.add(rects, onTop);
    return true;
  }

  /** The furthest any note the canvas holds draws past its box (`reachOf`), board units. */
  private maxReach = 0;

  private reachOfVisible(): void {
    let side = 0;
    for (const n of this.visible) side = Math.max(side, Math.min(n.width, n.height));
    this.maxReach = reachOf({ x: 0, y: 0, width: side, height: side }).width / 2 - side / 2;
  }

  /** Whether the note is drawn opaque, with no badge, and has no bitmap of another octave (drawing it over the canvas would not match a full draw). */
  private drawableOnTop(n: BoardNote): boolean {
    const lens = this.core.ui.getState().lens;
    const keep = this.marks?.keep ?? null;
    if ((lens !== null && !n.personaIds.includes(lens)) || (keep !== null && !keep.has(n.id)) || this.marks?.badges.has(n.id)) return false;
    const zoom = this.drawnCamera?.zoom ?? this.core.camera.camera.zoom;
    return !hasOtherBitmap(n, bitmapScale(zoom, this.drawnListCount));
  }

  /** The notes the notes canvas holds (the last query, none lifted) whose drawing reaches into `clip`, in paint order. */
  private notesIn(clip: Rect): BoardNote[] {
    const { notes, index } = this.core.model;
    const rect = this.queryRect;
    const lifted = this.core.tools.lifted;
    const out: BoardNote[] = [];
    if (!rect) return out;
    const pad = this.maxReach;
    for (const id of index.query({ x: clip.x - pad, y: clip.y - pad, width: clip.width + 2 * pad, height: clip.height + 2 * pad })) {
      const n = notes.get(id);
      if (n && !lifted.has(id) && intersects(rect, n) && intersects(clip, reachOf(n))) out.push(n);
    }
    return out;
  }

  /** How the live patches (livePatch.ts) reach the notes canvas. */
  private patchHost(): PatchHost {
    return {
      target: () => {
        const p = this.core.konva;
        const d = this.drawnCamera;
        if (!p || !d || this.zoomRest || this.core.tools.lifted.size > 0 || d.zoom !== this.core.camera.camera.zoom) return null;
        const canvas = p.staticLayer.getCanvas();
        const ratio = canvas.getPixelRatio();
        const m = p.staticLayer.getAbsoluteTransform().getMatrix();
        return { ctx: canvas.getContext()._context, t: { k: m[0]! * ratio, e: m[4]! * ratio, f: m[5]! * ratio } };
      },
      notesIn: (clip) => this.notesIn(clip),
      draw: (ctx, list, clip, deadline, waiting) => {
        const zoom = this.drawnCamera!.zoom;
        const lens = this.core.ui.getState().lens;
        if (isBlockLevel(zoom, this.drawnCount)) drawBlocks(ctx, list, zoom, lens, this.marks);
        else drawNotes(ctx, list, zoom, lens, false, this.marks, { count: this.drawnListCount, deadline, waiting, clip });
      },
      prepare: (list, budgetMs) => prepareBitmaps(list, (this.drawnCamera ?? this.core.camera.camera).zoom, this.drawnListCount, this.readyDone ? budgetMs : 3 * budgetMs),
      current: (id) => {
        const n = this.core.model.notes.get(id);
        return n && this.core.model.index.has(id) ? n : undefined;
      },
      onTop: (n) => {
        if (!this.drawableOnTop(n)) return false;
        const { notes, index } = this.core.model;
        const reach = reachOf(n);
        const order = index.order(n.id);
        const pad = this.maxReach;
        for (const id of index.query({ x: reach.x - pad, y: reach.y - pad, width: reach.width + 2 * pad, height: reach.height + 2 * pad })) {
          const o = notes.get(id);
          if (o && index.order(id) > order && intersects(reach, reachOf(o))) return false;
        }
        return true;
      },
      drawOnTop: (ctx, t, n, deadline) => {
        const zoom = this.drawnCamera!.zoom;
        ctx.save();
        ctx.setTransform(t.k, 0, 0, t.k, t.e, t.f);
        const { pending } = drawNotes(ctx, [n], zoom, this.core.ui.getState().lens, false, this.marks, { count: this.drawnListCount, deadline, insetPlaceholder: true, cull: false });
        ctx.restore();
        return pending === 0;
      },
      drawAll: () => this.core.konva?.staticLayer.batchDraw(),
    };
  }

  /** Notes the last query returned (the padded view), in paint order. */
  queried(): readonly BoardNote[] {
    return this.visible;
  }

  redrawAll(): void {
    this.core.konva?.staticLayer.batchDraw();
    this.drawLive();
  }

  /** The frame was laid out again (or went away). */
  frameChanged(): void {
    const p = this.core.konva;
    const hasFrame = this.core.frame.layout !== null;
    // With no frame its canvas is hidden, so the compositor has one full-window canvas less.
    if (p && p.frameLayer.visible() !== hasFrame) p.frameLayer.visible(hasFrame);
    p?.frameLayer.batchDraw();
  }

  /** The frame layer and the interaction layer draw again (a header or emotion drag moved). */
  frameFeedbackChanged(): void {
    this.core.konva?.frameLayer.batchDraw();
    this.drawLive();
  }

  private drawStatic(ctx: CanvasRenderingContext2D): void {
    // The canvas holds the drawn region (the view when it was drawn, plus the padding a pan may
    // bring into view); the level of detail is still decided by the notes in the view itself.
    const camera = this.core.camera;
    const view = camera.view();
    const pad = this.zoomRest ? 0 : this.canvasPad;
    const region = this.drawnRegion(pad) ?? view;
    const lifted = this.core.tools.lifted;
    const lens = this.core.ui.getState().lens;
    this.drawnPad = pad;
    this.prewarm = true;
    // A full draw holds every patch still due.
    this.patches.clear();
    const list: BoardNote[] = [];
    const seen = new Set<string>();
    for (const n of this.visible) {
      if (lifted.has(n.id)) continue;
      if (n.x > region.x + region.width || n.y > region.y + region.height || n.x + n.width < region.x || n.y + n.height < region.y) continue;
      list.push(n);
      if (!(n.x > view.x + view.width || n.y > view.y + view.height || n.x + n.width < view.x || n.y + n.height < view.y)) seen.add(n.id);
    }
    const inView = seen.size;
    const zoom = camera.camera.zoom;
    const blocks = isBlockLevel(zoom, inView);
    const waiting: BoardNote[] = [];
    const result = blocks && this.queryRect ? this.drawRegion(ctx, region, inView) : drawNotes(ctx, list, zoom, lens, blocks, this.marks, { waiting, clip: region, first: seen });
    this.drawnCount = inView;
    this.drawnListCount = list.length;
    if (result.pending > 0) {
      // Notes drawn roughly (plain cards, or a bitmap of another scale) are finished in the next frames, those in
      // view first: each drawn again once its bitmap is made (the whole canvas in the first frame, or for a waiting test).
      waiting.sort((a, b) => Number(seen.has(b.id)) - Number(seen.has(a.id)));
      this.patches.finish(waiting, !this.readyDone || this.frameListeners.length > 0 || waiting.length > PATCH_MAX_RECTS);
      return;
    }
    if (!this.readyDone && camera.viewport.width > 0 && camera.viewport.height > 0) {
      this.readyDone = true;
      this.resolveReady();
      // Now the padding, so that pans from here only move the canvases.
      requestAnimationFrame(() => this.sizeCanvases());
    }
    const listeners = this.frameListeners;
    this.frameListeners = [];
    for (const fn of listeners) fn();
  }

  /** Block level: copy the view's part of the cached region, repainting it when stale. */
  private drawRegion(ctx: CanvasRenderingContext2D, view: Rect, inView: number): DrawResult {
    const zoom = this.core.camera.camera.zoom;
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
        if (this.regionCache && this.regionCache.zoom !== this.core.camera.camera.zoom) {
          this.regionCache = null;
          this.core.konva?.staticLayer.batchDraw();
        }
      }, 150);
    }
    const lifted = this.core.tools.lifted;
    if (!cache) return drawNotes(ctx, this.visible.filter((n) => !lifted.has(n.id)), zoom, this.core.ui.getState().lens, undefined, this.marks);
    const k = cache.canvas.width / rect.width;
    const sx = Math.max(0, view.x - rect.x);
    const sy = Math.max(0, view.y - rect.y);
    const sw = Math.min(rect.width - sx, view.width);
    const sh = Math.min(rect.height - sy, view.height);
    if (sw > 0 && sh > 0) ctx.drawImage(cache.canvas, sx * k, sy * k, sw * k, sh * k, rect.x + sx, rect.y + sy, sw, sh);
    return { drawn: inView, pending: 0 };
  }

  private paintRegion(rect: Rect, zoom: number): BoardRenderer['regionCache'] {
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
    const lifted = this.core.tools.lifted;
    drawBlocks(c, this.visible.filter((n) => !lifted.has(n.id)), zoom, this.core.ui.getState().lens, this.marks);
    this.regionCache = { canvas, rect, zoom, version: this.contentVersion };
    return this.regionCache;
  }

  /** The lifted notes as they are shown now: moved by the drag, or scaled by the resize. */
  private liftedNotes(): BoardNote[] {
    const { tools, model, camera } = this.core;
    const out: BoardNote[] = [];
    const scaled = tools.resize.scaledRects();
    if (scaled) {
      for (const [id, rect] of scaled) {
        const n = model.notes.get(id);
        if (n) out.push({ ...n, ...rect });
      }
      return model.sorted(out);
    }
    const view = padRect(camera.view(), 0.1);
    const { dx, dy } = tools.liftOffset;
    for (const id of tools.lifted) {
      const n = model.notes.get(id);
      if (n && intersects(view, { x: n.x + dx, y: n.y + dy, width: n.width, height: n.height })) out.push({ ...n, x: n.x + dx, y: n.y + dy });
    }
    return model.sorted(out);
  }

  private drawLifted(ctx: CanvasRenderingContext2D): void {
    this.drawFrameFeedback(ctx);
    if (this.core.tools.lifted.size === 0) return;
    if (drawNotes(ctx, this.liftedNotes(), this.core.camera.camera.zoom, this.core.ui.getState().lens, undefined, this.marks).pending > 0) requestAnimationFrame(() => this.drawLive());
  }

  /** Outlines of selected notes in view, one path. */
  private drawSelection(ctx: CanvasRenderingContext2D): void {
    const selection = this.core.editing.selection;
    if (selection.size === 0) return;
    const { camera, tools, model } = this.core;
    const zoom = camera.camera.zoom;
    const view = padRect(camera.view(), 0.05);
    const pad = 3 / zoom;
    const lifted = tools.lifted;
    ctx.beginPath();
    const add = (n: BoardNote) => {
      if (!intersects(view, n)) return;
      ctx.rect(n.x - pad, n.y - pad, n.width + 2 * pad, n.height + 2 * pad);
    };
    if (lifted.size > 0) {
      for (const n of this.liftedNotes()) add(n);
    }
    if (selection.size < this.visible.length) {
      for (const id of selection) {
        const n = model.notes.get(id);
        if (n && !lifted.has(id)) add(n);
      }
    } else {
      for (const n of this.visible) if (selection.has(n.id) && !lifted.has(n.id)) add(n);
    }
    ctx.strokeStyle = SELECTION;
    ctx.lineWidth = 2 / zoom;
    ctx.stroke();
  }

  private drawFrameLayer(ctx: CanvasRenderingContext2D): void {
    const { frame, model, camera, tools } = this.core;
    if (!frame.layout) return;
    const { emotions, curve } = frame.shownEmotions();
    drawFrame(ctx, frame.layout, emotions, { stages: model.stages, lanes: model.lanes, scale: camera.camera.zoom, highlight: tools.frameHighlight(), curve, dark: boardPalette().dark });
  }

  /** The curve on top, the drop target and the header drop indicator, under the lifted notes. */
  private drawFrameFeedback(ctx: CanvasRenderingContext2D): void {
    const { frame: journey, camera, tools } = this.core;
    const frame = journey.layout;
    if (!frame) return;
    const zoom = camera.camera.zoom;
    // The curve and faces above the notes, so notes in the Emotions lane never hide a draggable point.
    const { emotions, curve } = journey.shownEmotions();
    drawCurveOnTop(ctx, frame, curve, emotions, zoom, boardPalette().dark);
    const dropCell = tools.dropCell();
    if (dropCell && tools.lifted.size > 0) {
      const cell = frame.cells.find((c) => c.stageId === dropCell.stageId && c.laneId === dropCell.laneId);
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
    const slot = tools.headerSlot();
    if (slot) {
      const at = dropSlotPosition(frame, slot.axis, slot.slot);
      const w = 4 / zoom;
      ctx.fillStyle = SELECTION;
      if (slot.axis === 'stage') ctx.fillRect(at - w / 2, frame.rect.y - 6 / zoom, w, frame.rect.height + 12 / zoom);
      else ctx.fillRect(frame.rect.x - 6 / zoom, at - w / 2, frame.rect.width + 12 / zoom, w);
    }
  }

  /** Notes intersecting the view. */
  visibleCount(): number {
    return this.core.model.index.query(this.core.camera.view()).length;
  }
}
