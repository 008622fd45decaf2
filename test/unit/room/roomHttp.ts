// Test helpers for the room: a real core in a temporary folder with a room host on 127.0.0.1, a
// fixture participant page, and raw HTTP calls (so Host and Origin can be set as an attacker would).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { openCore, type Core } from '../../../electron/services/index';
import { createRoomHost, type RoomHost, type RoomHostOptions } from '../../../electron/room/host';
import type { RoomLiveMessage, RoomStatus } from '../../../shared/room/contract';
import { RESOURCES } from '../helpers';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

export interface RoomFixture {
  core: Core;
  host: RoomHost;
  dir: string;
  /** The injected clock: move it with `tick`. */
  tick(ms: number): void;
  call(method: string, input: unknown): unknown;
  open(input: { mapId: string; anonymous?: boolean; bind?: string }): Promise<RoomStatus>;
  close(): Promise<void>;
}

export const PIN = '482913';

/** A built-page stand-in: participant.html, its script and style, and a file it does not name. */
export function pageFixture(dir: string): string {
  const page = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(page, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(page, 'participant.html'),
    '<!doctype html><html><head><link rel="stylesheet" href="./assets/participant-x1.css"><script type="module" src="./assets/participant-a1.js"></script></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(path.join(page, 'assets', 'participant-a1.js'), 'import "./chunk-b2.js"; console.log("phone");');
  fs.writeFileSync(path.join(page, 'assets', 'chunk-b2.js'), 'export const x = 1;');
  fs.writeFileSync(path.join(page, 'assets', 'participant-x1.css'), 'body { margin: 0 }');
  fs.writeFileSync(path.join(page, 'assets', 'index-facilitator.js'), 'console.log("the facilitator app");');
  fs.writeFileSync(path.join(page, 'index.html'), '<!doctype html><title>facilitator</title>');
  return page;
}

export function roomFixture(options: Partial<RoomHostOptions> = {}): RoomFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-room-'));
  const core = openCore({ dataDir: path.join(dir, 'data'), resourcesDir: RESOURCES });
  let t = Date.UTC(2026, 10, 30, 9);
  const host = createRoomHost({ core, pageDir: pageFixture(dir), now: () => t, pin: () => PIN, ...options });
  return {
    core,
    host,
    dir,
    tick: (ms) => void (t += ms),
    call(method, input) {
      const r = core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async open(input) {
      const r = await host.dispatch('room.open', { bind: '127.0.0.1', ...input });
      if (!r.ok) throw new Error(`room.open failed: ${r.error.code}: ${r.error.message}`);
      return r.value as RoomStatus;
    },
    async close() {
      await host.close();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One raw HTTP request to the room; Host defaults to the room's own. */
export function request(
  url: string,
  method: string,
  pathname: string,
  options: { body?: unknown; raw?: string | Buffer; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const u = new URL(url);
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port,
        method,
        path: pathname,
        agent: false,
        headers: {
          host: u.host,
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let body: Reply['body'] = { ok: false };
          try {
            body = JSON.parse(text) as Reply['body'];
          } catch {
            /* a page or a plain-text answer */
          }
          resolve({ status: res.statusCode!, headers: res.headers, text, body });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export async function join(url: string, input: Record<string, unknown>): Promise<{ token: string; participantId: string; name: string }> {
  const r = await request(url, 'POST', '/join', { body: input });
  if (r.status !== 200) throw new Error(`join: ${r.status} ${r.text}`);
  return r.body.value as { token: string; participantId: string; name: string };
}

/** A phone's live socket; `messages` fills as states arrive. */
export function openLive(url: string, token: string, headers: Record<string, string> = {}) {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/live?token=${encodeURIComponent(token)}`, { headers });
  const messages: RoomLiveMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as RoomLiveMessage));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  return { ws, messages, opened, closed };
}

/** Resolves when `check` holds (polled), or fails naming what was awaited. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
