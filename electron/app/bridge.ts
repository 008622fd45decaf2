// The one declaration of what the preload exposes as `window.journeyboard`, and the IPC channel
// names main and preload share. No 'electron' import: main, preload and tests all use it.
import type { Envelope } from '../../shared/errors';
import type { MenuAction } from '../../shared/menuActions';

export const CHANNELS = {
  /** renderer -> main, invoke: (method: string, input: unknown) => Envelope<unknown> */
  invoke: 'journeyboard:invoke',
  /** main -> renderer: a MenuAction id chosen in the native menu */
  menu: 'journeyboard:menu',
  /** main -> renderer: an absolute path to a .journey file the OS asked us to open */
  openFile: 'journeyboard:open-file',
} as const;

/** `window.journeyboard` in Electron (preload, contextBridge). Absent in a browser. */
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
