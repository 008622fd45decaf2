// `npm run bench -- structure`: how well and how fast the offline note classifier does on the
// labelled workshop corpus (../shared/corpus, outside the repo; read here only, never shipped).
// One JSON line per figure. Besides the overall figures it prints leave-one-domain-out ones: the
// stage weights are picked on five domains and scored on the sixth, so the figure says how the
// classifier does on a domain it was not tuned on.
import fs from "node:fs";
import path from "node:path";
import {
  classifyNotes,
  type Classification,
} from "../shared/structure/classify";
import { clusterNotes } from "../shared/structure/cluster";
import {
  accuracy,
  macroF1,
  meanAbsoluteError,
} from "../shared/structure/metrics";
import {
  DEFAULT_STAGE_WEIGHTS,
  type StageWeights,
} from "../shared/structure/stage";
import {
  describeIssues,
  labelledWorkshopFileSchema,
  type LabelledWorkshopFile,
} from "../shared/structure/workshopFile";

const root = path.resolve(import.meta.dirname, "..");
const corpusFile = path.resolve(
  root,
  "..",
  "shared",
  "corpus",
  "workshop-notes.dev.json",
);
const verbose = process.argv.includes("--verbose");

function emit(
  name: string,
  value: number,
  unit: string,
  extra: Record<string, unknown> = {},
): void {
  console.log(
    JSON.stringify({
      name,
      value: Math.round(value * 10000) / 10000,
      unit,
      ...extra,
    }),
  );
}

function load(): LabelledWorkshopFile {
  if (!fs.existsSync(corpusFile)) {
    console.error(
      `The labelled corpus is missing: ${corpusFile}\nThe structure bench needs it next to the repository (../shared/corpus/).`,
    );
    process.exit(1);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(corpusFile, "utf8"));
  } catch (e) {
    console.error(`${corpusFile} is not valid JSON: ${(e as Error).message}`);
    process.exit(1);
  }
  const parsed = labelledWorkshopFileSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(
      `${corpusFile} is not a labelled workshop-notes file:\n${describeIssues(parsed.error)}`,
    );
    process.exit(1);
  }
  return parsed.data;
}

type Workshop = LabelledWorkshopFile[number];

interface Scored {
  kindGold: string[];
  kindPred: string[];
  stageGold: string[];
  stagePred: string[];
  sentGold: number[];
  sentPred: number[];
}

function empty(): Scored {
  return {
    kindGold: [],
    kindPred: [],
    stageGold: [],
    stagePred: [],
    sentGold: [],
    sentPred: [],
  };
}

function score(
  w: Workshop,
  preds: Classification[],
  into: Scored,
  skip?: Set<number>,
): Scored {
  w.notes.forEach((n, i) => {
    if (skip?.has(i)) return;
    const p = preds[i]!;
    into.kindGold.push(n.kind);
    into.kindPred.push(p.kind);
    into.stageGold.push(n.stage);
    into.stagePred.push(w.stages[p.stageIndex]?.name ?? "");
    into.sentGold.push(n.sentiment);
    into.sentPred.push(p.sentiment);
  });
  return into;
}

function run(w: Workshop, weights?: Partial<StageWeights>): Classification[] {
  return classifyNotes(
    w.notes,
    { stages: w.stages },
    { stageWeights: weights ?? {} },
  );
}

/** The workshop with its notes in a fixed pseudo-random order: no help from the file's order. */
function shuffled(w: Workshop, seed: number): Workshop {
  let x = seed || 1;
  const rnd = (): number => (x = (x * 16807) % 2147483647) / 2147483647;
  const notes = w.notes
    .map((n) => [rnd(), n] as const)
    .sort((a, b) => a[0] - b[0])
    .map((p) => p[1]);
  return { ...w, notes };
}

const workshops = load();
const domainOf = (w: Workshop, i: number): string =>
  w.domain ?? `workshop-${i}`;

// Cold start: the first call loads wink's model.
let t0 = performance.now();
const firstPreds = run(workshops[0]!);
emit("structure.ms.coldStart", performance.now() - t0, "ms", {
  notes: workshops[0]!.notes.length,
});

// Overall, with the default weights, no notes placed yet.
const all = empty();
const perDomain = new Map<string, Scored>();
workshops.forEach((w, i) => {
  const s = score(w, i === 0 ? firstPreds : run(w), empty());
  perDomain.set(domainOf(w, i), s);
  for (const k of Object.keys(all) as (keyof Scored)[])
    (all[k] as unknown[]).push(...s[k]);
});
emit("structure.kind.accuracy", accuracy(all.kindGold, all.kindPred), "ratio", {
  notes: all.kindGold.length,
});
emit("structure.kind.macroF1", macroF1(all.kindGold, all.kindPred), "ratio");
emit(
  "structure.stage.accuracy",
  accuracy(all.stageGold, all.stagePred),
  "ratio",
);
emit(
  "structure.sentiment.mae",
  meanAbsoluteError(all.sentGold, all.sentPred),
  "points",
);

// The stage figure above uses the file's order when it follows the journey (the corpus lists
// notes stage by stage). The same notes shuffled show what words alone achieve.
const shuffledScore = empty();
workshops.forEach((w, i) => {
  const ws = shuffled(w, 1000 + i);
  score(ws, run(ws), shuffledScore);
});
emit(
  "structure.stage.accuracy.shuffled",
  accuracy(shuffledScore.stageGold, shuffledScore.stagePred),
  "ratio",
);
for (const [d, s] of perDomain) {
  emit(
    `structure.domain.${d}.kind.accuracy`,
    accuracy(s.kindGold, s.kindPred),
    "ratio",
  );
  emit(
    `structure.domain.${d}.stage.accuracy`,
    accuracy(s.stageGold, s.stagePred),
    "ratio",
  );
  emit(
    `structure.domain.${d}.sentiment.mae`,
    meanAbsoluteError(s.sentGold, s.sentPred),
    "points",
  );
}

