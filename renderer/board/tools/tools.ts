/**
 * Pointer input on the board: the DOM listeners, the current tool (select or hand) and the one
 * gesture in progress, a state of its own per kind (tools/*.ts). Ephemeral state the drawing
 * needs (lifted notes and their offset, the header and emotion previews) is read from here.
 */
import { hitTest } from '../../../shared/journey';
import { panBy, screenToBoard, wheelZoomFactor, type Point } from '../../../shared/board/camera';
import type { BoardCore, HeaderRef } from '../core';
import type { Tool } from '../uiStore';
import type { Gesture } from './gesture';
import { PanGesture } from './hand';
import { HeaderDragGesture } from './headerDrag';
import { EmotionDragGesture } from './emotionDrag';
import { DragGesture, PressGesture } from './select';
import { ResizeTool } from './resize';

export class BoardTools {
  readonly resize: ResizeTool;
  /** Notes shown on the interaction layer (dragged or resized), not on the notes layer. */
  lifted = new Set<string>();
  liftOffset = { dx: 0, dy: 0 };
  private gesture: Gesture | null = null;
  /** While set (voting, renderer/prioritise), a click on a note calls it instead of selecting the note. */
  noteClick: ((id: string) => void) | null = null;
  /** The pointer's last screen point over the board, or null when it left. */
  private pointer: Point | null = null;
  private spaceDown = false;

  constructor(private readonly core: BoardCore) {
    this.resize = new ResizeTool(core);
  }

  /** Lifts notes off the notes layer (a drag or resize begins), or puts them back (none). */
  lift(ids: Iterable<string>): void {
    this.lifted = new Set(ids);
    this.liftOffset = { dx: 0, dy: 0 };
    this.core.render.invalidate();
  }

  /** Whether the interaction layer shows a gesture (lifted notes, a resize, a marquee). */
  liveBusy(): boolean {
    return this.lifted.size > 0 || this.resize.active || this.gesture?.kind === 'marquee';
  }

  dropCell(): { stageId: string; laneId: string } | null {
    return this.gesture instanceof DragGesture ? this.gesture.dropCell : null;
  }

  /** The gap a dragged header would drop into. */
  headerSlot(): { axis: 'stage' | 'lane'; slot: number } | null {
    const g = this.gesture;
    return g instanceof HeaderDragGesture && g.slot !== null ? { axis: g.axis, slot: g.slot } : null;
  }

  /** A header being dragged: drawFrame highlights it. */
  frameHighlight(): HeaderRef | null {
    const g = this.gesture;
    return g instanceof HeaderDragGesture && g.slot !== null ? { type: g.axis, id: g.id } : null;
  }

  /** While an emotion point is dragged: its stage and the score under the pointer. */
  emotionPreview(): { stageId: string; score: number } | null {
    return this.gesture instanceof EmotionDragGesture ? this.gesture.preview : null;
  }

  /** The board point for "a new note here": the pointer if it is over the board, else the view's centre. */
  pointerOrCenter(): Point {
    const camera = this.core.camera;
    return this.pointer ? screenToBoard(camera.camera, this.pointer) : camera.viewCenter();
  }

  setTool(tool: Tool): void {
    this.core.ui.setState({ tool });
    this.updateCursor();
  }

  setSpace(down: boolean): void {
    this.spaceDown = down;
    this.core.ui.setState({ panning: down });
    this.updateCursor();
  }

  private updateCursor(): void {
    const el = this.core.konva?.stage.container();
    if (!el) return;
    const panning = this.gesture?.kind === 'pan';
    const hand = this.core.ui.getState().tool === 'hand' || this.spaceDown;
    el.style.cursor = panning ? 'grabbing' : hand ? 'grab' : 'default';
  }

  /** A move cursor over notes with the select tool, so the facilitator sees what a drag will do. */
  private hoverCursor(p: Point): void {
    const el = this.core.konva?.stage.container();
    if (!el || this.spaceDown || this.core.ui.getState().tool !== 'select') return;
    const { camera, model, frame } = this.core;
    const b = screenToBoard(camera.camera, p);
    const over = model.index.hitTest(b) !== null;
    let want = over ? 'move' : 'default';
    if (!over && frame.layout) {
      if (frame.emotionPointAt(b)) want = 'ns-resize';
      else {
        const h = hitTest(frame.layout, b);
        if (h?.type === 'stage' || h?.type === 'lane') want = 'grab';
      }
    }
    if (el.style.cursor !== want) el.style.cursor = want;
  }

