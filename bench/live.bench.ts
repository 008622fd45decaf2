// `npm run bench -- live [--n=5000] [--arrive=1000] [--seconds=10]`: the facilitator's board while
// notes arrive from other clients (issue 14). A map of N notes is open and panned (zoomed in, then
// with the whole board in view) while `arrive` notes are created elsewhere over `seconds` seconds
// (50 clients, each sending its notes one after another, through the HTTP API, into the part of
// the board in view). The board hears each write, reads what changed (`changes.since`) and merges
// it. Prints one JSON line per figure on stdout. Method: ./README.md.
import type { Page } from 'playwright';
import type { Camera } from '../shared/domain';
import { checkChromium, launchChromium, openPage } from './lib/browser';
import { ZOOMED_IN_CAMERA, fitCamera, makeNotes, rng } from './lib/data';
import { startWeb, seedMap, type WebServer } from './lib/journeyboard';
import { log } from './lib/log';
import { profiled } from './lib/profile';
import { eachFlag } from './lib/options';
import './lib/pageGlobals';
import { fps, p95, round1 } from './lib/stats';

const CLIENTS = 50;
const PAN = { dx: 12, dy: 6, warmupMs: 500, reverseEvery: 30 };
const RUN_TIMEOUT_MS = 15 * 60_000;

function parseOptions(argv: string[]) {
  let n = 5000;
  let arrive = 1000;
  let seconds = 10;
  let profile = false;
  const whole = (text: string, flag: string, max: number) => {
    const v = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`${flag} takes a whole number from 1 to ${max}.`);
    return v;
  };
  eachFlag(argv, 'npm run bench -- live [--n=5000] [--arrive=1000] [--seconds=10] [--profile]', (flag, value, arg) => {
    if (flag === '--n') n = whole(value(), '--n', 50_000);
    else if (flag === '--arrive') arrive = whole(value(), '--arrive', 10_000);
    else if (flag === '--seconds') seconds = whole(value(), '--seconds', 120);
    else if (flag === '--profile') profile = true;
    else return arg === 'live';
    return true;
  });
  return { n, arrive, seconds, profile };
}

function emit(name: string, n: number, value: number, unit: string) {
  process.stdout.write(`${JSON.stringify({ name, n, value: round1(value), unit })}\n`);
}

/**
 * `count` notes created by CLIENTS clients over `seconds`: each client sends its share one after
 * another, evenly spaced, the clients staggered. Each note lands at a random place in `area`.
 * Resolves with the send-to-answer times.
 */
