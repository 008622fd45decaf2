import { describe, expect, it } from "vitest";
import {
  clusterNotes,
  mergeNotesText,
  normaliseNote,
  noteSimilarity,
  stem,
} from "../../../shared/structure/cluster";

const notes = (...texts: string[]) =>
  texts.map((text, i) => ({ id: `n${i}`, text }));

describe("normaliseNote", () => {
  it("splits numbers from units and spells units one way", () => {
    expect(normaliseNote("on hold for 40mins!!")).toEqual([
      "hold",
      "40",
      "min",
    ]);
    expect(normaliseNote("40 minutes on hold")).toEqual(["40", "min", "hold"]);
    expect(normaliseNote("took 3 wks")).toEqual(["took", "3", "week"]);
  });

  it("drops stop words and stems word forms", () => {
    expect(normaliseNote("The parcels were delayed")).toEqual([
      "parcel",
      "delay",
    ]);
    expect(stem("charging")).toBe(stem("charges"));
  });

  it("expands common shorthand", () => {
    expect(normaliseNote("cust can't find acct no.")).toEqual([
      "customer",
      "find",
      "account",
    ]);
  });
});

describe("clusterNotes", () => {
  it("groups near-duplicates and leaves different notes alone", () => {
    const groups = clusterNotes(
      notes(
        "40 min on hold",
        "on hold for 40mins!!",
        "parcel arrived damaged",
        "delivery was damaged on arrival",
        "love the new app",
      ),
    );
    expect(groups).toContainEqual(["n0", "n1"]);
    expect(groups.flat()).not.toContain("n4");
  });

  it("joins chains transitively (union-find)", () => {
    const groups = clusterNotes(
      notes(
        "refund took 2 weeks",
        "refund took two weeks!!",
        "refund took 2 weeks to arrive",
      ),
    );
    expect(groups).toEqual([["n0", "n1", "n2"]]);
  });

  it("respects the threshold", () => {
    const input = notes("checkout page is slow", "checkout page is confusing");
    expect(clusterNotes(input, { threshold: 0.95 })).toEqual([]);
    expect(clusterNotes(input, { threshold: 0.3 })).toEqual([["n0", "n1"]]);
  });

  it("can return singletons so every id appears once", () => {
    const groups = clusterNotes(notes("a note", "another thing", "a note!"), {
      includeSingletons: true,
    });
    expect(groups.flat().sort()).toEqual(["n0", "n1", "n2"]);
    expect(groups).toContainEqual(["n0", "n2"]);
  });

  it("handles empty input and empty texts", () => {
    expect(clusterNotes([])).toEqual([]);
    expect(clusterNotes(notes("", "", "!!"))).toEqual([]);
  });

  it("tolerates a typo through character trigrams", () => {
    expect(
      noteSimilarity("reciept never arrived", "receipt never arrived"),
    ).toBeGreaterThanOrEqual(0.5);
  });
});

describe("mergeNotesText", () => {
  it("keeps the most informative text", () => {
    expect(
      mergeNotesText([
        "40 min on hold",
        "on hold for 40mins!!",
        "on hold 40 min, then cut off",
      ]),
    ).toBe("on hold 40 min, then cut off");
  });

  it("prefers the text with the facts when word counts tie", () => {
    expect(mergeNotesText(["long wait on phone", "phone wait 45 min"])).toBe(
      "phone wait 45 min",
    );
  });

  it("ignores blanks and trims", () => {
    expect(mergeNotesText(["", "  slow app  ", "   "])).toBe("slow app");
    expect(mergeNotesText([])).toBe("");
  });
});
