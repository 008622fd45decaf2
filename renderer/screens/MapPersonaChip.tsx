import { useCallback, useSyncExternalStore } from 'react';
import type { JourneyMap } from '../../shared/domain';
import type { BoardController } from '../board/BoardController';

export interface MapPersonaChipProps {
  map: JourneyMap;
  /** The map's board once it is up: the persona the map is for is then the board document's (it follows undo and redo). */
  board: BoardController | null;
  /** Whether the persona lens is on. */
  lens: boolean;
  onOpen(): void;
}

/** "For: <persona>" in the map bar: who the map is for, opening the Personas panel. Nothing when none is chosen. */
export function MapPersonaChip({ map, board, lens, onOpen }: MapPersonaChipProps) {
  const subscribe = useCallback((changed: () => void) => (board ? board.onDocChange(changed) : () => {}), [board]);
  const personaId = useSyncExternalStore(subscribe, () => (board ? board.mapPersonaId : map.personaId));
  const name = useSyncExternalStore(subscribe, () => (board?.personas ?? map.personas).find((p) => p.id === personaId)?.name ?? '—');
  if (!personaId) return null;
  return (
    <button type="button" className="map-persona-chip" title="The persona this map is for" onClick={onOpen}>
      For: {name}
      {lens && <span className="map-lens-on"> · lens on</span>}
    </button>
  );
}
