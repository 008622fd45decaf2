// `npm run bench -- board [--n=1000,5000] [--only=journeyboard|tldraw]`: the board benchmark of
// issue #3. Prints one JSON line per figure on stdout (progress on stderr), for Journeyboard and,
// with `.tldraw` appended to the name, for tldraw given the same notes. Method: ./README.md.
import os from 'node:os';
import type { Browser, Page } from 'playwright';
import type { Camera } from '../shared/domain';
import { checkChromium, launchChromium, openPage, type BenchPage } from './lib/browser';
import { ZOOMED_IN_CAMERA, fitCamera, makeNotes, type BenchNote } from './lib/data';
import { startWeb, seedMap, type WebServer } from './lib/journeyboard';
import { log } from './lib/log';
import { eachFlag, parseSizes } from './lib/options';
import './lib/pageGlobals';
import { frameWork, traced } from './lib/trace';
import { serveStatic, type StaticServer } from './lib/staticServer';
import { fps, p95, round1 } from './lib/stats';
import { buildTldrawPage } from './lib/tldrawBuild';

const APPS = ['journeyboard', 'tldraw'] as const;
type App = (typeof APPS)[number];

/** Panning: every frame the camera moves by this many screen pixels, through the app's camera API. */
const PAN = { dx: 12, dy: 6, warmupMs: 500, durationMs: 3000 };
/** With the whole board in view the direction flips every 30 frames, so the board stays in view. */
const FIT_REVERSE_EVERY = 30;
/** Each pan runs this many times from the same camera; the figures come from the best run. */
const PAN_RUNS = 2;
/** Time for an app to settle after a jump to the whole-board view, before the warm-up. */
const SETTLE_MS = 1000;
const FULL_FRAME_TIMEOUT_MS = 90_000;
/** The whole run is abandoned (browser and servers closed) past this. */
const RUN_TIMEOUT_MS = 20 * 60_000;

function parseOptions(argv: string[]) {
  let sizes = [1000, 5000, 20000];
  let apps: App[] = [...APPS];
  eachFlag(argv, 'npm run bench -- board [--n=1000,5000,20000] [--only=journeyboard|tldraw]', (flag, value, arg) => {
    if (flag === '--n') sizes = parseSizes(value());
    else if (flag === '--only') {
      const only = value();
      if (!APPS.includes(only as App)) throw new Error(`--only takes ${APPS.join(' or ')}.`);
      apps = [only as App];
    } else return arg === 'board';
    return true;
  });
  return { sizes, apps };
}

function emit(name: string, n: number, value: number, unit: string, app: App) {
  const full = app === 'tldraw' ? `${name}.tldraw` : name;
  process.stdout.write(`${JSON.stringify({ name: full, n, value: round1(value), unit })}\n`);
}

/**
 * One pan figure: the better (lower frame-work p95) of PAN_RUNS runs, so a burst of work from
 * another process on this machine spoils less. fps from the rAF timestamps of the measured frames;
 * frame work from Chromium's trace (main-thread CPU time per frame, ./lib/trace.ts). Its wall-clock
 * twin and the in-page estimate (end of the frame's rendering task minus its rAF timestamp) go to
 * stderr as cross-checks.
 */
async function pan(browser: Browser, page: Page, camera: Camera, reverseEvery: number, settleMs: number) {
  const args = { ...PAN, reverseEvery };
  let best: { fps: number; p95ms: number; frames: number; wallP95ms: number; inPageP95ms: number } | undefined;
  for (let run = 0; run < PAN_RUNS; run++) {
    await setCamera(page, camera);
    await page.waitForTimeout(settleMs);
    const { result, events } = await traced(browser, page, () =>
      page.evaluate((a) => window.__benchMeter.pan(a), args),
    );
    const work = frameWork(events, 'bench:measure-start', 'bench:measure-end');
    const figures = {
      fps: fps(result.starts),
      p95ms: p95(work.cpu),
      frames: work.cpu.length,
      wallP95ms: p95(work.wall),
      inPageP95ms: p95(result.work),
    };
    if (!best || figures.p95ms < best.p95ms) best = figures;
  }
  return best!;
}

async function setCamera(page: Page, camera: Camera) {
  await page.evaluate((c) => window.__benchMeter.setCamera(c), camera);
}

