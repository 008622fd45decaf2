import { useLayoutEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { FRAME_BELOW_GAP, LANE_BUTTON_PX } from '../../shared/board/fit';
import type { BoardController } from '../board/BoardController';
import { useWorldLayer } from '../board/worldLayer';
import { MetricsEditor } from './MetricsEditor';
import { describeMetric, METRIC_INFO, metricsOf, metricText, NO_FIGURE, type Metric } from './metricsModel';
import { useDocVersion } from './usePlan';
import './plan.css';

/**
 * The metrics row under the journey frame (`FRAME_BELOW_GAP` board units and "+ Lane"'s
 * `LANE_BUTTON_PX` screen pixels under it): one cell per stage column (its CSAT, NPS, CES,
 * conversion and churn) and, under the lane headers, the whole map's. Each figure says its value,
 * its target and how far it is from it in text and a symbol as well as colour, written by
 * shared/prioritise/metrics `metricText` as every export writes it ("CSAT 4.2 / 5, target 4.5 / 5,
 * ~ near target"); a screen reader hears the same in words (`describeMetric`). Drawn in the DOM
 * over the board (so it is read by screen readers, reached by Tab and themed), in board units
 * inside one element that follows the camera by a CSS transform (no React render per camera move).
 * A figure or "+ Metric" opens the editor.
 */
export function MetricsRow({ controller }: { controller: BoardController }) {
  useStore(controller.ui, (s) => s.frameVersion);
  useDocVersion(controller);
  const [editing, setEditing] = useState<{ stageId: string | null; metric: Metric | null } | null>(null);

  const world = useWorldLayer<HTMLDivElement>(controller);
  const row = useRef<HTMLDivElement>(null);
  // Its height (board units: the row scales with the camera) for fit-all, which keeps it in view.
  useLayoutEffect(() => {
    const el = row.current;
    const report = () => {
      let height = 0;
      for (const cell of el?.children ?? []) height = Math.max(height, (cell as HTMLElement).offsetHeight);
      if (controller.ui.getState().metricsRowHeight !== height) controller.ui.setState({ metricsRowHeight: height });
    };
    report();
    if (!el) return;
    const observer = new ResizeObserver(report);
    for (const cell of el.children) observer.observe(cell);
    return () => observer.disconnect();
  });

  const frame = controller.frame;
  const metrics = controller.records('metric');
  const stageName = new Map(controller.stages.map((s) => [s.id, s.name]));

  const cell = (stageId: string | null, left: number, width: number) => {
    const list = metricsOf(metrics, stageId);
    const where = stageId ? (stageName.get(stageId) ?? 'Stage') : 'Whole map';
    return (
      <div key={stageId ?? 'map'} className={stageId ? 'metrics-cell' : 'metrics-cell whole'} style={{ left, width }} role="group" aria-label={`Metrics: ${where}`} data-testid="metrics-cell" data-stage-id={stageId ?? ''}>
        <span className="metrics-cell-title" aria-hidden="true">
          {stageId ? where : 'Whole map'}
        </span>
        {list.map((m) => {
          const text = metricText(m);
          return (
            <button key={m.id} type="button" className={`metric-chip ${text.status}`} data-testid="metric-chip" data-kind={m.kind} data-status={text.status} onClick={() => setEditing({ stageId, metric: m })}>
              {/* What it shows is text.line, span by span; a screen reader hears describeMetric instead. */}
              <span className="metric-line" data-testid="metric-line" aria-hidden="true">
                <span className="metric-name">{text.label}</span> <span className="metric-value">{text.value || NO_FIGURE}</span>
                {text.target && <span className="metric-target">, target {text.target}</span>}
                {text.statusText && <span className="metric-status">, {text.statusText}</span>}
              </span>
              <span className="visually-hidden">{`${describeMetric(m)}. Edit`}</span>
            </button>
          );
        })}
        {list.length < METRIC_COUNT && (
          <button type="button" className="metric-add" aria-label={`Add a metric: ${where}`} onClick={() => setEditing({ stageId, metric: null })}>
            + Metric
          </button>
        )}
      </div>
    );
  };

  return (
    <div className="metrics-overlay" data-testid="metrics-row">
      <div ref={world} className="metrics-world">
        {frame && frame.columns.length > 0 && (
          <div ref={row} className="metrics-row" style={{ left: frame.rect.x, top: `calc(${frame.rect.y + frame.rect.height + FRAME_BELOW_GAP}px + ${LANE_BUTTON_PX}px * var(--inv))`, width: frame.rect.width }}>
            {cell(null, 0, frame.columns[0]!.x - frame.rect.x)}
            {frame.columns.map((col) => cell(col.stageId, col.x - frame.rect.x, col.width))}
          </div>
        )}
      </div>
      {editing && <MetricsEditor controller={controller} stageId={editing.stageId} metric={editing.metric} onClose={() => setEditing(null)} />}
    </div>
  );
}

const METRIC_COUNT = Object.keys(METRIC_INFO).length;
