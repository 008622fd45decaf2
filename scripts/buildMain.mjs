// Bundles the main-process code with esbuild: the Electron main, the API core's worker thread and
// the preload (CJS, as Electron loads them) and the web-mode server (ESM). Native and Electron
// modules stay external.
import { build } from 'esbuild';
import path from 'node:path';
import fs from 'node:fs';

const root = path.resolve(import.meta.dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
  absWorkingDir: root,
};

// import.meta.url as in ESM (the .journey reader finds better-sqlite3 for its worker from it).
const cjsMeta = {
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__importMetaUrl' },
};

/**
 * The API core's worker thread (electron/services/worker.ts), which Electron's main starts from
 * next to main.cjs (electron/app/coreWorker.ts). Exported so the tests run the same bundle.
 */
export function coreWorkerBuildOptions(outfile = 'dist/electron/coreWorker.cjs') {
  return { ...common, ...cjsMeta, entryPoints: ['electron/services/worker.ts'], outfile, format: 'cjs' };
}

export async function buildMain() {
  const jobs = [
    // ws (the room's WebSocket) is CommonJS that requires Node built-ins, which an ESM bundle
    // cannot do: web mode loads it from node_modules. The CJS bundles below carry it.
    build({ ...common, external: [...common.external, 'ws'], entryPoints: ['electron/server/main.ts'], outfile: 'dist/server/main.mjs', format: 'esm' }),
  ];
  if (fs.existsSync(path.join(root, 'electron/app/main.ts'))) {
    jobs.push(build({ ...common, ...cjsMeta, entryPoints: ['electron/app/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }));
    jobs.push(build(coreWorkerBuildOptions()));
  }
  if (fs.existsSync(path.join(root, 'electron/app/preload.ts'))) {
    jobs.push(build({ ...common, entryPoints: ['electron/app/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }));
  }
  await Promise.all(jobs);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildMain().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
