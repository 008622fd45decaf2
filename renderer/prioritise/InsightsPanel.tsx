import { useId, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { JourneyMap } from '../../shared/domain';
import type { BoardController } from '../board/BoardController';
import { insightSections } from './insightsView';
import { useBoardVersion, useVoteSession } from './useBoard';
import './prioritise.css';
import { sidePanelKeyDown } from '../ui/keys';
import { PanelHeader } from '../ui/PanelHeader';

export interface InsightsPanelProps {
  /** The map as the screen has it (its header); the records are read live from the board. */
  map: JourneyMap;
  board: () => BoardController | null;
  onClose(): void;
}

/**
 * What the map says (issue 12), every figure computed from the map as it is now: the top pain
 * points by votes × severity, the stage that hurts most, opportunities by quadrant, the roadmap by
 * phase. Each line links to the notes behind it (selects them and moves the camera to them).
 */
export function InsightsPanel({ map, board, onClose }: InsightsPanelProps) {
  const c = board();
  const titleId = useId();
  useBoardVersion(c);
  // Votes from the round the Vote panel shows, else the newest round with votes.
  const { roundId } = useVoteSession(c);
  const sections = c ? insightSections(c, map, roundId) : [];

  const onPanelKey = (e: ReactKeyboardEvent) => sidePanelKeyDown(e, onClose);

  return (
    <aside className="side-panel prioritise-panel" aria-labelledby={titleId} onKeyDown={onPanelKey} data-testid="insights-panel">
      <PanelHeader titleId={titleId} title="Insights" closeLabel="Close insights" onClose={onClose} />
      {!c ? (
        <p className="prioritise-empty">The board is opening…</p>
      ) : (
        <div className="prioritise-body">
          {sections.map((s) => (
            <section key={s.title} className="prioritise-section" aria-label={s.title}>
              <h3>{s.title}</h3>
              {s.lines.length === 0 ? (
                <p className="prioritise-hint">{s.empty}</p>
              ) : (
                <ul className="insights-list">
                  {s.lines.map((line) => (
                    <li key={line.key}>
                      {line.noteIds.length > 0 ? (
                        <button
                          type="button"
                          className="prioritise-link"
                          onClick={() => c.showNotes(line.noteIds)}
                          aria-label={`${line.label}: ${line.figure}. Show ${line.noteIds.length === 1 ? 'its note' : `its ${line.noteIds.length} notes`} on the board`}
                        >
                          {line.label}
                        </button>
                      ) : (
                        <span>{line.label}</span>
                      )}
                      <span className="insight-figure">{line.figure}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
    </aside>
  );
}
