/**
 * HTTP fuzzing of web mode: a real server process on 127.0.0.1 gets malformed %-escapes, NUL
 * bytes, `..`, odd request lines, oversized headers, aborted bodies, and inputs generated from every
 * API method's zod schema. Every request that is not deliberately cut off gets a status (never a
 * hang-up without one, never a 500), and the process is still up at the end. The number of requests
 * sent is printed, for the closing note. Loops are bounded in count and in time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../../shared/api';
import { bundleWebServer, startWeb, type WebProcess } from '../store/webProcess';
import { rawRequest, requestBytes, type RawAnswer, type RawOptions } from './rawHttp';
import { inputFor } from './schemaArbitrary';

let bundle: Awaited<ReturnType<typeof bundleWebServer>>;
let dataDir: string;
let web: WebProcess & { port: number; alive(): boolean };
let fuzzed = 0;
/** Answers by status (null: none, for the deliberately aborted requests). */
const statuses = new Map<number | null, number>();
/** Ids of rows that exist, so generated calls reach the store and not only the validator. */
const ids: string[] = [];

async function send(bytes: string | Buffer, options?: RawOptions): Promise<RawAnswer> {
  fuzzed++;
  const answer = await rawRequest(web.port, bytes, options);
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  return answer;
}

async function call(method: string, input: unknown): Promise<RawAnswer> {
  return send(
    requestBytes('POST', `/api/${method}`, {
      port: web.port,
      token: web.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    }),
  );
}

function answered(answer: RawAnswer, what: string): void {
  expect(answer.status, `${what}: ${answer.failure ?? ''}`).not.toBeNull();
  expect(answer.status, `${what}: ${answer.body}`).toBeGreaterThanOrEqual(200);
  expect(answer.status, `${what}: ${answer.body}`).toBeLessThan(500);
}

async function stillUp(): Promise<void> {
  expect(web.alive(), `the server exited. stderr: ${web.stderr()}`).toBe(true);
  const list = await call('maps.list', {});
  expect(list.status).toBe(200);
}

beforeAll(async () => {
  bundle = await bundleWebServer();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-fuzz-'));
  const started = await startWeb(bundle.entry, dataDir);
  web = Object.assign(started, {
    port: Number(new URL(started.origin).port),
    alive: () => started.child.exitCode === null && started.child.signalCode === null,
  });
  const map = JSON.parse((await call('maps.create', { title: 'Fuzz', template: 'classic-funnel' })).body) as {
    value: { id: string; stages: { id: string }[]; lanes: { id: string }[]; notes: { id: string }[] };
  };
  const { value } = map;
  ids.push(
    value.id,
    ...value.stages.map((s) => s.id),
    ...value.lanes.map((l) => l.id),
    ...value.notes.map((n) => n.id),
  );
  for (let i = 0; i < 5; i++) {
    const note = JSON.parse(
      (await call('notes.create', { mapId: value.id, text: `note ${i}`, x: i * 10, y: 0 })).body,
    ) as { value: { id: string } };
    ids.push(note.value.id);
  }
  const persona = JSON.parse((await call('personas.create', { mapId: value.id, name: 'Ana' })).body) as {
    value: { id: string };
  };
  ids.push(persona.value.id);
}, 90_000);

afterAll(async () => {
  const byStatus = [...statuses]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([s, n]) => `${s ?? 'none (aborted)'}: ${n}`);
  console.log(
    `HTTP fuzz: ${fuzzed} requests sent to web mode on 127.0.0.1; every one not deliberately aborted was answered (${byStatus.join(', ')}).`,
  );
  const stderr = web.stderr();
  await web.stop();
  bundle.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
  expect(stderr).not.toMatch(/failed unexpectedly|Uncaught|unhandled/i);
});

