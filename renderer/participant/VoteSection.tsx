/**
 * Dot voting in the open round: the dots left, each candidate with this person's dots on it, a dot
 * added or taken back with one tap. Once the round is closed, its results, most dots first.
 */
import { useState } from 'react';
import type { RoomRound } from '../../shared/room/contract';

/** Past this many notes the list gets a search box: a room's few hundred notes are too many to scroll on a phone. */
export const FIND_FROM = 8;

function label(text: string): string {
  return text.trim() ? text : 'A face-down note';
}

export function VoteSection({
  round,
  onCast,
  onRetract,
}: {
  round: RoomRound;
  onCast(noteId: string): void;
  onRetract(noteId: string): void;
}) {
  const mine = new Map(round.mine.map((m) => [m.noteId, m.count]));
  const [find, setFind] = useState('');
  const query = find.trim().toLocaleLowerCase();
  const shown = query ? round.candidates.filter((c) => label(c.text).toLocaleLowerCase().includes(query)) : round.candidates;
  return (
    <section className="card" aria-labelledby="vote-title" data-testid="phone-vote">
      <h2 id="vote-title">Vote: {round.title}</h2>
      <p className="dots-left" data-testid="dots-left">
        {round.left} of {round.dots} {round.dots === 1 ? 'dot' : 'dots'} left
      </p>
      {round.candidates.length === 0 && <p className="phone-muted">Nothing to vote on yet.</p>}
      {round.candidates.length > FIND_FROM && (
        <label className="field">
          Find a note
          <input type="search" value={find} onChange={(e) => setFind(e.target.value)} data-testid="find-candidate" />
        </label>
      )}
      {query && (
        <p className="phone-muted" role="status" data-testid="find-count">
          {shown.length === 0 ? `No note has “${find.trim()}”.` : `${shown.length} of ${round.candidates.length} notes`}
        </p>
      )}
      <ul className="note-list">
        {shown.map((c) => {
          const count = mine.get(c.id) ?? 0;
          const name = label(c.text);
          const short = name.length > 40 ? `${name.slice(0, 40)}…` : name;
          const canAdd = round.left > 0 && (round.multiple || count === 0);
          return (
            <li key={c.id} className="candidate" data-testid="candidate">
              <span className="candidate-text">{name}</span>
              <span className="candidate-mine" data-testid="my-dots">
                <span aria-hidden="true">{count > 0 ? `●${count > 1 ? ` ${count}` : ''}` : ''}</span>
                {count > 0 && (
                  <span className="visually-hidden">{`your ${count === 1 ? 'dot' : `${count} dots`}`}</span>
                )}
              </span>
              <button
                type="button"
                className="button small"
                disabled={count === 0}
                onClick={() => onRetract(c.id)}
                aria-label={`Take back a dot from: ${short}`}
              >
                −
              </button>
              <button
                type="button"
                className="button small primary"
                disabled={!canAdd}
                onClick={() => onCast(c.id)}
                aria-label={`Add a dot to: ${short}`}
              >
                +
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ResultsSection({ round }: { round: RoomRound }) {
  if (!round.results) return null;
  return (
    <section className="card" aria-labelledby="results-title" data-testid="phone-results">
      <h2 id="results-title">Results: {round.title}</h2>
      {round.results.length === 0 ? (
        <p className="phone-muted">No dots were cast.</p>
      ) : (
        <ol className="results">
          {round.results.map((r) => (
            <li key={r.noteId}>
              <span className="results-count">
                {r.count} {r.count === 1 ? 'dot' : 'dots'}
              </span>{' '}
              {label(r.text)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
