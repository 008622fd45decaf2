// `npm run bench -- export [--n=1000,5000] [--formats=png,pdf] [--runs=2]`: how long each export on
// the map bar's Export menu takes on a big map, and how long the board's main thread is blocked
// meanwhile. Prints one JSON line per figure on stdout, a table and progress on stderr, and writes
// every run to bench/out/export-<time>.json. Method: ./README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Download, Locator, Page } from 'playwright';
import type { LaneKind } from '../shared/domain';
import { checkChromium, launchChromium, openPage, type BenchPage } from './lib/browser';
import { addNotes, startWeb, type WebServer } from './lib/journeyboard';
import { IN_CELLS, makeJourneyNotes } from './lib/journeyNotes';
import { log } from './lib/log';
import { eachFlag, parseSizes } from './lib/options';
import './lib/pageGlobals';
import { round1 } from './lib/stats';

/** A template with stages and the seven standard lanes, and no example notes: the map holds N notes. */
const TEMPLATE = 'classic-funnel';
/** Saved with the map: the frame's top-left corner at half size, so "current view" shows a few cells. */
const CAMERA = { x: -40, y: -40, zoom: 0.5 };
/** Each export runs this many times; each figure is the best (lowest) of them. */
const DEFAULT_RUNS = 2;
/** How long one export may take before it is cancelled and reported as timed out. */
const EXPORT_TIMEOUT_MS = 240_000;
const OPEN_TIMEOUT_MS = 90_000;
/** The whole run is abandoned (browser and server closed) past this. */
const RUN_TIMEOUT_MS = 30 * 60_000;
/** Idle time measured before the exports: the frame gap the board shows doing nothing. */
const IDLE_MS = 2000;
/** A frame gap above this counts as a long frame (a visible stutter). */
const LONG_FRAME_MS = 50;
const OUT_DIR = path.resolve(import.meta.dirname, 'out');
const METER_SCRIPT = path.join(import.meta.dirname, 'lib', 'exportMeter.browser.js');

function parseOptions(argv: string[]) {
  let sizes = [1000, 5000];
  let formats: string[] | null = null;
  let runs = DEFAULT_RUNS;
  eachFlag(argv, 'npm run bench -- export [--n=1000,5000] [--formats=png,pdf] [--runs=2]', (flag, value, arg) => {
    if (flag === '--n') sizes = parseSizes(value());
    else if (flag === '--formats') {
      formats = value()
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
    } else if (flag === '--runs') {
      runs = Number(value());
      if (!Number.isInteger(runs) || runs < 1 || runs > 10)
        throw new Error('--runs takes a whole number from 1 to 10.');
    } else return arg === 'export';
    return true;
  });
  return { sizes, formats, runs };
}

/** What the in-page meter (./lib/exportMeter.browser.js) saw during one export. */
interface MeterResult {
  /** performance.now() of the menu item's click event, and of the download link's click (the file handed to the browser). */
  clickAt: number | null;
  savedAt: number | null;
  /** Longest gap between consecutive animation frames from the last frame before the click to the first after the file was handed over, ms. */
  maxGapMs: number;
  /** Frames in that window, and gaps in it over LONG_FRAME_MS. */
  frames: number;
  longFrames: number;
}

interface ExportMeter {
  start(): void;
  stop(longFrameMs: number): MeterResult;
}

declare global {
  interface Window {
    __exportMeter?: ExportMeter;
  }
}

/** The menu items' names as a person (and a screen reader) reads them. */
async function itemNames(menu: Locator): Promise<string[]> {
  return menu.getByRole('menuitem').evaluateAll((items) =>
    items.map((el) => {
      // aria-label when set (the PNG scale buttons), else the item's first line (its label, not the hint).
      const label = el.getAttribute('aria-label') ?? (el.firstElementChild ?? el).textContent ?? '';
      return label.replace(/\s+/g, ' ').trim();
    }),
  );
}

