/**
 * Presentation mode (issue 13): walk the finished map stage by stage. The arrow keys (or Page
 * Up/Down, Home/End, the buttons) move between stages; the board's camera glides to each stage
 * column (at once with reduced motion), and a card calls out the stage's goal, pain points,
 * opportunities and metrics. Escape (or Close) leaves and puts the camera back where it was.
 *
 * It is a non-modal <dialog> over the board, so the board's own shortcuts stand aside while it is
 * open; it reads the board's notes and stages (what the facilitator sees) and the map's metrics.
 */
import { useEffect, useRef, useState } from 'react';
import type { Camera, JourneyMap } from '../../shared/domain';
import { fitRect } from '../../shared/board/camera';
import { METRIC_INFO, metricText, type MetricKind } from '../../shared/prioritise/metrics';
import { METRIC_KINDS } from '../../shared/records/fields';
import { canReadText, FACILITATOR } from '../../shared/workshop/visibility';
import type { BoardController } from '../board/BoardController';
import { formatScore } from '../journey/drawFrame';
import './room.css';

const GLIDE_MS = 600;

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Moves the camera to `to`, easing over GLIDE_MS (or at once with reduced motion). Returns a cancel function. */
function glide(controller: BoardController, to: Camera): () => void {
  const from = controller.camera;
  if (prefersReducedMotion()) {
    controller.setCamera(to);
    return () => {};
  }
  const start = performance.now();
  let frame = 0;
  const step = (t: number) => {
    const k = Math.min(1, (t - start) / GLIDE_MS);
    const e = k < 0.5 ? 4 * k * k * k : 1 - (-2 * k + 2) ** 3 / 2;
    // Zoom eases on a log scale so it feels even in and out.
    const zoom = Math.exp(Math.log(from.zoom) + (Math.log(to.zoom) - Math.log(from.zoom)) * e);
    controller.setCamera({ x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e, zoom });
    if (k < 1) frame = requestAnimationFrame(step);
  };
  frame = requestAnimationFrame(step);
  return () => cancelAnimationFrame(frame);
}

/**
 * The part of the board a stage's slide shows: the column centred, with half a column of its
 * neighbours either side, from the stage's header down as far as the screen's shape allows. A
 * full-height fit made a map with many notes show every stage at once, so moving between stages
 * changed nothing the room could see.
 */
export function stageView(
  column: { x: number; width: number },
  frame: { y: number; height: number },
  viewport: { width: number; height: number },
): { x: number; y: number; width: number; height: number } {
  const width = column.width * 2;
  const height = Math.min(frame.height, (width * viewport.height) / Math.max(1, viewport.width));
  return { x: column.x - column.width / 2, y: frame.y, width, height };
}

interface StageCard {
  id: string;
  name: string;
  goal: string;
  expectations: string;
  emotion: number | null;
  painPoints: string[];
  opportunities: string[];
  metrics: string[];
}

function stageCards(controller: BoardController, map: JourneyMap): StageCard[] {
  const notes = controller.allNotes();
  const m = map as unknown as Record<string, unknown>;
  const metrics = Array.isArray(m['metrics']) ? (m['metrics'] as Record<string, unknown>[]) : [];
  const text = (n: (typeof notes)[number]) => (canReadText(n, FACILITATOR) ? n.text || '(empty note)' : 'A face-down note');
  const emotions = new Map(controller.emotions.map((e) => [e.stageId, e]));
  return controller.stages.map((s) => {
    const own = notes.filter((n) => n.stageId === s.id);
    const st = s as unknown as Record<string, unknown>;
    const score = emotions.get(s.id)?.score ?? null;
    return {
      id: s.id,
      name: s.name,
      goal: typeof st['goal'] === 'string' ? st['goal'] : '',
      expectations: typeof st['expectations'] === 'string' ? st['expectations'] : '',
      emotion: score,
      painPoints: own.filter((n) => n.kind === 'pain_point').map(text),
      opportunities: own.filter((n) => n.kind === 'opportunity').map(text),
      // Written as on the board's metrics row and in the exports (shared/prioritise/metrics), in its order.
      metrics: metrics
        .filter((x) => x['stageId'] === s.id && String(x['kind']) in METRIC_INFO)
        .sort((a, b) => METRIC_KINDS.indexOf(a['kind'] as MetricKind) - METRIC_KINDS.indexOf(b['kind'] as MetricKind))
        .map((x) => {
          const figure = (v: unknown) => (typeof v === 'number' ? v : null);
          return metricText({ kind: x['kind'] as MetricKind, value: figure(x['value']), target: figure(x['target']) }).line;
        }),
    };
  });
}

