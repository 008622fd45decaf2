// `npm test`: every check, in order, each a separate step so a failure says where it is.
// Lint (including the import rules), types, unit tests, build, browser tests, end-to-end tests.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const steps = [
  ['lint and import rules', bin('eslint'), ['--max-warnings', '0', '.']],
  ['types (whole project)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['types (shared/ has no DOM or Node)', bin('tsc'), ['-p', 'tsconfig.shared.json', '--noEmit']],
  ['unit tests', bin('vitest'), ['run', '--project', 'unit']],
  ['build', process.execPath, ['-e', "import('./scripts/ensureBuilt.mjs').then(m => m.ensureBuilt()).catch(e => { console.error(e.message); process.exit(1); })"]],
  ['browser tests (Konva in Chromium)', bin('vitest'), ['run', '--project', 'browser']],
  ['end-to-end tests (web mode in Chromium)', bin('playwright'), ['test']],
];

const only = process.argv.slice(2);
const failed = [];
let passed = 0;
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n== ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 0) {
    passed++;
    console.log(`== ${name}: ok (${secs} s)`);
  } else {
    failed.push(name);
    console.log(`== ${name}: FAILED (${secs} s)`);
  }
}
console.log(`\nsteps: ${passed} passed, ${failed.length} failed`);
if (failed.length) {
  console.log(`Failed: ${failed.join('; ')}`);
  process.exit(1);
}
