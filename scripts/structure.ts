// `npm run --silent structure -- --in FILE --out FILE`: suggest kind, stage and sentiment for
// every note of every workshop in a workshop-notes file (labels present are ignored and
// overwritten). Nothing is written unless the whole input is valid; the output is written
// atomically (temporary file + rename).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { classifyNotes } from "../shared/structure/classify";
import {
  describeIssues,
  workshopFileSchema,
} from "../shared/structure/workshopFile";

const USAGE = "Usage: npm run --silent structure -- --in FILE --out FILE";

export class CliError extends Error {}

function parseArgs(argv: string[]): { input: string; output: string } {
  let input: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes("=")
      ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
      : [a, undefined];
    if (flag === "--in" || flag === "--out") {
      const value = inline ?? argv[++i];
      if (!value) throw new CliError(`${flag} needs a file path.\n${USAGE}`);
      if (flag === "--in") input = value;
      else output = value;
    } else if (a === "--help" || a === "-h") {
      throw new CliError(USAGE);
    } else {
      throw new CliError(`Unknown argument "${a}".\n${USAGE}`);
    }
  }
  if (!input || !output)
    throw new CliError(`Both --in and --out are required.\n${USAGE}`);
  return { input, output };
}

function readInput(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`Input file not found: ${file}`);
    if (code === "EISDIR")
      throw new CliError(`Input is a folder, not a file: ${file}`);
    throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(
      `${file} is not valid JSON (${(e as Error).message}). Expected an array of workshops.`,
    );
  }
}

function writeAtomically(file: string, content: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir))
    throw new CliError(`Output folder does not exist: ${dir}`);
  const tmp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`,
  );
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`Cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Structure a workshop-notes file. Throws CliError with a message for people on bad input. */
export function structureFile(
  input: string,
  output: string,
): { workshops: number; notes: number } {
  const parsed = workshopFileSchema.safeParse(readInput(input));
  if (!parsed.success) {
    throw new CliError(
      `${input} is not a workshop-notes file:\n${describeIssues(parsed.error)}\nExpected [{ "stages": [{ "name", "description" }], "notes": [{ "text" }] }, ...].`,
    );
  }
  let count = 0;
  const result = parsed.data.map((w) => {
    const predictions = classifyNotes(w.notes, { stages: w.stages });
    count += w.notes.length;
    return {
      ...w,
      notes: w.notes.map((n, i) => {
        const p = predictions[i]!;
        return {
          ...n,
          kind: p.kind,
          stage: w.stages[p.stageIndex]!.name,
          sentiment: p.sentiment,
        };
      }),
    };
  });
  writeAtomically(output, `${JSON.stringify(result, null, 2)}\n`);
  return { workshops: result.length, notes: count };
}

/** Entry point: returns the exit code. */
export function main(
  argv: string[],
  log: (s: string) => void = console.error,
): number {
  try {
    const { input, output } = parseArgs(argv);
    const { workshops, notes } = structureFile(input, output);
    log(
      `Structured ${notes} notes in ${workshops} workshop${workshops === 1 ? "" : "s"} -> ${output}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      log(e.message);
      return 1;
    }
    throw e;
  }
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
) {
  process.exitCode = main(process.argv.slice(2));
}
