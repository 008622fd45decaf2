// Issue 17's speed goals measured the issue's way: through the web-mode API, with the notes already
// in the store, on 5,000-note maps: `structure.suggest` under 300 ms, `notes.clusters` under 500 ms.
// Each run starts a fresh web-mode server (so every text is new to it), seeds two maps through the
// API, loads the word model with one suggest on a small third map (as any earlier suggest in the
// session would), then times each call cold (first call on texts the server never saw) and warm
// (the median of 3 calls again: "Suggest again", the panel reopened). Wall time is the client's
// request-to-answer time; CPU is the server process's user + system time over the call (from
// /proc, 10 ms steps).
//
// The server warms the classifier up at start, as the app does (electron/services/suggest.ts
// startWarmUp: the word model loaded and a small built-in map of general English notes classified
// in the background, so the code is optimised before the first Suggest): the bench waits until
// the server is idle before timing, so "cold" means new texts on a warmed-up server. `firstSuggest`
// is a server's very first suggest (model load included) on a server started with `--no-warm-up`;
// `firstSuggest.warmedUp` the same on a warmed-up server. `--no-warm-up` runs every figure on
// servers without the warm-up (the figures of a server that has not had its idle moment yet).
//
// The maps: "realistic" is the labelled corpus's texts repeated to 5,000 (a number appended from
// the second copy on), 4,250 in cells and 750 free; "smallVocabulary" is the export bench's map
// (lib/journeyNotes.ts: ~110 words, so nearly every pair of notes shares a word, 5 % paragraphs).
//
// `node --import tsx bench/lib/structureApi.ts [--runs=N] [--no-warm-up]` runs this part alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NoteInput } from '../../shared/api';
import type { LaneKind } from '../../shared/domain';
import { addNotes, startWeb, type WebServer } from './journeyboard';
import { makeJourneyNotes } from './journeyNotes';
import { log } from './log';

const root = path.resolve(import.meta.dirname, '..', '..');
const corpusFile = path.resolve(root, '..', 'shared', 'corpus', 'workshop-notes.dev.json');
const LANES: LaneKind[] = ['actions', 'touchpoints', 'thoughts', 'emotions', 'pain_points', 'opportunities'];

interface Sample {
  ms: number;
  cpuMs: number;
}

/** The server's user + system CPU time so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is the state (field 3 of the file): utime and stime are fields 14 and 15.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function timed(web: WebServer, method: string, input: unknown): Promise<Sample> {
  const c = cpuOf(web.pid);
  const t = performance.now();
  await web.api(method, input);
  return { ms: performance.now() - t, cpuMs: cpuOf(web.pid) - c };
}

/** A map with these stages and the six note lanes; `notes` get stage and lane by index. */
async function seedMap(
  web: WebServer,
  title: string,
  stageNames: { name: string; description?: string }[],
  notes: (stage: { id: string }[], lanes: { id: string; kind: LaneKind }[]) => NoteInput[],
): Promise<string> {
  const map = await web.api<{ id: string; stages: { id: string }[]; lanes: { id: string }[] }>('maps.create', { title });
  for (const s of map.stages) await web.api('stages.delete', { id: s.id });
  for (const l of map.lanes) await web.api('lanes.delete', { id: l.id });
  const stages: { id: string }[] = [];
  for (const s of stageNames) stages.push(await web.api<{ id: string }>('stages.create', { mapId: map.id, ...s }));
  const lanes: { id: string; kind: LaneKind }[] = [];
  for (const kind of LANES) lanes.push(await web.api<{ id: string; kind: LaneKind }>('lanes.create', { mapId: map.id, name: kind, kind }));
  await addNotes(web, map.id, notes(stages, lanes));
  return map.id;
}

interface Corpus {
  stages: { name: string; description?: string }[];
  notes: { text: string }[];
}

/** The realistic map: the corpus's texts repeated, 85 % in cells, the first 750 free. */
function realisticNotes(texts: string[], stages: { id: string }[], lanes: { id: string; kind: LaneKind }[]): NoteInput[] {
  return Array.from({ length: 5000 }, (_, i) => {
    const text = `${texts[i % texts.length]!}${i >= texts.length ? ` ${i}` : ''}`;
    if (i < 750) return { text, x: -400 - (i % 10) * 220, y: Math.floor(i / 10) * 220 };
    const lane = lanes[i % lanes.length]!;
    return { text, x: i, y: i, stageId: stages[i % stages.length]!.id, laneId: lane.id };
  });
}

