/**
 * The room dialog (issue 14), opened from the map bar's room button: opens the room for this map
 * (`room.open {mapId, anonymous?}`), then shows what people need to join from their phones, large
 * enough to read out or point a camera at: the QR code of the address, the address in short form,
 * the 6-digit PIN in groups, how many joined and are connected, "7 of 9 done" for the current
 * step, and the lock when too many wrong PINs came in. Close room asks first (it voids every
 * phone's token). With no private network, it says so and explains the hotspot option.
 *
 * A modal dialog (ui/Dialog's `ModalDialog`): focus moves in, Escape or Hide closes it, focus
 * returns to the room button.
 * Hiding it leaves the room open; the room button says "Room open · 6 joined".
 */
import { useId, useState } from 'react';
import { ROOM_LIMITS, type RoomStatus } from '../../shared/room/contract';
import { ApiError } from '../../shared/errors';
import { openRoomView } from '../api/client';
import { messageOf, showError } from '../state/notices';
import { Dialog, ModalDialog } from '../ui/Dialog';
import { useNow } from '../ui/useNow';
import { QrCode } from './QrCode';
import { connectedText, doneText, isPin, joinedText, lockText, pinGroups, pinSpoken, shortAddress } from './roomStatus';
import { roomCall, useRoomStatus } from './roomStore';
import './roomDialog.css';

/** What to do when the computer has no private-network address (shown under the server's own sentence). */
export const HOTSPOT_HELP =
  'Phones reach this computer over a local network, and none is connected now. Join the room’s Wi-Fi, or turn on this computer’s mobile hotspot (Windows: Settings › Network › Mobile hotspot; macOS: System Settings › General › Sharing › Internet Sharing) and let the phones join it; no internet is needed. Then press Open room again.';

export function RoomDialog({ mapId, onClose }: { mapId: string; onClose: () => void }) {
  const titleId = useId();
  const status = useRoomStatus(mapId);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; noNetwork: boolean } | null>(null);
  const [confirming, setConfirming] = useState(false);

  const open = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await roomCall('room.open', anonymous ? { mapId, anonymous: true } : { mapId });
    } catch (err) {
      const noNetwork = err instanceof ApiError && err.code === 'no_network';
      setProblem({ message: messageOf(err), noNetwork });
    } finally {
      setBusy(false);
    }
  };

  const close = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      await roomCall('room.close', {});
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const here = status.open && (status.mapId === null || status.mapId === mapId);
  const elsewhere = status.open && !here;
  return (
    <ModalDialog
      titleId={titleId}
      className="room-dialog"
      testId="room-dialog"
      // Escape in the "Close the room?" confirmation reaches here too: it closes only that one.
      onCancel={() => !confirming && onClose()}
    >
      <div className="room-dialog-inner">
        <header className="room-dialog-head">
          <h2 id={titleId}>Room for phones</h2>
          <button
            type="button"
            className="icon-button"
            aria-label="Hide the room dialog"
            title="Hide (Esc); the room stays open"
            onClick={onClose}
          >
            ✕
          </button>
        </header>
        {here ? (
          <OpenRoom status={status} />
        ) : (
          <div className="room-dialog-closed">
            {elsewhere && (
              <p className="room-dialog-text" data-testid="room-elsewhere">
                The room is open for another map. Opening it here closes that one, and its phones are told.
              </p>
            )}
            <p className="room-dialog-text">
              People join from their phones over this local network (the room’s Wi-Fi or your hotspot) with a QR code
              and a PIN: no account, no internet, and nothing leaves the room.
            </p>
            <label className="room-dialog-check">
              <input
                type="checkbox"
                checked={anonymous}
                disabled={busy}
                onChange={(e) => setAnonymous(e.target.checked)}
              />
              <span>
                Anonymous session
                <span className="room-dialog-hint">
                  A name is optional, and no names are shown: the room sees counts only.
                </span>
              </span>
            </label>
            {problem && (
              <div className="room-dialog-problem" role="alert" data-testid="room-problem">
                <p>{problem.message}</p>
                {problem.noNetwork && <p>{HOTSPOT_HELP}</p>}
              </div>
            )}
          </div>
        )}
        <div className="dialog-actions">
          {here ? (
            <>
              <button type="button" className="button" onClick={() => void openRoomView(mapId).catch(showError)}>
                Show in the room view
              </button>
              <button type="button" className="button danger" disabled={busy} onClick={() => setConfirming(true)}>
                Close room
              </button>
              <button type="button" className="button primary" onClick={onClose}>
                Hide
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
              <button type="button" className="button primary" disabled={busy} onClick={() => void open()}>
                {busy ? 'Opening…' : elsewhere ? 'Open room here' : 'Open room'}
              </button>
            </>
          )}
        </div>
      </div>
      {confirming && (
        <Dialog
          title="Close the room?"
          confirmLabel="Close room"
          danger
          onConfirm={() => void close()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            The phones are told the room closed, and every participant’s sign-in stops working. Their notes, votes and
            scores stay on the map. You can open a new room later, with a new PIN.
          </p>
        </Dialog>
      )}
    </ModalDialog>
  );
}

/** The open room: QR code, address, PIN, counts, lock. */
function OpenRoom({ status }: { status: RoomStatus }) {
  const locked = status.locked;
  const now = useNow(locked ? 1_000 : 60_000);
  const lock = lockText(status, now);
  const address = status.url ? shortAddress(status.url) : null;
  const others = status.urls.filter((u) => u !== status.url).map(shortAddress);
  const done = doneText(status.done);
  return (
    <div className="room-dialog-open">
      {status.url && (
        <QrCode
          text={status.url}
          label={`QR code for the room’s address, ${address}`}
          className="room-dialog-qr"
          testId="room-qr"
        />
      )}
      <div className="room-dialog-facts">
        <p className="room-dialog-label" id="room-dialog-address-label">
          Address
        </p>
        <p className="room-dialog-address" aria-labelledby="room-dialog-address-label" data-testid="room-address">
          {address ?? '—'}
        </p>
        {others.length > 0 && <p className="room-dialog-hint">Also: {others.join(', ')}</p>}
        <p className="room-dialog-label">PIN</p>
        {isPin(status.pin) ? (
          <p className="room-dialog-pin" data-testid="room-pin" data-pin={status.pin}>
            <span aria-hidden="true">{pinGroups(status.pin)}</span>
            <span className="visually-hidden">{pinSpoken(status.pin)}</span>
          </p>
        ) : (
          <p className="room-dialog-pin">—</p>
        )}
        <p className="room-dialog-counts" data-testid="room-counts" role="status">
          <span>{joinedText(status)}</span>
          <span aria-hidden="true"> · </span>
          <span>{connectedText(status)}</span>
          {done && (
            <>
              <span aria-hidden="true"> · </span>
              <span data-testid="room-done">{done}</span>
            </>
          )}
        </p>
        {status.anonymous && <p className="room-dialog-hint">Anonymous session: names are optional and never shown.</p>}
        {lock && (
          <p className="room-dialog-lock" data-testid="room-lock">
            {/* Announced once when the lock starts; the countdown itself ticks silently. */}
            <span className="visually-hidden" role="alert">
              {ROOM_LIMITS.wrongPinsPerMinute} wrong PINs: joining is locked for a minute.
            </span>
            <span aria-hidden="true">{lock}</span>
          </p>
        )}
      </div>
    </div>
  );
}
