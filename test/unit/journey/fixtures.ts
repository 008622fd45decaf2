import type { FrameLane, FrameNote, FrameStage } from '../../../shared/journey';

/** Stages s0..s{n-1}. */
export function stages(n: number): FrameStage[] {
  return Array.from({ length: n }, (_, i) => ({ id: `s${i}` }));
}

/** Lanes l0..l{n-1}; `collapsed` lists the indexes to collapse, `emotions` the index of the Emotions lane. */
export function lanes(n: number, collapsed: number[] = [], emotions = -1): FrameLane[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `l${i}`,
    collapsed: collapsed.includes(i),
    kind: i === emotions ? 'emotions' : 'actions',
  }));
}

let seq = 0;
/** `count` notes in one cell. */
export function notesIn(stageId: string, laneId: string, count: number, size: number | (() => number) = 160): FrameNote[] {
  return Array.from({ length: count }, () => {
    const w = typeof size === 'number' ? size : size();
    const h = typeof size === 'number' ? size : size();
    return { id: `n${seq++}`, stageId, laneId, width: w, height: h };
  });
}

/** A small deterministic PRNG so "random" tests repeat exactly. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
