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
   * Runs `cb` for each .journey file the OS asks us to open (double-click, "Open with", a second
   * launch). Files that arrived before the first subscriber are delivered to it. Returns an
   * unsubscribe function.
   */
  onOpenFile(cb: (path: string) => void): () => void;
}
