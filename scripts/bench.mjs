// `npm run bench [-- NAME...]`: runs bench/NAME.bench.ts (all of them when no name is given).
// Each benchmark prints one JSON line per figure on stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const available = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
// `npm run bench -- board structure --n 1000`: names first, then options for the benchmarks.
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('-'));
const wanted = firstFlag === -1 ? args : args.slice(0, firstFlag);
const passOn = firstFlag === -1 ? [] : args.slice(firstFlag);
const names = wanted.length ? wanted : available;
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`No benchmark named "${name}". Available: ${available.join(', ')}.`);
    process.exit(2);
  }
}
for (const name of names) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', `${name}.bench.ts`), ...passOn], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
