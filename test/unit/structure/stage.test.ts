import { describe, expect, it } from "vitest";
import {
  balance,
  orderedPath,
  orderEvidence,
  softmaxRows,
} from "../../../shared/structure/stage";

const near = (j: number, k = 3, p = 0.8): number[] =>
  Array.from({ length: k }, (_, i) => (i === j ? p : (1 - p) / (k - 1)));

describe("stage helpers", () => {
  it("softmaxRows turns scores into probabilities", () => {
    const [row] = softmaxRows([[1, 0, 0]], 1);
    expect(row!.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(row![0]).toBeGreaterThan(row![1]!);
  });

  it("balance pulls an over-full stage back towards an even share", () => {
    const probs = [
      near(0, 2, 0.6),
      near(0, 2, 0.6),
      near(0, 2, 0.55),
      near(0, 2, 0.9),
    ];
    const out = balance(probs, 1);
    const firstStage = out.filter((r) => r[0]! > r[1]!).length;
    expect(firstStage).toBeLessThan(4);
    expect(out.every((r) => Math.abs(r[0]! + r[1]! - 1) < 1e-9)).toBe(true);
    expect(balance(probs, 0)).toBe(probs);
  });

  it("orderedPath never goes back and overrules a stray note", () => {
    const probs = [
      near(0),
      near(0),
      near(2, 3, 0.5),
      near(1),
      near(1),
      near(2),
      near(2),
    ];
    expect(orderedPath(probs)).toEqual([0, 0, 1, 1, 1, 2, 2]);
  });

  it("orderedPath keeps a confident path that skips a stage", () => {
    const probs = [
      near(0, 3, 0.95),
      near(0, 3, 0.95),
      near(2, 3, 0.95),
      near(2, 3, 0.95),
    ];
    expect(orderedPath(probs, 0.5)).toEqual([0, 0, 2, 2]);
    expect(orderedPath([])).toEqual([]);
  });

  it("orderEvidence is high for notes in journey order and low when shuffled", () => {
    const ordered = Array.from({ length: 30 }, (_, i) =>
      near(Math.floor(i / 6), 5, 0.6),
    );
    expect(orderEvidence(ordered)).toBeGreaterThan(4.5);
    const interleaved = Array.from({ length: 30 }, (_, i) =>
      near(i % 5, 5, 0.6),
    );
    expect(orderEvidence(interleaved)).toBeLessThan(4.5);
    expect(orderEvidence([near(0)])).toBe(0);
  });
});
