import { useRef, useState } from 'react';
import type { BoardNote } from '../../shared/board/history';
import type { BoardController } from '../board/BoardController';
import { LinkedPains, LinkPicker } from './LinkPicker';
import { answeredBy, isOpportunity, isPainPoint, noteTitle, QUADRANT_INFO, quadrantOf, scoreAt, scoreChange, scoreForKey, SCORE_MAX, SCORE_MIN, type Quadrant, type Score } from './planModel';
import { startDrag, within } from './usePlan';

const SCORES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);
/** Rows from the top: impact 5 first. */
const IMPACT_ROWS = [...SCORES].reverse();
const CORNERS: Quadrant[] = ['quick_win', 'big_bet', 'fill_in', 'money_pit'];

function placeText(score: Score | null): string {
  if (!score) return 'Unscored';
  return `${QUADRANT_INFO[quadrantOf(score)].label}: impact ${score.impact}, effort ${score.effort}`;
}

const scoreOf = (n: BoardNote): Score | null => (n.impact !== null && n.effort !== null ? { impact: n.impact, effort: n.effort } : null);

/**
 * The impact/effort matrix: the map's opportunities on a 5x5 grid (effort left to right, impact
 * bottom to top) in four quadrants, an "Unscored" tray, and the pain points with what answers
 * them. Drag a card onto a cell (or press the arrow keys on it) to score it; drag it to the tray
 * (or press Delete) to unscore it. Each move is one undo step on the board's history.
 */
