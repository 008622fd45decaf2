/** The fields of one agenda step (keyed by its values, so an undo elsewhere shows at once); each edit is one undo step (BoardController.commit -> changes.apply). */
import { useId, useState } from 'react';
import { STEP_ACTIVITIES, STEP_FOCI } from '../../shared/domain';
import { change, RECORD_TYPES } from '../../shared/records/index';
import { ACTIVITY_LABELS, FOCUS_LABELS } from '../../shared/workshop/agenda';
import type { BoardController } from '../board/BoardController';
import type { BoardRecord } from '../../shared/board/history';

type StepRecord = BoardRecord<'step'>;

export function StepEditor({ c, step, onDone }: { c: BoardController; step: StepRecord; onDone(): void }) {
  const id = useId();
  const [title, setTitle] = useState(step.title);
  const [minutes, setMinutes] = useState(String(step.minutes));
  const [instructions, setInstructions] = useState(step.instructions);
  const [problem, setProblem] = useState<string | null>(null);

  const save = (patch: Partial<Omit<StepRecord, 'id'>>, label = 'Edit step') => {
    const changed = Object.entries(patch).some(([k, v]) => (step as unknown as Record<string, unknown>)[k] !== v);
    if (changed) c.commit(label, [change.update('step', step.id, patch)]);
  };
  const saveMinutes = () => {
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1 || n > 600) {
      setProblem('Minutes: a whole number from 1 to 600.');
      return;
    }
    setProblem(null);
    save({ minutes: n });
  };
  const saveTitle = () => {
    if (title.trim() === '') {
      setProblem('Title: a step needs a title.');
      setTitle(step.title);
      return;
    }
    setProblem(null);
    save({ title: title.trim().slice(0, 200) });
  };
  // Voting rounds (issue 12), when this build has them.
  const rounds = ((RECORD_TYPES as readonly string[]).includes('round') ? c.records('round' as never) : []) as unknown as { id: string; title: string }[];
  const stages = c.stages;
  const lanes = c.lanes;

  return (
    <div className="workshop-editor" role="group" aria-label={`Edit step: ${step.title}`}>
      <label htmlFor={`${id}-title`}>Title</label>
      <input id={`${id}-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} onBlur={saveTitle} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />
      <div className="workshop-editor-row">
        <span>
          <label htmlFor={`${id}-min`}>Minutes</label>
          <input id={`${id}-min`} type="number" min={1} max={600} value={minutes} onChange={(e) => setMinutes(e.target.value)} onBlur={saveMinutes} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />
        </span>
        <span>
          <label htmlFor={`${id}-act`}>Activity</label>
          <select id={`${id}-act`} value={step.activity} onChange={(e) => save({ activity: e.target.value as StepRecord['activity'] })}>
            {STEP_ACTIVITIES.map((a) => (
              <option key={a} value={a}>
                {ACTIVITY_LABELS[a]}
              </option>
            ))}
          </select>
        </span>
      </div>
      <label htmlFor={`${id}-ins`}>Instructions for the room</label>
      <textarea id={`${id}-ins`} rows={3} maxLength={2000} value={instructions} onChange={(e) => setInstructions(e.target.value)} onBlur={() => save({ instructions })} />
      <div className="workshop-editor-row">
        <span>
          <label htmlFor={`${id}-stage`}>Stage</label>
          <select id={`${id}-stage`} value={step.stageId ?? ''} onChange={(e) => save({ stageId: e.target.value || null })}>
            <option value="">None</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label htmlFor={`${id}-lane`}>Lane</label>
          <select id={`${id}-lane`} value={step.laneId ?? ''} onChange={(e) => save({ laneId: e.target.value || null })}>
            <option value="">None</option>
            {lanes.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </span>
      </div>
      <div className="workshop-editor-row">
        <span>
          <label htmlFor={`${id}-focus`}>Camera goes to</label>
          <select id={`${id}-focus`} value={step.focus} onChange={(e) => save({ focus: e.target.value as StepRecord['focus'] })}>
            {STEP_FOCI.map((f) => (
              <option key={f} value={f}>
                {FOCUS_LABELS[f]}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label htmlFor={`${id}-round`}>Voting round</label>
          <select id={`${id}-round`} value={step.roundId ?? ''} onChange={(e) => save({ roundId: e.target.value || null })}>
            <option value="">None</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </span>
      </div>
      <label className="workshop-check">
        <input type="checkbox" checked={step.silent} onChange={(e) => save({ silent: e.target.checked })} /> Silent: new notes stay face down until Reveal
      </label>
      {problem && (
        <p className="workshop-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button ghost" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
