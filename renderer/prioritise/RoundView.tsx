import { useId, useState } from 'react';
import type { Change } from '../../shared/records';
import type { BoardNote } from '../../shared/board/history';
import type { BoardController } from '../board/BoardController';
import { PERSONA_BG } from '../panels/PersonaAvatar';
import { useVoteSession } from './useBoard';
import { participantsOf, voteSession, votesOf } from './voteSession';
import { countsOf, covers, dotsText, noteName, paperCount, paperCountRefusal, tally, TARGET_LABEL, usedDots, votersOf, type Round } from './voteView';

/** Notes listed for voting from the keyboard at most (a filter finds the others). */
const LIST_MAX = 60;

/** One round: open or close it, who votes and their dots left, the notes to vote on, and the live results. */
export function RoundView({ c, round }: { c: BoardController; round: Round }) {
  const session = useVoteSession(c);
  const s = voteSession(c);
  const people = participantsOf(c);
  const votes = votesOf(c);
  const counts = countsOf(round.id, votes);
  const open = round.status === 'open';
  const headId = useId();

  const setStatus = (status: 'open' | 'closed') => {
    c.commit(status === 'closed' ? 'Close round' : 'Reopen round', [
      { type: 'round', op: 'update', id: round.id, patch: status === 'closed' ? { status, closedAt: Date.now() } : { status, closedAt: null } } as Change,
    ]);
    s.store.setState({ clicking: false, refusal: null, said: status === 'closed' ? `“${round.title}” is closed. Its results are kept as they are.` : `“${round.title}” is open again.` });
  };

  return (
    <div className="round-view" aria-labelledby={headId} role="group" data-testid="round-view">
      <div className="round-head">
        <div>
          <h4 id={headId}>{round.title}</h4>
          <p className="round-meta">
            <span className={`round-status ${round.status}`}>{open ? 'Open' : 'Closed'}</span> {TARGET_LABEL[round.target].plural}, {dotsText(round.dots)} each
            {round.multiple ? ', several on one note' : ''}
            {round.anonymous ? ', anonymous' : ''}
          </p>
        </div>
        <button type="button" className="button small" onClick={() => setStatus(open ? 'closed' : 'open')}>
          {open ? 'Close round' : 'Reopen'}
        </button>
      </div>
      {open && <Voters c={c} round={round} />}
      {open && <NoteList c={c} round={round} counts={counts} voterName={people.find((p) => p.id === session.voterId)?.name ?? null} />}
      <Results c={c} round={round} />
    </div>
  );
}

