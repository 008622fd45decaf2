/**
 * Joining: the room's 6-digit PIN (the phone's number pad) and a name. The page cannot know before
 * joining whether the room is anonymous, so the name is always asked for, marked optional there;
 * a named room that gets no name answers with its own sentence, shown here.
 */
import { useState, type FormEvent } from 'react';
import { PIN_DIGITS as ROOM_PIN_DIGITS } from './phoneState';
import type { Outbox } from './outbox';

export function JoinScreen({
  busy,
  error,
  closed,
  waiting,
  onJoin,
}: {
  busy: boolean;
  error: string | null;
  closed: string | null;
  waiting: Outbox;
  onJoin(pin: string, name: string): void;
}) {
  const [pin, setPin] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const unsent = waiting.entries.filter((e) => e.op.kind === 'add');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!new RegExp(`^\\d{${ROOM_PIN_DIGITS}}$`).test(pin)) {
      setProblem(`The PIN is ${ROOM_PIN_DIGITS} digits. It is shown on the facilitator's screen.`);
      return;
    }
    setProblem(null);
    onJoin(pin, name);
  };

  const shown = problem ?? error;
  return (
    <main className="phone" aria-labelledby="join-title">
      <h1 id="join-title">Join the room</h1>
      {closed && (
        <p className="banner" data-testid="room-closed">
          {closed}
        </p>
      )}
      <form className="card" onSubmit={submit} noValidate>
        <label className="field">
          PIN
          <input
            className="pin-input"
            name="pin"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={ROOM_PIN_DIGITS}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, ROOM_PIN_DIGITS))}
            aria-describedby="pin-hint"
            aria-invalid={problem !== null}
            required
          />
          <span id="pin-hint" className="field-hint">
            {ROOM_PIN_DIGITS} digits, on the facilitator's screen
          </span>
        </label>
        <label className="field">
          Your name
          <input
            name="name"
            autoComplete="nickname"
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby="name-hint"
          />
          <span id="name-hint" className="field-hint">
            Shown on your notes. Optional if the facilitator made the room anonymous.
          </span>
        </label>
        <div className="alert" role="alert" data-testid="join-error">
          {shown ?? ''}
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
      {unsent.length > 0 && (
        <section className="card" aria-labelledby="unsent-title">
          <h2 id="unsent-title">Notes not sent yet</h2>
          <p className="phone-muted">They are kept on this phone and go to the room when you join it again.</p>
          <ul className="note-list">
            {unsent.map((e) => (
              <li key={e.seq} className="note-item">
                <span className="note-text">{e.op.kind === 'add' ? e.op.text : ''}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="phone-muted">Nothing leaves this room: the page talks only to the facilitator's computer.</p>
    </main>
  );
}
