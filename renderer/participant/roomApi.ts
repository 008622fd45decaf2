/**
 * The phone's only door to the room: `POST /join` and `POST /api/<method>` with the participant's
 * token, on the address the page was served from. Every answer is sorted into what the page does
 * next: use it, show the server's sentence, try again later, or leave the room (401: the token is
 * void because the room closed). Never throws.
 */
import type { JoinInput, JoinResult, ParticipantInput, ParticipantMethod, RoomState } from '../../shared/room/contract';

export type CallOutcome<T> =
  | { kind: 'ok'; value: T }
  /** The server said no for good (bad input, the step or round is closed): its sentence. */
  | { kind: 'refused'; code: string; message: string }
  /** Not now (no network, a timeout, the rate limit, the server busy): try again after `waitMs`. */
  | { kind: 'retry'; message: string; waitMs: number | null }
  /** The token is void: the room closed (or was never this one). */
  | { kind: 'unauthorized'; message: string };

/** How long one request may take before the page treats it as lost. */
export const REQUEST_TIMEOUT_MS = 8_000;

export const CLOSED_MESSAGE = 'The room was closed. Thank you for taking part!';
const OFFLINE_MESSAGE = 'No connection to the room.';

/** Sorts an HTTP answer (status, parsed JSON body or null, Retry-After header) into an outcome. */
export function classify<T>(status: number, body: unknown, retryAfter: string | null = null): CallOutcome<T> {
  const envelope =
    typeof body === 'object' && body !== null
      ? (body as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } })
      : null;
  const message = typeof envelope?.error?.message === 'string' ? envelope.error.message : null;
  const code = typeof envelope?.error?.code === 'string' ? envelope.error.code : null;
  if (status >= 200 && status < 300 && envelope?.ok === true) return { kind: 'ok', value: envelope.value as T };
  if (status === 401) return { kind: 'unauthorized', message: message ?? CLOSED_MESSAGE };
  if (status === 429 || status === 503 || status >= 500 || (status >= 200 && status < 300)) {
    const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
    return {
      kind: 'retry',
      message:
        message ?? (status === 429 ? 'Too many requests at once.' : 'The room did not answer properly. Trying again.'),
      waitMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null,
    };
  }
  return {
    kind: 'refused',
    code: code ?? `http_${status}`,
    message: message ?? `The room refused this (HTTP ${status}).`,
  };
}

async function post<T>(path: string, body: unknown, token: string | null, timeoutMs: number): Promise<CallOutcome<T>> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: abort.signal,
      cache: 'no-store',
      credentials: 'omit',
    });
    let parsed: unknown = null;
    try {
      parsed = await res.json();
    } catch {
      parsed = null;
    }
    return classify<T>(res.status, parsed, res.headers.get('retry-after'));
  } catch {
    return { kind: 'retry', message: OFFLINE_MESSAGE, waitMs: null };
  } finally {
    clearTimeout(timer);
  }
}

/** `POST /join`. */
export function join(input: JoinInput, timeoutMs = REQUEST_TIMEOUT_MS): Promise<CallOutcome<JoinResult>> {
  return post<JoinResult>('/join', input, null, timeoutMs);
}

/** The answer type of each participant method: `state` gives the room, the others what the core says (unused). */
export type ParticipantOutput<M extends ParticipantMethod> = M extends 'state' ? RoomState : unknown;

/** `POST /api/<method>` with the participant's token. */
export function call<M extends ParticipantMethod>(
  token: string,
  method: M,
  input: ParticipantInput<M>,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<CallOutcome<ParticipantOutput<M>>> {
  return post<ParticipantOutput<M>>(`/api/${method}`, input, token, timeoutMs);
}

/** The live address for a token: ws(s)://<this host>/live?token=… (the only address a token is ever in). */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live?token=${encodeURIComponent(token)}`;
}
