import { useEffect, useId, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { NOTE_COLORS, type NoteColor } from '../../shared/domain';
import type { Change } from '../../shared/records';
import type { BoardController } from '../board/BoardController';
import { newId } from '../board/BoardController';
import { PERSONA_BG } from '../panels/PersonaAvatar';
import { RoundView } from './RoundView';
import { CompareRounds } from './CompareRounds';
import { ScoreEditor } from './ScoreEditor';
import { useBoardVersion, useVoteSession } from './useBoard';
import { participantsOf, roundsOf, voteSession, votesOf } from './voteSession';
import { TARGET_LABEL, type Participant, type RoundTarget } from './voteView';
import './prioritise.css';
import { sidePanelKeyDown } from '../ui/keys';
import { PanelHeader } from '../ui/PanelHeader';

export const COLOR_NAME: Record<NoteColor, string> = {
  yellow: 'Yellow',
  orange: 'Orange',
  pink: 'Pink',
  purple: 'Purple',
  blue: 'Blue',
  teal: 'Teal',
  green: 'Green',
  gray: 'Grey',
};

export interface VotePanelProps {
  /** The map's board (every vote is one undo step on it, saved through its queue). */
  board: () => BoardController | null;
  onClose(): void;
}

/**
 * Dot voting in the room (issue 12): the people in the room, the rounds (create, open, close,
 * compare), dots cast on someone's behalf by clicking notes or from the list, typed paper counts,
 * live results, and severity and reach for the selected pain points. Every action is one undo step.
 */
export function VotePanel({ board, onClose }: VotePanelProps) {
  const c = board();
  const titleId = useId();
  useBoardVersion(c);
  const session = useVoteSession(c);
  // Click-to-vote ends with the panel: a click on the board selects again.
  useEffect(() => () => void (c && voteSession(c).store.setState({ clicking: false })), [c]);

  const onPanelKey = (e: ReactKeyboardEvent) => sidePanelKeyDown(e, onClose);

  return (
    <aside className="side-panel prioritise-panel" aria-labelledby={titleId} onKeyDown={onPanelKey} data-testid="vote-panel">
      <PanelHeader titleId={titleId} title="Vote" closeLabel="Close vote panel" onClose={onClose} />
      {!c ? (
        <p className="prioritise-empty">The board is opening…</p>
      ) : (
        <div className="prioritise-body">
          <p className="prioritise-status" role="status" aria-live="polite">
            {session.refusal ? '' : (session.said ?? '')}
          </p>
          {session.refusal && (
            <p className="prioritise-refusal" role="alert" data-testid="vote-refusal">
              {session.refusal}
            </p>
          )}
          <Participants c={c} />
          <Rounds c={c} />
          <CompareRounds c={c} />
          <ScoreEditor c={c} />
        </div>
      )}
    </aside>
  );
}

/** The people in the room: add (name and colour), rename, recolour, remove. Each one undo step. */
function Participants({ c }: { c: BoardController }) {
  const people = participantsOf(c);
  const votes = votesOf(c);
  const headId = useId();
  const nameId = useId();
  const colorId = useId();
  const [name, setName] = useState('');
  const [color, setColor] = useState<NoteColor | ''>('');
  const [error, setError] = useState<string | null>(null);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Type the person’s name first.');
      return;
    }
    if (trimmed.length > 200) {
      setError('A name is at most 200 characters.');
      return;
    }
    const used = new Set(people.map((p) => p.color));
    const chosen = color || (NOTE_COLORS.find((x) => !used.has(x)) ?? NOTE_COLORS[people.length % NOTE_COLORS.length]!);
    const position = people.reduce((m, p) => Math.max(m, p.position + 1), 0);
    c.commit('Add participant', [{ type: 'participant', op: 'create', id: newId(), value: { name: trimmed, color: chosen, position } } as Change]);
    setName('');
    setColor('');
    setError(null);
  };

  const remove = (p: Participant) => {
    // Their dots go with them and notes they wrote forget them (the document's cascade): one step, undone together.
    const dots = votes.filter((v) => v.participantId === p.id).length;
    c.commit('Remove participant', [{ type: 'participant', op: 'delete', id: p.id } as Change]);
    const s = voteSession(c);
    if (s.store.getState().voterId === p.id) s.store.setState({ voterId: null, clicking: false });
    s.store.setState({ refusal: null, said: `${p.name} left the room${dots ? ' with their votes' : ''}. Undo brings them back.` });
  };

  return (
    <section className="prioritise-section" aria-labelledby={headId}>
      <h3 id={headId}>People in the room</h3>
      {people.length === 0 ? (
        <p className="prioritise-hint">Add everyone who votes. You cast their dots for them, or they use their phones.</p>
      ) : (
        <ul className="participant-list">
          {people.map((p) => (
            <ParticipantRow key={p.id} c={c} p={p} onRemove={() => remove(p)} />
          ))}
        </ul>
      )}
      <form className="participant-add" onSubmit={add} noValidate>
        <div className="prioritise-field grow">
          <label htmlFor={nameId}>Name</label>
          <input
            id={nameId}
            type="text"
            value={name}
            maxLength={200}
            placeholder="e.g. Ana"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${nameId}-error` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="prioritise-field">
          <label htmlFor={colorId}>Colour</label>
          <select id={colorId} value={color} onChange={(e) => setColor(e.target.value as NoteColor | '')}>
            <option value="">Next free</option>
            {NOTE_COLORS.map((x) => (
              <option key={x} value={x}>
                {COLOR_NAME[x]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary small">
          Add
        </button>
      </form>
      {error && (
        <p id={`${nameId}-error`} className="prioritise-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function ParticipantRow({ c, p, onRemove }: { c: BoardController; p: Participant; onRemove(): void }) {
  const [draft, setDraft] = useState(p.name);
  const [seen, setSeen] = useState(p.name);
  if (seen !== p.name) {
    // Renamed elsewhere (undo): show it.
    setSeen(p.name);
    setDraft(p.name);
  }
  const save = () => {
    const name = draft.trim();
    if (!name || name === p.name) {
      setDraft(p.name);
      return;
    }
    c.commit('Rename participant', [{ type: 'participant', op: 'update', id: p.id, patch: { name: name.slice(0, 200) } } as Change]);
  };
  return (
    <li className="participant-row" data-participant={p.id}>
      <span className="participant-swatch" style={{ background: PERSONA_BG[p.color] }} aria-hidden="true" />
      <input
        className="participant-name"
        type="text"
        aria-label={`Name of ${p.name}`}
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            e.preventDefault();
            setDraft(p.name);
            e.stopPropagation();
          }
        }}
      />
      <select
        className="participant-color"
        aria-label={`Colour of ${p.name}`}
        value={p.color}
        onChange={(e) => c.commit('Recolour participant', [{ type: 'participant', op: 'update', id: p.id, patch: { color: e.target.value as NoteColor } } as Change])}
      >
        {NOTE_COLORS.map((x) => (
          <option key={x} value={x}>
            {COLOR_NAME[x]}
          </option>
        ))}
      </select>
      <button type="button" className="icon-button danger" aria-label={`Remove ${p.name}`} title="Remove (their votes go too; undo brings them back)" onClick={onRemove}>
        ✕
      </button>
    </li>
  );
}

/** The rounds: choose the one shown, create one, open or close it, and vote in it. */
function Rounds({ c }: { c: BoardController }) {
  const rounds = roundsOf(c);
  const session = useVoteSession(c);
  const headId = useId();
  const pickId = useId();
  const [creating, setCreating] = useState(false);
  const selected = rounds.find((r) => r.id === session.roundId) ?? null;
  const store = voteSession(c).store;

  return (
    <section className="prioritise-section" aria-labelledby={headId}>
      <div className="prioritise-section-head">
        <h3 id={headId}>Rounds</h3>
        <button type="button" className="button small" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          New round
        </button>
      </div>
      {creating && (
        <NewRound
          c={c}
          position={rounds.reduce((m, r) => Math.max(m, r.position + 1), 0)}
          onDone={(id) => {
            setCreating(false);
            if (id) store.setState({ roundId: id, topN: null, refusal: null, said: 'Round created and open.' });
          }}
        />
      )}
      {rounds.length === 0 ? (
        !creating && <p className="prioritise-hint">No rounds yet. A round asks the room one question, e.g. “Which pain points hurt most?”</p>
      ) : (
        <div className="prioritise-field">
          <label htmlFor={pickId}>Round shown on the board</label>
          <select
            id={pickId}
            value={selected?.id ?? ''}
            onChange={(e) => store.setState({ roundId: e.target.value || null, topN: null, clicking: false, refusal: null, said: null })}
          >
            <option value="">None (no badges)</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title} ({r.status === 'open' ? 'open' : 'closed'})
              </option>
            ))}
          </select>
        </div>
      )}
      {selected && <RoundView c={c} round={selected} />}
    </section>
  );
}

function NewRound({ c, position, onDone }: { c: BoardController; position: number; onDone(id: string | null): void }) {
  const ids = { title: useId(), target: useId(), dots: useId() };
  const [title, setTitle] = useState('Which pain points hurt most?');
  const [target, setTarget] = useState<RoundTarget>('pain_point');
  const [dots, setDots] = useState('3');
  const [multiple, setMultiple] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const t = title.trim();
    const n = Number(dots);
    if (!t) return setError('Give the round a title: the question the room answers.');
    if (t.length > 200) return setError('A title is at most 200 characters.');
    if (!/^\s*\d+\s*$/.test(dots) || n < 1 || n > 20) return setError('Dots per person is a whole number from 1 to 20.');
    const id = newId();
    c.commit('New round', [
      { type: 'round', op: 'create', id, value: { title: t, target, dots: n, multiple, anonymous, status: 'open', openedAt: Date.now(), closedAt: null, position } } as Change,
    ]);
    onDone(id);
  };

  return (
    <form className="round-new" onSubmit={create} noValidate aria-label="New round">
      <div className="prioritise-field">
        <label htmlFor={ids.title}>Question</label>
        <input id={ids.title} type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="round-new-row">
        <div className="prioritise-field grow">
          <label htmlFor={ids.target}>Vote on</label>
          <select
            id={ids.target}
            value={target}
            onChange={(e) => {
              const next = e.target.value as RoundTarget;
              setTarget(next);
              if (title === 'Which pain points hurt most?' && next === 'opportunity') setTitle('Which ideas should we do first?');
            }}
          >
            {(Object.keys(TARGET_LABEL) as RoundTarget[]).map((k) => (
              <option key={k} value={k}>
                {k === 'any' ? 'Any note' : TARGET_LABEL[k].plural[0]!.toUpperCase() + TARGET_LABEL[k].plural.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div className="prioritise-field">
          <label htmlFor={ids.dots}>Dots each</label>
          <input id={ids.dots} className="dots-input" type="number" min={1} max={20} step={1} value={dots} onChange={(e) => setDots(e.target.value)} />
        </div>
      </div>
      <label className="prioritise-check">
        <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} /> Several dots on one note
      </label>
      <label className="prioritise-check">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Anonymous (results show no names)
      </label>
      {error && (
        <p className="prioritise-error" role="alert">
          {error}
        </p>
      )}
      <div className="round-new-actions">
        <button type="button" className="button ghost small" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="button primary small">
          Create round
        </button>
      </div>
    </form>
  );
}

