/**
 * The room's own HTTP and WebSocket listener, separate from the facilitator's API: one node:http
 * server per address (the room's private-network addresses, or the one `bind`), all on one port and
 * under one connection cap (server/guard.ts). It serves only:
 *   GET  /            the participant page, and the files it needs (page.ts)
 *   POST /join        {pin, name?, deviceId?} -> {token, participantId, name}
 *   POST /api/<m>     a participant method, `Authorization: Bearer <token>`
 *   GET  /live?token= the phone's WebSocket (live.ts)
 * Every request must name one of the room's own addresses and port in Host (a DNS name pointed at
 * the laptop by a web page is refused), and a browser's Origin, when sent, must be the same.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Envelope } from '../../shared/errors';
import { createConnectionGuard } from '../server/guard';
import { discardRest, parseTarget, rawResponse, readBody, send } from '../server/respond';
import type { RoomAddress } from './addresses';
import type { RoomLimits } from './limits';
import type { LiveSockets } from './live';
import type { RoomPage } from './page';
import { errorAnswer, unknownToken, type Answer, type RoomSession } from './session';

export interface RoomListener {
  port: number;
  /** The Host values this listener answers to (`addr:port`). */
  hosts: string[];
  connections(): number;
  close(): Promise<void>;
}

export interface ListenOptions {
  addresses: RoomAddress[];
  /** 0: a free port (the same on every address). */
  port: number;
  limits: RoomLimits;
  session: RoomSession;
  live: LiveSockets;
  page: RoomPage;
}

const INTERNAL = 'Something went wrong inside Journeyboard; nothing was changed. Try again.';

function bearer(req: http.IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
}

function sendAnswer(res: http.ServerResponse, answer: Answer): void {
  send(res, answer.status, answer.body, answer.headers);
}

/** Refuses an upgrade that never becomes a WebSocket: a whole HTTP answer, then the socket ends. */
function refuseUpgrade(socket: Duplex, status: number, reason: string, body: Envelope<never>): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(rawResponse(status, reason, body.ok ? { code: 'internal', message: INTERNAL } : body.error), () => socket.destroy());
}

