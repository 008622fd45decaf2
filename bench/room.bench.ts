// `npm run bench -- room [--phones=50] [--notes=20] [--sockets=200] [--prefill=0] [--no-board] [--fetch]`: the room
// benchmark of issue 14. Web mode on a fresh data folder with every room bound to 127.0.0.1; the
// facilitator's board open in Chromium on the room's map; 50 phones join, 200 live WebSockets are
// held open (4 per phone, a few tabs each), then every phone at the same time adds 20 notes one
// after another, with 10% of the requests sent twice (a retry after a timeout). `--prefill=N` puts N
// of the facilitator's notes on the map first (a full board: the phones' notes must cost no more).
// The phones and the poll speak HTTP with node:http, each phone on its own kept-alive connection (as
// a phone's browser keeps one): they stand in for devices that in a real room take no CPU from the
// laptop, and undici's fetch cost this process about 1.3 ms of CPU more per request on the two
// shared cores. `--fetch` uses fetch as the bench did until session 22 (to compare with old figures).
// The machine's load average is logged at the start and the end. Figures on stdout:
//   room.notes          new notes in the store (must be exactly phones x notes)
//   room.visible.p50ms  / .p95ms  from a note's send to the first read of the store that holds it
//   room.sockets        live sockets still open at the end
//   room.pushes.avg     states each socket received during the burst (coalescing)
//   room.board.fps      the facilitator board's frames per second during the burst, and
//   room.board.gap.p95ms the 95th percentile of the time between its frames
//   room.server.cpuMs   the server process's CPU time (user + system) from the burst's start to its
//                       last answer (what the burst costs the machine's cores; the load moves it far
//                       less than the latencies, though a crowded machine raises it too)
//   room.client.cpuMs   the same for this process (the 50 phones, the 200 sockets, the poll)
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { WebSocket } from 'ws';
import type { Browser } from 'playwright';
import type { ChangesSince } from '../shared/api';
import type { JourneyMap } from '../shared/domain';
import type { RoomStatus } from '../shared/room/contract';
import { checkChromium, launchChromium, openPage, type BenchPage } from './lib/browser';
import { startWeb, type WebServer } from './lib/journeyboard';
import { log } from './lib/log';
import { eachFlag } from './lib/options';
import './lib/pageGlobals';
import { p95, quantile, round1 } from './lib/stats';

const RUN_TIMEOUT_MS = 10 * 60_000;
/** Deterministic "random" for which requests are sent twice. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function parseOptions(argv: string[]) {
  const o = { phones: 50, notes: 20, sockets: 200, prefill: 0, board: true, fetch: false };
  eachFlag(argv, 'npm run bench -- room [--phones=50] [--notes=20] [--sockets=200] [--prefill=0] [--no-board] [--fetch]', (flag, value, arg) => {
    if (flag === '--phones') o.phones = Number(value());
    else if (flag === '--notes') o.notes = Number(value());
    else if (flag === '--sockets') o.sockets = Number(value());
    else if (flag === '--prefill') o.prefill = Number(value());
    else if (flag === '--no-board') o.board = false;
    else if (flag === '--fetch') o.fetch = true;
    else return arg === 'room';
    return true;
  });
  return o;
}

/** A process's user + system CPU time so far, in ms (Linux /proc; clock ticks of 10 ms); NaN elsewhere. */
function cpuOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3 of the file): utime and stime are fields 14 and 15.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}
const clientCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function emit(name: string, n: number, value: number, unit: string) {
  process.stdout.write(`${JSON.stringify({ name, n, value: round1(value), unit })}\n`);
}

interface Reply<T> {
  status: number;
  body: { ok: boolean; value?: T; error?: { code?: string; message: string } };
}

/** `--fetch`: every request with fetch (undici), as before session 22. */
let useFetch = false;

