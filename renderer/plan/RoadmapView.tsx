import { useRef, useState } from 'react';
import type { BoardNote, BoardStage } from '../../shared/board/history';
import type { BoardController } from '../board/BoardController';
import { acceptIntoNow, column, isOpportunity, isPainPoint, moveCard, moveForKey, noteTitle, PHASE_LABEL, PHASES, proposals, type Phase } from './planModel';
import { LinkedPains } from './LinkPicker';
import { startDrag, within } from './usePlan';

type Lane = Phase | null;
const LANES: Lane[] = [null, ...PHASES];
const laneName = (p: Lane) => (p === null ? 'Not planned' : PHASE_LABEL[p]);
const laneKey = (p: Lane) => p ?? 'unplanned';

/**
 * The roadmap: the map's opportunities in Now, Next, Later and Not doing (and "Not planned",
 * those on no column yet), each with its owner, due date, stage and the pain points it answers.
 * Drag a card to move or reorder it, or focus it and use the arrow keys; quick wins not on the
 * roadmap are proposed for Now. Every move and edit is one undo step on the board's history.
 */
export function RoadmapView({ controller, notes, stages, votes }: { controller: BoardController; notes: readonly BoardNote[]; stages: readonly BoardStage[]; votes: ReadonlyMap<string, number> }) {
  const columns = useRef(new Map<string, HTMLElement>());
  const [said, setSaid] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const opportunities = notes.filter(isOpportunity);
  const byId = new Map(notes.map((n) => [n.id, n]));
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const proposed = proposals(opportunities);

  const move = (n: BoardNote, phase: Lane, index: number, focus: boolean) => {
    const changes = phase === null ? moveCard(opportunities, n.id, null, 0) : moveCard(opportunities, n.id, phase, index);
    if (changes.length === 0) return;
    controller.commit(phase === n.phase ? 'Reorder roadmap' : 'Move on roadmap', changes);
    const after = phase === null ? null : index + 1;
    setSaid(`${noteTitle(n, 40)}: ${laneName(phase)}${after ? `, ${after} of ${column(opportunities, phase!).filter((x) => x.id !== n.id).length + 1}` : ''}.`);
    if (focus) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-roadmap-handle="${n.id}"]`)?.focus());
  };

  const drop = (n: BoardNote, x: number, y: number) => {
    for (const lane of LANES) {
      const el = columns.current.get(laneKey(lane));
      if (!el || !within(el, x, y)) continue;
      // The place: before the first card (other than this one) whose middle is below the pointer.
      const cards = [...el.querySelectorAll<HTMLElement>('[data-testid="roadmap-card"]')].filter((c) => c.dataset.noteId !== n.id);
      let index = cards.findIndex((c) => {
        const r = c.getBoundingClientRect();
        return y < r.top + r.height / 2;
      });
      if (index < 0) index = cards.length;
      move(n, lane, index, false);
      return;
    }
  };

  const editField = (n: BoardNote, field: 'owner' | 'due', raw: string) => {
    const value = raw.trim() === '' ? null : raw.trim();
    if (n[field] === value) return;
    controller.commit(field === 'owner' ? 'Set owner' : 'Set due date', [{ type: 'note', op: 'update', id: n.id, patch: { [field]: value } }]);
  };

  const card = (n: BoardNote, lane: Lane, index: number, count: number) => {
    const linked = n.linkedNoteIds.map((id) => byId.get(id)).filter((p): p is BoardNote => !!p && isPainPoint(p));
    const stage = n.stageId ? stageName.get(n.stageId) : undefined;
    const v = votes.get(n.id) ?? 0;
    const meta = [stage && `Stage: ${stage}`, n.owner && `Owner: ${n.owner}`, n.due && `Due ${n.due}`].filter(Boolean) as string[];
    return (
      <li key={n.id} className="plan-card" data-testid="roadmap-card" data-note-id={n.id} data-color={n.color} onPointerDown={(e) => startDrag(e, (x, y) => drop(n, x, y))}>
        <button
          type="button"
          className="plan-card-handle"
          data-roadmap-handle={n.id}
          aria-label={`${noteTitle(n)}. ${laneName(lane)}${lane ? `, ${index + 1} of ${count}` : ''}.`}
          aria-description="Arrow keys: up and down to reorder, left and right to move to the column beside."
          onKeyDown={(e) => {
            const to = moveForKey(opportunities, n.id, e.key);
            if (!to) return;
            e.preventDefault();
            move(n, to.phase, to.index, true);
          }}
        >
          {noteTitle(n)}
        </button>
        {meta.length > 0 && <p className="plan-card-meta-text">{meta.join(' · ')}</p>}
        <div className="plan-card-meta">
          {v > 0 && <span className="plan-votes">{v} {v === 1 ? 'vote' : 'votes'}</span>}
          {n.impact !== null && n.effort !== null && (
            <span className="plan-score">
              Impact {n.impact} · Effort {n.effort}
            </span>
          )}
          <button type="button" data-nodrag="" className="plan-chip-button" aria-expanded={editing === n.id} aria-label={`Owner, due… for ${noteTitle(n, 40)}`} onClick={() => setEditing(editing === n.id ? null : n.id)}>
            Owner, due…
          </button>
        </div>
        {editing === n.id && (
          <div className="roadmap-edit" data-nodrag="">
            <label>
              Owner
              <input type="text" maxLength={100} defaultValue={n.owner ?? ''} onBlur={(e) => editField(n, 'owner', e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()} />
            </label>
            <label>
              Due
              <input type="date" defaultValue={n.due ?? ''} onBlur={(e) => editField(n, 'due', e.target.value)} />
            </label>
          </div>
        )}
        <LinkedPains linked={linked} />
      </li>
    );
  };

  return (
    <div className="roadmap-layout">
      {proposed.length > 0 && (
        <section className="roadmap-proposals" aria-labelledby="roadmap-proposals-title" data-testid="roadmap-proposals">
          <h3 id="roadmap-proposals-title">Proposed for Now: quick wins not on the roadmap</h3>
          <ul>
            {proposed.map((n) => (
              <li key={n.id}>
                <span>{noteTitle(n, 60)}</span>
                <button type="button" className="button" onClick={() => controller.commit('Add to Now', acceptIntoNow(opportunities, [n.id]))}>
                  Add to Now
                </button>
              </li>
            ))}
          </ul>
          {proposed.length > 1 && (
            <button type="button" className="button primary" onClick={() => controller.commit('Add quick wins to Now', acceptIntoNow(opportunities, proposed.map((n) => n.id)))}>
              Add all {proposed.length} to Now
            </button>
          )}
        </section>
      )}
      <div className="roadmap-columns">
        {LANES.map((lane) => {
          const cards = lane === null ? opportunities.filter((n) => n.phase === null) : column(opportunities, lane);
          const titleId = `roadmap-col-${laneKey(lane)}`;
          return (
            <section
              key={laneKey(lane)}
              ref={(el) => {
                if (el) columns.current.set(laneKey(lane), el);
                else columns.current.delete(laneKey(lane));
              }}
              className={lane === null ? 'roadmap-col unplanned' : 'roadmap-col'}
              aria-labelledby={titleId}
              data-testid={`roadmap-col-${laneKey(lane)}`}
            >
              <h3 id={titleId}>
                {laneName(lane)} <span className="roadmap-count">({cards.length})</span>
              </h3>
              {cards.length === 0 ? <p className="plan-empty">{lane === null ? 'Every opportunity is planned.' : 'Drag cards here.'}</p> : null}
              <ol className="plan-card-list">{cards.map((n, i) => card(n, lane, i, cards.length))}</ol>
            </section>
          );
        })}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
