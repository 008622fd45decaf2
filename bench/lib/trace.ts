// Frame work from a Chromium trace: the page's main-thread busy time in each frame.
import type { Browser, Page } from 'playwright';

/** Enough to see every main-thread task, the start of every main frame, and performance marks. */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread CPU time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
}

/** Runs fn while Chromium traces the page; returns fn's result and the trace's events. */
export async function traced<T>(browser: Browser, page: Page, fn: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  await browser.startTracing(page, { categories: CATEGORIES });
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    await browser.stopTracing().catch(() => undefined);
    throw error;
  }
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return { result, events: Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []) };
}

/** Per frame: wall-clock busy time and CPU time of the main thread, ms. */
export interface FrameWork {
  wall: number[];
  cpu: number[];
}

/**
 * The main thread's work in each frame between two performance marks. The main thread is the one
 * that recorded the marks; a frame runs from one BeginMainThreadFrame to the next; its work is the
 * top-level tasks (RunTask) that ran in it: rAF callbacks, style, layout, paint, canvas work and
 * commit, and any task the app ran before the next frame began. `wall` is their wall-clock time;
 * `cpu` their thread CPU time (tdur), which does not grow when other processes take the CPU away.
 * A task that straddles two frames is split between them in proportion to its wall time in each.
 */
export function frameWork(events: readonly TraceEvent[], startMark: string, endMark: string): FrameWork {
  const start = events.find((e) => e.name === startMark && e.cat.includes('blink.user_timing'));
  const end = events.find((e) => e.name === endMark && e.cat.includes('blink.user_timing'));
  if (!start || !end) throw new Error(`The trace lacks the marks ${startMark} / ${endMark}.`);
  const onMain = (e: TraceEvent) => e.pid === start.pid && e.tid === start.tid;
  const frames = events
    .filter((e) => onMain(e) && e.name === 'BeginMainThreadFrame' && e.ts >= start.ts && e.ts <= end.ts)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  // Top-level tasks only: a RunTask nested in another (a nested run loop) is part of its parent.
  const all = events
    .filter((e) => onMain(e) && e.name === 'RunTask' && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks: { from: number; to: number; cpu: number }[] = [];
  for (const e of all) {
    const last = tasks[tasks.length - 1];
    if (last && e.ts < last.to) continue;
    tasks.push({ from: e.ts, to: e.ts + e.dur!, cpu: e.tdur ?? e.dur! });
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  let k = 0;
  for (let i = 0; i + 1 < frames.length; i++) {
    const from = frames[i]!;
    const to = frames[i + 1]!;
    while (k < tasks.length && tasks[k]!.to <= from) k++;
    let w = 0;
    let c = 0;
    for (let j = k; j < tasks.length && tasks[j]!.from < to; j++) {
      const t = tasks[j]!;
      const overlap = Math.min(to, t.to) - Math.max(from, t.from);
      if (overlap <= 0) continue;
      w += overlap;
      c += t.to > t.from ? (t.cpu * overlap) / (t.to - t.from) : 0;
    }
    wall.push(w / 1000);
    cpu.push(c / 1000);
  }
  return { wall, cpu };
}
