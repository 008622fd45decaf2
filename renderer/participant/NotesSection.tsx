/**
 * Adding notes, and the person's own notes: each with its state (sent, sending, or refused with the
 * server's sentence), edit and withdraw while the step is open. A note is in the outbox the moment
 * "Add" is pressed, so the box clears at once and nothing typed is lost.
 */
import { useRef, useState, type FormEvent } from 'react';
import { NOTE_TEXT_MAX } from '../../shared/domain';
import type { RoomState } from '../../shared/room/contract';
import type { ShownNote } from './outbox';

export function NotesSection({
  room,
  notes,
  canAdd,
  fixedStageId,
  onAdd,
  onEdit,
  onWithdraw,
  onRetry,
  onDiscard,
}: {
  room: RoomState;
  notes: ShownNote[];
  canAdd: boolean;
  fixedStageId: string | null;
  onAdd(text: string, stageId: string | null): void;
  onEdit(id: string, text: string): void;
  onWithdraw(id: string): void;
  onRetry(id: string): void;
  onDiscard(id: string): void;
}) {
  const [text, setText] = useState('');
  const [stageId, setStageId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const stageName = (id: string | null) => room.map.stages.find((s) => s.id === id)?.name ?? null;
  const fixedName = stageName(fixedStageId);
  const silent = room.step?.silent ?? false;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) {
      setProblem('Write something first.');
      box.current?.focus();
      return;
    }
    if (t.length > NOTE_TEXT_MAX) {
      setProblem(`A note is at most ${NOTE_TEXT_MAX} characters; this one has ${t.length}.`);
      return;
    }
    setProblem(null);
    onAdd(t, fixedStageId ?? (stageId || null));
    setText('');
    setAdded((n) => n + 1);
    box.current?.focus();
  };

  return (
    <>
      {canAdd && (
        <form className="card" onSubmit={submit} aria-labelledby="add-title" noValidate>
          <h2 id="add-title">Add a note</h2>
          {silent && (
            <p className="phone-muted">
              Silent brainstorm: your notes stay face down until the facilitator reveals them.
            </p>
          )}
          <label className="field">
            Note
            <textarea
              ref={box}
              name="note"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={problem !== null}
              aria-describedby="note-problem"
            />
          </label>
          {fixedName ? (
            <p className="phone-muted">Goes to the stage “{fixedName}”.</p>
          ) : (
            room.map.stages.length > 0 && (
              <label className="field">
                Stage
                <select name="stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
                  <option value="">No stage (the brainstorm area)</option>
                  {room.map.stages.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            )
          )}
          <div id="note-problem" className="alert" role="alert">
            {problem ?? ''}
          </div>
          <button type="submit" className="button primary">
            Add note
          </button>
          <p className="visually-hidden" role="status">
            {added > 0 ? `Note ${added} added.` : ''}
          </p>
        </form>
      )}
      {notes.length > 0 && (
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">Your notes ({notes.length})</h2>
          <ul className="note-list" data-testid="my-notes">
            {notes.map((n) => (
              <NoteItem
                key={n.id}
                note={n}
                stage={stageName(n.stageId)}
                editable={canAdd}
                onEdit={onEdit}
                onWithdraw={onWithdraw}
                onRetry={onRetry}
                onDiscard={onDiscard}
              />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function NoteItem({
  note,
  stage,
  editable,
  onEdit,
  onWithdraw,
  onRetry,
  onDiscard,
}: {
  note: ShownNote;
  stage: string | null;
  editable: boolean;
  onEdit(id: string, text: string): void;
  onWithdraw(id: string): void;
  onRetry(id: string): void;
  onDiscard(id: string): void;
}) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm'>('view');
  const [draft, setDraft] = useState(note.text);
  const short = note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text;

  if (mode === 'edit') {
    const save = (e: FormEvent) => {
      e.preventDefault();
      const t = draft.trim();
      if (!t || t.length > NOTE_TEXT_MAX) return;
      if (t !== note.text) onEdit(note.id, t);
      setMode('view');
    };
    return (
      <li className="note-item">
        <form onSubmit={save} className="field">
          <label className="field">
            Edit note
            <textarea value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
          </label>
          <div className="row end">
            <button type="button" className="button" onClick={() => setMode('view')}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={!draft.trim()}>
              Save
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="note-item" data-testid="my-note" data-status={note.status}>
      <span className="note-text">{note.text}</span>
      <span className={`note-status${note.status === 'refused' ? ' refused' : ''}`}>
        {note.status === 'sending' && 'Sending… (kept on this phone until the room has it)'}
        {note.status === 'refused' && `Not sent: ${note.error ?? 'the room refused it'}`}
        {note.status === 'sent' &&
          [stage ? `In “${stage}”` : 'In the brainstorm area', note.faceDown ? 'face down until revealed' : '']
            .filter(Boolean)
            .join(' · ')}
      </span>
      {note.status === 'refused' ? (
        <div className="row">
          <button
            type="button"
            className="button small"
            onClick={() => onRetry(note.id)}
            aria-label={`Send again: ${short}`}
          >
            Send again
          </button>
          <button
            type="button"
            className="button small ghost"
            onClick={() => onDiscard(note.id)}
            aria-label={`Discard: ${short}`}
          >
            Discard
          </button>
        </div>
      ) : mode === 'confirm' ? (
        <div className="row" role="group" aria-label={`Withdraw “${short}”?`}>
          <span>Withdraw this note?</span>
          <button type="button" className="button small danger" onClick={() => onWithdraw(note.id)}>
            Withdraw
          </button>
          <button type="button" className="button small" onClick={() => setMode('view')}>
            Keep
          </button>
        </div>
      ) : (
        editable && (
          <div className="row">
            <button
              type="button"
              className="button small"
              onClick={() => {
                setDraft(note.text);
                setMode('edit');
              }}
              aria-label={`Edit: ${short}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="button small ghost"
              onClick={() => setMode('confirm')}
              aria-label={`Withdraw: ${short}`}
            >
              Withdraw
            </button>
          </div>
        )
      )}
    </li>
  );
}
