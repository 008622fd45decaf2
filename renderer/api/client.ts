import type { JourneyboardApi, MethodInput, MethodName, MethodResult } from '../../shared/api';
import type { JourneyboardBridge } from '../../shared/bridge';
import { ApiError, isApiErrorBody, type Envelope } from '../../shared/errors';

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

/** Electron: the preload's bridge. */
function ipcApi(bridge: NonNullable<Window['journeyboard']>): JourneyboardApi {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      return unwrap<MethodResult<M>>(await bridge.invoke(method, input));
    },
  };
}

/** Web mode: POST /api/<method> with the token the page was opened with. */
export function httpApi(base: string, token: string): JourneyboardApi {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ApiError('internal', 'Journeyboard is not reachable. Check that `npm run web` is still running, then try again.');
      }
      const body: unknown = await response.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) return unwrap<MethodResult<M>>(body as Envelope<unknown>);
      if (response.status === 401) {
        throw new ApiError('unauthorized', 'This page’s access token is missing or wrong. Open the address `npm run web` printed.');
      }
      const error = body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : null;
      if (isApiErrorBody(error)) throw ApiError.fromBody(error);
      throw new ApiError('internal', `Journeyboard answered ${response.status} with no explanation.`);
    },
  };
}

function tokenFromPage(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('journeyboard.token', fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem('journeyboard.token') ?? '';
}

/** The renderer's one door to the main process: IPC in Electron, HTTP in a browser. */
export const api: JourneyboardApi = window.journeyboard
  ? ipcApi(window.journeyboard)
  : httpApi(window.location.origin, tokenFromPage());

/**
 * Electron only (null in a browser, where exports are downloads): Save as through the native
 * dialog. Resolves to the path written, or null when the person cancelled; throws ApiError.
 */
export const nativeFiles = window.journeyboard ? nativeFilesOf(window.journeyboard) : null;

function nativeFilesOf(bridge: NonNullable<Window['journeyboard']>) {
  return {
    async saveJourneyAs(mapId: string, suggestedName: string): Promise<{ path: string } | null> {
      return unwrap<{ path: string } | null>(await bridge.saveJourneyAs(mapId, suggestedName));
    },
  };
}