// With a third of each stage's notes already placed on the board (as mid-workshop in the app):
// scored on the other two thirds.
const placedScore = empty();
for (const w of workshops) {
  const placedIdx = new Set<number>();
  const seen = new Map<string, number>();
  w.notes.forEach((n, i) => {
    const k = seen.get(n.stage) ?? 0;
    seen.set(n.stage, k + 1);
    if (k % 3 === 0) placedIdx.add(i);
  });
  const placed = [...placedIdx].map((i) => ({
    text: w.notes[i]!.text,
    stageIndex: w.stages.findIndex((s) => s.name === w.notes[i]!.stage),
  }));
  const preds = classifyNotes(
    w.notes,
    { stages: w.stages, placed },
    { useOrder: false },
  );
  score(w, preds, placedScore, placedIdx);
}
emit(
  "structure.stage.accuracy.shuffled.thirdPlaced",
  accuracy(placedScore.stageGold, placedScore.stagePred),
  "ratio",
  { notes: placedScore.stageGold.length },
);

// Leave one domain out: pick stage weights on the other domains from a small grid, score the
// held-out one (in file order and shuffled).
const grid: Partial<StageWeights>[] = [];
for (const lexical of [1, 2])
  for (const phase of [0.3, 0.6])
    for (const position of [0.2, 0.35, 0.6])
      for (const selfTrain of [0, 0.4])
        grid.push({ lexical, phase, position, selfTrain });
const lodoFigures = (ws: Workshop[], into: Scored): void => {
  const correct = grid.map((g) =>
    ws.map(
      (w) =>
        run(w, g).filter(
          (p, i) => w.stages[p.stageIndex]?.name === w.notes[i]!.stage,
        ).length,
    ),
  );
  ws.forEach((w, held) => {
    let best = 0;
    let bestCorrect = -1;
    grid.forEach((_, gi) => {
      const c = correct[gi]!.reduce((a, v, d) => (d === held ? a : a + v), 0);
      if (c > bestCorrect) {
        bestCorrect = c;
        best = gi;
      }
    });
    const s = score(w, run(w, grid[best]), empty());
    for (const k of Object.keys(into) as (keyof Scored)[])
      (into[k] as unknown[]).push(...s[k]);
    if (verbose)
      console.error(
        domainOf(w, held),
        "weights",
        JSON.stringify({ ...DEFAULT_STAGE_WEIGHTS, ...grid[best] }),
        accuracy(s.stageGold, s.stagePred).toFixed(3),
      );
  });
};
const lodo = empty();
lodoFigures(workshops, lodo);
const lodoShuffled = empty();
lodoFigures(
  workshops.map((w, i) => shuffled(w, 1000 + i)),
  lodoShuffled,
);
// Kind and sentiment rules have no fitted weights: their held-out figures are the per-domain ones above.
const domainKind = [...perDomain.values()].map((s) =>
  accuracy(s.kindGold, s.kindPred),
);
const domainStage = [...perDomain.values()].map((s) =>
  accuracy(s.stageGold, s.stagePred),
);
const domainMae = [...perDomain.values()].map((s) =>
  meanAbsoluteError(s.sentGold, s.sentPred),
);
emit(
  "structure.lodo.stage.accuracy",
  accuracy(lodo.stageGold, lodo.stagePred),
  "ratio",
);
emit(
  "structure.lodo.stage.accuracy.shuffled",
  accuracy(lodoShuffled.stageGold, lodoShuffled.stagePred),
  "ratio",
);
emit(
  "structure.lodo.kind.accuracy",
  accuracy(lodo.kindGold, lodo.kindPred),
  "ratio",
);
emit(
  "structure.lodo.kind.macroF1",
  macroF1(lodo.kindGold, lodo.kindPred),
  "ratio",
);
emit(
  "structure.lodo.sentiment.mae",
  meanAbsoluteError(lodo.sentGold, lodo.sentPred),
  "points",
);
emit("structure.domain.worst.kind.accuracy", Math.min(...domainKind), "ratio");
emit(
  "structure.domain.worst.stage.accuracy",
  Math.min(...domainStage),
  "ratio",
);
emit("structure.domain.worst.sentiment.mae", Math.max(...domainMae), "points");

// Speed: 1,000 notes in one call (the corpus texts repeated), warm model; median of 5 runs.
const texts = workshops.flatMap((w) => w.notes.map((n) => n.text));
const batch = Array.from({ length: 1000 }, (_, i) => ({
  id: `n${i}`,
  text: `${texts[i % texts.length]!}${i >= texts.length ? ` ${i}` : ""}`,
}));
const stages = workshops[0]!.stages;
const times: number[] = [];
for (let r = 0; r < 5; r++) {
  t0 = performance.now();
  classifyNotes(batch, { stages });
  times.push(performance.now() - t0);
}
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = median(times);
emit("structure.ms.per1000", ms, "ms");
emit("structure.notesPerSecond", 1000 / (ms / 1000), "notes/s");
const ctimes: number[] = [];
for (let r = 0; r < 5; r++) {
  t0 = performance.now();
  clusterNotes(batch);
  ctimes.push(performance.now() - t0);
}
emit("structure.cluster.ms.per1000", median(ctimes), "ms");
