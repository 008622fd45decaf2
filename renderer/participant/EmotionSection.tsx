/**
 * Emotion scores: for each stage, five faces from very negative (-2) to very positive (+2), as one
 * group of radio buttons (arrow keys move between faces, a screen reader says the words). Scoring
 * again replaces the earlier score.
 */
import type { RoomState } from '../../shared/room/contract';
import { Face, SCORES, SCORE_LABELS } from './Face';

export function EmotionSection({ room, onScore }: { room: RoomState; onScore(stageId: string, score: number): void }) {
  const scores = new Map(room.myScores.map((s) => [s.stageId, s.score]));
  const stages = room.step?.stageId ? room.map.stages.filter((s) => s.id === room.step?.stageId) : room.map.stages;
  return (
    <section className="card" aria-labelledby="emotion-title" data-testid="phone-emotions">
      <h2 id="emotion-title">How does each stage feel for the customer?</h2>
      {stages.length === 0 && <p className="phone-muted">The map has no stages yet.</p>}
      {stages.map((stage) => (
        <fieldset key={stage.id} className="emotion-stage" data-testid="emotion-stage">
          <legend>{stage.name}</legend>
          <div className="faces">
            {SCORES.map((score) => (
              <label key={score} className={`face-choice${scores.get(stage.id) === score ? ' checked' : ''}`}>
                <input
                  type="radio"
                  name={`emotion-${stage.id}`}
                  value={score}
                  checked={scores.get(stage.id) === score}
                  onChange={() => onScore(stage.id, score)}
                />
                <Face score={score} />
                <span>{SCORE_LABELS[score]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </section>
  );
}