/** The two pans, the same for both apps: zoomed in from the top-left corner, then the whole board. */
async function panFigures(browser: Browser, page: Page, n: number, app: App) {
  warnIfBusy(app, n);
  const zoomed = await pan(browser, page, ZOOMED_IN_CAMERA, 0, 300);
  log(
    `${app} n=${n}: pan zoomed in: ${zoomed.fps.toFixed(1)} fps, p95 ${zoomed.p95ms.toFixed(1)} ms over ${zoomed.frames} frames (wall-clock p95 ${zoomed.wallP95ms.toFixed(1)} ms, in-page p95 ${zoomed.inPageP95ms.toFixed(1)} ms)`,
  );
  emit('board.pan.fps', n, zoomed.fps, 'fps', app);
  emit('board.pan.p95ms', n, zoomed.p95ms, 'ms', app);

  const view = await page.evaluate(() => window.__benchMeter.viewport());
  const fit = fitCamera(n, view);
  const whole = await pan(browser, page, fit, FIT_REVERSE_EVERY, SETTLE_MS);
  log(
    `${app} n=${n}: pan whole board (${Math.round(view.width)}x${Math.round(view.height)} px at zoom ${fit.zoom.toFixed(3)}): ${whole.fps.toFixed(1)} fps, p95 ${whole.p95ms.toFixed(1)} ms over ${whole.frames} frames (wall-clock p95 ${whole.wallP95ms.toFixed(1)} ms, in-page p95 ${whole.inPageP95ms.toFixed(1)} ms)`,
  );
  emit('board.fit.fps', n, whole.fps, 'fps', app);
  emit('board.fit.p95ms', n, whole.p95ms, 'ms', app);
}

/** Other processes on this machine skew every figure: say so on stderr when the load is high. */
function warnIfBusy(app: App, n: number) {
  const load = os.loadavg()[0]!;
  const cores = os.availableParallelism();
  if (load > cores * 0.75)
    log(
      `${app} n=${n}: note: load average ${load.toFixed(1)} on ${cores} cores; other processes may skew these figures`,
    );
}

function checkProblems(bp: BenchPage, app: App) {
  if (bp.problems.length) throw new Error(`${app}: ${bp.problems.slice(0, 5).join('; ')}`);
}

/**
 * tldraw's open figure is the faster of two ways to put the notes in its store: createShapes on
 * an empty editor, and loadSnapshot of the saved document (what opening a .tldr file does).
 */
async function runTldraw(browser: Browser, server: StaticServer, n: number, notes: BenchNote[]) {
  let document: unknown;
  let createdMs: number;
  {
    const bp = await openPage(browser);
    try {
      await bp.page.goto(server.url);
      await bp.page.evaluate(() => window.__tldrawBench.ready);
      const created = await bp.page.evaluate(
        ([list, cam, timeout]) => window.__tldrawBench.createNotes(list as BenchNote[], cam, timeout),
        [notes, ZOOMED_IN_CAMERA, FULL_FRAME_TIMEOUT_MS] as const,
      );
      if (created.count !== n)
        throw new Error(`tldraw holds ${created.count} shapes, not ${n}: is maxShapesPerPage high enough?`);
      createdMs = created.ms;
      log(
        `tldraw n=${n}: createShapes to full frame ${created.ms.toFixed(0)} ms (createShapes ${created.createMs.toFixed(0)} ms; ${created.drawn}/${created.visible} visible notes drawn)`,
      );
      document = await bp.page.evaluate(() => window.__tldrawBench.getDocument());
      checkProblems(bp, 'tldraw');
    } finally {
      await bp.close();
    }
  }
  const bp = await openPage(browser);
  try {
    await bp.page.goto(server.url);
    await bp.page.evaluate(() => window.__tldrawBench.ready);
    const opened = await bp.page.evaluate(
      ([doc, cam, timeout]) =>
        window.__tldrawBench.openDocument(doc as Parameters<typeof window.__tldrawBench.openDocument>[0], cam, timeout),
      [document, ZOOMED_IN_CAMERA, FULL_FRAME_TIMEOUT_MS] as const,
    );
    if (opened.count !== n) throw new Error(`tldraw opened ${opened.count} shapes, not ${n}.`);
    log(
      `tldraw n=${n}: loadSnapshot to full frame ${opened.ms.toFixed(0)} ms (loadSnapshot ${opened.loadMs.toFixed(0)} ms; ${opened.drawn}/${opened.visible} visible notes drawn)`,
    );
    emit('board.open.ms', n, Math.min(createdMs, opened.ms), 'ms', 'tldraw');
    await panFigures(browser, bp.page, n, 'tldraw');
    checkProblems(bp, 'tldraw');
  } finally {
    await bp.close();
  }
}