/** One POST with node:http on a kept-alive connection of `agent`; once more if a reused connection was closed under it. */
function postHttp<T>(url: string, body: unknown, token: string | undefined, agent: http.Agent): Promise<Reply<T>> {
  const payload = JSON.stringify(body);
  const u = new URL(url);
  const once = () =>
    new Promise<Reply<T>>((resolve, reject) => {
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: `${u.pathname}${u.search}`,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode!, body: JSON.parse(text) as Reply<T>['body'] });
            } catch (err) {
              reject(err);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => reject(Object.assign(err, { reused: req.reusedSocket })));
      req.end(payload);
    });
  return once().catch((err: NodeJS.ErrnoException & { reused?: boolean }) => {
    if (err.reused && err.code === 'ECONNRESET') return once();
    throw err;
  });
}

async function post<T>(base: string, path: string, body: unknown, token?: string, agent?: http.Agent): Promise<Reply<T>> {
  if (!useFetch && agent) return postHttp<T>(`${base}${path}`, body, token, agent);
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

/** The poll's reads of the facilitator API: on one kept-alive connection (or web.api with `--fetch`). */
const pollAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
async function facilitatorRead<T>(web: WebServer, method: string, input: unknown): Promise<T> {
  if (useFetch) return web.api<T>(method, input);
  const u = new URL(web.url);
  const r = await postHttp<T>(`${u.origin}/api/${method}`, input, u.searchParams.get('token') ?? '', pollAgent);
  if (!r.body.ok) throw new Error(`${method} failed: ${r.body.error?.code}: ${r.body.error?.message}`);
  return r.body.value as T;
}

/**
 * A facilitator API call, tried again when the connection was reset: a kept-alive connection the
 * server closes as idle just as it is reused (likelier on a loaded machine) says nothing about the room.
 */
async function api<T>(web: WebServer, method: string, input: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await facilitatorRead<T>(web, method, input);
    } catch (err) {
      if (!(err instanceof TypeError || (err as NodeJS.ErrnoException).code === 'ECONNRESET') || attempt >= 2) throw err;
    }
  }
}

/** The facilitator's board on the map, and a frame counter it runs until told to stop. */
async function openBoard(browser: Browser, web: WebServer, mapId: string): Promise<BenchPage> {
  const bp = await openPage(browser);
  const url = new URL(web.url);
  url.hash = `#/map/${mapId}`;
  await bp.page.goto(url.href);
  await bp.page.waitForFunction(() => window.__journeyboardBoard !== undefined, undefined, { timeout: 90_000 });
  await bp.page.evaluate(() => window.__journeyboardBoard!.ready);
  return bp;
}