export function MatrixView({ controller, notes, votes, roundTitle }: { controller: BoardController; notes: readonly BoardNote[]; votes: ReadonlyMap<string, number>; roundTitle: string | null }) {
  const grid = useRef<HTMLDivElement>(null);
  const tray = useRef<HTMLElement>(null);
  const [said, setSaid] = useState('');
  const opportunities = notes.filter(isOpportunity);
  const painPoints = notes.filter(isPainPoint).sort((a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0));
  const byId = new Map(notes.map((n) => [n.id, n]));
  const answers = answeredBy(opportunities);
  const unscored = opportunities.filter((n) => scoreOf(n) === null);

  const setScore = (n: BoardNote, score: Score | null, how: string, keepFocus = false) => {
    const change = scoreChange(n, score);
    if (!change) return;
    controller.commit(score ? 'Score opportunity' : 'Unscore opportunity', [change]);
    setSaid(`${noteTitle(n, 40)} ${how} ${placeText(score)}.`);
    // The card is drawn again in its new cell: the keyboard stays on it.
    if (keepFocus) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-matrix-handle="${n.id}"]`)?.focus());
  };

  const drop = (n: BoardNote, x: number, y: number) => {
    if (within(tray.current, x, y)) return setScore(n, null, 'moved to');
    const rect = grid.current?.getBoundingClientRect();
    const score = rect ? scoreAt(x, y, rect) : null;
    if (score) setScore(n, score, 'moved to');
  };

  const card = (n: BoardNote) => {
    const score = scoreOf(n);
    const linked = n.linkedNoteIds.map((id) => byId.get(id)).filter((p): p is BoardNote => !!p && isPainPoint(p));
    const v = votes.get(n.id) ?? 0;
    return (
      <div key={n.id} className="plan-card" data-testid="matrix-card" data-note-id={n.id} data-color={n.color} onPointerDown={(e) => startDrag(e, (x, y) => drop(n, x, y))}>
        <button
          type="button"
          className="plan-card-handle"
          data-matrix-handle={n.id}
          aria-label={`${noteTitle(n)}. ${placeText(score)}.${v ? ` ${v} votes.` : ''}`}
          aria-description="Arrow keys set impact (up, down) and effort (left, right); Delete sends it back to the unscored tray."
          onKeyDown={(e) => {
            if (e.key === 'Delete' || e.key === 'Backspace') {
              e.preventDefault();
              setScore(n, null, 'moved to', true);
              return;
            }
            const next = scoreForKey(n, e.key);
            if (!next) return;
            e.preventDefault();
            setScore(n, next, 'now', true);
          }}
        >
          {noteTitle(n)}
        </button>
        <div className="plan-card-meta">
          {v > 0 && (
            <span className="plan-votes" title={roundTitle ? `Votes in “${roundTitle}”` : undefined}>
              {v} {v === 1 ? 'vote' : 'votes'}
            </span>
          )}
          <LinkPicker controller={controller} opportunity={n} painPoints={painPoints} votes={votes} />
        </div>
        <LinkedPains linked={linked} />
      </div>
    );
  };

  return (
    <div className="matrix-layout">
      <section ref={tray} className="matrix-tray" aria-labelledby="matrix-tray-title" data-testid="matrix-tray">
        <h3 id="matrix-tray-title">Unscored ({unscored.length})</h3>
        {opportunities.length === 0 ? (
          <p className="plan-empty">No opportunities yet. Notes in the Opportunities lane (or of that kind) show here.</p>
        ) : unscored.length === 0 ? (
          <p className="plan-empty">Every opportunity is on the matrix. Drag one here to unscore it.</p>
        ) : (
          <p className="plan-hint">Drag a card onto the matrix, or focus it and use the arrow keys.</p>
        )}
        <div className="plan-card-list">{unscored.map(card)}</div>
      </section>

      <div className="matrix-area">
        <div className="matrix-y-label" aria-hidden="true">
          Impact →
        </div>
        <div className="matrix-y-scale" aria-hidden="true">
          {IMPACT_ROWS.map((i) => (
            <span key={i}>{i}</span>
          ))}
        </div>
        <div ref={grid} className="matrix-grid" role="group" aria-label="Impact and effort matrix: impact from 1 (bottom) to 5 (top), effort from 1 (left) to 5 (right)" data-testid="matrix-grid">
          {CORNERS.map((q) => (
            <div key={q} className={`matrix-quadrant ${q}`} aria-hidden="true">
              <span className="matrix-quadrant-name">{QUADRANT_INFO[q].label}</span>
              <span className="matrix-quadrant-where">{QUADRANT_INFO[q].where}</span>
            </div>
          ))}
          {IMPACT_ROWS.map((impact) =>
            SCORES.map((effort) => {
              const here = opportunities.filter((n) => n.impact === impact && n.effort === effort);
              return (
                <div key={`${impact}:${effort}`} className={`matrix-cell q-${quadrantOf({ impact, effort })}`} data-impact={impact} data-effort={effort} style={{ gridRow: SCORE_MAX - impact + 1, gridColumn: effort - SCORE_MIN + 1 }}>
                  {here.map(card)}
                </div>
              );
            }),
          )}
        </div>
        <div className="matrix-x-scale" aria-hidden="true">
          {SCORES.map((e) => (
            <span key={e}>{e}</span>
          ))}
        </div>
        <div className="matrix-x-label" aria-hidden="true">
          Effort →
        </div>
      </div>

      <section className="matrix-pains" aria-labelledby="matrix-pains-title" data-testid="matrix-pains">
        <h3 id="matrix-pains-title">Pain points</h3>
        {painPoints.length === 0 ? (
          <p className="plan-empty">No pain points yet.</p>
        ) : (
          <ul>
            {painPoints.map((p) => {
              const by = answers.get(p.id) ?? [];
              const v = votes.get(p.id) ?? 0;
              return (
                <li key={p.id} className="plan-pain" data-testid="matrix-pain" data-note-id={p.id}>
                  <span className="plan-pain-title">{noteTitle(p, 60)}</span>
                  {v > 0 && <span className="plan-votes">{v} {v === 1 ? 'vote' : 'votes'}</span>}
                  <span className="plan-answered">{by.length === 0 ? 'Nothing answers it yet' : `Answered by: ${by.map((o) => noteTitle(o, 30)).join('; ')}`}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <p className="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
