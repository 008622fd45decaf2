// GET /events through the real HTTP server, read by the renderer's own live client
// (renderer/api/live.ts) under Node's fetch: changes arrive, the token is checked, limits hold,
// heartbeats flow, a dropped stream comes back by itself with a resync, and closing is clean.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreChangeEvent } from '../../../shared/api';
import { startServer, type RunningServer, type ServerOptions } from '../../../electron/server/http';
import { liveChanges, sseTransport } from '../../../renderer/api/live';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let server: RunningServer;
const stops: (() => void)[] = [];

async function start(options: Partial<ServerOptions> = {}) {
  server = await startServer({ core, ...options });
}
beforeEach(() => {
  live = null;
  core = testCore();
});
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await server?.close();
  core.close();
});

/** Resolves when `check` holds (polled), or fails with what was seen. */
async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One page's live client: every subscriber shares its one stream. */
let live: ReturnType<typeof liveChanges> | null = null;
function subscribe(mapId: string | null) {
  const heard: StoreChangeEvent[] = [];
  live ??= liveChanges(sseTransport(`http://127.0.0.1:${server.port}`, server.token, { minDelayMs: 20, maxDelayMs: 100 }));
  const stop = live(mapId, (c) => heard.push(c));
  stops.push(stop);
  return { heard, stop };
}

/** A raw GET /events: status, headers and the text received within `ms`. */
function rawEvents(path: string, headers: Record<string, string>, ms = 300): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      const done = () => resolve({ status: res.statusCode!, text, headers: res.headers });
      res.on('end', done);
      setTimeout(() => {
        req.destroy();
        done();
      }, ms);
    });
    req.on('error', reject);
  });
}

describe('GET /events', () => {
  it('tells each subscriber of committed writes to its map, with growing revisions', async () => {
    await start();
    const a = core.call('maps.create', { title: 'A' });
    const b = core.call('maps.create', { title: 'B' });
    const onA = subscribe(a.id);
    const onAny = subscribe(null);
    await until(() => server.eventStreams() === 1, 'one shared stream');
    core.call('maps.rename', { id: a.id, title: 'A2' });
    core.call('maps.rename', { id: b.id, title: 'B2' });
    // A write made through HTTP, as another window would.
    const res = await fetch(`http://127.0.0.1:${server.port}/api/maps.rename`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: a.id, title: 'A3' }),
    });
    expect(res.status).toBe(200);
    await until(() => onA.heard.length === 2 && onAny.heard.length === 3, 'the three changes');
    expect(onA.heard.map((c) => c.mapId)).toEqual([a.id, a.id]);
    expect(onAny.heard.map((c) => c.mapId)).toEqual([a.id, b.id, a.id]);
    expect(onA.heard[1]!.revision).toBeGreaterThan(onA.heard[0]!.revision);
    // The last subscriber leaving closes the stream.
    onA.stop();
    onAny.stop();
    await until(() => server.eventStreams() === 0, 'the stream to close');
  });

  it('checks the token like every API call, and refuses other methods and a bad mapId', async () => {
    await start();
    expect((await rawEvents('/events', {})).status).toBe(401);
    expect((await rawEvents('/events', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(server.eventStreams()).toBe(0);
    const bad = await rawEvents(`/events?mapId=${'x'.repeat(200)}`, { authorization: `Bearer ${server.token}` });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('mapId');
    const post = await fetch(`http://127.0.0.1:${server.port}/events`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` } });
    expect(post.status).toBe(400);
    const ok = await rawEvents('/events', { authorization: `Bearer ${server.token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.text).toContain('event: ready');
  });

  it('holds its cap on open streams, sends heartbeats, and only the filtered map with ?mapId', async () => {
    await start({ limits: { maxEventStreams: 2, eventsHeartbeatMs: 50 } });
    const m = core.call('maps.create', { title: 'M' });
    const other = core.call('maps.create', { title: 'Other' });
    const auth = { authorization: `Bearer ${server.token}` };
    const first = rawEvents(`/events?mapId=${m.id}`, auth, 400);
    const second = rawEvents('/events', auth, 400);
    await until(() => server.eventStreams() === 2, 'two streams');
    const third = await rawEvents('/events', auth, 200);
    expect(third.status).toBe(503);
    expect(third.text).toContain('busy');
    core.call('maps.rename', { id: other.id, title: 'O2' });
    core.call('maps.rename', { id: m.id, title: 'M2' });
    const [one, two] = await Promise.all([first, second]);
    expect(one.text).toContain(': heartbeat');
    expect(one.text).toContain(`"mapId":"${m.id}"`);
    expect(one.text).not.toContain(`"mapId":"${other.id}"`);
    expect(two.text).toContain(`"mapId":"${other.id}"`);
  });

  it('a dropped stream reconnects by itself and tells subscribers to read again; closing the server ends streams cleanly', async () => {
    await start();
    const m = core.call('maps.create', { title: 'M' });
    const sub = subscribe(m.id);
    await until(() => server.eventStreams() === 1, 'the stream');
    const port = server.port;
    // The server goes away (a restart of web mode) and comes back on the same port.
    const ended = rawEvents('/events', { authorization: `Bearer ${server.token}` }, 3000);
    await until(() => server.eventStreams() === 2, 'the raw stream');
    await server.close();
    const closed = await ended;
    expect(closed.status).toBe(200);
    server = await startServer({ core, port, token: server.token });
    await until(() => sub.heard.some((c) => c.resync), 'a resync after reconnecting');
    expect(sub.heard.find((c) => c.resync)).toMatchObject({ mapId: m.id, resync: true });
    core.call('maps.rename', { id: m.id, title: 'Back' });
    await until(() => sub.heard.some((c) => !c.resync), 'a change after reconnecting');
  });
});