interface BoardState {
  notes: number;
  visible: number;
  drawn: number;
  requestedAt: number | null;
  fullAt: number;
}

/** Opens the map in a fresh page; resolves with the page (still open) and the open time. */
async function openJourneyboard(browser: Browser, web: WebServer, mapId: string, n: number) {
  const bp = await openPage(browser);
  try {
    const url = new URL(web.url);
    url.hash = `#/map/${mapId}`;
    await bp.page.goto(url.href);
    // The injected meter marks the end of the frame in which the hook's `ready` resolved: the
    // first frame with every visible note fully drawn (not as a placeholder card).
    await bp.page.waitForFunction(() => performance.getEntriesByName('bench:board-full-frame').length > 0, undefined, {
      timeout: FULL_FRAME_TIMEOUT_MS,
    });
    const state: BoardState = await bp.page.evaluate(() => {
      const b = window.__journeyboardBoard!;
      const requested = performance.getEntriesByName('bench:maps.get')[0];
      const full = performance.getEntriesByName('bench:board-full-frame')[0]!;
      return {
        notes: b.noteCount(),
        visible: b.visibleCount(),
        drawn: b.drawnCount(),
        requestedAt: requested ? requested.startTime : null,
        fullAt: full.startTime,
      };
    });
    if (state.visible === 0 || state.drawn < state.visible)
      throw new Error(`Journeyboard drew ${state.drawn} of ${state.visible} visible notes in its first full frame.`);
    if (state.notes !== n) throw new Error(`Journeyboard shows ${state.notes} notes, not ${n}.`);
    if (state.requestedAt === null)
      log('journeyboard: the page never called maps.get over HTTP; timing open from navigation start');
    const openMs = state.fullAt - (state.requestedAt ?? 0);
    log(`journeyboard n=${n}: open ${openMs.toFixed(0)} ms (${state.drawn}/${state.visible} visible notes drawn)`);
    return { bp, openMs };
  } catch (error) {
    await bp.close();
    throw error;
  }
}

/**
 * Journeyboard's open figure is the faster of two opens, each in a fresh page (no cache), as
 * tldraw's is the faster of its two ways in.
 */
async function runJourneyboard(browser: Browser, web: WebServer, n: number, notes: BenchNote[]) {
  const seeded = Date.now();
  const mapId = await seedMap(web, `Bench ${n} notes`, notes, ZOOMED_IN_CAMERA);
  log(`journeyboard n=${n}: seeded map ${mapId} in ${Date.now() - seeded} ms`);
  const first = await openJourneyboard(browser, web, mapId, n);
  await first.bp.close();
  const { bp, openMs } = await openJourneyboard(browser, web, mapId, n);
  try {
    emit('board.open.ms', n, Math.min(first.openMs, openMs), 'ms', 'journeyboard');
    await panFigures(browser, bp.page, n, 'journeyboard');
    checkProblems(bp, 'journeyboard');
    checkProblems(first.bp, 'journeyboard');
  } finally {
    await bp.close();
  }
}

async function main() {
  const { sizes, apps } = parseOptions(process.argv.slice(2));
  checkChromium();
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse())
      await close().catch((error: Error) => log(`while closing: ${error.message}`));
  };
  const watchdog = setTimeout(() => {
    log(`The run took longer than ${RUN_TIMEOUT_MS / 60_000} minutes: giving up.`);
    void closeAll().finally(() => process.exit(1));
  }, RUN_TIMEOUT_MS);
  try {
    let tldrawServer: StaticServer | undefined;
    let web: WebServer | undefined;
    if (apps.includes('tldraw')) {
      tldrawServer = await serveStatic(await buildTldrawPage());
      closers.push(() => tldrawServer!.close());
    }
    if (apps.includes('journeyboard')) {
      web = await startWeb();
      closers.push(() => web!.close());
    }
    const browser = await launchChromium();
    closers.push(() => browser.close());
    log(`Chromium ${browser.version()}, sizes ${sizes.join(', ')}, apps ${apps.join(', ')}`);
    for (const n of sizes) {
      const notes = makeNotes(n);
      if (web) await runJourneyboard(browser, web, n, notes);
      if (tldrawServer) await runTldraw(browser, tldrawServer, n, notes);
    }
  } finally {
    clearTimeout(watchdog);
    await closeAll();
  }
}

main().catch((error: Error) => {
  log(`board bench failed: ${error.message}`);
  process.exit(1);
});
