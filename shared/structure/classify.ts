/**
 * classifyNotes: raw sticky-note text -> suggested kind, stage and sentiment. Fully offline.
 */
import type { NoteKind } from '../domain';
import { analyse, type Analysis } from './nlp';
import { features } from './features';
import { StemIndex } from './postings';
import { pickKind, scoreKind, type Kind } from './kind';
import { scoreSentiment, type SentimentScore } from './sentiment';
import {
  balance,
  emptyRow,
  DEFAULT_STAGE_WEIGHTS,
  orderEvidence,
  orderedPath,
  scoreStages,
  softmaxRows,
  textTerms,
  type StageInput,
  type StageWeights,
  type Terms,
} from './stage';
import { leanLater, nearestNotes, propagate } from './stageGraph';

export interface ClassifyContext {
  /** The map's stages in journey order. */
  stages: StageInput[];
  /**
   * Notes already on the board, with the stage they sit in: they teach the stage's vocabulary.
   * Their `kind`, when given, is evidence for the kind of notes that share most of their words.
   */
  placed?: { text: string; stageIndex: number; kind?: NoteKind }[];
  /**
   * Notes the person corrected in the review but has not placed yet: a corrected stage counts as
   * a placed note, a corrected kind as evidence for similar notes (as placed notes' kinds do).
   */
  corrected?: { text: string; stageIndex?: number; kind?: NoteKind }[];
}

/**
 * Where the capture step that produced a note was aimed: a facilitator who asks for "pain points
 * in Delivery" makes that stage and lane likely, without ruling out what the words say.
 */
export interface CaptureTarget {
  /** Index into `context.stages` of the stage the step was about. */
  stageIndex?: number;
  /** The lane kind the step asked for. */
  kind?: Kind;
}

/** One note to classify: its text and, optionally, where its capture step was aimed. */
export interface NoteInput {
  text: string;
  target?: CaptureTarget;
}

/** Score added to the target kind's evidence: enough to settle a close call, not to overrule clear words. */
const TARGET_KIND_BONUS = 2.5;
/**
 * A note that shares most of its content words with a note whose kind the person set (placed in a
 * lane, or corrected in the review) gets up to this much evidence for that kind, by similarity.
 */
const EXAMPLE_KIND_BONUS = 4;
/** Cosine of content stems below which an example note says nothing about another's kind. */
const EXAMPLE_MIN_SIMILARITY = 0.5;

/**
 * The most similar example (cosine of content-stem counts) for each note, through an inverted
 * index of the examples' stems: only examples sharing a stem with the note are visited, so a board
 * with thousands of placed notes costs little. Ties go to the earlier example.
 */
function nearestExamples(
  notes: Map<string, number>[],
  examples: { kind: Kind; stems: Map<string, number> }[],
): ({ kind: Kind; sim: number } | null)[] {
  if (examples.length === 0) return notes.map(() => null);
  const index = new StemIndex(examples.map((e) => e.stems));
  const norms = examples.map((e) => Math.sqrt(norm2(e.stems)));
  return notes.map((stems) => {
    const n = Math.sqrt(norm2(stems));
    let best: { kind: Kind; sim: number; at: number } | null = null;
    if (n === 0) return null;
    index.each(stems, (at, d) => {
      const sim = norms[at]! > 0 ? d / (n * norms[at]!) : 0;
      if (sim >= EXAMPLE_MIN_SIMILARITY && (!best || sim > best.sim || (sim === best.sim && at < best.at)))
        best = { kind: examples[at]!.kind, sim, at };
    });
    const b = best as { kind: Kind; sim: number } | null;
    return b && { kind: b.kind, sim: b.sim };
  });
}

/** Odds by which an aimed-at stage is favoured over what the words alone say. */
const TARGET_STAGE_ODDS = 6;

