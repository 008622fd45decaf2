import { describe, expect, it } from "vitest";
import { classifyNotes } from "../../../shared/structure/classify";

// A gym-membership journey: a domain the rules were not written against.
const stages = [
  {
    name: "Discover",
    description: "Sees ads, hears from friends about the gym",
  },
  {
    name: "Compare & join",
    description: "Compares gyms, prices and plans, signs up online",
  },
  {
    name: "First visit",
    description: "Induction, locker, finding the way around",
  },
  {
    name: "Regular training",
    description: "Weekly classes, booking, using the app",
  },
  {
    name: "Cancel or renew",
    description: "Contract ends, cancellation or renewal",
  },
];

const one = (text: string, ctx = { stages }) =>
  classifyNotes([{ text }], ctx)[0]!;

describe("classifyNotes: kind", () => {
  it.each([
    ["action", "books a spin class through the app"],
    ["action", "asks the front desk about a locker"],
    ["touchpoint", "membership welcome email"],
    ["touchpoint", "class timetable page"],
    ["thought", "will I actually go three times a week?"],
    ["thought", "is the annual plan worth it?"],
    ["emotion", "really nervous"],
    ["emotion", "a bit intimidated"],
    ["emotion", "so excited!"],
    ["pain_point", "can't cancel online, have to phone during office hours"],
    ["pain_point", "joining fee hidden until the last step"],
    ["pain_point", "waited 20 min for the induction"],
    ["pain_point", "app crashes when booking a class"],
    ["opportunity", "add a one-click pause for holidays"],
    ["opportunity", "what if we texted a reminder the day before?"],
    ["opportunity", "offer a free trial week instead of a joining fee"],
    ["opportunity", "HMW make the first visit less intimidating?"],
  ])("%s: %s", (kind, text) => {
    expect(one(text).kind).toBe(kind);
  });

  it("gives a confidence between 0.5 and 1", () => {
    const r = one("add a one-click pause for holidays");
    expect(r.kindConfidence).toBeGreaterThanOrEqual(0.5);
    expect(r.kindConfidence).toBeLessThanOrEqual(1);
  });

  it("classifies an empty note without throwing", () => {
    const r = one("");
    expect(r.stageIndex).toBeGreaterThanOrEqual(0);
    expect([-2, -1, 0, 1, 2]).toContain(r.sentiment);
  });
});

describe("classifyNotes: sentiment", () => {
  it("is neutral for proposals, touchpoints and plain steps", () => {
    expect(one("add a one-click pause for holidays").sentiment).toBe(0);
    expect(one("membership welcome email").sentiment).toBe(0);
    expect(one("books a spin class through the app").sentiment).toBe(0);
  });

  it("reads the direction and strength of a feeling", () => {
    expect(one("a bit nervous").sentiment).toBe(-1);
    expect(one("absolutely delighted!!").sentiment).toBe(2);
    expect(one("quite pleased").sentiment).toBe(1);
    expect(one("really stressed").sentiment).toBe(-2);
  });

  it("flips a negated positive feeling", () => {
    expect(one("not happy at all").sentiment).toBeLessThan(0);
  });

  it("makes pain points negative, worse with intensity or repeated failure", () => {
    expect(one("locker key is hard to find").sentiment).toBe(-1);
    expect(one("card payment failed twice, gave up!!").sentiment).toBe(-2);
  });
});

describe("classifyNotes: stage", () => {
  it("matches words shared with a stage name or description", () => {
    expect(one("compares prices of three gyms").stageIndex).toBe(1);
    expect(one("locker code does not work at the induction").stageIndex).toBe(
      2,
    );
    expect(one("cancellation needs a letter by post").stageIndex).toBe(4);
  });

  it("uses general journey vocabulary when no word is shared", () => {
    expect(one("sees a billboard on the bus").stageIndex).toBe(0);
    expect(one("renewal price went up without warning").stageIndex).toBe(4);
  });

  it("learns from notes already placed in a stage", () => {
    const ctx = {
      stages,
      placed: [{ text: "sauna was closed for cleaning", stageIndex: 3 }],
    };
    expect(one("sauna closed again", ctx).stageIndex).toBe(3);
  });

  it("uses the order of notes when they come stage by stage", () => {
    const notes = [
      "sees an advert on instagram",
      "friend mentions the gym",
      "so curious",
      "compares prices online",
      "signs up for the monthly plan",
      "joining fee hidden",
      "induction with a trainer",
      "cannot find the changing rooms",
      "a bit lost",
      "books weekly classes in the app",
      "classes always full",
      "feels great",
      "contract ends after 12 months",
      "cancellation needs a letter",
      "relieved to be out",
    ].map((text) => ({ text }));
    const got = classifyNotes(notes, { stages }).map((r) => r.stageIndex);
    const want = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4];
    // A path through the stages in order: never goes back, and the feelings follow their neighbours.
    expect(got.every((s, i) => i === 0 || s >= got[i - 1]!)).toBe(true);
    expect(got.filter((s, i) => s === want[i]).length).toBeGreaterThanOrEqual(
      13,
    );
    // The same notes reversed are not in journey order: no path is forced on them.
    const reversed = classifyNotes([...notes].reverse(), { stages }).map(
      (r) => r.stageIndex,
    );
    expect(reversed.every((s, i) => i === 0 || s >= reversed[i - 1]!)).toBe(
      false,
    );
  });

  it("returns stage -1 when the map has no stages", () => {
    expect(
      classifyNotes([{ text: "anything" }], { stages: [] })[0]!.stageIndex,
    ).toBe(-1);
  });

  it("returns one result per note, in order", () => {
    expect(classifyNotes([], { stages })).toEqual([]);
    const r = classifyNotes([{ text: "a" }, { text: "b" }, { text: "c" }], {
      stages,
    });
    expect(r).toHaveLength(3);
  });
});