describe('web mode under hostile requests', () => {
  it('the three requests that used to stop it get 400 and it stays up', async () => {
    for (const [method, target] of [
      ['GET', '/%E0%A4%A'],
      ['POST', '/api/%ff'],
      ['GET', '/%00'],
    ] as const) {
      const res = await send(
        requestBytes(method, target, { port: web.port, token: web.token, body: method === 'POST' ? '{}' : undefined }),
      );
      expect(res.status, `${method} ${target}`).toBe(400);
      expect(JSON.parse(res.body)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: expect.any(String) },
      });
      await stillUp();
    }
  });

  it('answers malformed %-escapes, NUL, `..` and odd request targets, and never serves a file outside its folder', async () => {
    const targets = [
      '/%',
      '/%%',
      '/%zz',
      '/%E0%A4%A',
      '/%ff',
      '/%C0%AE%C0%AE/',
      '/api/%ff',
      '/api/%',
      '/api/maps.list%00',
      '/upload/journey%00',
      '/a%00b',
      '/%00/index.html',
      '/..',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/api/..%2f..%2fetc%2fpasswd',
      '/%5c..%5c..%5cetc%5cpasswd',
      '//etc/passwd',
      '/?token=%ff',
      '/api/maps.list?%ff=%ff',
      '/upload/journey?onConflict=%ff',
      '*',
      'http://evil.example/',
      'index.html',
      '/index.html#%ff',
    ];
    for (const target of targets) {
      for (const method of ['GET', 'POST', 'HEAD']) {
        const res = await send(
          requestBytes(method, target, {
            port: web.port,
            token: web.token,
            body: method === 'POST' ? '{}' : undefined,
          }),
        );
        answered(res, `${method} ${target}`);
        expect(res.body, `${method} ${target}`).not.toContain('root:');
      }
    }
    // Raw control bytes in the request line: Node's parser refuses them, and we still answer.
    for (const raw of [
      'GET /\u0000 HTTP/1.1\r\n',
      'GET /a\u0001b HTTP/1.1\r\n',
      'GET / HTTP/9.9\r\n',
      'G\u0000T / HTTP/1.1\r\n',
      'GET  HTTP/1.1\r\n',
    ]) {
      const res = await send(`${raw}host: 127.0.0.1:${web.port}\r\nconnection: close\r\n\r\n`);
      answered(res, JSON.stringify(raw));
    }
    await stillUp();
  });

  it('answers generated request targets with and without the token', async () => {
    const piece = fc.constantFrom(
      '/',
      '%',
      '%E0',
      '%A4',
      '%A',
      '%ff',
      '%00',
      '%2e',
      '%2f',
      '%5c',
      '..',
      '.',
      'api',
      'api/',
      'upload',
      'journey',
      'maps.list',
      '?',
      '#',
      '=',
      '&',
      'é',
      '𝄞',
      'index.html',
      'assets',
    );
    const target = fc
      .array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 10 })
      .map((parts) => `/${parts.join('')}`);
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'),
        fc.boolean(),
        async (path, method, withToken) => {
          // Raw bytes below 0x21 and DEL in a request line are refused by Node's parser: that is an answer too.
          const res = await send(
            requestBytes(method, path, {
              port: web.port,
              token: withToken ? web.token : undefined,
              body: method === 'POST' ? '{}' : undefined,
            }),
          );
          answered(res, `${method} ${JSON.stringify(path)}`);
        },
      ),
      { numRuns: 400, interruptAfterTimeLimit: 30_000 },
    );
    await stillUp();
  }, 60_000);

  it('answers oversized headers with 431 and a wrong Host with 421', async () => {
    const big = await send(requestBytes('GET', '/', { port: web.port, headers: { 'x-big': 'a'.repeat(20_000) } }));
    expect(big.status).toBe(431);
    const many = await send(
      requestBytes('GET', '/', {
        port: web.port,
        headers: Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`x-h${i}`, 'v'])),
      }),
    );
    expect(many.status).toBe(431);
    const host = await send(
      requestBytes('POST', '/api/maps.list', {
        port: web.port,
        token: web.token,
        headers: { host: 'evil.example' },
        body: '{}',
      }),
    );
    expect(host.status).toBe(421);
    await stillUp();
  });

  it('survives bodies cut off half-way, and headers cut off half-way', async () => {
    for (const target of ['/api/maps.create', '/api/files.importJson', '/upload/journey']) {
      const head = requestBytes('POST', target, {
        port: web.port,
        token: web.token,
        headers: { 'content-length': '100000' },
      });
      // Deliberately aborted: no answer is expected, only that nothing breaks.
      await send(Buffer.concat([head, Buffer.from('{"title":')]), { abortAfterMs: 50, timeoutMs: 2_000 });
      await send(head.subarray(0, head.length / 2), { abortAfterMs: 50, timeoutMs: 2_000 });
      await send(
        requestBytes('POST', target, {
          port: web.port,
          token: web.token,
          headers: { 'transfer-encoding': 'chunked' },
        }).toString() + '5\r\nab',
        { abortAfterMs: 50, timeoutMs: 2_000 },
      );
    }
    // Bad chunked framing and a body shorter than declared then closed.
    const badChunk = await send(
      requestBytes('POST', '/api/maps.list', {
        port: web.port,
        token: web.token,
        headers: { 'transfer-encoding': 'chunked' },
      }).toString() + 'zz\r\n{}\r\n0\r\n\r\n',
    );
    answered(badChunk, 'bad chunk size');
    await stillUp();
  });

  it('answers random bytes as a request body with 400, not 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(methods) as MethodName[])),
        fc.uint8Array({ maxLength: 200 }),
        async (method, bytes) => {
          const res = await send(
            requestBytes('POST', `/api/${method}`, { port: web.port, token: web.token, body: Buffer.from(bytes) }),
          );
          answered(res, `${method} with ${bytes.length} random bytes`);
        },
      ),
      { numRuns: 200, interruptAfterTimeLimit: 20_000 },
    );
    await stillUp();
  }, 40_000);

  it('answers inputs generated from every method’s schema with an envelope, never a 500', async () => {
    // Deletes last, so the other methods meet rows that exist.
    const names = (Object.keys(methods) as MethodName[]).sort(
      (a, b) => Number(/delete/i.test(a)) - Number(/delete/i.test(b)),
    );
    const deadline = Date.now() + 90_000;
    for (const method of names) {
      await fc.assert(
        fc.asyncProperty(inputFor(method, ids), async (input) => {
          const res = await call(method, input);
          answered(res, `${method} ${JSON.stringify(input).slice(0, 300)}`);
          const body = JSON.parse(res.body) as { ok: boolean; error?: { code: string; message: string } };
          expect(typeof body.ok).toBe('boolean');
          if (!body.ok) expect(body.error!.message.length).toBeGreaterThan(0);
        }),
        { numRuns: 50, interruptAfterTimeLimit: Math.max(1_000, Math.min(10_000, deadline - Date.now())) },
      );
    }
    await stillUp();
  }, 120_000);
});
