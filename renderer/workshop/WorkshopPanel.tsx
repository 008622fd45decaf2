/**
 * The Workshop panel (issue 13): the current step with Start, Pause, +1 min and Next; the agenda
 * (add, remove, reorder by drag or Alt+arrow keys, edit; each edit one undo step through the board's
 * history and changes.apply); agenda variants and saved templates; stage goals during a goals step;
 * and the Minutes tab. Timer methods are session state (workshop.*), not undo steps.
 */
import { useEffect, useId, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { JourneyMap } from '../../shared/domain';
import { change } from '../../shared/records/index';
import {
  ACTIVITY_LABELS,
  blankStep,
  moveStepChanges,
  nextPosition,
  orderedSteps,
  replaceAgendaChanges,
  stepValuesFor,
  totalMinutes,
  type WorkshopTemplate,
} from '../../shared/workshop/agenda';
import type { BoardRecord } from '../../shared/board/history';
import { api } from '../api/client';
import type { BoardController } from '../board/BoardController';
import { newId } from '../board/BoardController';
import { showError } from '../state/notices';
import { focusRect } from './focus';
import { MinutesList } from './MinutesList';
import { prime } from './sound';
import { StageGoals } from './StageGoals';
import { StepEditor } from './StepEditor';
import { useBoardDoc, useController } from './useBoardDoc';
import { remainingNow, useWorkshop, workshopCall } from './workshopStore';
import { formatClock } from '../../shared/workshop/timer';
import './workshop.css';
import { isTextTarget } from '../ui/keys';
import { PanelHeader } from '../ui/PanelHeader';
import { doneText } from '../room/roomStatus';
import { useRoomStatus } from '../room/roomStore';

type StepRecord = BoardRecord<'step'>;

export interface WorkshopPanelProps {
  map: JourneyMap;
  board: () => BoardController | null;
  /** Shows the matrix or roadmap view (a step's focus). */
  onView(view: 'board' | 'matrix' | 'roadmap'): void;
  onClose(): void;
}

export function WorkshopPanel({ map, board, onView, onClose }: WorkshopPanelProps) {
  const titleId = useId();
  const c = useController(board);
  useBoardDoc(c);
  const view = useWorkshop(map.id);
  const [tab, setTab] = useState<'agenda' | 'minutes'>('agenda');
  const [editing, setEditing] = useState<string | null>(null);
  const [templates, setTemplates] = useState<WorkshopTemplate[]>([]);
  const [variant, setVariant] = useState('');
  const [saveName, setSaveName] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    api.call('workshop.templates', {}).then(setTemplates, showError);
  }, []);
  useEffect(() => {
    if (!view.state?.timer.running) return;
    const id = window.setInterval(() => setTick((t) => t + 1), 500);
    return () => window.clearInterval(id);
  }, [view.state?.timer.running]);

  const steps: StepRecord[] = c ? orderedSteps(c.records('step')) : [];
  const state = view.state;
  const current = state?.currentStepId ? (steps.find((s) => s.id === state.currentStepId) ?? null) : null;
  const remaining = remainingNow(view);
  const paused = state !== null && state.currentStepId !== null && !state.timer.running;

  /** Moves the camera (or the view) to what a step focuses on. */
  const focusOn = (stepId: string | null) => {
    const step = steps.find((s) => s.id === stepId);
    if (!c || !step) return;
    if (step.focus === 'matrix' || step.focus === 'roadmap') {
      onView(step.focus);
      return;
    }
    onView('board');
    const rect = focusRect(step, c.frame);
    if (rect) c.fitRect(rect);
    else c.fitAll();
  };

  const run = async (p: Promise<{ currentStepId: string | null } | null>, focus: boolean) => {
    prime();
    // Steps edited a moment ago are saved first, so the store knows the step being started.
    await c?.saveNow().catch(() => {});
    const s = await p;
    if (s && focus) focusOn(s.currentStepId);
  };
  const start = (stepId: string) => void run(workshopCall('workshop.start', { mapId: map.id, stepId }), true);
  const next = () => void run(workshopCall('workshop.next', { mapId: map.id }), true);

  const commit = (label: string, changes: ReturnType<typeof moveStepChanges>) => {
    if (c && changes.length > 0) c.commit(label, changes);
  };
  const move = (from: number, to: number) => commit('Move step', moveStepChanges(steps, from, to));

  const onStepKey = (e: ReactKeyboardEvent, index: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const to = e.key === 'ArrowUp' ? index - 1 : index + 1;
    if (to < 0 || to >= steps.length) return;
    move(index, to);
    setSaid(`Moved “${steps[index]!.title}” to place ${to + 1} of ${steps.length}.`);
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-step-row="${steps[index]!.id}"]`)?.focus());
  };

  const applyVariant = () => {
    const t = templates.find((x) => x.id === variant);
    if (!c || !t) return;
    const values = stepValuesFor(t, { stages: c.stages, lanes: c.lanes });
    commit(`Use agenda “${t.name}”`, replaceAgendaChanges(steps, values, newId));
    setSaid(`The agenda is now “${t.name}” (${t.steps.length} steps, ${t.totalMinutes} min). Undo brings the old one back.`);
  };

  const saveTemplate = async () => {
    try {
      await c?.saveNow();
      const saved = await api.call('workshop.saveTemplate', { mapId: map.id, name: saveName });
      setSaid(`Saved as the workshop template “${saved.name}”.`);
      setSaveName('');
      setTemplates(await api.call('workshop.templates', {}));
    } catch (err) {
      showError(err);
    }
  };

  const onPanelKey = (e: ReactKeyboardEvent) => {
    const typing = isTextTarget(e.target);
    e.stopPropagation();
    // Undo and redo of agenda edits from the panel (the board takes keys only on itself; a text field keeps its own undo).
    if ((e.ctrlKey || e.metaKey) && !typing && c && ['z', 'Z', 'y'].includes(e.key)) {
      e.preventDefault();
      if (e.key === 'y' || e.shiftKey) c.redo();
      else c.undo();
      return;
    }
    if (e.key === 'Escape' && !typing) {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <aside className="side-panel workshop-panel" aria-labelledby={titleId} onKeyDown={onPanelKey} data-testid="workshop-panel">
      <PanelHeader titleId={titleId} title="Workshop" closeLabel="Close workshop" onClose={onClose} tabbed />
      <div className="workshop-tabs" role="tablist" aria-label="Workshop">
        <button type="button" role="tab" id={`${titleId}-agenda`} aria-selected={tab === 'agenda'} aria-controls={`${titleId}-agenda-panel`} onClick={() => setTab('agenda')}>
          Agenda
        </button>
        <button type="button" role="tab" id={`${titleId}-minutes`} aria-selected={tab === 'minutes'} aria-controls={`${titleId}-minutes-panel`} onClick={() => setTab('minutes')}>
          Minutes
        </button>
      </div>
      {!c ? (
        <p className="workshop-hint">The board is opening…</p>
      ) : tab === 'minutes' ? (
        <div role="tabpanel" id={`${titleId}-minutes-panel`} aria-labelledby={`${titleId}-minutes`} className="workshop-body">
          <MinutesList c={c} mapId={map.id} state={state} />
        </div>
      ) : (
        <div role="tabpanel" id={`${titleId}-agenda-panel`} aria-labelledby={`${titleId}-agenda`} className="workshop-body">
          <section className="workshop-now" aria-label="Current step">
            {current ? (
              <>
                <p className="workshop-now-title">
                  Step {steps.indexOf(current) + 1}: {current.title}
                  {remaining !== null && <span className={`workshop-now-clock${remaining < 0 ? ' over' : ''}`}> {formatClock(remaining)}</span>}
                  <StepDoneCount mapId={map.id} stepId={current.id} />
                </p>
                {current.instructions && <p className="workshop-now-ins">{current.instructions}</p>}
              </>
            ) : (
              <p className="workshop-hint">{steps.length === 0 ? 'No agenda yet: add a step or choose an agenda below.' : 'No step is running.'}</p>
            )}
            <div className="workshop-controls">
              {!current && (
                <button type="button" className="button" disabled={steps.length === 0} onClick={() => steps[0] && start((steps.find((s) => s.startedAt === null) ?? steps[0]).id)}>
                  Start
                </button>
              )}
              {current && !paused && (
                <button type="button" className="button" onClick={() => void run(workshopCall('workshop.pause', { mapId: map.id }), false)}>
                  Pause
                </button>
              )}
              {current && paused && (
                <button type="button" className="button" onClick={() => void run(workshopCall('workshop.resume', { mapId: map.id }), false)}>
                  Resume
                </button>
              )}
              <button type="button" className="button ghost" disabled={!current} onClick={() => void run(workshopCall('workshop.extend', { mapId: map.id, seconds: 60 }), false)}>
                +1 min
              </button>
              <button type="button" className="button ghost" disabled={steps.length === 0} onClick={next}>
                Next
              </button>
            </div>
          </section>
          {current?.activity === 'goals' && <StageGoals c={c} />}
          <section aria-label="Agenda">
            <h3 className="workshop-h3">
              Agenda <span className="workshop-total">{totalMinutes(steps)} min</span>
            </h3>
            <p className="workshop-hint" id={`${titleId}-reorder`}>
              Drag a step, or press Alt+↑ / Alt+↓ on it, to reorder.
            </p>
            <ol className="workshop-steps">
              {steps.map((s, i) => (
                <li
                  key={s.id}
                  className={`workshop-step${s.id === current?.id ? ' current' : ''}${dragging === i ? ' dragging' : ''}`}
                  draggable
                  onDragStart={(e) => {
                    setDragging(i);
                    e.dataTransfer.effectAllowed = 'move';
                    e.dataTransfer.setData('text/plain', s.id);
                  }}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => {
                    e.preventDefault();
                    if (dragging !== null) move(dragging, i);
                    setDragging(null);
                  }}
                  onDragEnd={() => setDragging(null)}
                >
                  <div
                    className="workshop-step-row"
                    tabIndex={0}
                    data-step-row={s.id}
                    aria-label={`Step ${i + 1} of ${steps.length}: ${s.title}, ${s.minutes} minutes, ${ACTIVITY_LABELS[s.activity]}${s.silent ? ', silent' : ''}${s.id === current?.id ? ', running now' : ''}`}
                    aria-describedby={`${titleId}-reorder`}
                    onKeyDown={(e) => onStepKey(e, i)}
                  >
                    <span className="workshop-grip" aria-hidden="true">
                      ⋮⋮
                    </span>
                    <span className="workshop-step-n">{i + 1}</span>
                    <span className="workshop-step-title">{s.title}</span>
                    <span className="workshop-step-min">{s.minutes} min</span>
                  </div>
                  <div className="workshop-step-actions">
                    <button type="button" className="button ghost small" aria-label={`Start step ${i + 1}: ${s.title}`} onClick={() => start(s.id)}>
                      ▶
                    </button>
                    <button type="button" className="button ghost small" aria-expanded={editing === s.id} aria-label={`Edit step ${i + 1}: ${s.title}`} onClick={() => setEditing(editing === s.id ? null : s.id)}>
                      Edit
                    </button>
                    <button type="button" className="button ghost small" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
                      ↑
                    </button>
                    <button type="button" className="button ghost small" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => move(i, i + 1)}>
                      ↓
                    </button>
                    <button type="button" className="button ghost small" aria-label={`Delete step ${i + 1}: ${s.title}`} onClick={() => commit('Delete step', [change.delete('step', s.id)])}>
                      ✕
                    </button>
                  </div>
                  {editing === s.id && <StepEditor key={`${s.title}\n${s.minutes}\n${s.instructions}`} c={c} step={s} onDone={() => setEditing(null)} />}
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="button ghost"
              onClick={() => {
                const id = newId();
                commit('Add step', [change.create('step', id, blankStep(nextPosition(steps)))]);
                setEditing(id);
              }}
            >
              + Add step
            </button>
          </section>
          <section className="workshop-templates" aria-label="Agenda templates">
            <h3 className="workshop-h3">Agenda templates</h3>
            <div className="workshop-editor-row">
              <label htmlFor={`${titleId}-variant`} className="visually-hidden">
                Agenda template
              </label>
              <select id={`${titleId}-variant`} value={variant} onChange={(e) => setVariant(e.target.value)}>
                <option value="">Choose an agenda…</option>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.stepCount} steps, {t.totalMinutes} min){t.source === 'saved' ? ' – saved' : ''}
                  </option>
                ))}
              </select>
              <button type="button" className="button ghost" disabled={!variant} onClick={applyVariant}>
                Use agenda
              </button>
            </div>
            <div className="workshop-editor-row">
              <label htmlFor={`${titleId}-save`} className="visually-hidden">
                Template name
              </label>
              <input id={`${titleId}-save`} placeholder="Template name" maxLength={100} value={saveName} onChange={(e) => setSaveName(e.target.value)} />
              <button type="button" className="button ghost" disabled={saveName.trim() === '' || steps.length === 0} onClick={() => void saveTemplate()}>
                Save as template
              </button>
            </div>
          </section>
          <p className="visually-hidden" role="status" aria-live="polite">
            {said}
          </p>
        </div>
      )}
    </aside>
  );
}

/** "7 of 9 done" beside the clock while the room is open for this map (the phones' Done toggles; counts, no names). */
function StepDoneCount({ mapId, stepId }: { mapId: string; stepId: string }) {
  const status = useRoomStatus(mapId);
  const text = status.open && status.mapId === mapId && status.done.stepId === stepId ? doneText(status.done) : null;
  if (!text) return null;
  return (
    <span className="workshop-now-done" data-testid="workshop-done">
      {' · '}
      {text}
    </span>
  );
}
