/**
 * The server's limits, checked in seconds with lowered values: slow headers and slow bodies get 408,
 * silent connections are closed, a connection over the cap gets 503, and an unexpected error in a
 * handler becomes one logged 500 `{code:'internal'}` while the server keeps answering.
 */
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_LIMITS,
  HEADERS_TIMEOUT_MS,
  MAX_CONNECTIONS,
  MAX_HEADER_BYTES,
  REQUEST_TIMEOUT_MS,
} from '../../../electron/server/limits';
import { startServer, type Dispatcher, type RunningServer, type ServerOptions } from '../../../electron/server/http';
import { testCore } from '../helpers';
import { rawRequest, requestBytes } from './rawHttp';

let server: RunningServer | null = null;
let core: ReturnType<typeof testCore> | null = null;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.close();
  core?.close();
  server = null;
  core = null;
  vi.restoreAllMocks();
});

async function start(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  core = testCore();
  server = await startServer({ core, ...options });
  return server;
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const fast = { headersTimeoutMs: 600, requestTimeoutMs: 1_200, timeoutCheckIntervalMs: 100 };

describe('server limits', () => {
  it('are explicit and sensible by default', () => {
    expect(DEFAULT_LIMITS.headersTimeoutMs).toBe(HEADERS_TIMEOUT_MS);
    expect(HEADERS_TIMEOUT_MS).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS);
    expect(DEFAULT_LIMITS.maxHeaderBytes).toBe(MAX_HEADER_BYTES);
    expect(DEFAULT_LIMITS.maxConnections).toBe(MAX_CONNECTIONS);
  });

  it('answers 408 to headers that trickle in past the headers timeout', async () => {
    const { port } = await start({ limits: fast });
    const res = await rawRequest(port, `GET / HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n`, {
      trickle: { chunks: Array.from({ length: 30 }, (_, i) => `x-slow-${i}: 1\r\n`), delayMs: 100 },
      timeoutMs: 5_000,
    });
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('too long') },
    });
  });

  it('answers 408 to a body that trickles in past the request timeout, and writes nothing', async () => {
    const { port, token } = await start({ limits: fast });
    const head = requestBytes('POST', '/api/maps.create', {
      port,
      token,
      headers: { 'content-type': 'application/json', 'content-length': '200' },
    });
    const res = await rawRequest(port, Buffer.concat([head, Buffer.from('{"title":"')]), {
      trickle: { chunks: Array.from({ length: 40 }, () => 'x'), delayMs: 100 },
      timeoutMs: 6_000,
    });
    expect(res.status).toBe(408);
    expect(core!.call('maps.list', {})).toEqual([]);
    const after = await rawRequest(port, requestBytes('POST', '/api/maps.list', { port, token, body: '{}' }));
    expect(after.status).toBe(200);
  });

  it('closes a connection that stays silent past the idle timeout', async () => {
    const { port } = await start({
      limits: { socketIdleTimeoutMs: 300, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 },
    });
    const socket = net.connect({ host: '127.0.0.1', port });
    sockets.push(socket);
    socket.on('error', () => undefined);
    const closedAt = await new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    expect(closedAt).toBeGreaterThan(0);
  });

  it('refuses a connection over the cap with 503, and takes new ones once others close', async () => {
    const srv = await start({ limits: { maxConnections: 3 } });
    for (let i = 0; i < 3; i++) {
      const s = net.connect({ host: '127.0.0.1', port: srv.port });
      s.on('error', () => undefined);
      sockets.push(s);
    }
    await until(() => srv.connections() === 3, 'three open connections');
    const over = await rawRequest(
      srv.port,
      requestBytes('POST', '/api/maps.list', { port: srv.port, token: srv.token, body: '{}' }),
    );
    expect(over.status).toBe(503);
    expect(JSON.parse(over.body).error).toEqual({ code: 'busy', message: expect.stringContaining('connections open') });
    for (const s of sockets.splice(0)) s.destroy();
    await until(() => srv.connections() === 0, 'the connections to close');
    const ok = await rawRequest(
      srv.port,
      requestBytes('POST', '/api/maps.list', { port: srv.port, token: srv.token, body: '{}' }),
    );
    expect(ok.status).toBe(200);
  });

  it('turns an unexpected error in a handler into one logged 500 {code:"internal"} and keeps answering', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const real = testCore();
    let calls = 0;
    const broken: Dispatcher = {
      dispatch(method, input) {
        calls++;
        if (calls === 1) throw new Error('boom: a bug, not a refusal');
        return real.dispatch(method, input);
      },
      importJourney: (file, onConflict) => real.importJourney(file, onConflict),
    };
    server = await startServer({ core: broken });
    const { port, token } = server;
    const res = await rawRequest(port, requestBytes('POST', '/api/maps.list', { port, token, body: '{}' }));
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('nothing was changed') },
    });
    expect(res.body).not.toContain('boom');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toContain('POST /api/maps.list');
    const again = await rawRequest(port, requestBytes('POST', '/api/maps.list', { port, token, body: '{}' }));
    expect(again.status).toBe(200);
    real.close();
  });

  it('answers an async dispatcher that rejects the same way', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    server = await startServer({
      core: {
        dispatch: () => Promise.reject(new Error('rejected')),
        importJourney: () => Promise.reject(new Error('rejected')),
      },
    });
    const { port, token } = server;
    const res = await rawRequest(port, requestBytes('POST', '/api/maps.list', { port, token, body: '{}' }));
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body).error.code).toBe('internal');
  });
});
