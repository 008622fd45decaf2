/**
 * .journey uploads streamed to `scratch/` (POST /upload/journey): a real file imports through the
 * same core entry as the desktop shell's Open, and whatever happens (imported, refused, too large,
 * aborted, too slow) no scratch file is left behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startServer, UPLOAD_JOURNEY_PATH, type RunningServer } from '../../../electron/server/http';
import { MAX_UPLOAD_BYTES } from '../../../electron/server/limits';
import { MAP_FILE_MAX_BYTES } from '../../../shared/limits';
import { openCore } from '../../../electron/services/index';
import { RESOURCES, testCore } from '../helpers';
import { rawRequest, requestBytes } from './rawHttp';

let core: ReturnType<typeof testCore>;
let server: RunningServer;
let dir: string;
let scratch: string;
let journey: Buffer;

/** A real .journey file: a map with notes, exported by another store (random ids, as in real use). */
function makeJourney(): Buffer {
  const source = openCore({ dataDir: ':memory:', resourcesDir: RESOURCES });
  const created = source.dispatch('maps.create', { title: 'Uploaded map', template: 'service' });
  if (!created.ok) throw new Error(created.error.message);
  const map = created.value as { id: string };
  source.dispatch('notes.createMany', {
    mapId: map.id,
    notes: Array.from({ length: 50 }, (_, i) => ({ text: `note ${i}`, x: i * 10, y: 0 })),
  });
  const file = path.join(dir, 'source.journey');
  const written = source.exportJourney(map.id, file);
  source.close();
  if (!written.ok) throw new Error(written.error.message);
  return fs.readFileSync(file);
}

function scratchFiles(): string[] {
  return fs.existsSync(scratch) ? fs.readdirSync(scratch) : [];
}

