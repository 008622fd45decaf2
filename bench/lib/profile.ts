// Where a page's main-thread time goes while something runs (the live bench's `--profile`): a
// sampled CPU profile (JS functions, inclusive and self) and a trace (the main thread's events,
// e.g. paint and commit, which a CPU profile shows only as "(program)"). Not a figure: printed to
// stderr for a person to read.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright';
import { traced } from './trace';

/** The built renderer (minified): a profile's positions are named from its source maps. */
const ASSETS = path.resolve(import.meta.dirname, '../../dist/renderer/assets');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line, [column, source, line, source column, name][] (a source map's "mappings", decoded). */
function decodeMappings(mappings: string): number[][][] {
  const out: number[][][] = [];
  let source = 0;
  let line = 0;
  let col = 0;
  let name = 0;
  for (const text of mappings.split(';')) {
    const segs: number[][] = [];
    let gen = 0;
    for (const seg of text.split(',')) {
      if (!seg) continue;
      const v: number[] = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          v.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      gen += v[0]!;
      if (v.length >= 4) {
        source += v[1]!;
        line += v[2]!;
        col += v[3]!;
        if (v.length >= 5) name += v[4]!;
        segs.push([gen, source, line, col, v.length >= 5 ? name : -1]);
      }
    }
    out.push(segs);
  }
  return out;
}

const maps = new Map<string, { sources: string[]; names: string[]; lines: number[][][] } | null>();

/** "file.ts:line" for a position in a built asset, or null when it has no source map. */
function original(url: string, line: number, column: number): string | null {
  const file = url.split('/').pop() ?? '';
  if (!maps.has(file)) {
    const p = path.join(ASSETS, `${file}.map`);
    const raw = fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as { sources: string[]; names: string[]; mappings: string }) : null;
    maps.set(file, raw ? { sources: raw.sources, names: raw.names, lines: decodeMappings(raw.mappings) } : null);
  }
  const map = maps.get(file);
  const segs = map?.lines[line];
  if (!map || !segs) return null;
  let hit: number[] | undefined;
  for (const s of segs) if (s[0]! <= column) hit = s;
  if (!hit) return null;
  return `${map.sources[hit[1]!]!.split('/').slice(-2).join('/')}:${hit[2]! + 1}`;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** Runs fn while the page is profiled and traced; returns fn's result and a readable summary. */
export async function profiled<T>(browser: Browser, page: Page, cdp: CDPSession, fn: () => Promise<T>): Promise<{ result: T; summary: string }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  const { result, events } = await traced(browser, page, fn);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const seconds = (Date.now() - started) / 1000;
  const lines = [`over ${seconds.toFixed(1)} s (ms per second):`];
  // The renderer's main thread: the one with the most RunTask time.
  const byThread = new Map<string, number>();
  for (const e of events) if (e.name === 'RunTask' && e.ph === 'X') byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...byThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const names = new Map<string, number>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X') continue;
    names.set(e.name, (names.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
  }
  lines.push('main-thread trace events (cpu, nested counted in each parent):');
  for (const [k, ms] of [...names.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14)) lines.push(`  ${(ms / seconds).toFixed(1).padStart(7)}  ${k}`);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const names_ = new Map<number, string>();
  const key = (n: ProfileNode) => {
    let k = names_.get(n.id);
    if (k === undefined) {
      const cf = n.callFrame;
      const at = cf.url ? original(cf.url, cf.lineNumber, cf.columnNumber) : null;
      k = `${cf.functionName || '(anon)'} ${at ?? `${cf.url.split('/').pop() ?? ''}:${cf.lineNumber}`}`;
      names_.set(n.id, k);
    }
    return k;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]!)!;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const k = key(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  // The longest main-thread tasks: what filled them (nested events, and JS sampled meanwhile).
  const tasks = events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'RunTask' && e.ph === 'X').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  lines.push('longest main-thread tasks:');
  for (const task of tasks.slice(0, 8)) {
    const from = task.ts;
    const to = task.ts + (task.dur ?? 0);
    const inside = new Map<string, number>();
    for (const e of events) {
      if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || e === task || e.ts < from || e.ts >= to || e.name === 'RunTask') continue;
      inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const js = new Map<string, number>();
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      if (t < from || t >= to) continue;
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const k = key(byId.get(id)!);
        if (seen.has(k)) continue;
        seen.add(k);
        js.set(k, (js.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
      }
    }
    const top = (m: Map<string, number>, min: number) => [...m.entries()].filter(([k, ms]) => ms >= min && !/^\((root|program|idle)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(', ');
    lines.push(`  ${((task.dur ?? 0) / 1000).toFixed(1)} ms: ${top(inside, 0.5)}`);
    lines.push(`    js: ${top(js, 0.5)}`);
  }
  lines.push('JS inclusive:');
  for (const [k, ms] of [...inclusive.entries()].filter(([k]) => !/^\((root|program|idle|garbage collector)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40)) lines.push(`  ${(ms / seconds).toFixed(1).padStart(7)}  ${k}`);
  lines.push('JS self:');
  for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) lines.push(`  ${(ms / seconds).toFixed(1).padStart(7)}  ${k}`);
  return { result, summary: lines.join('\n') };
}
