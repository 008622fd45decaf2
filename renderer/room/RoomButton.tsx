/**
 * The map bar's room button (issue 14): "Open room" while no room is open, "Room open · 6 joined"
 * while it is (in the danger colour, with "locked", while too many wrong PINs hold joining shut,
 * so the facilitator sees it with the dialog hidden). It opens the room dialog.
 */
import { useState } from 'react';
import { RoomDialog } from './RoomDialog';
import { roomButtonLabel } from './roomStatus';
import { roomAvailable, useRoomStatus } from './roomStore';
import './roomDialog.css';

export function RoomButton({ mapId }: { mapId: string }) {
  const status = useRoomStatus(mapId);
  const [open, setOpen] = useState(false);
  if (!roomAvailable()) return null;
  const label = roomButtonLabel(status, mapId) + (status.open && status.locked ? ' · locked' : '');
  return (
    <>
      <button
        type="button"
        className={`button ghost room-button${status.open ? ' open' : ''}${status.open && status.locked ? ' locked' : ''}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="room-button"
        title={
          status.open
            ? 'The room: QR code, address, PIN and who joined'
            : 'Let people join from their phones over this local network'
        }
        onClick={() => setOpen(true)}
      >
        {status.open && <span className="room-button-dot" aria-hidden="true" />}
        {label}
      </button>
      {open && <RoomDialog mapId={mapId} onClose={() => setOpen(false)} />}
    </>
  );
}
