/**
 * In the room: the current step (title, instructions, time left), then what the step allows
 * (notes, dots, emotion scores, results) and the Done toggle with "7 of 9 done" (a count, never
 * names). A line at the top says when the live connection is down; the phone keeps working.
 */
import type { RoomState } from '../../shared/room/contract';
import { Countdown } from './Countdown';
import { EmotionSection } from './EmotionSection';
import { NotesSection } from './NotesSection';
import { doneText, stepOffers, type PhoneState } from './phoneState';
import type { Phone } from './usePhone';
import { ResultsSection, VoteSection } from './VoteSection';

function connectionLine(state: PhoneState): string | null {
  if (!state.online) return 'This phone is offline. Your notes are kept and sent when it is back.';
  if (state.live === 'retrying')
    return 'Reconnecting to the room… If this lasts, the room may have closed or the Wi-Fi changed: ask the facilitator.';
  return null;
}

export function RoomScreen({ room, phone }: { room: RoomState; phone: Phone }) {
  const offers = stepOffers(room);
  const step = room.step;
  const line = connectionLine(phone.state);
  return (
    <main className="phone" aria-labelledby="map-title">
      <header className="phone-header">
        <h1 id="map-title">{room.map.title}</h1>
        <span className="phone-who">{room.anonymous ? 'Anonymous room' : `You: ${room.me.name}`}</span>
      </header>
      {line && (
        <p className="banner" data-testid="connection">
          {line}
        </p>
      )}
      {phone.sendProblem && (
        <p className="banner" role="status" data-testid="send-problem">
          {phone.sendProblem} Your notes are kept on this phone and sent again by themselves.
        </p>
      )}
      {!phone.outboxStored && (
        <p className="banner">
          This browser will not keep notes on the phone: keep this page open until they show as sent.
        </p>
      )}
      <section className="card" aria-labelledby="step-title" data-testid="phone-step">
        <div className="step-head">
          <h2 id="step-title">{step ? step.title : 'Waiting for the facilitator'}</h2>
          {step && <Countdown timer={room.timer} offset={phone.state.offset} stepTitle={step.title} />}
        </div>
        {step ? (
          step.instructions && <p className="instructions">{step.instructions}</p>
        ) : (
          <p className="phone-muted">No step is running yet. You can already add notes.</p>
        )}
        {offers.done && (
          <div className="done-row">
            <button
              type="button"
              className="button"
              aria-pressed={room.done.me}
              onClick={() => void phone.setDone(!room.done.me)}
              data-testid="done-toggle"
            >
              {room.done.me ? '✓ Done' : 'Mark as done'}
            </button>
            <span data-testid="done-count">{doneText(room.done)}</span>
          </div>
        )}
      </section>
      <div className="alert" role="alert" data-testid="phone-error">
        {phone.state.error ?? ''}
      </div>
      {offers.vote && room.round && (
        <VoteSection
          round={room.round}
          onCast={(id) => void phone.castVote(id)}
          onRetract={(id) => void phone.retractVote(id)}
        />
      )}
      {offers.emotions && <EmotionSection room={room} onScore={(id, s) => void phone.score(id, s)} />}
      <NotesSection
        room={room}
        notes={phone.notes}
        canAdd={offers.notes}
        fixedStageId={offers.fixedStageId}
        onAdd={phone.addNote}
        onEdit={phone.editNote}
        onWithdraw={phone.withdrawNote}
        onRetry={phone.retryNote}
        onDiscard={phone.discardNote}
      />
      {offers.results && room.round && <ResultsSection round={room.round} />}
    </main>
  );
}
