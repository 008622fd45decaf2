/**
 * The HTTP transport of the API (web mode, and later the room server): the same `dispatch` the
 * Electron IPC binding calls, behind a bearer token, on the loopback interface only.
 *
 * It answers every request and never exits on one: a malformed address is a 400, an unexpected
 * error inside a handler is a 500 `{code:'internal'}` (logged once), a request Node cannot parse
 * or that is too slow gets its status from `clientError`, and every limit (limits.ts) is explicit.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { MapSummary } from '../../shared/domain';
import type { ApiErrorBody, Envelope } from '../../shared/errors';
import { MAP_FILE_MAX_LABEL } from '../../shared/limits';
import { createEventStreams, type SubscribeChanges } from './events';
import { DEFAULT_LIMITS, type ServerLimits } from './limits';
import { createConnectionGuard } from './guard';
import { discardRest, parseTarget, readBody, send, sendError } from './respond';
import { receiveUpload } from './upload';

export { MAX_BODY_BYTES } from './limits';

const LOOPBACK = '127.0.0.1';
/** Where a .journey file is uploaded as raw bytes (see docs/API.md). */
export const UPLOAD_JOURNEY_PATH = '/upload/journey';
/** The store's changes as Server-Sent Events (events.ts, docs/API.md). */
export const EVENTS_PATH = '/events';
/** API methods whose JSON body may be larger than an ordinary call's. */
const JSON_FILE_METHODS = new Set(['files.importJson']);

type MaybePromise<T> = T | Promise<T>;

export interface Dispatcher {
  dispatch(method: string, input: unknown): MaybePromise<Envelope<unknown>>;
  /** Every method, files.importJourney included (Core has it; a test's fake may not). */
  dispatchAsync?(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Imports a .journey file from a path: the same core entry the desktop shell's Open uses. */
  importJourney(file: string, onConflict?: 'replace' | 'copy'): MaybePromise<Envelope<MapSummary>>;
  /** The store's file; its folder's `scratch/` receives uploads (absent or ':memory:': the OS temp folder). */
  readonly dataFile?: string;
  /** Committed writes, for `GET /events` (Core has it; without it the stream answers 404). */
  onChange?: SubscribeChanges;
}

export interface ServerOptions {
  core: Dispatcher;
  /** Built renderer (dist/renderer); omit to serve the API only. */
  staticDir?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Absent: a random 256-bit token. */
  token?: string;
  /** Where uploads are streamed; absent: `scratch/` beside the core's data file. */
  scratchDir?: string;
  /** Absent: DEFAULT_LIMITS. Tests lower them to check timeouts and caps quickly. */
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** Connections open now (for tests of the cap). */
  connections(): number;
  /** Change streams (`GET /events`) open now. */
  eventStreams(): number;
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

const INTERNAL_MESSAGE = 'Something went wrong inside Journeyboard; nothing was changed. Try again.';

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function scratchDirOf(options: ServerOptions): string {
  if (options.scratchDir) return options.scratchDir;
  const dataFile = options.core.dataFile;
  if (dataFile && dataFile !== ':memory:') return path.join(path.dirname(dataFile), 'scratch');
  return path.join(os.tmpdir(), 'journeyboard-scratch');
}

/** Describes a write error for a person: a full disk is named as such. */
function writeFailure(error: NodeJS.ErrnoException, dir: string): ApiErrorBody {
  if (error.code === 'ENOSPC' || error.code === 'EDQUOT') {
    return {
      code: 'disk_full',
      message: `The disk is full: the file could not be received in ${dir}. Free some space and try again; nothing was imported.`,
    };
  }
  return {
    code: 'internal',
    message: `The file could not be written to ${dir} (${error.code ?? 'write error'}). Check that the folder exists and may be written to; nothing was imported.`,
  };
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, staticDir: string, pathname: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const root = path.resolve(staticDir);
  const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  fs.readFile(file, (err, data) => {
    if (err) {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    if (res.headersSent || res.destroyed) return;
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
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const scratchDir = scratchDirOf(options);
  const { core } = options;
  let port = 0;
  const events = createEventStreams(limits, core.onChange ? (listener) => core.onChange!(listener) : undefined);

  const authorized = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (tokensMatch(given, token)) return true;
    sendError(
      res,
      { code: 'unauthorized', message: 'Missing or wrong token. Open the address `npm run web` printed.' },
      { 'www-authenticate': 'Bearer' },
    );
    discardRest(req, limits.drainGraceMs);
    return false;
  };

  const tooLarge = (req: http.IncomingMessage, res: http.ServerResponse, message: string) => {
    sendError(res, { code: 'too_large', message }, { connection: 'close' });
    discardRest(req, limits.drainGraceMs);
  };

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    if (!authorized(req, res)) return;
    if (req.method !== 'POST') {
      send(
        res,
        405,
        { ok: false, error: { code: 'invalid_input', message: 'Use POST for API calls.' } },
        { allow: 'POST' },
      );
      discardRest(req, limits.drainGraceMs);
      return;
    }
    const limit = JSON_FILE_METHODS.has(method) ? limits.maxJsonFileBodyBytes : limits.maxBodyBytes;
    const body = await readBody(req, limit);
    if (!body.ok) {
      if (body.status === 'aborted') return;
      return tooLarge(
        req,
        res,
        method === 'files.importJourney'
          ? `A JSON body is at most ${limits.maxBodyBytes} bytes. Send a .journey file as raw bytes to POST ${UPLOAD_JOURNEY_PATH} instead.`
          : limit === limits.maxBodyBytes
            ? `The request is larger than ${limits.maxBodyBytes} bytes. Send fewer notes per call.`
            : `The file is larger than ${MAP_FILE_MAX_LABEL}, the most Journeyboard opens.`,
      );
    }
    let input: unknown = {};
    if (body.text.trim() !== '') {
      try {
        input = JSON.parse(body.text);
      } catch {
        return sendError(res, {
          code: 'invalid_input',
          message: 'The request body is not valid JSON. Send the method’s input as a JSON object.',
        });
      }
    }
    // The core's async entry takes every method (files.importJourney reads its file off the main thread).
    const result = await (core.dispatchAsync ? core.dispatchAsync(method, input) : core.dispatch(method, input));
    if (result.ok) return send(res, 200, result);
    return sendError(res, result.error);
  }

  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams) {
    if (!authorized(req, res)) return;
    if (req.method !== 'POST') {
      send(
        res,
        405,
        { ok: false, error: { code: 'invalid_input', message: 'Use POST to upload a .journey file.' } },
        { allow: 'POST' },
      );
      discardRest(req, limits.drainGraceMs);
      return;
    }
    const onConflict = query.get('onConflict');
    if (onConflict !== null && onConflict !== 'replace' && onConflict !== 'copy') {
      sendError(res, {
        code: 'invalid_input',
        message: 'onConflict: must be "replace" or "copy" (or left out). Nothing was imported.',
      });
      discardRest(req, limits.drainGraceMs);
      return;
    }
    const upload = await receiveUpload(req, scratchDir, limits.maxUploadBytes);
    if (!upload.ok) {
      if (upload.reason === 'aborted') return;
      if (upload.reason === 'too_large') {
        const mb = Math.round(limits.maxUploadBytes / 1024 / 1024);
        return tooLarge(
          req,
          res,
          `The file is larger than ${mb} MB, the most Journeyboard opens. Nothing was imported.`,
        );
      }
      console.error(`Journeyboard web: receiving an upload into ${scratchDir} failed:`, upload.error);
      sendError(res, writeFailure(upload.error, scratchDir));
      discardRest(req, limits.drainGraceMs);
      return;
    }
    try {
      const result = await core.importJourney(upload.file, onConflict ?? undefined);
      if (result.ok) send(res, 200, result);
      else sendError(res, result.error);
    } finally {
      await fs.promises.rm(upload.file, { force: true });
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // A page on another site could point a DNS name at 127.0.0.1: only our own origin may talk to us.
    const host = req.headers.host ?? '';
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Wrong host');
      discardRest(req, limits.drainGraceMs);
      return;
    }
    const target = parseTarget(req.url);
    if (!target.ok) {
      sendError(res, { code: 'invalid_input', message: target.message });
      discardRest(req, limits.drainGraceMs);
      return;
    }
    const { pathname } = target;
    if (pathname.startsWith('/api/')) return handleApi(req, res, pathname.slice(5));
    if (pathname === UPLOAD_JOURNEY_PATH) return handleUpload(req, res, target.query);
    if (pathname === EVENTS_PATH) {
      if (!authorized(req, res)) return;
      events.open(req, res, target.query);
      if (!res.writableEnded) return;
      discardRest(req, limits.drainGraceMs);
      return;
    }
    if (!options.staticDir) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      discardRest(req, limits.drainGraceMs);
      return;
    }
    serveStatic(req, res, options.staticDir, pathname);
  }

