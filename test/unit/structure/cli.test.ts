import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../../scripts/structure";

let dir: string;
let messages: string[];
const log = (s: string) => messages.push(s);
const run = (...args: string[]) => main(args, log);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "jb-structure-"));
  messages = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content?: string) => {
  const p = path.join(dir, name);
  if (content !== undefined) fs.writeFileSync(p, content);
  return p;
};

const workshop = [
  {
    domain: "library",
    title: "Borrowing a book",
    persona: "Sam, student",
    stages: [
      { name: "Find", description: "Searches the catalogue" },
      { name: "Borrow", description: "Checks out at the desk or kiosk" },
    ],
    notes: [
      { text: "searches the catalogue on the website" },
      {
        text: "kiosk out of order",
        kind: "action",
        stage: "Find",
        sentiment: 2,
      },
    ],
  },
];

describe("npm run structure", () => {
  it("writes predictions for every note and keeps the rest of the file", () => {
    const input = file("in.json", JSON.stringify(workshop));
    const output = file("out.json");
    expect(run("--in", input, "--out", output)).toBe(0);
    const out = JSON.parse(fs.readFileSync(output, "utf8"));
    expect(out[0].title).toBe("Borrowing a book");
    expect(out[0].notes).toHaveLength(2);
    for (const n of out[0].notes) {
      expect([
        "action",
        "touchpoint",
        "thought",
        "emotion",
        "pain_point",
        "opportunity",
      ]).toContain(n.kind);
      expect(["Find", "Borrow"]).toContain(n.stage);
      expect([-2, -1, 0, 1, 2]).toContain(n.sentiment);
    }
    expect(out[0].notes[1].kind).toBe("pain_point");
    expect(fs.readdirSync(dir).sort()).toEqual(["in.json", "out.json"]);
  });

  it("says so when the input file is missing, and writes nothing", () => {
    const output = file("out.json");
    expect(run("--in", path.join(dir, "nope.json"), "--out", output)).toBe(1);
    expect(messages.join("\n")).toMatch(/Input file not found: .*nope\.json/);
    expect(fs.existsSync(output)).toBe(false);
  });

  it("says so when the input is not JSON, and writes nothing", () => {
    const output = file("out.json");
    expect(run("--in", file("in.json", '[{"stages": '), "--out", output)).toBe(
      1,
    );
    expect(messages.join("\n")).toMatch(/is not valid JSON/);
    expect(fs.existsSync(output)).toBe(false);
  });

  it("names what is wrong with a file of the wrong shape, and writes nothing", () => {
    const output = file("out.json");
    const bad = [{ stages: [{ name: "" }], notes: [{ text: 7 }] }];
    expect(
      run("--in", file("in.json", JSON.stringify(bad)), "--out", output),
    ).toBe(1);
    const msg = messages.join("\n");
    expect(msg).toMatch(/not a workshop-notes file/);
    expect(msg).toMatch(/\[0\]\.stages\[0\]\.name: a stage needs a name/);
    expect(msg).toMatch(/\[0\]\.notes\[0\]\.text/);
    expect(fs.existsSync(output)).toBe(false);
  });

  it("refuses an object where an array of workshops is expected", () => {
    expect(
      run("--in", file("in.json", '{"stages": []}'), "--out", file("out.json")),
    ).toBe(1);
    expect(messages.join("\n")).toMatch(/expected array/);
  });

  it("leaves an existing output untouched on error", () => {
    const output = file("out.json", "previous");
    expect(run("--in", file("in.json", "nonsense"), "--out", output)).toBe(1);
    expect(fs.readFileSync(output, "utf8")).toBe("previous");
  });

  it("explains its usage when arguments are missing or unknown", () => {
    expect(run("--in", "x.json")).toBe(1);
    expect(messages.at(-1)).toMatch(/Both --in and --out are required/);
    expect(run("--frobnicate")).toBe(1);
    expect(messages.at(-1)).toMatch(/Unknown argument "--frobnicate"/);
  });

  it("reports a missing output folder", () => {
    const input = file("in.json", JSON.stringify(workshop));
    expect(
      run("--in", input, "--out", path.join(dir, "no", "such", "out.json")),
    ).toBe(1);
    expect(messages.at(-1)).toMatch(/Output folder does not exist/);
  });
});