export function Presentation({ controller, map, onClose }: { controller: BoardController; map: JourneyMap; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [cards] = useState(() => stageCards(controller, map));
  const [index, setIndex] = useState(0);
  const [before] = useState(() => controller.camera);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!d.open) d.show();
    d.focus();
    return () => {
      if (d.open) d.close();
      opener?.focus?.();
    };
  }, []);

  // The camera glides to the stage column in view.
  useEffect(() => {
    const card = cards[index];
    const frame = controller.frame;
    if (!card || !frame) return;
    const column = frame.columns.find((c) => c.stageId === card.id);
    if (!column) return;
    return glide(controller, fitRect(stageView(column, frame.rect, controller.viewport), controller.viewport, { padding: 48, maxZoom: 1.25 }));
  }, [cards, controller, index]);

  const leave = () => {
    controller.setCamera(before);
    onClose();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const last = cards.length - 1;
    let next: number | null = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'PageDown') next = Math.min(last, index + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp') next = Math.max(0, index - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      leave();
      return;
    }
    if (next === null) return;
    // Arrow keys on a focused button still move between stages.
    e.preventDefault();
    e.stopPropagation();
    setIndex(next);
  };

  const card = cards[index];
  return (
    <dialog ref={dialog} className="present" aria-label="Presentation" data-testid="presentation" tabIndex={-1} onKeyDown={onKeyDown}>
      {!card ? (
        <>
          <h2>Nothing to present</h2>
          <p>This map has no stages yet. Add stages to walk through them here.</p>
        </>
      ) : (
        <div aria-live="polite" data-testid="presentation-card">
          <p className="present-kicker">
            Stage {index + 1} of {cards.length}
            {card.emotion !== null && ` · emotion ${formatScore(card.emotion)}`}
          </p>
          <h2>{card.name}</h2>
          {card.goal && <p className="present-goal">Goal: {card.goal}</p>}
          {card.expectations && <p className="present-goal">Expects: {card.expectations}</p>}
          <h3>Pain points ({card.painPoints.length})</h3>
          {card.painPoints.length > 0 ? <ul>{card.painPoints.slice(0, 8).map((t, i) => <li key={i}>{t}</li>)}</ul> : <p>None noted.</p>}
          <h3>Opportunities ({card.opportunities.length})</h3>
          {card.opportunities.length > 0 ? <ul>{card.opportunities.slice(0, 8).map((t, i) => <li key={i}>{t}</li>)}</ul> : <p>None noted.</p>}
          {card.metrics.length > 0 && (
            <>
              <h3>Metrics</h3>
              <ul>
                {card.metrics.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="present-nav">
        <button type="button" className="button" disabled={index === 0} onClick={() => setIndex(index - 1)} aria-label="Previous stage">
          ←
        </button>
        <button type="button" className="button" disabled={index >= cards.length - 1} onClick={() => setIndex(index + 1)} aria-label="Next stage">
          →
        </button>
        <span className="present-hint">Arrow keys move; Escape leaves</span>
        <button type="button" className="button ghost" onClick={leave}>
          Close
        </button>
      </div>
    </dialog>
  );
}
