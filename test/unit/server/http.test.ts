import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startServer, type RunningServer } from '../../../electron/server/http';
import { parseWebArgs } from '../../../electron/server/args';
import { testCore } from '../helpers';

let core: ReturnType<typeof testCore>;
let server: RunningServer;
let staticDir: string;

beforeEach(async () => {
  core = testCore();
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Journeyboard</title>');
  server = await startServer({ core, staticDir });
});
afterEach(async () => {
  await server.close();
  core.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

/** Raw HTTP, so tests control every header (fetch would not let us set Host). */
function request(
  pathname: string,
  {
    method = 'POST',
    body,
    headers = {},
  }: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json: () => unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method,
        headers: { authorization: `Bearer ${server.token}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const post = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${method}`, {
    body: JSON.stringify(input),
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('HTTP transport', () => {
  it('listens on the loopback interface only, with a 256-bit token in its URL', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('answers 200 {ok:true,value} and the write is in the store', async () => {
    const res = await post('maps.create', { title: 'From HTTP' });
    expect(res.status).toBe(200);
    const body = res.json() as { ok: true; value: { id: string; title: string } };
    expect(body.ok).toBe(true);
    expect(body.value.title).toBe('From HTTP');
    expect(core.call('maps.list', {}).map((m) => m.title)).toEqual(['From HTTP']);
  });

  it('401 without the token, or with a wrong one, and nothing is written', async () => {
    const none = await request('/api/maps.create', { body: '{"title":"x"}', headers: { authorization: '' } });
    expect(none.status).toBe(401);
    expect(none.json()).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringContaining('token') },
    });
    const wrong = await post('maps.create', { title: 'x' }, { authorization: 'Bearer 1234' });
    expect(wrong.status).toBe(401);
    expect(core.call('maps.list', {})).toEqual([]);
  });

  it('413 for a body over 1 MiB', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await request('/api/maps.create', { body: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect((res.json() as { error: { code: string } }).error.code).toBe('too_large');
    expect(core.call('maps.list', {})).toEqual([]);
  });

  it('400 for malformed JSON, with no stack trace', async () => {
    const res = await request('/api/maps.create', {
      body: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'The request body is not valid JSON. Send the method’s input as a JSON object.',
      },
    });
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('404 for an unknown method, 404 for an unknown id, 400 for bad input, 409 for a duplicate id', async () => {
    expect((await post('maps.frobnicate', {})).status).toBe(404);
    expect((await post('maps.get', { id: 'ghost' })).status).toBe(404);
    expect((await post('maps.create', { title: '' })).status).toBe(400);
    const map = core.call('maps.create', { title: 'M' });
    expect((await post('notes.create', { mapId: map.id, id: 'n1', text: 'a', x: 0, y: 0 })).status).toBe(200);
    const dup = await post('notes.create', { mapId: map.id, id: 'n1', text: 'a', x: 0, y: 0 });
    expect(dup.status).toBe(409);
  });

  it('400 for an address with a malformed %-escape or a NUL byte, naming the problem', async () => {
    for (const [method, target, says] of [
      ['GET', '/%E0%A4%A', 'malformed %-escape'],
      ['POST', '/api/%ff', 'malformed %-escape'],
      ['GET', '/%00', 'NUL byte'],
      ['GET', '/assets%5c..%5cindex.html', 'backslash'],
    ]) {
      const res = await request(target!, { method, body: method === 'POST' ? '{}' : undefined });
      expect(res.status, target).toBe(400);
      expect(res.json(), target).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(says!) } });
    }
    expect((await request('/', { method: 'GET' })).status).toBe(200);
  });

  it('only POST reaches the API', async () => {
    const res = await request('/api/maps.list', { method: 'GET' });
    expect(res.status).toBe(405);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const res = await post('maps.list', {}, { host: 'evil.example:80' });
    expect(res.status).toBe(421);
  });

  it('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const page = await request('/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain('<title>Journeyboard</title>');
    const escape = await request('/..%2f..%2fetc%2fpasswd', { method: 'GET' });
    expect(escape.status).toBe(404);
  });
});

describe('web-mode arguments', () => {
  it('reads --port and --data-dir', () => {
    expect(parseWebArgs(['--port', '8080', '--data-dir', '/tmp/jb'])).toEqual({ port: 8080, dataDir: '/tmp/jb', warmUp: true });
    expect(parseWebArgs(['--port=0']).port).toBe(0);
    expect(parseWebArgs(['--no-warm-up']).warmUp).toBe(false);
  });

  it('says what is wrong with a bad option', () => {
    expect(() => parseWebArgs(['--port', 'eighty'])).toThrow('--port must be a whole number from 0 to 65535');
    expect(() => parseWebArgs(['--data-dir'])).toThrow('--data-dir needs a value.');
    expect(() => parseWebArgs(['--verbose'])).toThrow('Unknown option --verbose');
  });
});
