// Builds the renderer when it is missing or older than its sources, and always rebundles the
// main-process code (esbuild takes well under a second).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildMain } from './buildMain.mjs';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function rendererIsStale() {
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = ['renderer', 'shared'].map((d) => newestMtime(path.join(root, d)));
  const configs = ['vite.config.ts', 'package.json'].map((f) => (fs.existsSync(path.join(root, f)) ? fs.statSync(path.join(root, f)).mtimeMs : 0));
  return Math.max(...sources, ...configs) > built;
}

export async function ensureBuilt({ quiet = false } = {}) {
  if (rendererIsStale()) {
    if (!quiet) console.error('Building the renderer…');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], {
      cwd: root,
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error('The renderer build failed (see above).');
  }
  await buildMain();
}