async function run() {
  const options = parseOptions(process.argv.slice(2));
  useFetch = options.fetch;
  const total = options.phones * options.notes;
  if (options.board) checkChromium();
  log(`load average at the start: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} (${os.cpus().length} cores)`);
  const web = await startWeb(240_000, ['--room-bind', '127.0.0.1']);
  let browser: Browser | null = null;
  const sockets: WebSocket[] = [];
  try {
    const map = await web.api<JourneyMap>('maps.create', { title: 'Room bench', template: 'blank' });
    // The facilitator's notes already on the board, in a grid below the frame (free notes).
    for (let done = 0; done < options.prefill; done += 500) {
      const notes = Array.from({ length: Math.min(500, options.prefill - done) }, (_, k) => {
        const i = done + k;
        return { text: `Facilitator note ${i + 1}`, x: (i % 80) * 180, y: 2000 + Math.floor(i / 80) * 180 };
      });
      await web.api('notes.createMany', { mapId: map.id, notes });
    }
    if (options.prefill > 0) log(`${options.prefill} notes already on the map`);
    const room = await web.api<RoomStatus>('room.open', { mapId: map.id });
    const base = room.url!.replace(/\/$/, '');
    log(`room open at ${room.url} (PIN ${room.pin})`);

    let board: BenchPage | null = null;
    if (options.board) {
      browser = await launchChromium();
      board = await openBoard(browser, web, map.id);
      log('the facilitator board is open on the room map');
    }

    // 50 phones join.
    const phones: { token: string; participantId: string; agent: http.Agent }[] = [];
    for (let i = 0; i < options.phones; i++) {
      const r = await post<{ token: string; participantId: string }>(base, '/join', { pin: room.pin, name: `Phone ${i + 1}`, deviceId: `bench-device-${String(i).padStart(4, '0')}` });
      if (r.status !== 200) throw new Error(`join ${i}: ${r.status} ${r.body.error?.message}`);
      phones.push({ ...r.body.value!, agent: new http.Agent({ keepAlive: true, maxSockets: 2 }) });
    }
    log(`${phones.length} phones joined`);

    // 200 live sockets, spread over the phones.
    const received: number[] = [];
    await Promise.all(
      Array.from({ length: options.sockets }, (_, i) => {
        const phone = phones[i % phones.length]!;
        const ws = new WebSocket(`${base.replace('http:', 'ws:')}/live?token=${phone.token}`);
        sockets.push(ws);
        received[i] = 0;
        ws.on('message', () => received[i]!++);
        return new Promise<void>((resolve, reject) => {
          ws.once('open', () => resolve());
          ws.once('error', reject);
        });
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    const receivedBefore = [...received];
    log(`${sockets.length} live sockets open`);

    // Poll the store back to back (a short pause between reads): each note's "visible" time is the
    // first read that holds it. changes.since reads only what was written since the last read (the
    // same records maps.get answers), so polling does not itself load the store with whole-map reads.
    const sentAt = new Map<string, number>();
    const visibleAt = new Map<string, number>();
    // When the room answered ok: the note's transaction committed before the answer was written, so
    // from then on any maps.get holds it (an upper bound on send -> visible that needs no polling).
    const answeredAt = new Map<string, number>();
    let polling = true;
    let pollError: unknown = null;
    const poller = (async () => {
      let since: { feed: string; revision: number } | null = null;
      let stopAt = Infinity;
      while (polling || (visibleAt.size < sentAt.size && performance.now() < stopAt)) {
        if (!polling && stopAt === Infinity) stopAt = performance.now() + 30_000;
        const r: ChangesSince = await api<ChangesSince>(web, 'changes.since', { mapId: map.id, revision: since?.revision ?? null, ...(since ? { feed: since.feed } : {}) });
        const at = performance.now();
        since = { feed: r.feed, revision: r.revision };
        const ids = r.map ? r.map.notes.map((n) => n.id) : r.records.filter((c) => c.type === 'note' && c.record !== null).map((c) => c.id);
        for (const id of ids) if (sentAt.has(id) && !visibleAt.has(id)) visibleAt.set(id, at);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })().catch((err: unknown) => {
      pollError = err;
    });

    if (board) {
      // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
      await board.page.evaluate(`(() => {
        window.__roomFrames = [];
        window.__roomStop = false;
        const frame = (t) => {
          window.__roomFrames.push(t);
          if (!window.__roomStop) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      })()`);
    }

    // Every phone at once: its notes one after another; 10% of the requests sent twice.
    const random = seeded(14);
    const twice = new Set<string>();
    let refused = 0;
    const started = performance.now();
    const serverCpuBefore = cpuOf(web.pid);
    const clientCpuBefore = clientCpu();
    await Promise.all(
      phones.map(async (phone, p) => {
        for (let n = 0; n < options.notes; n++) {
          const id = `bench-${String(p).padStart(3, '0')}-${String(n).padStart(3, '0')}`;
          const body = { id, text: `Phone ${p + 1}, note ${n + 1}: the queue at the desk was long` };
          const again = random() < 0.1;
          if (again) twice.add(id);
          if (!sentAt.has(id)) sentAt.set(id, performance.now());
          const send = () => post(base, '/api/notes.add', body, phone.token, phone.agent);
          const sends = again ? [send(), send()] : [send()];
          for (const r of await Promise.all(sends)) {
            if (r.status === 200 && !answeredAt.has(id)) answeredAt.set(id, performance.now());
            if (r.status !== 200) {
              refused++;
              log(`notes.add ${id}: ${r.status} ${r.body.error?.message}`);
            }
          }
        }
      }),
    );
    const sentMs = performance.now() - started;
    const serverCpu = cpuOf(web.pid) - serverCpuBefore;
    const ownCpu = clientCpu() - clientCpuBefore;
    polling = false;
    await poller;
    if (pollError) throw pollError;
    log(`all ${total} notes (${twice.size} sent twice) answered in ${(sentMs / 1000).toFixed(1)} s; ${refused} refused`);
    log(`CPU meanwhile: the server ${serverCpu.toFixed(0)} ms (${(serverCpu / total).toFixed(2)} ms a note), this process (phones, sockets, poll) ${ownCpu.toFixed(0)} ms`);

    // Let the last pushes and the board's live merge land.
    await new Promise((r) => setTimeout(r, 1500));
    let boardFps = NaN;
    let gapP95 = NaN;
    let boardNotes = NaN;
    if (board) {
      const frames = await board.page.evaluate(() => {
        const w = window as unknown as { __roomFrames: number[]; __roomStop: boolean };
        w.__roomStop = true;
        return w.__roomFrames;
      });
      const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
      boardFps = frames.length > 1 ? ((frames.length - 1) * 1000) / (frames.at(-1)! - frames[0]!) : 0;
      gapP95 = p95(gaps);
      boardNotes = await board.page.evaluate(() => window.__journeyboardBoard!.noteCount());
      if (board.problems.length) log(`the board page reported: ${board.problems.slice(0, 5).join('; ')}`);
    }

    const final = await api<JourneyMap>(web, 'maps.get', { id: map.id });
    const fromPhones = final.notes.filter((n) => n.participantId !== null && n.participantId !== undefined).length;
    const latencies = [...sentAt].map(([id, at]) => (visibleAt.get(id) ?? NaN) - at).filter((v) => Number.isFinite(v));
    const answered = [...sentAt].map(([id, at]) => (answeredAt.get(id) ?? NaN) - at).filter((v) => Number.isFinite(v));
    const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
    const pushes = received.map((r, i) => r - receivedBefore[i]!);
    const pushAvg = pushes.reduce((a, b) => a + b, 0) / pushes.length;

    log(`store: ${final.notes.length} notes, ${fromPhones} from phones (expected exactly ${total})`);
    log(`send -> visible in the store: p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p95 ${p95(latencies).toFixed(0)} ms over ${latencies.length} notes`);
    log(`send -> answered (committed: any later maps.get holds it): p50 ${quantile(answered, 0.5).toFixed(0)} ms, p95 ${p95(answered).toFixed(0)} ms`);
    log(`live sockets open at the end: ${open} of ${sockets.length}; states per socket during the burst: avg ${pushAvg.toFixed(1)}, max ${Math.max(...pushes)}`);
    if (board) log(`board during the burst: ${boardFps.toFixed(1)} fps, frame gap p95 ${gapP95.toFixed(1)} ms; the board shows ${boardNotes} notes`);
    log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);

    emit('room.notes', total, fromPhones, 'notes');
    emit('room.visible.p50ms', total, quantile(latencies, 0.5), 'ms');
    emit('room.visible.p95ms', total, p95(latencies), 'ms');
    emit('room.answered.p50ms', total, quantile(answered, 0.5), 'ms');
    emit('room.answered.p95ms', total, p95(answered), 'ms');
    emit('room.server.cpuMs', total, serverCpu, 'ms');
    emit('room.client.cpuMs', total, ownCpu, 'ms');
    emit('room.sockets', options.sockets, open, 'sockets');
    emit('room.pushes.avg', options.sockets, pushAvg, 'states');
    if (board) {
      emit('room.board.fps', total, boardFps, 'fps');
      emit('room.board.gap.p95ms', total, gapP95, 'ms');
      emit('room.board.notes', total, boardNotes, 'notes');
    }
    if (fromPhones !== total) throw new Error(`Expected exactly ${total} notes from the phones, found ${fromPhones}.`);
    if (refused > 0) throw new Error(`${refused} requests were refused.`);
    await api(web, 'room.close', {});
  } finally {
    for (const ws of sockets) ws.terminate();
    pollAgent.destroy();
    await browser?.close();
    await web.close();
  }
}

const timer = setTimeout(() => {
  console.error(`The room bench did not finish within ${RUN_TIMEOUT_MS / 60_000} minutes.`);
  process.exit(1);
}, RUN_TIMEOUT_MS);
timer.unref();
run().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
