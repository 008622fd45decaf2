import { useEffect, useRef, useState } from 'react';
import type Konva from 'konva';
import { Layer, Shape, Stage } from 'react-konva';
import type { NoteChangeItem } from '../../shared/history/index';
import type { BoardController } from '../board/BoardController';
import { useHistoryView } from './historyStore';

/** Colours of the marks (the board's canvas stays light in both themes). */
export const MARK = { added: '#1f9d55', removed: '#8a8f98', moved: '#d97706', edited: '#2456d6' } as const;

type Box = { x: number; y: number; width: number; height: number };

/**
 * The changes of a comparison marked on the live board, on a Konva stage of its own over the board
 * (it takes no pointer events): added notes outlined green, removed notes as dashed ghosts where
 * they were, moved notes with an arrow from where they were, edited notes outlined blue. It follows
 * the board's camera and edits.
 */
export function HistoryMarks({ controller }: { controller: () => BoardController | null }) {
  const marks = useHistoryView((s) => s.marks);
  const layer = useRef<Konva.Layer>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const c = controller();
    if (!c || !marks) return;
    const redraw = () => layer.current?.batchDraw();
    const offCamera = c.onCameraChange(redraw);
    const offDoc = c.onDocChange(redraw);
    redraw();
    return () => {
      offCamera();
      offDoc();
    };
  }, [controller, marks]);

  const items = marks?.comparison.notes ?? [];
  const counts = { added: 0, removed: 0, moved: 0, edited: 0 };
  for (const n of items) {
    if (n.change === 'added') counts.added++;
    else if (n.change === 'removed') counts.removed++;
    else {
      if (n.moved) counts.moved++;
      if (n.edited) counts.edited++;
    }
  }

  const scene = (ctx: Konva.Context) => {
    const c = controller();
    if (!c || !marks) return;
    const { x: cx, y: cy, zoom } = c.camera;
    const screen = (b: Box): Box => ({ x: (b.x - cx) * zoom, y: (b.y - cy) * zoom, width: b.width * zoom, height: b.height * zoom });
    const g = ctx._context;
    g.save();
    for (const item of items) drawItem(g, item, c, screen, item.id === marks.focus);
    g.restore();
  };

  return (
    <div
      ref={host}
      className="history-marks"
      data-testid="history-marks"
      data-active={marks ? 'true' : 'false'}
      data-added={counts.added}
      data-removed={counts.removed}
      data-moved={counts.moved}
      data-edited={counts.edited}
      aria-hidden="true"
    >
      {marks && size.width > 0 && (
        <Stage width={size.width} height={size.height} listening={false}>
          <Layer ref={layer} listening={false}>
            <Shape sceneFunc={scene} listening={false} perfectDrawEnabled={false} />
          </Layer>
        </Stage>
      )}
    </div>
  );
}

function drawItem(g: CanvasRenderingContext2D, item: NoteChangeItem, c: BoardController, screen: (b: Box) => Box, focus: boolean) {
  const now = c.note(item.id);
  const width = focus ? 4 : 2.5;
  if (item.change === 'removed' && item.before) {
    const b = screen(item.before);
    g.globalAlpha = 0.75;
    g.fillStyle = 'rgba(255,255,255,0.55)';
    g.fillRect(b.x, b.y, b.width, b.height);
    g.setLineDash([6, 4]);
    g.strokeStyle = MARK.removed;
    g.lineWidth = width;
    g.strokeRect(b.x, b.y, b.width, b.height);
    g.setLineDash([]);
    g.fillStyle = '#4f5560';
    g.font = `${Math.max(9, Math.min(14, 13 * (b.width / 160)))}px system-ui, sans-serif`;
    clipText(g, `− ${item.text}`, b.x + 6, b.y + 6, b.width - 12, b.height - 12);
    g.globalAlpha = 1;
    return;
  }
  if (!now || c.isHidden(item.id)) return;
  const box = screen(now);
  if (item.change === 'added') outline(g, box, MARK.added, width, '+');
  else {
    if (item.moved && item.before) {
      const from = screen(item.before);
      arrow(g, from.x + from.width / 2, from.y + from.height / 2, box.x + box.width / 2, box.y + box.height / 2, MARK.moved);
    }
    outline(g, box, item.moved ? MARK.moved : MARK.edited, width, item.moved ? '→' : '✎');
  }
}

function outline(g: CanvasRenderingContext2D, b: Box, color: string, width: number, badge: string) {
  g.strokeStyle = color;
  g.lineWidth = width;
  g.strokeRect(b.x - 4, b.y - 4, b.width + 8, b.height + 8);
  g.fillStyle = color;
  g.beginPath();
  g.arc(b.x + b.width + 4, b.y - 4, 10, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = 'bold 13px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(badge, b.x + b.width + 4, b.y - 3);
  g.textAlign = 'left';
  g.textBaseline = 'alphabetic';
}

function arrow(g: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number, color: string) {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  g.strokeStyle = color;
  g.fillStyle = color;
  g.lineWidth = 2.5;
  g.setLineDash([8, 5]);
  g.beginPath();
  g.moveTo(x1, y1);
  g.lineTo(x2, y2);
  g.stroke();
  g.setLineDash([]);
  g.beginPath();
  g.moveTo(x2, y2);
  g.lineTo(x2 - 14 * Math.cos(angle - 0.4), y2 - 14 * Math.sin(angle - 0.4));
  g.lineTo(x2 - 14 * Math.cos(angle + 0.4), y2 - 14 * Math.sin(angle + 0.4));
  g.closePath();
  g.fill();
}

/** Text inside a box, line by line as it fits, cut where it runs out. */
function clipText(g: CanvasRenderingContext2D, text: string, x: number, y: number, w: number, h: number) {
  if (w < 20 || h < 12) return;
  const size = parseFloat(g.font) || 12;
  const lineHeight = size * 1.25;
  let line = '';
  let top = y + size;
  g.textBaseline = 'alphabetic';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (g.measureText(next).width > w && line) {
      g.fillText(line, x, top);
      top += lineHeight;
      if (top > y + h) return;
      line = word;
    } else line = next;
  }
  if (line && top <= y + h) g.fillText(line, x, top);
}