/** Opens the Export menu and returns it. */
async function openMenu(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Export as' });
  await menu.waitFor();
  return menu;
}

interface Run {
  ms: number;
  /** Menu item click to the download link's click, on the page's clock. */
  inPageMs: number | null;
  bytes: number;
  maxGapMs: number;
  frames: number;
  longFrames: number;
  /** What the app told the person when the file was ready (e.g. that a PNG's scale was lowered). */
  notice: string;
  /** A PNG's size in pixels (from its header), to see a lowered scale. */
  image?: { width: number; height: number };
}

function pngSize(file: string): { width: number; height: number } | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(24);
    if (fs.readSync(fd, head, 0, 24, 0) < 24 || head.toString('latin1', 1, 4) !== 'PNG') return undefined;
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Closes the notices ("Exported …", errors) so the next export's notice is the only one. */
async function dismissNotices(page: Page) {
  const dismiss = page.getByRole('button', { name: 'Dismiss', exact: true });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

/** The notices shown (role alert for errors, status for information), newest last. */
async function noticeTexts(page: Page, role: 'alert' | 'status'): Promise<string[]> {
  return (await page.getByRole(role).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/**
 * Waits for the export's download; fails as soon as the app shows an error instead (a new alert,
 * checked from here once a second: one small query in the page), or after EXPORT_TIMEOUT_MS.
 */
async function waitForDownload(page: Page, downloading: Promise<Download>, alertsBefore: string[]): Promise<Download> {
  let settled = false;
  const failed = (async () => {
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (settled) break;
      const errors = (await noticeTexts(page, 'alert').catch(() => [])).filter((t) => !alertsBefore.includes(t));
      if (errors.length) throw new Error(`the app said: ${errors.join(' / ')}`);
    }
    return new Promise<never>(() => undefined);
  })();
  try {
    return await Promise.race([downloading, failed]);
  } finally {
    settled = true;
  }
}

/**
 * One export through the UI: open the menu, click the item, wait for the download. The figure is
 * wall time from just before Playwright's click to its 'download' event; the page's own clock
 * (item click to download link click) is kept as a cross-check.
 */
async function exportOnce(page: Page, name: string): Promise<Run> {
  await dismissNotices(page);
  const menu = await openMenu(page);
  const names = await itemNames(menu);
  const index = names.indexOf(name);
  if (index < 0) throw new Error(`The Export menu no longer has "${name}" (it has: ${names.join('; ')}).`);
  const item = menu.getByRole('menuitem').nth(index);
  await item.waitFor();
  const alertsBefore = await noticeTexts(page, 'alert');
  const statusBefore = await noticeTexts(page, 'status');
  await page.evaluate(() => window.__exportMeter!.start());
  const downloading = page.waitForEvent('download', { timeout: EXPORT_TIMEOUT_MS });
  downloading.catch(() => undefined);
  const started = performance.now();
  // force: the item is visible and still (the menu does not animate), so skip Playwright's
  // actionability checks, which wait for two animation frames and would add about 35 ms.
  await item.click({ force: true });
  let download: Download;
  try {
    download = await waitForDownload(page, downloading, alertsBefore);
  } catch (error) {
    await page.evaluate(() => window.__exportMeter!.stop(0));
    // Still running (timed out): cancel it so the next export can start.
    const cancel = page.getByRole('status').getByRole('button', { name: 'Cancel' });
    if (await cancel.count()) await cancel.click();
    throw new Error(`"${name}" gave no file: ${(error as Error).message.split('\n')[0]}`);
  }
  const ms = performance.now() - started;
  const meter = await page.evaluate((longFrameMs) => window.__exportMeter!.stop(longFrameMs), LONG_FRAME_MS);
  const file = await download.path();
  const bytes = fs.statSync(file).size;
  const image = download.suggestedFilename().endsWith('.png') ? pngSize(file) : undefined;
  await download.delete();
  // The menu's button comes back once the export has finished (progress line gone).
  await page.getByRole('button', { name: 'Export', exact: true }).waitFor({ timeout: EXPORT_TIMEOUT_MS });
  const notice = (await noticeTexts(page, 'status')).filter((t) => !statusBefore.includes(t)).join(' / ');
  const inPageMs = meter.clickAt !== null && meter.savedAt !== null ? meter.savedAt - meter.clickAt : null;
  return {
    ms,
    inPageMs,
    bytes,
    maxGapMs: meter.maxGapMs,
    frames: meter.frames,
    longFrames: meter.longFrames,
    notice,
    ...(image ? { image } : {}),
  };
}

interface Result {
  format: string;
  n: number;
  /** Best of the runs: lowest time, smallest frame gap (each figure on its own). */
  ms: number;
  bytes: number;
  maxGapMs: number;
  longFrames: number;
  runs: Run[];
  error?: string;
}

/** Seeds a map of n notes on the template's frame; returns its id. */
async function seed(web: WebServer, n: number): Promise<string> {
  const started = Date.now();
  const map = await web.api<{ id: string; stages: { id: string }[]; lanes: { id: string; kind: LaneKind }[] }>(
    'maps.create',
    {
      title: `Export bench ${n} notes`,
      template: TEMPLATE,
    },
  );
  const notes = makeJourneyNotes(n, map);
  await addNotes(web, map.id, notes);
  await web.api('maps.setCamera', { id: map.id, camera: CAMERA });
  const prio = await seedPriorities(web, map.id);
  const placed = notes.filter((note) => note.stageId).length;
  const channels = notes.filter((note) => note.channels?.length).length;
  const chars = notes.reduce((sum, note) => sum + note.text.length, 0);
  log(
    `n=${n}: seeded map ${map.id} (${TEMPLATE}: ${map.stages.length} stages, ${map.lanes.length} lanes) in ${Date.now() - started} ms: ` +
      `${placed} notes in cells (${Math.round(IN_CELLS * 100)}% asked), ${n - placed} free, ${channels} with channels, ${(chars / n).toFixed(0)} characters a note on average; ${prio}`,
  );
  return map.id;
}

/** Participants, and how many dots each casts in the named round on pain points and in the anonymous one on opportunities. */
const PARTICIPANTS = 12;
const PAIN_DOTS = 10;
const IDEA_DOTS = 5;
/** Notes per notes.updateMany call (the server takes bodies up to 1 MiB). */
const PATCH_BATCH = 1000;

/**
 * What the prioritising sections of the exports show, so they are timed too: participants, a named
 * dot-voting round on pain points (cast dots and typed paper counts) and an anonymous one on
 * opportunities, severity and reach on every pain point, impact and effort on most opportunities,
 * a roadmap with owners, due dates and linked pain points, metrics per stage and for the whole map,
 * and a few agenda steps run (the workshop minutes). All seeded from the note index: every run is
 * the same. Returns a summary for the log.
 */
async function seedPriorities(web: WebServer, mapId: string): Promise<string> {
  type Seeded = { id: string; kind: string | null; stageId: string | null };
  const map = await web.api<{ notes: Seeded[]; stages: { id: string }[] }>('maps.get', { id: mapId });
  const pains = map.notes.filter((n) => n.kind === 'pain_point');
  const ideas = map.notes.filter((n) => n.kind === 'opportunity');
  const people: string[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) people.push((await web.api<{ id: string }>('participants.create', { mapId, name: `Participant ${i + 1}` })).id);
  const painRound = await web.api<{ id: string }>('rounds.create', { mapId, title: 'Which pain points hurt most?', target: 'pain_point', dots: PAIN_DOTS, multiple: true });
  const ideaRound = await web.api<{ id: string }>('rounds.create', { mapId, title: 'Which ideas first?', target: 'opportunity', dots: IDEA_DOTS, anonymous: true, multiple: true });
  let votes = 0;
  for (const [p, participantId] of people.entries()) {
    for (let d = 0; d < PAIN_DOTS && pains.length; d++, votes++) await web.api('votes.cast', { roundId: painRound.id, participantId, noteId: pains[(p * 37 + d * 11) % pains.length]!.id });
    for (let d = 0; d < IDEA_DOTS && ideas.length; d++, votes++) await web.api('votes.cast', { roundId: ideaRound.id, participantId, noteId: ideas[(p * 23 + d * 7) % ideas.length]!.id });
  }
  // Paper dots typed by the facilitator on a few pain points.
  for (let k = 0; k < Math.min(40, pains.length); k++) await web.api('votes.setCount', { roundId: painRound.id, noteId: pains[(k * 53) % pains.length]!.id, count: 1 + (k % 4) });
  await web.api('rounds.close', { id: painRound.id });
  const painsByStage = new Map<string, string[]>();
  for (const n of pains) if (n.stageId) painsByStage.set(n.stageId, [...(painsByStage.get(n.stageId) ?? []), n.id]);
  const phases = ['now', 'next', 'later', 'not_doing'] as const;
  const patches = [
    ...pains.map((n, i) => ({ id: n.id, severity: 1 + (i % 5), reach: 1 + ((i * 3) % 5) })),
    ...ideas.map((n, i) => {
      const scored = i % 5 !== 0;
      const phased = i % 5 < 2;
      const linked = (n.stageId ? painsByStage.get(n.stageId) : undefined) ?? [];
      return {
        id: n.id,
        ...(scored ? { impact: 1 + (i % 5), effort: 1 + ((i * 2) % 5) } : {}),
        ...(phased ? { phase: phases[i % 4], phaseOrder: i, owner: `Owner ${i % 7}`, due: `2027-0${1 + (i % 9)}-15` } : {}),
        linkedNoteIds: linked.slice(i % Math.max(1, linked.length), (i % Math.max(1, linked.length)) + 1 + (i % 3)),
      };
    }),
  ];
  for (let i = 0; i < patches.length; i += PATCH_BATCH) await web.api('notes.updateMany', { mapId, notes: patches.slice(i, i + PATCH_BATCH) });
  let metrics = 0;
  for (const [i, stage] of map.stages.entries()) {
    await web.api('metrics.set', { mapId, stageId: stage.id, kind: 'csat', value: 2 + (i % 3), target: 4, source: 'Survey', date: '2026-10-01' });
    await web.api('metrics.set', { mapId, stageId: stage.id, kind: 'conversion', value: 20 + i * 5, target: 60, source: 'Analytics' });
    metrics += 2;
  }
  await web.api('metrics.set', { mapId, kind: 'nps', value: -5, target: 30, source: 'Quarterly NPS', date: '2026-09-30' });
  metrics += 1;
  // Run the first three agenda steps, so the exports have workshop minutes.
  const workshop = await web.api<{ steps: { id: string }[] }>('workshop.get', { mapId });
  let steps = 0;
  if (workshop.steps.length) {
    await web.api('workshop.start', { mapId, stepId: workshop.steps[0]!.id });
    for (; steps < Math.min(2, workshop.steps.length - 1); steps++) await web.api('workshop.next', { mapId });
    steps += 1;
  }
  return `${PARTICIPANTS} participants, ${votes} dots cast in 2 rounds (1 anonymous) plus typed counts, ${pains.length} pain points with severity, ${ideas.length} opportunities (4 in 5 scored, 2 in 5 on the roadmap), ${metrics} metrics, ${steps} steps run`;
}

/** Opens the map in a fresh page and waits for the board's first full frame. */
async function openMap(browser: Browser, web: WebServer, mapId: string, n: number): Promise<BenchPage> {
  const bp = await openPage(browser);
  try {
    const url = new URL(web.url);
    url.hash = `#/map/${mapId}`;
    // An init script, like lib/frameMeter.browser.js: the app's content security policy has no say.
    await bp.context.addInitScript({ path: METER_SCRIPT });
    await bp.page.goto(url.href);
    // lib/frameMeter.browser.js marks the end of the first frame with every visible note drawn.
    await bp.page.waitForFunction(() => performance.getEntriesByName('bench:board-full-frame').length > 0, undefined, {
      timeout: OPEN_TIMEOUT_MS,
    });
    const count = await bp.page.evaluate(() => window.__journeyboardBoard!.noteCount());
    if (count !== n) throw new Error(`The board shows ${count} notes, not ${n}.`);
    return bp;
  } catch (error) {
    await bp.close();
    throw error;
  }
}

/** The longest frame gap of the board doing nothing: the floor under every export's figure. */
async function idleGap(page: Page): Promise<number> {
  await page.evaluate(() => window.__exportMeter!.start());
  await page.waitForTimeout(IDLE_MS);
  const meter = await page.evaluate(() => window.__exportMeter!.stop(0));
  return meter.maxGapMs;
}

function wanted(name: string, formats: string[] | null): boolean {
  return !formats || formats.some((f) => name.toLowerCase().includes(f));
}

async function runSize(
  browser: Browser,
  web: WebServer,
  n: number,
  formats: string[] | null,
  runs: number,
  idleGaps: Record<number, number>,
) {
  const mapId = await seed(web, n);
  const bp = await openMap(browser, web, mapId, n);
  const results: Result[] = [];
  try {
    const menu = await openMenu(bp.page);
    const all = await itemNames(menu);
    await bp.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    const names = all.filter((name) => wanted(name, formats));
    log(`n=${n}: the Export menu has ${all.length} items; measuring ${names.length}: ${names.join('; ')}`);
    if (!names.length) throw new Error(`No Export menu item matches --formats=${formats?.join(',')}.`);
    const idle = await idleGap(bp.page);
    idleGaps[n] = round1(idle);
    log(`n=${n}: idle board: longest frame gap ${idle.toFixed(1)} ms over ${IDLE_MS / 1000} s`);
    emit('export.idleFrameGapMs', '(none: idle board)', n, idle, 'ms');
    warnIfBusy(n);
    // Round robin: every export once, then every export again, so a slow spell on this shared
    // machine or the page's first use of the export worker does not fall on the same export twice.
    const done = new Map<string, Run[]>(names.map((name) => [name, []]));
    const errors = new Map<string, string>();
    for (let r = 0; r < runs; r++) {
      for (const name of names) {
        if (errors.has(name)) continue;
        try {
          const run = await exportOnce(bp.page, name);
          done.get(name)!.push(run);
          const image = run.image ? `, ${run.image.width}x${run.image.height} px` : '';
          log(
            `n=${n}: ${name}, run ${r + 1}: ${run.ms.toFixed(0)} ms (in page ${run.inPageMs?.toFixed(0) ?? '?'} ms), ${formatBytes(run.bytes)}${image}; ` +
              `longest frame gap ${run.maxGapMs.toFixed(1)} ms, ${run.longFrames} of ${run.frames} frames over ${LONG_FRAME_MS} ms`,
          );
        } catch (e) {
          errors.set(name, (e as Error).message);
          log(`n=${n}: ${(e as Error).message}`);
        }
      }
    }
    for (const name of names) {
      const ok = done.get(name)!;
      const best = (figure: (run: Run) => number) => (ok.length ? Math.min(...ok.map(figure)) : NaN);
      const error = errors.get(name);
      const result: Result = {
        format: name,
        n,
        ms: best((run) => run.ms),
        bytes: ok.length ? ok[0]!.bytes : NaN,
        maxGapMs: best((run) => run.maxGapMs),
        longFrames: best((run) => run.longFrames),
        runs: ok,
        ...(error ? { error } : {}),
      };
      results.push(result);
      if (ok.length) {
        emit('export.ms', name, n, result.ms, 'ms');
        emit('export.bytes', name, n, result.bytes, 'bytes');
        emit('export.maxFrameGapMs', name, n, result.maxGapMs, 'ms');
      }
    }
    if (bp.problems.length) throw new Error(`n=${n}: ${bp.problems.slice(0, 5).join('; ')}`);
  } finally {
    await bp.close();
    await web.api('maps.delete', { id: mapId }).catch(() => undefined);
  }
  return results;
}

function emit(name: string, format: string, n: number, value: number, unit: string) {
  process.stdout.write(
    `${JSON.stringify({ name, format, n, value: unit === 'bytes' ? value : round1(value), unit })}\n`,
  );
}

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The figures as a table, on stderr (stdout carries only the JSON lines). */
function printTable(results: Result[]) {
  const rows = [
    ['format', 'N', 'ms', 'size', 'longest frame gap ms'],
    ...results.map((r) =>
      r.runs.length
        ? [r.format, r.n.toLocaleString('en'), r.ms.toFixed(0), formatBytes(r.bytes), r.maxGapMs.toFixed(1)]
        : [r.format, r.n.toLocaleString('en'), 'failed', '-', '-'],
    ),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  const out = [
    line(rows[0]!),
    `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
    ...rows.slice(1).map(line),
  ];
  const images = results
    .filter((r) => r.runs[0]?.image)
    .map(
      (r) => `${r.format} at ${r.n.toLocaleString('en')}: ${r.runs[0]!.image!.width}x${r.runs[0]!.image!.height} px`,
    );
  const failures = results.filter((r) => r.error).map((r) => `${r.format} at ${r.n.toLocaleString('en')}: ${r.error}`);
  const said = results.flatMap((r) => {
    const notice = r.runs[0]?.notice ?? '';
    return notice && !notice.startsWith('Exported') ? [`${r.format} at ${r.n.toLocaleString('en')}: ${notice}`] : [];
  });
  if (images.length) out.push('', `Image sizes: ${images.join('; ')}.`);
  if (said.length) out.push('', 'The app said:', ...said.map((line) => `- ${line}`));
  if (failures.length) out.push('', `Failed: ${failures.join('; ')}`);
  process.stderr.write(`\n${out.join('\n')}\n\n`);
}

function warnIfBusy(n: number) {
  const load = os.loadavg()[0]!;
  const cores = os.availableParallelism();
  if (load > cores * 0.75)
    log(`n=${n}: note: load average ${load.toFixed(1)} on ${cores} cores; other processes may skew these figures`);
}

async function main() {
  const { sizes, formats, runs } = parseOptions(process.argv.slice(2));
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
  const startedAt = new Date();
  const results: Result[] = [];
  /** The longest frame gap of the idle board before the exports, by N: the figures' floor. */
  const idleGaps: Record<number, number> = {};
  let failed = false;
  try {
    const web = await startWeb();
    closers.push(() => web.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    log(`Chromium ${browser.version()}, sizes ${sizes.join(', ')}, ${runs} run(s) per export`);
    for (const n of sizes) results.push(...(await runSize(browser, web, n, formats, runs, idleGaps)));
    printTable(results);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const file = path.join(OUT_DIR, `export-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const report = {
      startedAt: startedAt.toISOString(),
      chromium: browser.version(),
      node: process.version,
      cores: os.availableParallelism(),
      loadAverage: os.loadavg(),
      template: TEMPLATE,
      runsPerExport: runs,
      longFrameMs: LONG_FRAME_MS,
      idleFrameGapMs: idleGaps,
      results,
    };
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${path.relative(process.cwd(), file)}`);
    failed = results.some((r) => r.error);
  } finally {
    clearTimeout(watchdog);
    await closeAll();
  }
  if (failed) throw new Error('some exports failed (see above)');
}

main().catch((error: Error) => {
  log(`export bench failed: ${error.message}`);
  process.exit(1);
});
