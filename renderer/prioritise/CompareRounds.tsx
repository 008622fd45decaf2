import { useId, useState } from 'react';
import type { BoardController } from '../board/BoardController';
import { roundsOf, votesOf } from './voteSession';
import { compareRounds } from './voteView';

/**
 * The closed rounds, and two rounds side by side (e.g. the same question before and after a
 * discussion): each note's votes in both and the change. A closed round is kept as it was.
 */
export function CompareRounds({ c }: { c: BoardController }) {
  const rounds = roundsOf(c);
  const closed = rounds.filter((r) => r.status === 'closed');
  const headId = useId();
  const aId = useId();
  const bId = useId();
  const [a, setA] = useState<string>('');
  const [b, setB] = useState<string>('');
  if (rounds.length === 0) return null;
  // By default the two newest rounds, older first.
  const byTime = [...rounds].sort((x, y) => x.openedAt - y.openedAt);
  const first = rounds.find((r) => r.id === a) ?? byTime[byTime.length - 2] ?? null;
  const second = rounds.find((r) => r.id === b) ?? byTime[byTime.length - 1] ?? null;
  const rows = first && second && first.id !== second.id ? compareRounds(first.id, second.id, votesOf(c)) : [];
  return (
    <section className="prioritise-section" aria-labelledby={headId}>
      <h3 id={headId}>Closed rounds</h3>
      {closed.length === 0 ? (
        <p className="prioritise-hint">None yet. A closed round keeps its results as they were.</p>
      ) : (
        <ul className="closed-rounds">
          {closed.map((r) => (
            <li key={r.id}>
              <span className="closed-title">{r.title}</span>
              <span className="closed-date">{r.closedAt ? new Date(r.closedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : ''}</span>
            </li>
          ))}
        </ul>
      )}
      {rounds.length >= 2 && (
        <div className="compare" data-testid="compare-rounds">
          <h4 className="compare-head">Compare two rounds</h4>
          <div className="round-new-row">
            <div className="prioritise-field grow">
              <label htmlFor={aId}>Before</label>
              <select id={aId} value={first?.id ?? ''} onChange={(e) => setA(e.target.value)}>
                {rounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="prioritise-field grow">
              <label htmlFor={bId}>After</label>
              <select id={bId} value={second?.id ?? ''} onChange={(e) => setB(e.target.value)}>
                {rounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {first && second && first.id === second.id ? (
            <p className="prioritise-hint">Choose two different rounds.</p>
          ) : rows.length === 0 ? (
            <p className="prioritise-hint">Neither round has votes yet.</p>
          ) : (
            <table className="compare-table">
              <caption className="visually-hidden">
                Votes per note in {first?.title} and {second?.title}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Note</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const note = c.note(r.noteId);
                  const d = r.change;
                  return (
                    <tr key={r.noteId}>
                      <th scope="row">
                        <button type="button" className="prioritise-link" onClick={() => c.showNotes([r.noteId])}>
                          {note ? note.text : 'Deleted note'}
                        </button>
                      </th>
                      <td>{r.before}</td>
                      <td>{r.after}</td>
                      <td className={d > 0 ? 'up' : d < 0 ? 'down' : ''}>{d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