export interface Classification {
  kind: Kind;
  /** 0.5 (a coin toss between two kinds) .. 1 (clear). */
  kindConfidence: number;
  /** Index into `context.stages`, or -1 when the map has no stages. */
  stageIndex: number;
  /**
   * How strongly the note's own words point to the chosen stage, 0..1 (a probability over the
   * stages). Low for notes placed by their position in an ordered list rather than their words.
   */
  stageConfidence: number;
  sentiment: SentimentScore;
}

export interface ClassifyOptions {
  stageWeights?: Partial<StageWeights>;
  /**
   * Use the order of `notes` as evidence for the stage. 'auto' (default) uses it only when the
   * order already agrees with the words (notes typed up stage by stage, or sorted left to right
   * on the board); false ignores order; true always uses it.
   */
  useOrder?: boolean | 'auto';
}

/**
 * Permutation-test z-score above which 'auto' treats the input as being in journey order.
 * Shuffled workshops score about -2..3, workshops typed up stage by stage 7 and more.
 */
const ORDER_EVIDENCE = 4.5;

/** Temperature of the stage softmax: scores are cosine-like, 0..~2. */
const STAGE_TEMPERATURE = 0.12;

/** Features by analysis (analyses are cached by text in nlp.ts, so these are too). */
const featureCache = new WeakMap<Analysis, ReturnType<typeof features>>();
function featuresOf(a: Analysis): ReturnType<typeof features> {
  let f = featureCache.get(a);
  if (!f) featureCache.set(a, (f = features(a)));
  return f;
}
/** The rules' kind scores by analysis (callers add evidence to a copy). */
const kindScoreCache = new WeakMap<Analysis, ReturnType<typeof scoreKind>>();
function kindScoresOf(a: Analysis): ReturnType<typeof scoreKind> {
  let k = kindScoreCache.get(a);
  if (!k) kindScoreCache.set(a, (k = scoreKind(featuresOf(a))));
  return { ...k };
}
/** Sentiment by analysis and kind. */
const sentimentCache = new WeakMap<Analysis, Map<Kind, SentimentScore>>();
function sentimentOf(a: Analysis, kind: Kind): SentimentScore {
  let m = sentimentCache.get(a);
  if (!m) sentimentCache.set(a, (m = new Map()));
  let v = m.get(kind);
  if (v === undefined) m.set(kind, (v = scoreSentiment(featuresOf(a), kind)));
  return v;
}

function addCentroid(into: Map<string, number>, t: Terms, f: number): void {
  let z2 = 0;
  for (const v of t.stems.values()) z2 += v * v;
  const z = Math.sqrt(z2) || 1;
  // forEach, not for-of: no entry array per stem while the code is cold (every placed note comes here).
  t.stems.forEach((v, k) => {
    into.set(k, (into.get(k) ?? 0) + (f * v) / z);
  });
}

/** Squared norm of a sparse vector. */
function norm2(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v * v;
  return s;
}

/** A note's own unit vector as parallel arrays (read in plain loops: no entry arrays per call). */
interface FlatVector {
  keys: string[];
  values: number[];
}

/** The unit vector `addCentroid` would put into an empty map (the same values, in the same order). */
function unitVector(t: Terms): FlatVector {
  let z2 = 0;
  for (const v of t.stems.values()) z2 += v * v;
  const z = Math.sqrt(z2) || 1;
  const keys: string[] = [];
  const values: number[] = [];
  t.stems.forEach((v, k) => {
    keys.push(k);
    values.push(0 + (1 * v) / z);
  });
  return { keys, values };
}

/**
 * Cosine of a unit vector `a` with `b - f*a` (a note against its stage's centroid without the
 * note's own share), from precomputed |b|^2 so each call costs only the size of `a`.
 */
function cosineMinusSelf(a: FlatVector, b: Map<string, number>, b2: number, f: number): number {
  let d = 0;
  const { keys, values } = a;
  for (let i = 0; i < keys.length; i++) d += values[i]! * (b.get(keys[i]!) ?? 0);
  const nb2 = b2 - 2 * f * d + f * f;
  const dd = d - f;
  return nb2 > 1e-9 ? dd / Math.sqrt(nb2) : 0;
}

