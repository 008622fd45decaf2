/**
 * classifyNotes: raw sticky-note text -> suggested kind, stage and sentiment. Fully offline.
 */
import type { NoteKind } from '../domain';
import { analyse } from './nlp';
import { features } from './features';
import { pickKind, scoreKind, type Kind } from './kind';
import { scoreSentiment, type SentimentScore } from './sentiment';
import { balance, DEFAULT_STAGE_WEIGHTS, scoreStages, softmaxRows, terms, type StageInput, type StageWeights, type Terms } from './stage';

export interface ClassifyContext {
  /** The map's stages in journey order. */
  stages: StageInput[];
  /** Notes already on the board, with the stage they sit in: they teach the stage's vocabulary. */
  placed?: { text: string; stageIndex: number; kind?: NoteKind }[];
}

export interface Classification {
  kind: Kind;
  /** 0.5 (a coin toss between two kinds) .. 1 (clear). */
  kindConfidence: number;
  /** Index into `context.stages`, or -1 when the map has no stages. */
  stageIndex: number;
  /** Probability of the chosen stage, 0..1. */
  stageConfidence: number;
  sentiment: SentimentScore;
}

export interface ClassifyOptions {
  stageWeights?: Partial<StageWeights>;
}

/** Temperature of the stage softmax: scores are cosine-like, 0..~2. */
const STAGE_TEMPERATURE = 0.12;

function addCentroid(into: Map<string, number>, t: Terms, f: number): void {
  const z = Math.sqrt([...t.stems.values()].reduce((a, v) => a + v * v, 0)) || 1;
  for (const [k, v] of t.stems) into.set(k, (into.get(k) ?? 0) + (f * v) / z);
}

function cosine(a: Map<string, number>, b: Map<string, number>, minus?: Map<string, number>, minusF = 0): number {
  let na = 0;
  let nb = 0;
  let d = 0;
  for (const [k, v] of a) {
    na += v * v;
    const u = (b.get(k) ?? 0) - (minus ? (minus.get(k) ?? 0) * minusF : 0);
    d += v * u;
  }
  for (const [k, u0] of b) {
    const u = u0 - (minus ? (minus.get(k) ?? 0) * minusF : 0);
    nb += u * u;
  }
  return na > 0 && nb > 1e-12 ? d / Math.sqrt(na * nb) : 0;
}

/**
 * Suggest a kind, a stage and a sentiment for each note. Notes are classified together: the
 * batch itself helps place notes that share words with confidently placed ones.
 */
export function classifyNotes(notes: { text: string }[], context: ClassifyContext, options: ClassifyOptions = {}): Classification[] {
  const weights = { ...DEFAULT_STAGE_WEIGHTS, ...options.stageWeights };
  const analyses = notes.map((n) => analyse(n.text ?? ''));
  const kinds = analyses.map((a) => {
    const f = features(a);
    const k = pickKind(scoreKind(f));
    return { ...k, sentiment: scoreSentiment(f, k.kind) };
  });

  const stageCount = context.stages.length;
  if (stageCount === 0) {
    return kinds.map((k) => ({ kind: k.kind, kindConfidence: k.confidence, stageIndex: -1, stageConfidence: 0, sentiment: k.sentiment }));
  }
  const stageTerms = context.stages.map((s) => ({ name: terms(analyse(s.name ?? '')), description: terms(analyse(s.description ?? '')) }));
  const placed = (context.placed ?? [])
    .filter((p) => Number.isInteger(p.stageIndex) && p.stageIndex >= 0 && p.stageIndex < stageCount)
    .map((p) => ({ terms: terms(analyse(p.text ?? '')), stageIndex: p.stageIndex }));
  const noteTerms = analyses.map(terms);

  const scores = scoreStages(noteTerms, stageTerms, placed, weights);
  let probs = balance(softmaxRows(scores, STAGE_TEMPERATURE), weights.balance);

  // One round of self-training: confident notes lend their words to their stage.
  if (weights.selfTrain > 0 && notes.length > stageCount) {
    const centroids = context.stages.map(() => new Map<string, number>());
    const own: { stage: number; weight: number }[] = [];
    probs.forEach((row, i) => {
      let j = 0;
      for (let c = 1; c < row.length; c++) if (row[c]! > row[j]!) j = c;
      const p = row[j]!;
      own.push({ stage: j, weight: p >= 0.5 ? p : 0 });
      if (p >= 0.5) addCentroid(centroids[j]!, noteTerms[i]!, p);
    });
    const selfVec = noteTerms.map((t) => {
      const m = new Map<string, number>();
      addCentroid(m, t, 1);
      return m;
    });
    const boosted = scores.map((row, i) =>
      row.map((s, j) => {
        const o = own[i]!;
        const c = o.stage === j ? cosine(selfVec[i]!, centroids[j]!, selfVec[i]!, o.weight) : cosine(selfVec[i]!, centroids[j]!);
        return s + weights.selfTrain * c;
      }),
    );
    probs = balance(softmaxRows(boosted, STAGE_TEMPERATURE), weights.balance);
  }

  return kinds.map((k, i) => {
    const row = probs[i]!;
    let j = 0;
    for (let c = 1; c < row.length; c++) if (row[c]! > row[j]!) j = c;
    return {
      kind: k.kind,
      kindConfidence: k.confidence,
      stageIndex: j,
      stageConfidence: Math.round(row[j]! * 1000) / 1000,
      sentiment: k.sentiment,
    };
  });
}
