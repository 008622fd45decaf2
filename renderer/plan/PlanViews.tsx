import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BoardController } from '../board/BoardController';
import { useVoteSession } from '../prioritise/useBoard';
import { MatrixView } from './MatrixView';
import { pickRound, votesByNote } from './planModel';
import { RoadmapView } from './RoadmapView';
import { guardKeys, useDocVersion } from './usePlan';
import './plan.css';

export type ViewName = 'board' | 'matrix' | 'roadmap';
const VIEWS: { id: ViewName; label: string }[] = [
  { id: 'board', label: 'Board' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'roadmap', label: 'Roadmap' },
];

/** The id of the element a view tab controls (the plan view's panel; the board for Board). */
export const PLAN_PANEL_ID = 'plan-view-panel';

/**
 * Board | Matrix | Roadmap in the map bar: a tablist (arrow keys, Home and End move between the
 * tabs and show the view, as a segmented control does).
 */
export function ViewSwitch({ value, onChange }: { value: ViewName; onChange: (v: ViewName) => void }) {
  const refs = useRef(new Map<ViewName, HTMLButtonElement>());
  const keys = (e: KeyboardEvent) => {
    const at = VIEWS.findIndex((v) => v.id === value);
    const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? VIEWS.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = VIEWS[(to + VIEWS.length) % VIEWS.length]!.id;
    onChange(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div className="view-switch" role="tablist" aria-label="View" onKeyDown={keys}>
      {VIEWS.map((v) => (
        <button
          key={v.id}
          ref={(el) => {
            if (el) refs.current.set(v.id, el);
          }}
          type="button"
          role="tab"
          id={`view-tab-${v.id}`}
          data-testid={`view-${v.id}`}
          aria-selected={value === v.id}
          aria-controls={value === v.id && v.id !== 'board' ? PLAN_PANEL_ID : undefined}
          tabIndex={value === v.id ? 0 : -1}
          className={value === v.id ? 'view-tab selected' : 'view-tab'}
          onClick={() => onChange(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}

/**
 * The matrix or the roadmap, over the board (which stays mounted, hidden, so its document, undo
 * history and save queue carry on). Both read the board's live document and edit it through
 * `BoardController.commit`: one undo step each, saved through the board's queue; Ctrl/Cmd+Z and
 * Shift+Z work here as on the board.
 */
export function PlanView({ view, controller: c }: { view: 'matrix' | 'roadmap'; controller: BoardController }) {
  useDocVersion(c);
  const root = useRef<HTMLDivElement>(null);
  // The round the board's Vote panel shows, unless one is chosen here.
  const sessionRound = useVoteSession(c).roundId;
  const [roundId, setRoundId] = useState<string | null>(null);

  useEffect(() => guardKeys(() => root.current), []);
  useEffect(() => {
    // Keys typed with no focus would go to the hidden board: give them to this view instead (a
    // tab chosen by keyboard keeps its focus).
    const active = document.activeElement;
    if (!active || active === document.body) root.current?.focus();
  }, [view]);

  const notes = c.allNotes();
  const rounds = [...c.records('round')].sort((a, b) => a.openedAt - b.openedAt || a.position - b.position);
  const round = pickRound(rounds, roundId ?? sessionRound);
  const votes = votesByNote(round?.id ?? null, c.records('vote'));
  const title = view === 'matrix' ? 'Impact and effort' : 'Roadmap';

  return (
    <div ref={root} id={PLAN_PANEL_ID} className="plan-view" role="tabpanel" aria-labelledby={`view-tab-${view}`} tabIndex={-1} data-testid={`plan-${view}`}>
      <header className="plan-head">
        <h2>{title}</h2>
        {rounds.length > 0 && (
          <label className="plan-round">
            Votes from
            <select value={round?.id ?? ''} onChange={(e) => setRoundId(e.target.value)}>
              {rounds.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                  {r.status === 'open' ? ' (open)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="plan-undo-hint">Every change here is one undo step (Ctrl/Cmd+Z).</span>
      </header>
      {view === 'matrix' ? (
        <MatrixView controller={c} notes={notes} votes={votes} roundTitle={round?.title ?? null} />
      ) : (
        <RoadmapView controller={c} notes={notes} stages={c.stages} votes={votes} />
      )}
    </div>
  );
}