async function arrive(web: WebServer, mapId: string, count: number, seconds: number, area: { x: number; y: number; w: number; h: number }) {
  const random = rng(7);
  const each = Math.ceil(count / CLIENTS);
  const gapMs = (seconds * 1000) / each;
  const answered: number[] = [];
  let made = 0;
  const client = async (c: number) => {
    await new Promise((r) => setTimeout(r, (gapMs * c) / CLIENTS));
    for (let i = 0; i < each && made < count; i++) {
      made++;
      const started = performance.now();
      await web.api('notes.create', {
        mapId,
        text: `From phone ${c + 1}: note ${i + 1}`,
        x: Math.round(area.x + random() * area.w),
        y: Math.round(area.y + random() * area.h),
        color: 'green',
        author: `Phone ${c + 1}`,
      });
      answered.push(performance.now() - started);
      const wait = gapMs - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  return answered;
}

async function pan(page: Page, camera: Camera, durationMs: number) {
  await page.evaluate((c) => window.__benchMeter.setCamera(c), camera);
  await page.waitForTimeout(500);
  return page.evaluate((a) => window.__benchMeter.pan(a), { ...PAN, durationMs });
}

/**
 * fps, p95 frame work and the longest frame. For a pan in parts, `spans` are the parts' lengths,
 * `work` the frames after each part's first, and `longest` the longest frame within a part (the
 * gaps between parts are not frames).
 */
function figures(result: { starts: number[]; work: number[]; spans?: number[]; longest?: number }) {
  if (result.spans) {
    const span = result.spans.reduce((a, b) => a + b, 0);
    const frames = result.work.length;
    return { fps: span > 0 ? (frames * 1000) / span : 0, p95ms: p95(result.work), longestMs: result.longest ?? 0, frames };
  }
  let longest = 0;
  for (let i = 1; i < result.starts.length; i++) longest = Math.max(longest, result.starts[i]! - result.starts[i - 1]!);
  return { fps: fps(result.starts), p95ms: p95(result.work), longestMs: longest, frames: result.starts.length };
}

async function main() {
  const { n, arrive: count, seconds, profile } = parseOptions(process.argv.slice(2));
  checkChromium();
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch((error: Error) => log(`while closing: ${error.message}`));
  };
  const watchdog = setTimeout(() => {
    log(`The run took longer than ${RUN_TIMEOUT_MS / 60_000} minutes: giving up.`);
    void closeAll().finally(() => process.exit(1));
  }, RUN_TIMEOUT_MS);
  try {
    const web = await startWeb();
    closers.push(() => web.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    log(`Chromium ${browser.version()}, ${n} notes on the board, ${count} arriving over ${seconds} s from ${CLIENTS} clients`);

    for (const view of ['zoomed', 'fit'] as const) {
      const mapId = await seedMap(web, `Live ${n} notes`, makeNotes(n), ZOOMED_IN_CAMERA);
      const bp = await openPage(browser);
      closers.push(() => bp.close());
      const url = new URL(web.url);
      url.hash = `#/map/${mapId}`;
      await bp.page.goto(url.href);
      await bp.page.waitForFunction(() => !!window.__journeyboardBoard, undefined, { timeout: 90_000 });
      await bp.page.evaluate(() => window.__journeyboardBoard!.ready);
      const camera = view === 'zoomed' ? ZOOMED_IN_CAMERA : fitCamera(n, await bp.page.evaluate(() => window.__benchMeter.viewport()));
      const size = await bp.page.evaluate(() => window.__benchMeter.viewport());
      // The notes arrive in the part of the board the pan shows.
      const area = { x: camera.x, y: camera.y, w: size.width / camera.zoom, h: size.height / camera.zoom };

      const quiet = figures(await pan(bp.page, camera, 3000));
      log(`${view}: quiet pan ${quiet.fps.toFixed(1)} fps, p95 ${quiet.p95ms.toFixed(1)} ms, longest frame ${quiet.longestMs.toFixed(0)} ms`);
      emit(`board.live.${view}.quiet.fps`, n, quiet.fps, 'fps');

      const started = performance.now();
      // The pan goes on, in parts of 2 s, until the last note was answered.
      let sending = true;
      const sent = arrive(web, mapId, count, seconds, area).finally(() => (sending = false));
      const result = { starts: [] as number[], work: [] as number[], spans: [] as number[], longest: 0 };
      await bp.page.evaluate((c) => window.__benchMeter.setCamera(c), camera);
      const panWhileSending = async () => {
        while (sending) {
          const part = await bp.page.evaluate((a) => window.__benchMeter.pan(a), { ...PAN, warmupMs: 0, durationMs: 2000 });
          if (part.starts.length > 1) result.spans.push(part.starts[part.starts.length - 1]! - part.starts[0]!);
          for (let i = 1; i < part.starts.length; i++) {
            result.work.push(part.work[i]!);
            result.longest = Math.max(result.longest, part.starts[i]! - part.starts[i - 1]!);
          }
          await bp.page.evaluate((c) => window.__benchMeter.setCamera(c), camera);
        }
      };
      if (profile) {
        // Where the page's time goes meanwhile (the figures are then not comparable: profiling costs).
        const cdp = await bp.context.newCDPSession(bp.page);
        const { summary } = await profiled(browser, bp.page, cdp, panWhileSending);
        log(`${view}: profile while the notes arrived, ${summary}`);
      } else await panWhileSending();
      const answered = await sent;
      const sentMs = performance.now() - started;
      // Every note is on the board: how long after the last was answered.
      const lastAnswer = performance.now();
      await bp.page.waitForFunction((total) => window.__journeyboardBoard!.noteCount() === total, n + count, { timeout: 60_000 });
      const catchUpMs = performance.now() - lastAnswer;
      const busy = figures(result);
      log(
        `${view}: pan while ${count} notes arrived (sent in ${(sentMs / 1000).toFixed(1)} s, API p95 ${p95(answered).toFixed(0)} ms): ` +
          `${busy.fps.toFixed(1)} fps, p95 ${busy.p95ms.toFixed(1)} ms, longest frame ${busy.longestMs.toFixed(0)} ms over ${busy.frames} frames; ` +
          `all on the board ${catchUpMs.toFixed(0)} ms after the last answer`,
      );
      emit(`board.live.${view}.fps`, n, busy.fps, 'fps');
      emit(`board.live.${view}.p95ms`, n, busy.p95ms, 'ms');
      emit(`board.live.${view}.longestms`, n, busy.longestMs, 'ms');
      emit(`board.live.${view}.catchupms`, n, catchUpMs, 'ms');
      if (bp.problems.length) throw new Error(bp.problems.slice(0, 5).join('; '));
      await bp.close();
    }
  } finally {
    clearTimeout(watchdog);
    await closeAll();
  }
}

main().catch((error: Error) => {
  log(`live bench failed: ${error.message}`);
  process.exit(1);
});
