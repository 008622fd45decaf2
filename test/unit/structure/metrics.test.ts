import { describe, expect, it } from "vitest";
import {
  accuracy,
  confusion,
  macroF1,
  meanAbsoluteError,
  perLabel,
} from "../../../shared/structure/metrics";

describe("metrics", () => {
  it("accuracy is the share of exact matches", () => {
    expect(accuracy(["a", "b", "c", "a"], ["a", "b", "a", "a"])).toBe(0.75);
    expect(accuracy([], [])).toBe(0);
  });

  it("per-label precision, recall and F1", () => {
    // gold a a b b, pred a b b b: a -> P 1, R 0.5; b -> P 2/3, R 1
    const s = perLabel(["a", "a", "b", "b"], ["a", "b", "b", "b"]);
    const a = s.find((x) => x.label === "a")!;
    const b = s.find((x) => x.label === "b")!;
    expect(a.precision).toBe(1);
    expect(a.recall).toBe(0.5);
    expect(a.f1).toBeCloseTo(2 / 3);
    expect(b.precision).toBeCloseTo(2 / 3);
    expect(b.recall).toBe(1);
    expect(b.f1).toBeCloseTo(0.8);
    expect(a.support).toBe(2);
  });

  it("macro F1 averages labels equally, counting labels only predicted", () => {
    expect(macroF1(["a", "a", "b", "b"], ["a", "b", "b", "b"])).toBeCloseTo(
      (2 / 3 + 0.8) / 2,
    );
    // 'c' is predicted but never gold: F1 0 pulls the mean down.
    expect(macroF1(["a", "a"], ["a", "c"])).toBeCloseTo((2 / 3 + 0) / 2);
    expect(macroF1(["x"], ["x"])).toBe(1);
    expect(macroF1([], [])).toBe(0);
  });

  it("mean absolute error", () => {
    expect(meanAbsoluteError([0, -2, 1], [0, 0, 2])).toBe(1);
    expect(meanAbsoluteError([], [])).toBe(0);
  });

  it("confusion counts gold by prediction", () => {
    expect(confusion(["a", "a", "b"], ["a", "b", "b"])).toEqual({
      a: { a: 1, b: 1 },
      b: { b: 1 },
    });
  });

  it("refuses lists of different lengths", () => {
    expect(() => accuracy(["a"], [])).toThrow(RangeError);
    expect(() => meanAbsoluteError([1, 2], [1])).toThrow(
      /2 labels but predictions have 1/,
    );
  });
});
