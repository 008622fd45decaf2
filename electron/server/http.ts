/**
 * The HTTP transport of the API (web mode, and later the room server): the same `dispatch` the
 * Electron IPC binding calls, behind a bearer token, on the loopback interface only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ERROR_STATUS, type ApiErrorBody, type Envelope } from '../../shared/errors';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Map files come up as base64: a 200 MB file is about 270 MB of JSON. */
export const MAX_FILE_BODY_BYTES = 280 * 1024 * 1024;
const FILE_METHODS = new Set(['files.importJourney', 'files.importJson']);
const LOOPBACK = '127.0.0.1';

export interface Dispatcher {
  dispatch(method: string, input: unknown): Envelope<unknown>;
}

export interface ServerOptions {
  core: Dispatcher;
  /** Built renderer (dist/renderer); omit to serve the API only. */
  staticDir?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Absent: a random 256-bit token. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-src 'none'; frame-ancestors 'none'; form-action 'none'";

function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: ApiErrorBody, extra: Record<string, string> = {}) {
  send(res, ERROR_STATUS[error.code], { ok: false, error }, extra);
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads a request body up to the limit; resolves null (and answers 413) when it is larger. */
function readBody(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => {
      sendError(res, { code: 'too_large', message: limit === MAX_BODY_BYTES ? `The request is larger than ${MAX_BODY_BYTES} bytes. Send fewer notes per call.` : 'The file is larger than 200 MB, the most Journeyboard opens.' }, { connection: 'close' });
      req.resume();
      resolve(null);
    };
    if (declared > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => {
      if (!done) resolve(null);
    });
  });
}

async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string, opts: Required<Pick<ServerOptions, 'token'>> & ServerOptions) {
  const auth = req.headers.authorization ?? '';
  const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!tokensMatch(given, opts.token)) {
    return sendError(res, { code: 'unauthorized', message: 'Missing or wrong token. Open the address `npm run web` printed.' }, { 'www-authenticate': 'Bearer' });
  }
  if (req.method !== 'POST') {
    return send(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST for API calls.' } }, { allow: 'POST' });
  }
  const body = await readBody(req, res, FILE_METHODS.has(method) ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES);
  if (body === null) return;
  let input: unknown = {};
  if (body.trim() !== '') {
    try {
      input = JSON.parse(body);
    } catch {
      return sendError(res, { code: 'invalid_input', message: 'The request body is not valid JSON. Send the method’s input as a JSON object.' });
    }
  }
  const result = opts.core.dispatch(method, input);
  if (result.ok) return send(res, 200, result);
  return sendError(res, result.error);
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, staticDir: string, pathname: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const root = path.resolve(staticDir);
  const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  fs.readFile(file, (err, data) => {
    if (err) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': data.length,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  });
}

/** Starts the server on 127.0.0.1 only and resolves once it is listening. */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const opts = { ...options, token };
  let port = 0;
  const server = http.createServer((req, res) => {
    // A page on another site could point a DNS name at 127.0.0.1: only our own origin may talk to us.
    const host = req.headers.host ?? '';
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Wrong host');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, decodeURIComponent(url.pathname.slice(5)), opts).catch(() => {
        if (!res.headersSent) sendError(res, { code: 'internal', message: 'Something went wrong inside Journeyboard; nothing was changed.' });
      });
      return;
    }
    if (!options.staticDir) {
      res.writeHead(404).end();
      return;
    }
    serveStatic(req, res, options.staticDir, url.pathname);
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${LOOPBACK}:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
