// Binds the API to IPC: one channel, one call, `core.dispatch`, which the API core's worker thread
// (coreWorker.ts) answers with the same Core as web mode: it validates the input against
// shared/api.ts and answers with an envelope. Only our own window's top frame, showing our own
// page, may call it.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Envelope } from '../../shared/errors';
import { isAppUrl } from './appProtocol';
import { CHANNELS } from './bridge';
import type { CoreClient } from './coreWorker';

export function isTrustedSender(event: IpcMainInvokeEvent, isOurContents: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOurContents(event.sender) && isAppUrl(frame.url);
}

export function bindApi(core: CoreClient, isOurContents: (contents: WebContents) => boolean): void {
  ipcMain.handle(CHANNELS.invoke, async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, isOurContents)) {
      console.warn(`Journeyboard: refused an API call from an unexpected sender (${event.senderFrame?.url ?? 'unknown frame'}).`);
      return { ok: false, error: { code: 'unauthorized', message: 'Only the Journeyboard window may call its API.' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'unknown_method', message: 'An API method name must be a string.' } };
    }
    return core.dispatch(method, input);
  });
}