export async function startListener(options: ListenOptions): Promise<RoomListener> {
  const { limits, session, live, page } = options;
  const server = limits.server;
  const guard = createConnectionGuard(
    server,
    (max) => `The room already has ${max} connections open. Close the page on phones that have left, then try again.`,
  );
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false, clientTracking: false });

  /** Host and Origin: the room's own addresses only. Null when fine, else the refusal. */
  function refusal(req: http.IncomingMessage): { status: number; reason: string; message: string } | null {
    const host = req.headers.host ?? '';
    if (!hosts.has(host)) {
      return { status: 421, reason: 'Misdirected Request', message: 'Wrong host: open the room’s address as the facilitator shows it.' };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) {
      return { status: 403, reason: 'Forbidden', message: 'Requests to the room must come from its own page.' };
    }
    return null;
  }

  async function readJson(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const body = await readBody(req, server.maxBodyBytes);
    if (!body.ok) {
      if (body.status === 'too_large') {
        send(res, 413, { ok: false, error: { code: 'too_large', message: `The request is larger than ${server.maxBodyBytes} bytes, the most a phone may send at once. Nothing was changed.` } }, { connection: 'close' });
        discardRest(req, server.drainGraceMs);
      }
      return { ok: false };
    }
    if (body.text.trim() === '') return { ok: true, value: {} };
    try {
      return { ok: true, value: JSON.parse(body.text) as unknown };
    } catch {
      sendAnswer(res, errorAnswer('invalid_input', 'The request body is not valid JSON. Send the input as a JSON object.'));
      return { ok: false };
    }
  }

  function onlyPost(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (req.method === 'POST') return true;
    sendAnswer(res, { ...errorAnswer('invalid_input', 'Use POST.'), status: 405, headers: { allow: 'POST' } });
    discardRest(req, server.drainGraceMs);
    return false;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const refused = refusal(req);
    if (refused) {
      send(res, refused.status, { ok: false, error: { code: 'unauthorized', message: refused.message } }, { connection: 'close' });
      discardRest(req, server.drainGraceMs);
      return;
    }
    const target = parseTarget(req.url);
    if (!target.ok) {
      sendAnswer(res, errorAnswer('invalid_input', target.message));
      discardRest(req, server.drainGraceMs);
      return;
    }
    const { pathname } = target;
    if (pathname === '/join') {
      if (!onlyPost(req, res)) return;
      const input = await readJson(req, res);
      if (!input.ok) return;
      return sendAnswer(res, session.join(input.value));
    }
    if (pathname.startsWith('/api/')) {
      const token = bearer(req);
      if (!session.participantOf(token)) {
        sendAnswer(res, unknownToken());
        discardRest(req, server.drainGraceMs);
        return;
      }
      if (!onlyPost(req, res)) return;
      const input = await readJson(req, res);
      if (!input.ok) return;
      return sendAnswer(res, await session.call(token, pathname.slice(5), input.value));
    }
    if (pathname === '/live') {
      sendAnswer(res, errorAnswer('invalid_input', 'GET /live is a WebSocket: open it with the WebSocket protocol.'));
      return;
    }
    page.serve(req, res, pathname, req.headers.host!);
    discardRest(req, server.drainGraceMs);
  }

  function onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (guard.isOverCap(socket as Socket)) return void socket.destroy();
    const refused = refusal(req);
    if (refused) return refuseUpgrade(socket, refused.status, refused.reason, { ok: false, error: { code: 'unauthorized', message: refused.message } });
    const target = parseTarget(req.url);
    if (!target.ok || target.pathname !== '/live') {
      return refuseUpgrade(socket, 404, 'Not Found', { ok: false, error: { code: 'not_found', message: 'The room’s live socket is GET /live?token=…' } });
    }
    const participantId = session.participantOf(target.query.get('token') ?? '');
    if (!participantId) {
      const answer = unknownToken();
      return refuseUpgrade(socket, 401, 'Unauthorized', answer.body as Envelope<never>);
    }
    if (live.count() >= limits.maxLiveSockets) {
      return refuseUpgrade(socket, 503, 'Service Unavailable', {
        ok: false,
        error: { code: 'busy', message: `The room already has ${limits.maxLiveSockets} live connections. Close the page on phones that have left.` },
      });
    }
    wss.handleUpgrade(req, socket, head, (ws) => live.add(ws, participantId));
  }

  function failed(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
    console.error(`Journeyboard room: ${req.method ?? '?'} ${(req.url ?? '').split('?')[0]!.slice(0, 200)} failed unexpectedly:`, err);
    if (!res.headersSent && !res.destroyed) {
      send(res, 500, { ok: false, error: { code: 'internal', message: INTERNAL } }, { connection: 'close' });
      discardRest(req, server.drainGraceMs);
    } else res.destroy();
  }

  const servers: http.Server[] = [];
  const make = () => {
    const s = http.createServer(
      { maxHeaderSize: server.maxHeaderBytes, connectionsCheckingInterval: server.timeoutCheckIntervalMs },
      (req, res) => {
        if (guard.isOverCap(req.socket)) return;
        res.on('error', () => res.destroy());
        handle(req, res).catch((err: unknown) => failed(req, res, err));
      },
    );
    guard.attach(s);
    s.on('upgrade', onUpgrade);
    servers.push(s);
    return s;
  };
  const listen = (s: http.Server, host: string, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen({ port, host, exclusive: true }, () => {
        s.off('error', reject);
        s.on('error', (err) => console.error('Journeyboard room: listener error:', err));
        resolve((s.address() as AddressInfo).port);
      });
    });
  const closeServers = () =>
    Promise.all(
      servers.splice(0).map(
        (s) =>
          new Promise<void>((done) => {
            s.close(() => done());
            s.closeAllConnections();
          }),
      ),
    ).then(() => undefined);

  // The first address picks the port (or takes the one asked for); the others follow it. A port
  // free on the first but taken on another: try again with a new one, a few times.
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      port = await listen(make(), options.addresses[0]!.host, options.port);
      for (const address of options.addresses.slice(1)) await listen(make(), address.host, port);
      break;
    } catch (err) {
      await closeServers();
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port !== 0 || attempt >= 4) throw err;
    }
  }
  for (const address of options.addresses) {
    hosts.add(`${address.urlHost}:${port}`);
    origins.add(`http://${address.urlHost}:${port}`);
  }

  return {
    port,
    hosts: [...hosts],
    connections: () => guard.count(),
    close: closeServers,
  };
}