/**
 * Suggest a kind, a stage and a sentiment for each note. Notes are classified together: the
 * batch itself helps place notes that share words with confidently placed ones.
 */
export function classifyNotes(
  notes: NoteInput[],
  context: ClassifyContext,
  options: ClassifyOptions = {},
): Classification[] {
  const weights = { ...DEFAULT_STAGE_WEIGHTS, ...options.stageWeights };
  // Plain loops, not map: a deoptimisation inside a map callback (a word form the warm-up never
  // met) leaves the array holey, and every later reader of it deoptimises in turn.
  const analyses: Analysis[] = [];
  const noteTerms: Terms[] = [];
  for (let i = 0; i < notes.length; i++) {
    analyses.push(analyse(notes[i]!.text ?? ''));
    noteTerms.push(textTerms(notes[i]!.text ?? ''));
  }
  // Notes whose kind the person set: the nearest one lends its kind to notes worded like it.
  const kindExamples = [...(context.placed ?? []), ...(context.corrected ?? [])]
    .filter((e): e is typeof e & { kind: Kind } => typeof e.kind === 'string' && e.kind.length > 0)
    .map((e) => ({ kind: e.kind, stems: textTerms(e.text ?? '').stems }))
    .filter((e) => e.stems.size > 0);
  const nearestKind = nearestExamples(
    noteTerms.map((t) => t.stems),
    kindExamples,
  );
  const kinds = analyses.map((a, i) => {
    const kindScores = kindScoresOf(a);
    const aimed = notes[i]?.target?.kind;
    if (aimed && aimed in kindScores) kindScores[aimed] += TARGET_KIND_BONUS;
    const nearest = nearestKind[i];
    if (nearest && nearest.kind in kindScores) kindScores[nearest.kind] += EXAMPLE_KIND_BONUS * nearest.sim;
    const k = pickKind(kindScores);
    return { ...k, sentiment: sentimentOf(a, k.kind) };
  });

  const stageCount = context.stages.length;
  if (stageCount === 0) {
    return kinds.map((k) => ({
      kind: k.kind,
      kindConfidence: k.confidence,
      stageIndex: -1,
      stageConfidence: 0,
      sentiment: k.sentiment,
    }));
  }
  const stageTerms = context.stages.map((s) => ({
    name: textTerms(s.name ?? ''),
    description: textTerms(s.description ?? ''),
  }));
  // The placed notes, then the corrections that name a stage (index loops: no iterator results).
  const placed: { terms: Terms; stageIndex: number }[] = [];
  const addPlaced = (text: string | undefined, stageIndex: number | undefined): void => {
    if (stageIndex !== undefined && Number.isInteger(stageIndex) && stageIndex >= 0 && stageIndex < stageCount)
      placed.push({ terms: textTerms(text ?? ''), stageIndex });
  };
  const given = context.placed ?? [];
  for (let i = 0; i < given.length; i++) addPlaced(given[i]!.text, given[i]!.stageIndex);
  const corrected = context.corrected ?? [];
  for (let i = 0; i < corrected.length; i++) addPlaced(corrected[i]!.text, corrected[i]!.stageIndex);

  const scores = scoreStages(noteTerms, stageTerms, placed, weights);
  // Balancing assumes every stage gets its share of a large batch; a handful of notes says
  // nothing about that, so the pull fades in as the batch grows to four notes a stage.
  const balanceStrength = weights.balance * Math.min(1, notes.length / (4 * Math.max(1, stageCount)));
  let probs = balance(softmaxRows(scores, STAGE_TEMPERATURE), balanceStrength);

  // Self-training: confident notes lend their words to their stage, for a few rounds.
  if (weights.selfTrain > 0 && notes.length > stageCount) {
    const selfVec = noteTerms.map(unitVector);
    // Notes already placed are sure of their stage: they join its vocabulary at full weight.
    const placedCentroids = context.stages.map(() => new Map<string, number>());
    for (const p of placed) addCentroid(placedCentroids[p.stageIndex]!, p.terms, 1);
    for (let round = 0; round < Math.max(1, weights.rounds); round++) {
      const centroids = placedCentroids.map((c) => new Map(c));
      const own: { stage: number; weight: number }[] = [];
      probs.forEach((row, i) => {
        let j = 0;
        for (let c = 1; c < row.length; c++) if (row[c]! > row[j]!) j = c;
        const p = row[j]!;
        const keep = p >= weights.confident;
        own.push({ stage: j, weight: keep ? p : 0 });
        if (keep) addCentroid(centroids[j]!, noteTerms[i]!, p);
      });
      const c2 = centroids.map(norm2);
      // Plain loops into rows of doubles (emptyRow): the same values as mapping each row.
      const boosted: number[][] = [];
      for (let i = 0; i < scores.length; i++) {
        const row = scores[i]!;
        const o = own[i]!;
        const r = emptyRow();
        for (let j = 0; j < row.length; j++) {
          const s = row[j]!;
          if (selfVec[i]!.keys.length === 0) {
            r.push(s);
            continue;
          }
          const c = cosineMinusSelf(selfVec[i]!, centroids[j]!, c2[j]!, o.stage === j ? o.weight : 0);
          r.push(s + weights.selfTrain * c);
        }
        boosted.push(r);
      }
      probs = balance(softmaxRows(boosted, STAGE_TEMPERATURE), balanceStrength);
    }
  }

  // Neighbours in the batch (and placed notes as anchors) share their stage; positive feelings
  // lean late; then, if neighbours moved anything, sizes are nudged towards even again (not twice
  // for a handful of notes, where balancing is only a weak prior).
  const propagated = weights.propagate > 0 && notes.length > stageCount;
  if (propagated) {
    const graph = nearestNotes(
      noteTerms,
      placed.map((p) => p.terms),
      weights.neighbours,
    );
    probs = propagate(
      probs,
      graph,
      placed.map((p) => p.stageIndex),
      weights.propagate,
    );
  }
  if (weights.positiveLate !== 0)
    probs = leanLater(
      probs,
      kinds.map((k) => (k.kind === 'emotion' && k.sentiment > 0 ? weights.positiveLate : 0)),
    );
  if (propagated) probs = balance(probs, balanceStrength);

  // The stage the capture step was aimed at, as a prior on top of what the words say.
  const aimed: number[][] = [];
  for (let i = 0; i < probs.length; i++) {
    const row = probs[i]!;
    const t = notes[i]?.target?.stageIndex;
    if (t === undefined || !Number.isInteger(t) || t < 0 || t >= stageCount) {
      aimed.push(row);
      continue;
    }
    const r = emptyRow();
    for (let j = 0; j < row.length; j++) r.push(j === t ? row[j]! * TARGET_STAGE_ODDS : row[j]!);
    let z = 0;
    for (let j = 0; j < r.length; j++) z += r[j]!;
    const scaled = emptyRow();
    for (let j = 0; j < r.length; j++) scaled.push(r[j]! / z);
    aimed.push(scaled);
  }
  probs = aimed;

  const useOrder = options.useOrder ?? 'auto';
  const path =
    useOrder === true ||
    (useOrder === 'auto' && notes.length >= 2 * stageCount && orderEvidence(probs) >= ORDER_EVIDENCE)
      ? orderedPath(probs)
      : null;

  return kinds.map((k, i) => {
    const row = probs[i]!;
    let j = 0;
    for (let c = 1; c < row.length; c++) if (row[c]! > row[j]!) j = c;
    if (path) j = path[i]!;
    return {
      kind: k.kind,
      kindConfidence: k.confidence,
      stageIndex: j,
      stageConfidence: Math.round(row[j]! * 1000) / 1000,
      sentiment: k.sentiment,
    };
  });
}