async function noScratchLeft(): Promise<void> {
  const end = Date.now() + 5_000;
  while (scratchFiles().length > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(scratchFiles()).toEqual([]);
}

async function start(maxUploadBytes?: number, extra: Record<string, number> = {}) {
  server = await startServer({
    core,
    scratchDir: scratch,
    limits: { ...(maxUploadBytes ? { maxUploadBytes } : {}), ...extra },
  });
}

const upload = (body: Buffer, query = '', headers: Record<string, string> = {}) =>
  rawRequest(
    server.port,
    requestBytes('POST', `${UPLOAD_JOURNEY_PATH}${query}`, {
      port: server.port,
      token: server.token,
      headers: { 'content-type': 'application/octet-stream', ...headers },
      body,
    }),
  );

/** The body sent as one chunk of HTTP chunked encoding (no Content-Length declared). */
const chunked = (body: Buffer) =>
  Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-upload-'));
  scratch = path.join(dir, 'scratch');
  journey = makeJourney();
  core = testCore();
});
afterEach(async () => {
  await server?.close();
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('POST /upload/journey', () => {
  it('imports a .journey file streamed to scratch/, then removes the scratch copy', async () => {
    await start();
    const res = await upload(journey);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ok: true,
      value: expect.objectContaining({ title: 'Uploaded map', noteCount: expect.any(Number) }),
    });
    const [map] = core.call('maps.list', {});
    expect(map).toEqual(expect.objectContaining({ title: 'Uploaded map' }));
    expect(core.call('maps.get', { id: map!.id }).notes.length).toBeGreaterThanOrEqual(50);
    await noScratchLeft();
  });

  it('asks before replacing a map it has, and keeps both when told to', async () => {
    await start();
    expect((await upload(journey)).status).toBe(200);
    const again = await upload(journey);
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body).error.code).toBe('conflict');
    const copy = await upload(journey, '?onConflict=copy');
    expect(copy.status, copy.body).toBe(200);
    expect(core.call('maps.list', {}).map((m) => m.title)).toEqual(['Uploaded map', 'Uploaded map']);
    const bad = await upload(journey, '?onConflict=merge');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toContain('onConflict');
    await noScratchLeft();
  });

  it('refuses a file that is not a map with a reason, and imports nothing', async () => {
    await start();
    const res = await upload(Buffer.from('this is not a SQLite file at all'.repeat(100)));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/not a SQLite database/);
    expect(core.call('maps.list', {})).toEqual([]);
    await noScratchLeft();
  });

  it('needs the token, and POST', async () => {
    await start();
    const res = await rawRequest(
      server.port,
      requestBytes('POST', UPLOAD_JOURNEY_PATH, { port: server.port, body: journey }),
    );
    expect(res.status).toBe(401);
    const get = await rawRequest(
      server.port,
      requestBytes('GET', UPLOAD_JOURNEY_PATH, { port: server.port, token: server.token }),
    );
    expect(get.status).toBe(405);
    expect(core.call('maps.list', {})).toEqual([]);
    await noScratchLeft();
  });

  it('caps uploads at the .journey limit by default, refusing a larger declared length at once', async () => {
    expect(MAX_UPLOAD_BYTES).toBe(MAP_FILE_MAX_BYTES);
    await start();
    // Declares one byte over 200 MB and sends only a little: the answer comes before the body.
    const res = await rawRequest(
      server.port,
      Buffer.concat([
        requestBytes('POST', UPLOAD_JOURNEY_PATH, {
          port: server.port,
          token: server.token,
          headers: { 'content-length': String(MAP_FILE_MAX_BYTES + 1) },
        }),
        journey.subarray(0, 1000),
      ]),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toEqual({ code: 'too_large', message: expect.stringContaining('200 MB') });
    await noScratchLeft();
  });

  it('refuses an upload that grows past the cap while streaming (413) and leaves no scratch file', async () => {
    await start(64 * 1024);
    const big = Buffer.concat([journey, Buffer.alloc(128 * 1024)]);
    const res = await rawRequest(
      server.port,
      Buffer.concat([
        requestBytes('POST', UPLOAD_JOURNEY_PATH, {
          port: server.port,
          token: server.token,
          headers: { 'transfer-encoding': 'chunked' },
        }),
        chunked(big),
      ]),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('too_large');
    expect(core.call('maps.list', {})).toEqual([]);
    await noScratchLeft();
  });

  it('leaves no scratch file when the client gives up half-way', async () => {
    await start();
    const head = requestBytes('POST', UPLOAD_JOURNEY_PATH, {
      port: server.port,
      token: server.token,
      headers: { 'content-length': String(journey.length) },
    });
    const res = await rawRequest(server.port, Buffer.concat([head, journey.subarray(0, journey.length / 2)]), {
      abortAfterMs: 200,
      timeoutMs: 2_000,
    });
    expect(res.status).toBeNull();
    await noScratchLeft();
    expect(core.call('maps.list', {})).toEqual([]);
    // And the server still takes the whole file afterwards.
    expect((await upload(journey)).status).toBe(200);
  });

  it('leaves no scratch file when an upload is too slow (408)', async () => {
    await start(undefined, { headersTimeoutMs: 600, requestTimeoutMs: 1_200, timeoutCheckIntervalMs: 100 });
    const head = requestBytes('POST', UPLOAD_JOURNEY_PATH, {
      port: server.port,
      token: server.token,
      headers: { 'content-length': String(journey.length) },
    });
    const res = await rawRequest(server.port, Buffer.concat([head, journey.subarray(0, 1024)]), {
      trickle: {
        chunks: Array.from({ length: 40 }, (_, i) => journey.subarray(1024 + i * 10, 1034 + i * 10)),
        delayMs: 100,
      },
      timeoutMs: 6_000,
    });
    expect(res.status).toBe(408);
    await noScratchLeft();
    expect(core.call('maps.list', {})).toEqual([]);
  });

  it('says so when the scratch folder cannot be written, and imports nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // scratch/ is a file here, so nothing can be created inside it.
    fs.writeFileSync(scratch, 'not a folder');
    await start();
    const res = await upload(journey);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body).error.message).toContain('could not be written to');
    expect(core.call('maps.list', {})).toEqual([]);
    fs.rmSync(scratch);
    vi.restoreAllMocks();
  });

  it('keeps .journey files off the JSON path: files.importJourney over HTTP takes at most 1 MiB', async () => {
    await start();
    const base64 = Buffer.alloc(1024 * 1024).toString('base64');
    const res = await rawRequest(
      server.port,
      requestBytes('POST', '/api/files.importJourney', {
        port: server.port,
        token: server.token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ base64 }),
      }),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toContain(UPLOAD_JOURNEY_PATH);
  });
});
