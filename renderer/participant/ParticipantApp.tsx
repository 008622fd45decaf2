/**
 * The phone page: the join form until this phone is in the room, then the room. One polite live
 * region says what changed (a new step, a round opening, results, the room closing); errors are
 * said by the alert regions beside what caused them.
 */
import { JoinScreen } from './JoinScreen';
import { RoomScreen } from './RoomScreen';
import { usePhone } from './usePhone';

export function ParticipantApp({ roomUrl }: { roomUrl: string }) {
  const phone = usePhone(roomUrl);
  const { state } = phone;
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
        {state.announcement}
      </div>
      {!state.session ? (
        <JoinScreen
          busy={phone.busy === 'join'}
          error={state.error}
          closed={state.closed}
          waiting={phone.waiting}
          onJoin={(pin, name) => void phone.join(pin, name)}
        />
      ) : !state.room ? (
        <main className="phone">
          <h1>Joining the room…</h1>
          <p className="phone-muted">
            {state.live === 'retrying' ? 'The room does not answer yet. Trying again…' : 'Connecting…'}
          </p>
        </main>
      ) : (
        <RoomScreen room={state.room} phone={phone} />
      )}
    </>
  );
}
