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

/**
 * The main thread's busy time (ms) in each frame between two performance marks. The main thread
 * is the one that recorded the marks; a frame runs from one BeginMainThreadFrame to the next; busy
 * time is the union of the top-level tasks (RunTask) that ran in it: rAF callbacks, style, layout,
 * paint, canvas work and commit, and any task the app ran before the next frame began.
 */
export function frameWork(events: readonly TraceEvent[], startMark: string, endMark: string): number[] {
  const start = events.find((e) => e.name === startMark && e.cat.includes('blink.user_timing'));
  const end = events.find((e) => e.name === endMark && e.cat.includes('blink.user_timing'));
  if (!start || !end) throw new Error(`The trace lacks the marks ${startMark} / ${endMark}.`);
  const onMain = (e: TraceEvent) => e.pid === start.pid && e.tid === start.tid;
  const frames = events
    .filter((e) => onMain(e) && e.name === 'BeginMainThreadFrame' && e.ts >= start.ts && e.ts <= end.ts)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  // Top-level tasks, merged: a nested RunTask must not count twice.
  const tasks = events
    .filter((e) => onMain(e) && e.name === 'RunTask' && e.ph === 'X' && e.dur !== undefined)
    .map((e) => [e.ts, e.ts + e.dur!] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const t of tasks) {
    const last = merged[merged.length - 1];
    if (last && t[0] <= last[1]) last[1] = Math.max(last[1], t[1]);
    else merged.push([...t]);
  }
  const work: number[] = [];
  let k = 0;
  for (let i = 0; i + 1 < frames.length; i++) {
    const from = frames[i]!;
    const to = frames[i + 1]!;
    while (k < merged.length && merged[k]![1] <= from) k++;
    let busy = 0;
    for (let j = k; j < merged.length && merged[j]![0] < to; j++) busy += Math.min(to, merged[j]![1]) - Math.max(from, merged[j]![0]);
    work.push(busy / 1000);
  }
  return work;
}
