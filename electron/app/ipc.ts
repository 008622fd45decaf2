// Binds the API to IPC: one channel, one call, `core.dispatch`, which the API core's worker thread
// (coreWorker.ts) answers with the same Core as web mode: it validates the input against
// shared/api.ts and answers with an envelope. Only our own windows' top frames, showing our own
// page, may call it; the room view's window (roomWindow.ts) may only call methods that read.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Envelope } from '../../shared/errors';
import { isAppUrl } from './appProtocol';
import { CHANNELS } from './bridge';
import type { CoreClient } from './coreWorker';

/** What the room view reads (the map, the workshop, a round's results, the room's address, PIN and "n of m done"); every other method is refused there. */
export const ROOM_VIEW_METHODS: ReadonlySet<string> = new Set(['maps.get', 'maps.list', 'workshop.get', 'rounds.results', 'app.notices', 'templates.list', 'room.status']);

export function isTrustedSender(event: IpcMainInvokeEvent, isOurContents: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOurContents(event.sender) && isAppUrl(frame.url);
}

/** `isReadOnly`: contents that may only read (the room view); they must also pass `isOurContents`. */
export function bindApi(
  core: CoreClient,
  isOurContents: (contents: WebContents) => boolean,
  isReadOnly: (contents: WebContents) => boolean = () => false,
): void {
  ipcMain.handle(CHANNELS.invoke, async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, isOurContents)) {
      console.warn(`Journeyboard: refused an API call from an unexpected sender (${event.senderFrame?.url ?? 'unknown frame'}).`);
      return { ok: false, error: { code: 'unauthorized', message: 'Only the Journeyboard window may call its API.' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'unknown_method', message: 'An API method name must be a string.' } };
    }
    if (isReadOnly(event.sender) && !ROOM_VIEW_METHODS.has(method)) {
      return { ok: false, error: { code: 'unauthorized', message: `The room view only shows the map; ${method} is for the facilitator's window.` } };
    }
    return core.dispatch(method, input);
  });
}
