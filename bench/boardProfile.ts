// `node --import tsx bench/boardProfile.ts [--n=5000]`: where a board pan's main-thread time goes.
// Not a benchmark (no figures on stdout): for each camera of the board bench (zoomed in, whole
// board), pans as the bench does while Chromium's sampling profiler and tracer run, then prints
// the busiest functions (self time) and the busiest trace events on the main thread, per frame.
import type { CDPSession, Page } from 'playwright';
import { launchChromium, openPage } from './lib/browser';
import { ZOOMED_IN_CAMERA, fitCamera, makeNotes } from './lib/data';
import { startWeb, seedMap } from './lib/journeyboard';
import { eachFlag, parseSizes } from './lib/options';
import './lib/pageGlobals';
import { frameWork, traced } from './lib/trace';
import { p95 } from './lib/stats';

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** Inclusive sampled time (ms) per function name in [from, to) (trace clock, µs). */
function inclusiveIn(profile: Profile, from: number, to: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t >= to) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id)!.callFrame.functionName || '(anon)';
      if (seen.has(name)) continue;
      seen.add(name);
      out.set(name, (out.get(name) ?? 0) + dt);
    }
  }
  return out;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function topSelf(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, frames: number, limit = 18) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!;
    const cf = node.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop() ?? ''}:${cf.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([k, ms]) => `  ${(ms / frames).toFixed(2).padStart(7)} ms/frame  ${k}`)
    .join('\n');
}

async function profilePan(page: Page, cdp: CDPSession, browser: Parameters<typeof traced>[0], label: string, reverseEvery: number) {
  await page.waitForTimeout(1000);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const { result, events } = await traced(browser, page, () =>
    page.evaluate((a) => window.__benchMeter.pan(a), { dx: 12, dy: 6, warmupMs: 500, durationMs: 3000, reverseEvery }),
  );
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const work = frameWork(events, 'bench:measure-start', 'bench:measure-end');
  const frames = Math.max(1, result.starts.length);
  const start = events.find((e) => e.name === 'bench:measure-start')!;
  const end = events.find((e) => e.name === 'bench:measure-end')!;
  const byName = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== start.pid || e.tid !== start.tid || e.ph !== 'X' || e.ts < start.ts || e.ts > end.ts) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
  }
  const sorted = [...work.cpu].sort((a, b) => b - a);
  console.log(`\n== ${label}: ${frames} frames, cpu p95 ${p95(work.cpu).toFixed(1)} ms, top frames ${sorted.slice(0, 8).map((v) => v.toFixed(1)).join(' ')}`);
  console.log(`per frame: ${work.cpu.map((v) => v.toFixed(0)).join(' ')}`);
  console.log('main-thread trace events (cpu ms per frame, nested events counted in each parent):');
  console.log(
    [...byName.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 16)
      .map(([k, ms]) => `  ${(ms / frames).toFixed(2).padStart(7)}  ${k}`)
      .join('\n'),
  );
  // The busiest frames: which main-thread events filled them.
  const begins = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.name === 'BeginMainThreadFrame' && e.ts >= start.ts && e.ts <= end.ts).map((e) => e.ts).sort((a, b) => a - b);
  const ranked = work.cpu.map((c, i) => ({ c, i })).sort((a, b) => b.c - a.c);
  // The five busiest frames, then three around the 90th percentile (what p95 lands near).
  const k = Math.floor(ranked.length * 0.1);
  const worst = [...ranked.slice(0, 5), ...ranked.slice(k, k + 3)];
  for (const { c, i } of worst) {
    const from = begins[i]!;
    const to = begins[i + 1]!;
    const names = new Map<string, number>();
    for (const e of events) {
      if (e.pid !== start.pid || e.tid !== start.tid || e.ph !== 'X' || e.ts < from || e.ts >= to || e.name === 'RunTask') continue;
      names.set(e.name, (names.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
    }
    const top = [...names.entries()].filter(([, ms]) => ms >= 0.3).sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`  frame ${i}: ${c.toFixed(1)} ms: ${top.map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(', ')}`);
    const js = [...inclusiveIn(profile, from, to).entries()].filter(([k, ms]) => ms >= 0.4 && !k.startsWith('(')).sort((a, b) => b[1] - a[1]).slice(0, 14);
    console.log(`    js: ${js.map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(', ')}`);
  }
  console.log('JS self time (sampled, whole renderer main thread):');
  console.log(topSelf(profile, frames));
}

async function main() {
  let sizes = [5000];
  eachFlag(process.argv.slice(2), 'node --import tsx bench/boardProfile.ts [--n=5000]', (flag, value) => {
    if (flag !== '--n') return false;
    sizes = parseSizes(value());
    return true;
  });
  const web = await startWeb();
  const browser = await launchChromium();
  try {
    for (const n of sizes) {
      const mapId = await seedMap(web, `Profile ${n}`, makeNotes(n), ZOOMED_IN_CAMERA);
      const bp = await openPage(browser);
      const url = new URL(web.url);
      url.hash = `#/map/${mapId}`;
      await bp.page.goto(url.href);
      await bp.page.waitForFunction(() => performance.getEntriesByName('bench:board-full-frame').length > 0, undefined, { timeout: 90_000 });
      const cdp = await bp.context.newCDPSession(bp.page);
      await profilePan(bp.page, cdp, browser, `n=${n} zoomed in`, 0);
      const view = await bp.page.evaluate(() => window.__benchMeter.viewport());
      const fit = fitCamera(n, view);
      await bp.page.evaluate((c) => window.__benchMeter.setCamera(c), fit);
      await profilePan(bp.page, cdp, browser, `n=${n} whole board (zoom ${fit.zoom.toFixed(3)})`, 30);
      await bp.close();
    }
  } finally {
    await browser.close();
    await web.close();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