/** Who is voting (one at a time) with their dots left, and click-to-vote on the board. */
function Voters({ c, round }: { c: BoardController; round: Round }) {
  const session = useVoteSession(c);
  const s = voteSession(c);
  const people = participantsOf(c);
  const votes = votesOf(c);
  const headId = useId();
  if (people.length === 0) return <p className="prioritise-hint">Add the people in the room above to cast their dots.</p>;
  const voter = people.find((p) => p.id === session.voterId) ?? null;
  return (
    <div className="round-voters">
      <h5 id={headId}>Who is voting</h5>
      <ul className="voter-list" aria-labelledby={headId}>
        {people.map((p) => {
          const left = round.dots - usedDots(round.id, p.id, votes);
          return (
            <li key={p.id}>
              <button
                type="button"
                className="voter"
                aria-pressed={session.voterId === p.id}
                onClick={() => s.store.setState({ voterId: session.voterId === p.id ? null : p.id, refusal: null })}
                data-testid={`voter-${p.name}`}
              >
                <span className="participant-swatch" style={{ background: PERSONA_BG[p.color] }} aria-hidden="true" />
                <span className="voter-name">{p.name}</span>
                <span className="voter-left" data-testid="dots-left">
                  {left} of {round.dots} left
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className={`button small click-vote${session.clicking ? ' on' : ''}`}
        aria-pressed={session.clicking}
        disabled={!voter}
        onClick={() => s.store.setState({ clicking: !session.clicking, refusal: null })}
      >
        {session.clicking && voter ? `Clicking a note votes for ${voter.name}` : 'Vote by clicking notes'}
      </button>
      {!voter && <p className="prioritise-hint">Choose who is voting, then click notes on the board or use the list below.</p>}
    </div>
  );
}

/** The notes the round covers, with a dot button for the voter, take-back, and the typed paper count. */
function NoteList({ c, round, counts, voterName }: { c: BoardController; round: Round; counts: Map<string, number>; voterName: string | null }) {
  const session = useVoteSession(c);
  const votes = votesOf(c);
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const headId = useId();
  const q = filter.trim().toLowerCase();
  // Read in place (no copies): a map may hold 20,000 notes, and this runs after every change.
  const all: Readonly<BoardNote>[] = [];
  c.forEachShownNote((n) => {
    if (covers(round, n) && n.text.trim() !== '') all.push(n);
  });
  const shown = (q ? all.filter((n) => n.text.toLowerCase().includes(q)) : all).slice(0, LIST_MAX);
  return (
    <div className="round-notes">
      <h5 id={headId}>Notes to vote on ({all.length})</h5>
      {all.length > 8 && (
        <div className="prioritise-field">
          <label htmlFor={filterId}>Find a note</label>
          <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      )}
      {all.length === 0 ? (
        <p className="prioritise-hint">The map has no {TARGET_LABEL[round.target].plural} yet.</p>
      ) : (
        <ul className="vote-notes" aria-labelledby={headId}>
          {shown.map((n) => (
            <NoteRow key={n.id} c={c} note={n} count={counts.get(n.id) ?? 0} paper={paperCount(round.id, n.id, votes)} voterName={voterName} voterId={session.voterId} />
          ))}
        </ul>
      )}
      {all.length > shown.length && <p className="prioritise-hint">{all.length - shown.length} more: type in “Find a note”.</p>}
    </div>
  );
}

function NoteRow({
  c,
  note,
  count,
  paper,
  voterName,
  voterId,
}: {
  c: BoardController;
  note: Readonly<BoardNote>;
  count: number;
  paper: number;
  voterName: string | null;
  voterId: string | null;
}) {
  const s = voteSession(c);
  const [draft, setDraft] = useState<string | null>(null);
  const name = noteName(note);
  const savePaper = () => {
    if (draft === null) return;
    const refusal = paperCountRefusal(draft);
    if (refusal) {
      s.store.setState({ refusal, said: null });
      return;
    }
    s.setPaperCount(note.id, Number(draft));
    setDraft(null);
  };
  return (
    <li className="vote-note" data-note={note.id}>
      <span className="vote-note-text">{note.text}</span>
      <span className="vote-note-count" aria-label={`${dotsText(count)} in all`}>
        {count}
      </span>
      <span className="vote-note-actions">
        <button type="button" className="icon-button" aria-label={voterName ? `Add ${voterName}’s dot to ${name}` : `Add a dot to ${name}`} title={voterName ? `Add ${voterName}’s dot` : 'Choose who is voting first'} onClick={() => s.cast(note.id, voterId)}>
          +
        </button>
        <button type="button" className="icon-button" aria-label={voterName ? `Take back ${voterName}’s dot from ${name}` : `Take back a dot from ${name}`} title="Take back a dot" onClick={() => s.retract(note.id, voterId)}>
          −
        </button>
        <input
          className="paper-input"
          type="text"
          inputMode="numeric"
          aria-label={`Paper dots on ${name}`}
          title="Paper dots (typed count)"
          value={draft ?? String(paper)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={savePaper}
          onKeyDown={(e) => {
            if (e.key === 'Enter') savePaper();
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setDraft(null);
            }
          }}
        />
      </span>
    </li>
  );
}

/** Live results, most votes first (names only when the round is not anonymous), and the top-N filter on the board. */
function Results({ c, round }: { c: BoardController; round: Round }) {
  const session = useVoteSession(c);
  const s = voteSession(c);
  const votes = votesOf(c);
  const people = new Map(participantsOf(c).map((p) => [p.id, p]));
  const list = tally(round.id, votes);
  const headId = useId();
  const topId = useId();
  const [n, setN] = useState(String(session.topN ?? 3));
  const total = list.reduce((sum, r) => sum + r.votes, 0);
  const applyTop = (on: boolean, text = n) => {
    const value = Math.max(1, Math.min(99, Math.round(Number(text)) || 1));
    s.store.setState({ topN: on ? value : null });
  };
  return (
    <div className="round-results">
      <h5 id={headId}>
        Results <span className="round-total">({dotsText(total)})</span>
      </h5>
      {list.length === 0 ? (
        <p className="prioritise-hint">No votes yet.</p>
      ) : (
        <ol className="results-list" aria-labelledby={headId} data-testid="vote-results">
          {list.map((r) => {
            const note = c.note(r.noteId);
            const who = round.anonymous ? '' : votersOf(round.id, r.noteId, votes, people);
            return (
              <li key={r.noteId} className="result-row" data-note={r.noteId}>
                <span className="result-votes">{r.votes}</span>
                <span className="result-text">
                  <button type="button" className="prioritise-link" onClick={() => c.showNotes([r.noteId])} aria-label={`${note ? note.text : 'Deleted note'}: ${dotsText(r.votes)}. Show on the board`}>
                    {note ? note.text : 'Deleted note'}
                  </button>
                  {who && <span className="result-who">{who}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <div className="top-filter">
        <label className="prioritise-check">
          <input type="checkbox" checked={session.topN !== null} onChange={(e) => applyTop(e.target.checked)} /> Dim all but the top
        </label>
        <label htmlFor={topId} className="visually-hidden">
          How many notes stay bright
        </label>
        <input
          id={topId}
          className="dots-input"
          type="number"
          min={1}
          max={99}
          value={n}
          onChange={(e) => {
            setN(e.target.value);
            if (session.topN !== null && /^\d+$/.test(e.target.value)) applyTop(true, e.target.value);
          }}
        />
      </div>
    </div>
  );
}
