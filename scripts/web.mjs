// `npm run web -- [--port N] [--data-dir DIR]`: Journeyboard in a browser, no Electron needed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './ensureBuilt.mjs';

try {
  await ensureBuilt();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
await import(pathToFileURL(path.resolve(import.meta.dirname, '..', 'dist', 'server', 'main.mjs')).href);