  /** Pointer input on the canvas; the wheel anywhere on the board (over the editor and HUD too). */
  listen(el: HTMLElement, host: HTMLElement): () => void {
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
    const camera = this.core.camera;
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? camera.viewport.height : 1;
    if (e.ctrlKey || e.metaKey) {
      camera.zoomBy(wheelZoomFactor(e.deltaY * unit), p);
    } else {
      // Two-finger scroll pans; shift+wheel on a mouse pans sideways.
      const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
      const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY;
      camera.setCamera(panBy(camera.camera, -dx * unit, -dy * unit));
    }
  }

  /** Pointer-down on the stage; a transformer handle is left to Konva. */
  pointerDown(e: PointerEvent, p: Point, el?: HTMLElement): void {
    this.pointer = p;
    if (this.gesture) return;
    const { konva: parts, editing, structure, camera, frame, model, ui } = this.core;
    if (parts && e.button === 0) {
      const hit = parts.stage.getIntersection(p);
      if (hit && hit.getParent() === parts.transformer) return;
    }
    editing.commitPending();
    if (ui.getState().headerMenu) structure.openHeaderMenu(null);
    const pan = e.button === 1 || (e.button === 0 && (this.spaceDown || ui.getState().tool === 'hand'));
    if (pan) {
      e.preventDefault();
      this.gesture = new PanGesture(this.core, e.pointerId, p);
      this.updateCursor();
    } else if (e.button === 0) {
      const b = screenToBoard(camera.camera, p);
      const shift = e.shiftKey || e.metaKey || e.ctrlKey;
      const emotionStage = shift ? null : frame.emotionPointAt(b);
      const hit = emotionStage ? null : model.index.hitTest(b);
      if (hit && this.noteClick) {
        this.noteClick(hit);
        return;
      }
      const header = !hit && !emotionStage && !shift && frame.layout ? hitTest(frame.layout, b) : null;
      if (emotionStage) {
        editing.setSelection([]);
        this.gesture = new EmotionDragGesture(this.core, e.pointerId, p, emotionStage);
      } else if (header && (header.type === 'stage' || header.type === 'lane')) {
        editing.setSelection([]);
        this.gesture = new HeaderDragGesture(this.core, e.pointerId, p, header.type, header.id, header.index);
      } else {
        if (hit) {
          if (shift) {
            const next = new Set(editing.selection);
            if (next.has(hit)) next.delete(hit);
            else next.add(hit);
            editing.setSelection(next);
          } else if (!editing.selection.has(hit)) {
            editing.setSelection([hit]);
          }
        } else if (!shift) {
          editing.setSelection([]);
        }
        this.gesture = new PressGesture(this.core, e.pointerId, p, b, hit, shift);
      }
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
    const b = screenToBoard(this.core.camera.camera, p);
    const next = g.move(p, b);
    if (next) {
      this.gesture = next;
      next.move(p, b);
    }
  }

  pointerUp(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || g.pointerId !== e.pointerId) return;
    this.finishGesture();
  }

  /** Ends the current gesture, committing what it did (a drag is one undo step). */
  finishGesture(): void {
    const g = this.gesture;
    this.gesture = null;
    if (!g) return;
    g.finish();
    this.updateCursor();
  }

  private doubleClick(p: Point): void {
    if (this.core.ui.getState().tool !== 'select' || this.spaceDown || this.noteClick) return;
    const { camera, frame, model, editing, structure } = this.core;
    const b = screenToBoard(camera.camera, p);
    const emotionStage = frame.emotionPointAt(b);
    if (emotionStage) {
      // Double-click a point: back to the score derived from the stage's notes.
      void structure.setStageEmotion(emotionStage, null);
      return;
    }
    const hit = model.index.hitTest(b);
    if (hit) {
      editing.startEditing(hit);
      return;
    }
    const over = frame.layout ? hitTest(frame.layout, b) : null;
    if (over?.type === 'stage' || over?.type === 'lane') {
      structure.editHeader({ type: over.type, id: over.id });
      return;
    }
    if (over?.type === 'corner' || (over?.type === 'cell' && over.collapsed)) return;
    editing.createNote(b);
  }
}
