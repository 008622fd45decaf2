import { useId, useRef, useState } from 'react';
import type { BoardController } from '../board/BoardController';
import { newId } from '../board/BoardController';
import { Dialog } from '../ui/Dialog';
import { FieldError } from '../ui/FieldError';
import { checkDraft, draftOf, METRIC_INFO, METRIC_KINDS, METRIC_RANGES, saveChange, type Metric, type MetricDraft, type MetricKind } from './metricsModel';

/**
 * One metric of a stage (or of the whole map): kind, current value, target, source and date.
 * What was typed is checked before anything changes (one sentence naming the field, the field
 * marked invalid and focused); Save is one undo step on the board's history, Delete another.
 */
export function MetricsEditor({
  controller,
  stageId,
  metric,
  onClose,
}: {
  controller: BoardController;
  stageId: string | null;
  /** The metric to edit, or null for a new one. */
  metric: Metric | null;
  onClose: () => void;
}) {
  const existing = controller.records('metric').filter((m) => m.stageId === stageId);
  const firstFree = METRIC_KINDS.find((k) => !existing.some((m) => m.kind === k)) ?? 'csat';
  const [draft, setDraft] = useState<MetricDraft>(() => draftOf(metric, metric?.kind ?? firstFree));
  const [error, setError] = useState<{ field: keyof MetricDraft; message: string } | null>(null);
  const form = useRef<HTMLDivElement>(null);
  const ids = { kind: useId(), value: useId(), target: useId(), source: useId(), date: useId(), error: useId() };
  const stage = stageId ? controller.stages.find((s) => s.id === stageId) : null;
  const where = stage ? `stage “${stage.name}”` : 'the whole map';
  const range = METRIC_RANGES[draft.kind];
  const clash = !metric && existing.some((m) => m.kind === draft.kind);

  const set = (field: keyof MetricDraft, value: string) => {
    setDraft({ ...draft, [field]: value });
    if (error?.field === field) setError(null);
  };

  const save = () => {
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setError({ field: checked.field, message: checked.message });
      form.current?.querySelector<HTMLElement>(`#${CSS.escape(ids[checked.field])}`)?.focus();
      return;
    }
    const change = saveChange(controller.records('metric'), stageId, checked.fields, newId(), metric?.id ?? null);
    if (change) controller.commit(metric ? 'Edit metric' : 'Add metric', [change]);
    onClose();
  };

  const invalid = (field: keyof MetricDraft) => (error?.field === field ? { 'aria-invalid': true, 'aria-describedby': ids.error } : {});

  return (
    <Dialog
      title={metric ? `${METRIC_INFO[metric.kind].label} for ${where}` : `New metric for ${where}`}
      confirmLabel="Save"
      onConfirm={save}
      onCancel={onClose}
      extraAction={
        metric
          ? {
              label: 'Delete',
              danger: true,
              onClick: () => {
                controller.commit('Delete metric', [{ type: 'metric', op: 'delete', id: metric.id }]);
                onClose();
              },
            }
          : undefined
      }
    >
      <div ref={form} className="metrics-form" data-testid="metrics-editor">
        <label className="field" htmlFor={ids.kind}>
          Metric
          <select id={ids.kind} value={draft.kind} onChange={(e) => set('kind', e.target.value as MetricKind)} disabled={!!metric}>
            {METRIC_KINDS.map((k) => (
              <option key={k} value={k}>
                {METRIC_INFO[k].label}: {METRIC_INFO[k].long}
              </option>
            ))}
          </select>
        </label>
        {clash && <p className="plan-hint">This {where.startsWith('stage') ? 'stage' : 'map'} has a {METRIC_INFO[draft.kind].label} already: saving replaces its figures.</p>}
        <div className="metrics-form-pair">
          <label className="field" htmlFor={ids.value}>
            Current value
            <input id={ids.value} inputMode="decimal" autoComplete="off" data-autofocus="" placeholder={`${range.min} to ${range.max}`} value={draft.value} onChange={(e) => set('value', e.target.value)} {...invalid('value')} />
          </label>
          <label className="field" htmlFor={ids.target}>
            Target
            <input id={ids.target} inputMode="decimal" autoComplete="off" placeholder={`${range.min} to ${range.max}`} value={draft.target} onChange={(e) => set('target', e.target.value)} {...invalid('target')} />
          </label>
        </div>
        <label className="field" htmlFor={ids.source}>
          Source
          <input id={ids.source} maxLength={400} placeholder="e.g. Q3 survey, n=412" value={draft.source} onChange={(e) => set('source', e.target.value)} {...invalid('source')} />
        </label>
        <label className="field" htmlFor={ids.date}>
          Date
          <input id={ids.date} type="date" value={draft.date} onChange={(e) => set('date', e.target.value)} {...invalid('date')} />
        </label>
        <div id={ids.error}>
          <FieldError message={error?.message ?? null} />
        </div>
      </div>
    </Dialog>
  );
}
