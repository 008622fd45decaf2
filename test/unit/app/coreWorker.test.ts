// The desktop app's API core in a worker thread (electron/app/coreWorker.ts and
// electron/services/worker.ts), run under Node with the real services and store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreWorkerStartError, startCoreWorker, type CoreClient } from '../../../electron/app/coreWorker';
import type { JourneyMap, Note } from '../../../shared/domain';
import { installWorker, root } from './coreWorkerBuild';

let tmp = '';
let script = '';
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-core-worker-'));
  script = await installWorker(path.join(tmp, 'app'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => {
  // The store logs what it does at start-up (backups); keep the output to results.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'log').mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

let folders = 0;
const resourcesDir = path.join(root, 'resources');
async function start(dataDir = path.join(tmp, `data-${++folders}`)) {
  return { dataDir, ...(await startCoreWorker(script, { dataDir, resourcesDir })) };
}

async function value<T>(core: CoreClient, method: string, input: unknown): Promise<T> {
  const answer = await core.dispatch(method, input);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value as T;
}

describe('the API core in a worker thread', () => {
  it('opens the data folder in the worker and answers calls in the order they were made', async () => {
    const { core, notices, dataDir } = await start();
    expect(core.dataFile).toBe(path.join(dataDir, 'journeyboard.sqlite'));
    expect(notices).toEqual([]);
    expect(fs.existsSync(core.dataFile)).toBe(true);

    const map = await value<JourneyMap>(core, 'maps.create', { title: 'Kickoff' });
    // 40 calls at once, writes and reads mixed: each answer comes back in the order asked, and
    // each read sees exactly the writes made before it.
    const order: number[] = [];
    const calls = Array.from({ length: 40 }, (_, i) =>
      (i % 4 === 3
        ? core.dispatch('maps.get', { id: map.id }).then((a) => (a.ok ? (a.value as JourneyMap).notes.length : -1))
        : core.dispatch('notes.create', { mapId: map.id, text: `note ${i}`, x: i, y: 0 }).then((a) => (a.ok ? (a.value as Note).text : a.error.code))
      ).then((result) => {
        order.push(i);
        return result;
      }),
    );
    const results = await Promise.all(calls);
    expect(order).toEqual([...Array(40).keys()]);
    for (let i = 0; i < 40; i++) expect(results[i]).toBe(i % 4 === 3 ? Math.floor(i / 4) * 3 + 3 : `note ${i}`);
    const saved = await value<JourneyMap>(core, 'maps.get', { id: map.id });
    expect(saved.notes.map((n) => n.text).sort()).toEqual(results.filter((r) => typeof r === 'string').sort());
    await core.close();
  });

  it('tells main of each committed write, naming the map, before that write is answered', async () => {
    const { core } = await start();
    const heard: { mapId: string; revision: number }[] = [];
    const stop = core.onChange((c) => heard.push(c));
    const map = await value<JourneyMap>(core, 'maps.create', { title: 'Live' });
    expect(heard.map((c) => c.mapId)).toEqual([map.id]);
    await value(core, 'notes.create', { mapId: map.id, text: 'one', x: 0, y: 0 });
    expect(heard.map((c) => c.mapId)).toEqual([map.id, map.id]);
    expect(heard[1]!.revision).toBeGreaterThan(heard[0]!.revision);
    // Reads and refusals say nothing.
    await core.dispatch('maps.get', { id: map.id });
    await core.dispatch('maps.rename', { id: map.id, title: '' });
    expect(heard).toHaveLength(2);
    stop();
    await value(core, 'maps.rename', { id: map.id, title: 'Quiet' });
    expect(heard).toHaveLength(2);
    await core.close();
  });

  it('errors cross as { code, message } envelopes, as the services wrote them', async () => {
    const { core } = await start();
    expect(await core.dispatch('maps.create', { title: '' })).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^title: /) } });
    expect(await core.dispatch('no.such', {})).toEqual({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('no.such') } });
    expect(await core.dispatch('maps.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.any(String) } });
    const map = await value<JourneyMap>(core, 'maps.create', { title: 'Kickoff' });
    const nowhere = path.join(tmp, 'no-such-folder', 'Kickoff.journey');
    expect(await core.exportJourney(map.id, nowhere)).toMatchObject({ ok: false, error: { message: expect.stringContaining('could not write Kickoff.journey') } });
    const broken = path.join(tmp, 'broken.journey');
    fs.writeFileSync(broken, 'not a map');
    expect(await core.importJourney(broken)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not a SQLite database') } });
    // Input that cannot be copied to the worker is refused here, and the worker carries on.
    expect(await core.dispatch('maps.list', { callback: () => 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.dispatch('maps.list', {})).toMatchObject({ ok: true });
    await core.close();
  });

  it('.journey files go through the worker both ways', async () => {
    const { core } = await start();
    const map = await value<JourneyMap>(core, 'maps.create', { title: 'Round trip' });
    await value(core, 'notes.create', { mapId: map.id, text: 'Queue at the till', x: 0, y: 0 });
    const file = path.join(tmp, `round-trip-${folders}.journey`);
    expect(await core.exportJourney(map.id, file)).toEqual({ ok: true, value: { path: file } });
    expect(await core.importJourney(file)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const copy = await core.importJourney(file, 'copy');
    expect(copy).toMatchObject({ ok: true, value: { title: 'Round trip', noteCount: 1 } });
    expect(await value<unknown[]>(core, 'maps.list', {})).toHaveLength(2);
    await core.close();
  });

  it("a long call runs in the worker: the caller's event loop keeps running until it is answered", async () => {
    const { core } = await start();
    const map = await value<JourneyMap>(core, 'maps.create', { title: 'Big wall' });
    const notes = Array.from({ length: 5_000 }, (_, i) => ({ text: `note ${i}: the customer waits on hold before anyone answers`, x: (i % 100) * 180, y: Math.floor(i / 100) * 180 }));
    let answered = false;
    const call = core.dispatch('notes.createMany', { mapId: map.id, notes }).then((a) => {
      answered = true;
      return a;
    });
    // A timer on this thread fires while the call is still running in the worker. (Were SQLite
    // on this thread, nothing here could run before the call had returned.)
    let ticksWhilePending = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (answered) {
          clearInterval(timer);
          resolve();
        } else ticksWhilePending++;
      }, 1);
    });
    expect(ticksWhilePending).toBeGreaterThan(0);
    expect(await call).toMatchObject({ ok: true });
    expect((await value<JourneyMap>(core, 'maps.get', { id: map.id })).notes).toHaveLength(5_000);
    await core.close();
  });

  it('closing lets earlier calls finish, closes the database cleanly and releases the folder', async () => {
    const { core, dataDir } = await start();
    const map = await value<JourneyMap>(core, 'maps.create', { title: 'Last change' });
    // Sent just before closing: still saved and answered.
    const last = core.dispatch('notes.create', { mapId: map.id, text: 'the last word', x: 0, y: 0 });
    const closing = core.close();
    expect(core.close()).toBe(closing);
    expect(await last).toMatchObject({ ok: true, value: { text: 'the last word' } });
    await closing;
    // Closed cleanly: the write-ahead log was checkpointed into the store and removed, the lock is gone.
    expect(fs.existsSync(`${core.dataFile}-wal`)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'journeyboard.lock'))).toBe(false);
    // Later calls get a readable refusal.
    expect(await core.dispatch('maps.list', {})).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('shutting down') } });
    // The next start finds everything.
    const again = await start(dataDir);
    const reopened = await value<JourneyMap>(again.core, 'maps.get', { id: map.id });
    expect(reopened.notes.map((n) => n.text)).toEqual(['the last word']);
    await again.core.close();
  });

  it('a worker that stops answers every waiting and later call with a readable error, never leaves one hanging', async () => {
    // A stand-in worker that speaks the protocol, answers one call, then dies on the next.
    const dying = path.join(tmp, 'dying-worker.cjs');
    fs.writeFileSync(
      dying,
      `const { parentPort } = require('node:worker_threads');
       parentPort.postMessage({ type: 'ready', dataFile: '/nowhere/journeyboard.sqlite', notices: [{ kind: 'error', message: 'restored' }] });
       let n = 0;
       parentPort.on('message', (m) => {
         if (n++ === 0) parentPort.postMessage({ type: 'answer', id: m.id, envelope: { ok: true, value: 'first' } });
         else setTimeout(() => { throw new Error('boom'); }, 10);
       });`,
    );
    const { core, notices } = await startCoreWorker(dying, { dataDir: tmp, resourcesDir });
    expect(notices).toEqual([{ kind: 'error', message: 'restored' }]);
    expect(core.dataFile).toBe('/nowhere/journeyboard.sqlite');
    expect(await core.dispatch('maps.list', {})).toEqual({ ok: true, value: 'first' });
    const stopped = { ok: false, error: { code: 'internal', message: expect.stringContaining('stopped unexpectedly') } };
    expect(await Promise.all([core.dispatch('maps.list', {}), core.dispatch('maps.list', {})])).toEqual([stopped, stopped]);
    expect(await core.dispatch('maps.list', {})).toEqual(stopped);
    await core.close();

    // One that fails while loading: the start says why.
    const broken = path.join(tmp, 'broken-worker.cjs');
    fs.writeFileSync(broken, `throw new Error('cannot load the store module');`);
    await expect(startCoreWorker(broken, { dataDir: tmp, resourcesDir })).rejects.toThrow(/cannot load the store module/);
  });

  it('says why it could not start: a folder in use by another Journeyboard, or one that cannot be a data folder', async () => {
    // Another live process (this one's parent) holds the folder's lock.
    const dataDir = path.join(tmp, 'in-use');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'journeyboard.lock'), JSON.stringify({ app: 'Journeyboard', pid: process.ppid, hostname: os.hostname(), startedAt: '2026-11-29T00:00:00.000Z' }));
    const inUse = await start(dataDir).catch((err: unknown) => err);
    expect(inUse).toBeInstanceOf(CoreWorkerStartError);
    expect(inUse).toMatchObject({ inUse: true, message: expect.stringContaining(dataDir) });

    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const notAFolder = await start(file).catch((err: unknown) => err);
    expect(notAFolder).toBeInstanceOf(CoreWorkerStartError);
    expect(notAFolder).toMatchObject({ inUse: false });
  });
});
