/**
 * Small pieces of the HTTP server that do not depend on its state: the JSON answer, the parsing of
 * a request's address (which must never throw), and reading a JSON body up to a cap.
 */
import type http from 'node:http';
import { ERROR_STATUS, type ApiErrorBody } from '../../shared/errors';

export function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, error: ApiErrorBody, extra: Record<string, string> = {}): void {
  send(res, ERROR_STATUS[error.code], { ok: false, error }, extra);
}

/**
 * A whole HTTP/1.1 answer as bytes, for the places where Node has no ServerResponse for us: a
 * request it could not parse, a header or request timeout, a connection over the cap.
 */
export function rawResponse(status: number, reason: string, error: ApiErrorBody): string {
  const text = JSON.stringify({ ok: false, error });
  return (
    `HTTP/1.1 ${status} ${reason}\r\n` +
    'content-type: application/json; charset=utf-8\r\n' +
    `content-length: ${Buffer.byteLength(text)}\r\n` +
    'cache-control: no-store\r\n' +
    'connection: close\r\n\r\n' +
    text
  );
}

export type Target = { ok: true; pathname: string; query: URLSearchParams } | { ok: false; message: string };

/**
 * The path and query of a request, decoded, or why it cannot be used. Never throws: a malformed
 * %-escape (`/%E0%A4%A`), a NUL byte or an absolute-form address is an answer of 400, not a crash.
 */
export function parseTarget(rawUrl: string | undefined): Target {
  const url = rawUrl ?? '';
  if (!url.startsWith('/')) return { ok: false, message: 'The request address must be a path starting with "/".' };
  const cut = url.search(/[?#]/);
  const rawPath = cut === -1 ? url : url.slice(0, cut);
  const rawQuery = cut !== -1 && url[cut] === '?' ? url.slice(cut + 1).split('#')[0]! : '';
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return {
      ok: false,
      message: 'The request address has a malformed %-escape. Encode the path as UTF-8 with valid %XX escapes.',
    };
  }
  if (pathname.includes('\0'))
    return { ok: false, message: 'The request address contains a NUL byte, which no path may hold.' };
  if (pathname.includes('\\'))
    return { ok: false, message: 'The request address contains a backslash; use "/" between path segments.' };
  // URLSearchParams decodes leniently (a bad escape stays as it is) and never throws.
  return { ok: true, pathname, query: new URLSearchParams(rawQuery) };
}

export type Body = { ok: true; text: string } | { ok: false; status: 'too_large' | 'aborted' };

/**
 * Reads a request body up to `limit` bytes. Larger (declared or sent): resolves `too_large` at
 * once without keeping what came. A client that goes away resolves `aborted`.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return resolve({ ok: false, status: 'too_large' });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: Body) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle({ ok: false, status: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => settle({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => settle({ ok: false, status: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) settle({ ok: false, status: 'aborted' });
    });
  });
}

/**
 * After answering before the body was read (413, 401): throws the rest of the body away so the
 * client can read the answer, and cuts the connection if it keeps sending past `graceMs`.
 */
export function discardRest(req: http.IncomingMessage, graceMs: number): void {
  if (req.complete) return;
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), graceMs);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}
