import { useEffect, useRef } from 'react';
import { containsRect, padRect, unionRects, viewRect, type Rect } from '../../shared/board/camera';
import type { BoardController } from './BoardController';
import { boardPalette, MINIMAP_SIZE, NOTE_EDGE, SELECTION } from './theme';

const { width: W, height: H } = MINIMAP_SIZE;
/** Least time between two paints of every note (ms); the viewport frame follows the camera every frame. */
const NOTES_PAINT_MS = 300;

/**
 * The whole board in a corner, with the viewport as a frame; click or drag to move the camera.
 * Notes are painted to a cached canvas when the document (or the mapped area) changes; a camera
 * move only repaints the frame on top.
 */
export function Minimap({ controller, dark = false }: { controller: BoardController; dark?: boolean }) {
  const colors = boardPalette();
  const notesCanvas = useRef<HTMLCanvasElement>(null);
  const viewCanvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const dpr = window.devicePixelRatio || 1;
    for (const c of [notesCanvas.current, viewCanvas.current]) {
      if (!c) continue;
      c.width = W * dpr;
      c.height = H * dpr;
    }
    let world: Rect | null = null;
    let worldKey = '';
    let notesDirty = true;
    let raf = 0;
    // Every note is painted again at most every NOTES_PAINT_MS: a burst of notes from phones (issue
    // 14), merged a few times a second, or a run of edits, would otherwise repaint them all each time.
    let notesPaintedAt = -Infinity;
    let notesLater = 0;

    // The mapped area changes only when the document changes or the view leaves it, so panning
    // repaints just the viewport frame, not every note.
    let area: Rect | null = null;
    const mapping = () => {
      const view = viewRect(controller.camera, controller.viewport);
      if (!area || !containsRect(area, view)) {
        const notes = controller.notesBounds();
        const frame = controller.frame?.rect;
        const bounds = frame ? unionRects(notes ? [notes, frame] : [frame]) : notes;
        const fitted = padRect(unionRects(bounds ? [bounds, view] : [view])!, 0.08);
        // Leaving the area: grow it with room to spare, so a pan does not regrow it every frame.
        area = area ? padRect(unionRects([area, view])!, 0.25) : fitted;
        if (!bounds || containsRect(fitted, area)) area = fitted;
      }
      const w = area;
      const s = Math.min(W / w.width, H / w.height);
      // Centre the world in the minimap.
      return { s, ox: (W - w.width * s) / 2 - w.x * s, oy: (H - w.height * s) / 2 - w.y * s, w, view };
    };

    const paint = () => {
      raf = 0;
      const m = mapping();
      const key = `${m.w.x},${m.w.y},${m.w.width},${m.w.height}`;
      if (key !== worldKey) notesDirty = true;
      worldKey = key;
      world = m.w;
      const nc = notesCanvas.current?.getContext('2d');
      const vc = viewCanvas.current?.getContext('2d');
      if (!nc || !vc) return;
      if (notesDirty) {
        notesDirty = false;
        notesPaintedAt = performance.now();
        nc.setTransform(dpr, 0, 0, dpr, 0, 0);
        nc.clearRect(0, 0, W, H);
        const frame = controller.frame;
        if (frame) {
          // The journey frame as a card with its header row, so the map's shape reads at a glance.
          const f = frame.rect;
          const c = boardPalette();
          nc.fillStyle = c.minimapFrame;
          nc.fillRect(m.ox + f.x * m.s, m.oy + f.y * m.s, f.width * m.s, f.height * m.s);
          nc.fillStyle = c.minimapHeader;
          nc.fillRect(m.ox + f.x * m.s, m.oy + f.y * m.s, f.width * m.s, frame.stageHeaderHeight * m.s);
          nc.strokeStyle = c.minimapEdge;
          nc.lineWidth = 1;
          nc.strokeRect(m.ox + f.x * m.s, m.oy + f.y * m.s, f.width * m.s, f.height * m.s);
        }
        // One path per colour (as the board's far zoom batches its blocks): setting a fill style
        // per note cost ~3 us each, 20 ms a paint at 6,000 notes (issue 14, a room's burst).
        const byColor = new Map<string, number[]>();
        controller.forEachShownNote((n) => {
          let list = byColor.get(n.color);
          if (!list) byColor.set(n.color, (list = []));
          list.push(m.ox + n.x * m.s, m.oy + n.y * m.s, Math.max(1, n.width * m.s), Math.max(1, n.height * m.s));
        });
        for (const [color, list] of byColor) {
          nc.fillStyle = NOTE_EDGE[color as keyof typeof NOTE_EDGE];
          nc.beginPath();
          for (let i = 0; i < list.length; i += 4) nc.rect(list[i]!, list[i + 1]!, list[i + 2]!, list[i + 3]!);
          nc.fill();
        }
      }
      vc.setTransform(dpr, 0, 0, dpr, 0, 0);
      vc.clearRect(0, 0, W, H);
      const v = m.view;
      vc.fillStyle = 'rgba(47,107,255,0.08)';
      vc.strokeStyle = SELECTION;
      vc.lineWidth = 1.5;
      const x = m.ox + v.x * m.s;
      const y = m.oy + v.y * m.s;
      vc.fillRect(x, y, v.width * m.s, v.height * m.s);
      vc.strokeRect(x, y, v.width * m.s, v.height * m.s);
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(paint);
    };
    const offDoc = controller.onDocChange(() => {
      area = null;
      const wait = notesPaintedAt + NOTES_PAINT_MS - performance.now();
      if (wait > 0) {
        notesLater ||= window.setTimeout(() => {
          notesLater = 0;
          notesDirty = true;
          schedule();
        }, wait);
        return;
      }
      notesDirty = true;
      schedule();
    });
    const offCam = controller.onCameraChange(schedule);
    schedule();

    const el = viewCanvas.current!;
    let dragging = false;
    const moveTo = (e: PointerEvent) => {
      if (!world) return;
      const r = el.getBoundingClientRect();
      const m = mapping();
      const bx = (e.clientX - r.left - m.ox) / m.s;
      const by = (e.clientY - r.top - m.oy) / m.s;
      const { zoom } = controller.camera;
      controller.setCamera({ x: bx - controller.viewport.width / 2 / zoom, y: by - controller.viewport.height / 2 / zoom, zoom });
    };
    const down = (e: PointerEvent) => {
      dragging = true;
      moveTo(e);
      try {
        el.setPointerCapture(e.pointerId);
      } catch {
        // No active pointer to capture (a synthetic event): the click still moves the camera.
      }
    };
    const move = (e: PointerEvent) => dragging && moveTo(e);
    const up = () => (dragging = false);
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    return () => {
      offDoc();
      if (notesLater) window.clearTimeout(notesLater);
      offCam();
      if (raf) cancelAnimationFrame(raf);
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
  }, [controller, dark]);

  return (
    <div
      data-testid="minimap"
      style={{
        position: 'absolute',
        right: 14,
        bottom: 14,
        width: W,
        height: H,
        background: colors.minimapBg,
        borderRadius: 12,
        border: `1px solid ${colors.minimapBorder}`,
        boxShadow: '0 1px 2px rgba(16,24,40,0.08), 0 6px 20px rgba(16,24,40,0.10)',
        overflow: 'hidden',
        zIndex: 10,
      }}
    >
      <canvas ref={notesCanvas} style={{ position: 'absolute', inset: 0, width: W, height: H }} />
      <canvas ref={viewCanvas} style={{ position: 'absolute', inset: 0, width: W, height: H, cursor: 'pointer', touchAction: 'none' }} />
    </div>
  );
}