const median = (xs: Sample[]): Sample => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)]!;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Waits until the server has used at most one clock tick of CPU over `windowMs` (its warm-up done). */
async function untilIdle(web: WebServer, windowMs = 300, maxMs = 60_000): Promise<number> {
  const t = performance.now();
  for (;;) {
    const c = cpuOf(web.pid);
    await new Promise((r) => setTimeout(r, windowMs));
    if (cpuOf(web.pid) - c <= 10 || performance.now() - t > maxMs) return performance.now() - t;
  }
}

/** A fresh server's first suggest (loading the word model) on a one-note map. */
async function firstSuggest(web: WebServer, stageNames: { name: string; description?: string }[]): Promise<Sample> {
  const tiny = await seedMap(web, 'First suggest', stageNames, () => [{ text: 'Waited ages on the phone', x: 0, y: 0 }]);
  return timed(web, 'structure.suggest', { mapId: tiny });
}

/**
 * Runs `runs` fresh servers; prints one JSON line per figure (median over runs, with every run).
 * `warmUp: false` starts them with `--no-warm-up`.
 */
export async function measureStructureApi(runs = 3, { warmUp = true }: { warmUp?: boolean } = {}): Promise<void> {
  const corpus = JSON.parse(fs.readFileSync(corpusFile, 'utf8')) as Corpus[];
  const texts = corpus.flatMap((w) => w.notes.map((n) => n.text));
  const stageNames = corpus[0]!.stages.map((s) => ({ name: s.name, ...(s.description ? { description: s.description } : {}) }));
  const figures = new Map<string, Sample[]>();
  const add = (name: string, s: Sample) => figures.set(name, [...(figures.get(name) ?? []), s]);
  const loads: number[] = [];
  for (let run = 0; run < runs; run++) {
    if (warmUp) {
      // The first suggest of a server that has not warmed up (what the app's warm-up saves).
      const bare = await startWeb(undefined, ['--no-warm-up']);
      try {
        add('structure.api.firstSuggest', await firstSuggest(bare, stageNames));
      } finally {
        await bare.close();
      }
    }
    const web = await startWeb(undefined, warmUp ? [] : ['--no-warm-up']);
    try {
      const realistic = await seedMap(web, 'Realistic 5,000', stageNames, (s, l) => realisticNotes(texts, s, l));
      const small = await seedMap(web, 'Small vocabulary 5,000', stageNames, (s, l) =>
        makeJourneyNotes(5000, { stages: s, lanes: l }, 11),
      );
      if (warmUp) log(`structure api: server idle ${Math.round(await untilIdle(web))} ms after seeding (warm-up done)`);
      // Without the warm-up this loads the word model, as any earlier suggest in the session would.
      add(warmUp ? 'structure.api.firstSuggest.warmedUp' : 'structure.api.firstSuggest', await firstSuggest(web, stageNames));
      for (const [label, mapId] of [
        ['realistic', realistic],
        ['smallVocabulary', small],
      ] as const) {
        for (const [what, method] of [
          ['suggest', 'structure.suggest'],
          ['clusters', 'notes.clusters'],
        ] as const) {
          add(`structure.api.${label}.${what}.ms.per5000.cold`, await timed(web, method, { mapId }));
          const warm: Sample[] = [];
          for (let k = 0; k < 3; k++) warm.push(await timed(web, method, { mapId }));
          add(`structure.api.${label}.${what}.ms.per5000.warm`, median(warm));
        }
      }
      loads.push(os.loadavg()[0]!);
      log(`structure api: run ${run + 1}/${runs} done, load average ${os.loadavg()[0]!.toFixed(2)}`);
    } finally {
      await web.close();
    }
  }
  for (const [name, samples] of figures) {
    const m = median(samples);
    console.log(
      JSON.stringify({
        name,
        value: r1(m.ms),
        unit: 'ms',
        cpuMs: m.cpuMs,
        runs: samples.map((s) => ({ ms: r1(s.ms), cpuMs: s.cpuMs })),
      }),
    );
  }
  console.log(JSON.stringify({ name: 'structure.api.loadAverage', value: loads.map(r1), unit: 'load', cores: os.cpus().length }));
  console.log(JSON.stringify({ name: 'structure.api.warmUp', value: warmUp ? 'on' : 'off' }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = process.argv.find((a) => a.startsWith('--runs='));
  await measureStructureApi(arg ? Number(arg.slice('--runs='.length)) : 3, { warmUp: !process.argv.includes('--no-warm-up') });
}
