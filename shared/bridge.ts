import type { StoreChange } from './api';
import type { Envelope } from './errors';
import type { MenuAction } from './menuActions';

/**
 * `window.journeyboard` in Electron (the preload exposes it through contextBridge); absent in a
 * browser. Declared once here: the preload implements it and the renderer consumes it.
 */
export interface JourneyboardBridge {
  /** Calls one API method (shared/api.ts) in the main process; never rejects for API errors. */
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Runs `cb` for each native-menu action; returns a function that unsubscribes. */
  onMenuAction(cb: (action: MenuAction) => void): () => void;
  /**
   * Runs `cb` with the id of each map the main process has just imported and wants shown: a
   * .journey file the OS asked us to open (double-click, "Open with", a second launch) or one
   * picked in File > Open…. Maps that arrived before the first subscriber are delivered to it.
   * Returns an unsubscribe function.
   */
  onMapOpened(cb: (mapId: string) => void): () => void;
  /**
   * Shows the native Save dialog (suggesting `suggestedName`) and writes the map there as a
   * .journey file, atomically. Resolves to the path written, or to `null` when the person
   * cancelled; errors come back in the envelope (never a rejection).
   */
  saveJourneyAs(mapId: string, suggestedName: string): Promise<Envelope<{ path: string } | null>>;
  /**
   * Runs `cb` after each committed write to the store, from any window (the main process sends
   * every change to every window). Returns an unsubscribe function. `api.subscribe` is built on it.
   */
  onStoreChange(cb: (change: StoreChange) => void): () => void;
  /**
   * Opens (or brings forward) the read-only room view of a map: a second window, full screen on
   * the second display when there is one. Resolves once it is asked for; errors in the envelope.
   */
  openRoomView(mapId: string): Promise<Envelope<null>>;
}
