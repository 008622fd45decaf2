import { NOTE_MAX_SIZE, NOTE_MIN_SIZE } from '../../../shared/domain';
import { unionRects, type Rect } from '../../../shared/board/camera';
import type { BoardNote, NoteChange } from '../../../shared/board/history';
import { clampCoord, clampSize, type BoardCore, type KonvaParts } from '../core';

/** Above this many notes the Transformer is not offered (each frame would re-fit them all). */
const RESIZE_LIMIT = 500;

/**
 * Resizing: a Konva Transformer on a proxy rectangle around the selection. On every `transform`
 * event its scale is turned back into width/height and each note is scaled with the box, so the
 * text re-fits live; `transformend` commits one undo step.
 */
export class ResizeTool {
  /** A gesture: the selection's rectangles at its start, the box then and now. */
  private resizing: { start: Map<string, Rect>; box0: Rect; box: Rect } | null = null;
  /** The box the Transformer is attached to, and the smallest and largest note in it. */
  private limits = { box: { x: 0, y: 0, width: 1, height: 1 } as Rect, minW: 0, maxW: 0, minH: 0, maxH: 0 };

  constructor(private readonly core: BoardCore) {}

  get active(): boolean {
    return this.resizing !== null;
  }

  attach(parts: KonvaParts): void {
    parts.transformer.boundBoxFunc((oldBox, newBox) => {
      // Boxes are in screen pixels; refuse a size that would take any note out of its limits.
      const { box, minW, maxW, minH, maxH } = this.limits;
      const zoom = this.core.camera.camera.zoom;
      const sx = newBox.width / (box.width * zoom);
      const sy = newBox.height / (box.height * zoom);
      if (minW * sx < NOTE_MIN_SIZE - 0.5 || minH * sy < NOTE_MIN_SIZE - 0.5) return oldBox;
      if (maxW * sx > NOTE_MAX_SIZE + 0.5 || maxH * sy > NOTE_MAX_SIZE + 0.5) return oldBox;
      return newBox;
    });
    parts.proxy.on('transformstart', () => this.start());
    parts.proxy.on('transform', () => this.transform());
    parts.proxy.on('transformend', () => this.end());
  }

  detach(parts: KonvaParts): void {
    parts.proxy.off('transformstart transform transformend');
  }

  /** Attaches the Transformer to a proxy rectangle around the selection (one note or several). */
  sync(): void {
    const { konva: p, editing, tools, model } = this.core;
    if (!p || this.resizing) return;
    const selection = editing.selection;
    const offer = selection.size > 0 && selection.size <= RESIZE_LIMIT && !editing.editingId && tools.lifted.size === 0;
    const notes = offer ? [...selection].map((id) => model.notes.get(id)).filter((n): n is BoardNote => !!n) : [];
    const box = unionRects(notes);
    if (box) {
      this.limits = {
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

  private start(): void {
    const start = new Map<string, Rect>();
    for (const id of this.core.editing.selection) {
      const n = this.core.model.notes.get(id);
      if (n) start.set(id, { x: n.x, y: n.y, width: n.width, height: n.height });
    }
    const box0 = unionRects(start.values());
    if (!box0) return;
    this.resizing = { start, box0, box: box0 };
    this.core.tools.lift(start.keys());
    this.core.konva?.staticLayer.batchDraw();
  }

  /** A Transformer scales its node: turn that back into width/height so the text re-fits live. */
  private transform(): void {
    const p = this.core.konva;
    if (!p || !this.resizing) return;
    const proxy = p.proxy;
    const width = Math.max(1, proxy.width() * proxy.scaleX());
    const height = Math.max(1, proxy.height() * proxy.scaleY());
    proxy.setAttrs({ width, height, scaleX: 1, scaleY: 1 });
    this.resizing.box = { x: proxy.x(), y: proxy.y(), width, height };
    this.core.render.drawLive();
  }

  /** Each note's rectangle scaled with the box (positions relative to the box, sizes by its scale); null when not resizing. */
  scaledRects(): Map<string, Rect> | null {
    const r = this.resizing;
    if (!r) return null;
    const out = new Map<string, Rect>();
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

  private end(): void {
    const rects = this.scaledRects() ?? new Map<string, Rect>();
    const n = rects.size;
    this.resizing = null;
    this.core.tools.lift([]);
    const changes: NoteChange[] = [...rects].map(([id, r]) => ({
      type: 'note',
      op: 'update',
      id,
      patch: { x: clampCoord(r.x), y: clampCoord(r.y), width: clampSize(r.width), height: clampSize(r.height) },
    }));
    if (changes.length) this.core.model.commit(n === 1 ? 'Resize' : `Resize ${n} notes`, changes);
    this.sync();
    this.core.render.redrawAll();
  }
}
