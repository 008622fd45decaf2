// Builds the API core's worker (electron/services/worker.ts) exactly as scripts/buildMain.mjs does,
// into a fake app folder laid out as Electron sees it: dist/electron/coreWorker.cjs, with
// node_modules beside dist/ (a link to the project's) so the bundle finds better-sqlite3's
// JavaScript where a packaged app has it. Under Node the worker is plain JavaScript: no tsx.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { coreWorkerBuildOptions } from '../../../scripts/buildMain.mjs';

export const root = path.resolve(import.meta.dirname, '../../..');

let bundle: Promise<string> | null = null;

/** The worker's bundled source, built once per test file. */
export function workerBundle(): Promise<string> {
  bundle ??= build({ ...coreWorkerBuildOptions('coreWorker.cjs'), write: false, sourcemap: false, logLevel: 'silent' }).then(
    (out) => out.outputFiles.find((f) => f.path.endsWith('coreWorker.cjs'))!.text,
  );
  return bundle;
}

/** Puts the built worker at `appPath`/dist/electron/coreWorker.cjs; returns its path. */
export async function installWorker(appPath: string): Promise<string> {
  const file = path.join(appPath, 'dist', 'electron', 'coreWorker.cjs');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await workerBundle());
  const modules = path.join(appPath, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(root, 'node_modules'), modules);
  return file;
}