  /** The one place an unexpected error ends: logged once, answered 500 if the answer has not begun. */
  function failed(req: http.IncomingMessage, res: http.ServerResponse, err: unknown) {
    // The path only: a query may hold the page's token.
    const where = `${req.method ?? '?'} ${(req.url ?? '').split('?')[0]!.slice(0, 200)}`;
    console.error(`Journeyboard web: ${where} failed unexpectedly:`, err);
    if (!res.headersSent && !res.destroyed) {
      sendError(res, { code: 'internal', message: INTERNAL_MESSAGE }, { connection: 'close' });
      discardRest(req, limits.drainGraceMs);
    } else {
      res.destroy();
    }
  }

  const guard = createConnectionGuard(limits);
  const server = http.createServer(
    { maxHeaderSize: limits.maxHeaderBytes, connectionsCheckingInterval: limits.timeoutCheckIntervalMs },
    (req, res) => {
      if (guard.isOverCap(req.socket)) return;
      // A write to a connection that has gone is reported here rather than thrown.
      res.on('error', () => res.destroy());
      handle(req, res).catch((err: unknown) => failed(req, res, err));
    },
  );
  // Timeouts, the answers to requests Node refuses (400, 431, 408) and the connection cap (503).
  guard.attach(server);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      // After listening, a server error (rare: the OS refusing accept) is logged, never fatal.
      server.on('error', (err) => console.error('Journeyboard web: server error:', err));
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${LOOPBACK}:${port}/?token=${token}`,
        port,
        token,
        connections: () => guard.count(),
        eventStreams: () => events.count(),
        close: () =>
          new Promise<void>((done) => {
            // Change streams end with a clean close (their clients see the end, not a reset).
            events.closeAll();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
