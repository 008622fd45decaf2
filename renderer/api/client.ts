import type { JourneyboardApi, MethodInput, MethodName, MethodResult } from '../../shared/api';
import type { JourneyboardBridge } from '../../shared/bridge';
import type { MapSummary } from '../../shared/domain';
import { ApiError, isApiErrorBody, type Envelope } from '../../shared/errors';
import { liveChanges, sseTransport, type LiveTransport } from './live';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser. */
    journeyboard?: JourneyboardBridge;
  }
}

function unwrap<T>(envelope: Envelope<unknown>): T {
  if (envelope.ok) return envelope.value as T;
  throw ApiError.fromBody(envelope.error);
}

/** Electron: the preload's bridge; live changes come from the main process's broadcast. */
function ipcApi(bridge: NonNullable<Window['journeyboard']>): JourneyboardApi {
  const transport: LiveTransport = ({ onChange, onOpen }) => {
    onOpen();
    return bridge.onStoreChange(onChange);
  };
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      return unwrap<MethodResult<M>>(await bridge.invoke(method, input));
    },
    subscribe: liveChanges(transport),
  };
}

const UNREACHABLE = 'Journeyboard is not reachable. Check that `npm run web` is still running, then try again.';

/** Reads web mode's answer: the envelope, or an ApiError that says what went wrong. */
async function answer<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body) return unwrap<T>(body as Envelope<unknown>);
  if (response.status === 401) {
    throw new ApiError(
      'unauthorized',
      'This page’s access token is missing or wrong. Open the address `npm run web` printed.',
    );
  }
  const error = body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : null;
  if (isApiErrorBody(error)) throw ApiError.fromBody(error);
  throw new ApiError('internal', `Journeyboard answered ${response.status} with no explanation.`);
}

/** Web mode: POST /api/<method> with the token the page was opened with; live changes from GET /events. */
export function httpApi(base: string, token: string): JourneyboardApi {
  return {
    subscribe: liveChanges(sseTransport(base, token)),
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ApiError('internal', UNREACHABLE);
      }
      return answer<MethodResult<M>>(response);
    },
  };
}

/** Where web mode takes a .journey file as raw bytes (electron/server/http.ts, docs/API.md). */
export const UPLOAD_JOURNEY_PATH = '/upload/journey';

/**
 * Web mode: sends a .journey file as it is (no base64, no JSON) to be streamed to disk by the
 * server and imported there; same answer as `files.importJourney`.
 */
export function httpUploadJourney(base: string, token: string) {
  return async (file: Blob, onConflict?: 'replace' | 'copy'): Promise<MapSummary> => {
    let response: Response;
    try {
      response = await fetch(`${base}${UPLOAD_JOURNEY_PATH}${onConflict ? `?onConflict=${onConflict}` : ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
        body: file,
      });
    } catch {
      throw new ApiError('internal', UNREACHABLE);
    }
    return answer<MapSummary>(response);
  };
}

const TOKEN_KEY = 'journeyboard.token';

/**
 * Web mode's token, read once from `?token=` in the address `npm run web` printed, then taken out
 * of the address (history.replaceState) so it is not left in the address bar, the history or a
 * copied link. It is kept in this tab's sessionStorage, so a reload still works and it is gone
 * when the tab closes; where storage is refused it lives in memory only (a reload then needs the
 * printed address again).
 */
export function takeToken(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage disabled: the token stays in memory for this page.
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

const webToken = window.journeyboard ? '' : takeToken(window);

/** The renderer's one door to the main process: IPC in Electron, HTTP in a browser. */
export const api: JourneyboardApi = window.journeyboard
  ? ipcApi(window.journeyboard)
  : httpApi(window.location.origin, webToken);

/**
 * Web mode only (null in Electron, whose IPC carries the file's bytes): uploads a .journey file
 * as raw bytes; resolves to the imported map's summary; throws ApiError (`conflict` when the map
 * is already here and `onConflict` was not given).
 */
export const uploadJourney = window.journeyboard ? null : httpUploadJourney(window.location.origin, webToken);

/**
 * Electron only (null in a browser, where exports are downloads): Save as through the native
 * dialog. Resolves to the path written, or null when the person cancelled; throws ApiError.
 */
export const nativeFiles = window.journeyboard ? nativeFilesOf(window.journeyboard) : null;

/**
 * Opens the room view of a map for the projector: in Electron a second window (full screen on the
 * second display when there is one); in web mode a new tab at `#/room/<mapId>` on this origin,
 * handed the token in its address (which it takes out at once, as the first page did).
 */
export async function openRoomView(mapId: string): Promise<void> {
  const bridge = window.journeyboard;
  if (bridge) {
    unwrap<null>(await bridge.openRoomView(mapId));
    return;
  }
  const url = `${window.location.origin}/?token=${encodeURIComponent(webToken)}#/room/${encodeURIComponent(mapId)}`;
  window.open(url, `journeyboard-room-${mapId}`, 'noopener');
}

function nativeFilesOf(bridge: NonNullable<Window['journeyboard']>) {
  return {
    async saveJourneyAs(mapId: string, suggestedName: string): Promise<{ path: string } | null> {
      return unwrap<{ path: string } | null>(await bridge.saveJourneyAs(mapId, suggestedName));
    },
  };
}
