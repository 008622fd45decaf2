/** Stage goals during a goals step: the customer's goal and expectations at each stage; each edit one undo step. */
import { useId, useState } from 'react';
import { change } from '../../shared/records/index';
import type { BoardController } from '../board/BoardController';
import type { BoardStage } from '../../shared/board/history';

export function StageGoals({ c }: { c: BoardController }) {
  const stages = [...c.stages].sort((a, b) => a.position - b.position);
  return (
    <section className="workshop-goals" aria-label="Stage goals">
      <h3 className="workshop-h3">Stage goals</h3>
      {stages.length === 0 ? (
        <p className="workshop-hint">The map has no stages yet: add them on the board (+ Stage).</p>
      ) : (
        stages.map((s) => <StageGoal key={`${s.id}\n${s.goal}\n${s.expectations}`} c={c} stage={s} />)
      )}
    </section>
  );
}

function StageGoal({ c, stage }: { c: BoardController; stage: BoardStage }) {
  const id = useId();
  const [goal, setGoal] = useState(stage.goal);
  const [expectations, setExpectations] = useState(stage.expectations);
  const save = (patch: { goal?: string; expectations?: string }) => {
    if ((patch.goal ?? stage.goal) === stage.goal && (patch.expectations ?? stage.expectations) === stage.expectations) return;
    c.commit('Edit stage goal', [change.update('stage', stage.id, patch)]);
  };
  return (
    <fieldset className="workshop-goal">
      <legend>{stage.name}</legend>
      <label htmlFor={`${id}-g`}>Customer’s goal</label>
      <textarea id={`${id}-g`} rows={2} maxLength={500} value={goal} onChange={(e) => setGoal(e.target.value)} onBlur={() => save({ goal })} />
      <label htmlFor={`${id}-e`}>Expectations</label>
      <textarea id={`${id}-e`} rows={2} maxLength={500} value={expectations} onChange={(e) => setExpectations(e.target.value)} onBlur={() => save({ expectations })} />
    </fieldset>
  );
}
