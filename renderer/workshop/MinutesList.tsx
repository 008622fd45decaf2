/** The Minutes tab: per step, when it ran, time spent against plan, notes added, vote results (shared/workshop/minutes.ts). */
import { useEffect, useState } from 'react';
import type { JourneyMap } from '../../shared/domain';
import { minutesOfMap, minutesTotals, type MinutesMap } from '../../shared/workshop/minutes';
import { formatDuration } from '../../shared/workshop/timer';
import type { WorkshopState } from '../../shared/workshop/agenda';
import { api } from '../api/client';
import type { BoardController } from '../board/BoardController';
import { showError } from '../state/notices';

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Reads the map from the store (notes with their creation times, rounds and votes) after the board's edits are saved. */
export function MinutesList({ c, mapId, state }: { c: BoardController; mapId: string; state: WorkshopState | null }) {
  const [read, setRead] = useState<{ map: JourneyMap; at: number } | null>(null);
  useEffect(() => {
    let live = true;
    c.saveNow()
      .catch(() => {})
      .then(() => api.call('maps.get', { id: mapId }))
      .then((m) => live && setRead({ map: m, at: Date.now() }), showError);
    return () => {
      live = false;
    };
  }, [c, mapId, state]);
  if (!state || !read) return <p className="workshop-hint">Reading the workshop…</p>;
  // The store's map: steps with their times, the header's timer, notes with their creation times, rounds and votes.
  const entries = minutesOfMap(read.map as unknown as MinutesMap, read.at);
  const ran = entries.filter((e) => e.ran);
  const totals = minutesTotals(entries);
  if (ran.length === 0) return <p className="workshop-hint">No step has run yet. Start one from the Agenda tab; its minutes appear here.</p>;
  return (
    <>
      <p className="workshop-hint">
        {totals.stepsRun} of {entries.length} steps run · {formatDuration(totals.spentMs)} spent of {formatDuration(totals.plannedMs)} planned
      </p>
      <ol className="workshop-minutes" aria-label="Minutes">
        {ran.map((e) => (
          <li key={e.stepId} className="workshop-minute" data-testid="minutes-entry">
            <h3 className="workshop-h3">
              {e.number}. {e.title}
              {e.current && <span className="workshop-badge"> running</span>}
            </h3>
            <p>
              {clock(e.startedAt!)}
              {e.endedAt !== null ? `–${clock(e.endedAt)}` : ''} · {formatDuration(e.spentMs)} of {formatDuration(e.plannedMs)}
              {e.overMs > 0 && <span className="workshop-over"> ({formatDuration(e.overMs)} over)</span>}
            </p>
            <p>
              {e.notes.length === 0 ? 'No notes added.' : `${e.notes.length} note${e.notes.length === 1 ? '' : 's'} added.`}
            </p>
            {e.round && (
              <div>
                <p>
                  Vote “{e.round.title}”{e.round.status === 'open' ? ' (still open)' : ''}:
                </p>
                {e.round.results.length === 0 ? (
                  <p>No votes.</p>
                ) : (
                  <ol className="workshop-votes">
                    {e.round.results.slice(0, 5).map((r) => (
                      <li key={r.noteId}>
                        {r.votes} · {r.text || '(deleted note)'}
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
