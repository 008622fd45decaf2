import { useState } from 'react';
import { useStore } from 'zustand';
import type { BoardController } from '../board/BoardController';
import { useWorldLayer } from '../board/worldLayer';
import { MetricsEditor } from './MetricsEditor';
import { describeMetric, formatMetric, METRIC_INFO, metricsOf, metricStatus, STATUS_TEXT, type Metric } from './metricsModel';
import { useDocVersion } from './usePlan';
import './plan.css';

/** Board units between the frame's bottom and the row, plus the screen height of "+ Lane" (counter-scaled, so it is added in screen pixels). */
const GAP = 14;
const LANE_BUTTON = 46;

/**
 * The metrics row under the journey frame: one cell per stage column (its CSAT, NPS, CES,
 * conversion and churn) and, under the lane headers, the whole map's. Each figure says its value,
 * its target and how far it is from it in text and a symbol as well as colour. Drawn in the DOM
 * over the board (so it is read by screen readers, reached by Tab and themed), in board units
 * inside one element that follows the camera by a CSS transform (no React render per camera move).
 * A figure or "+ Metric" opens the editor.
 */
export function MetricsRow({ controller }: { controller: BoardController }) {
  useStore(controller.ui, (s) => s.frameVersion);
  useDocVersion(controller);
  const [editing, setEditing] = useState<{ stageId: string | null; metric: Metric | null } | null>(null);

  const world = useWorldLayer<HTMLDivElement>(controller);

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
          const status = metricStatus(m);
          return (
            <button key={m.id} type="button" className={`metric-chip ${status}`} data-testid="metric-chip" data-kind={m.kind} data-status={status} onClick={() => setEditing({ stageId, metric: m })}>
              <span className="metric-name">{METRIC_INFO[m.kind].label}</span> <span className="metric-value">{formatMetric(m.kind, m.value)}</span>
              {m.target !== null && <span className="metric-target"> / {formatMetric(m.kind, m.target)}</span>}
              {status !== 'unset' && (
                <span className="metric-status" title={STATUS_TEXT[status].words}>
                  {' '}
                  {STATUS_TEXT[status].symbol}
                </span>
              )}
              <span className="visually-hidden">{`: ${describeMetric(m)}. Edit`}</span>
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
          <div className="metrics-row" style={{ left: frame.rect.x, top: `calc(${frame.rect.y + frame.rect.height + GAP}px + ${LANE_BUTTON}px * var(--inv))`, width: frame.rect.width }}>
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
