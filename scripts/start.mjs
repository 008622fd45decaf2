// `npm start [-- --data-dir DIR]`: builds what is stale, then runs the desktop app in Electron.
// When Electron cannot run here (its binary cannot be downloaded, its build of better-sqlite3
// cannot be made, or there is no display) it says why in one line and starts web mode instead,
// with the same arguments, so `npm start` always ends with a working Journeyboard.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildElectronNative, electronNativePath, electronVersion, ROOT } from './electronNative.mjs';

/** The download attempt that decides "no Electron here"; a slow but working network gets longer. */
export const QUICK_TIMEOUT_MS = 20_000;
export const SLOW_DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** Where the electron package keeps (or will keep) its binary; null when it was never downloaded. */
export function electronBinaryPath(root = ROOT, env = process.env) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
  return rel ? path.join(dir, 'dist', rel) : null;
}

/** The one line printed before falling back to web mode. */
export function fallbackLine(reason) {
  return `${reason.replace(/[.\s]+$/, '')}; starting web mode instead.`;
}

/** Why Electron cannot open a window here, or null. Linux needs an X11 or Wayland display. */
export function displayProblem(platform = process.platform, env = process.env) {
  if (platform !== 'linux') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'Electron cannot open a window here (no display: DISPLAY and WAYLAND_DISPLAY are unset)';
}

function runQuiet(cmd, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-10_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ code: -1, timedOut, output });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? null : code, timedOut, output });
    });
  });
}

/**
 * Makes sure the Electron binary is there, running the electron package's own installer (which
 * is instant when installed and unpacks from its cache when it can). Never waits long offline.
 */
export async function ensureElectronBinary() {
  const installer = path.join(ROOT, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return { ok: false, reason: 'Electron is not installed (run npm install)' };
  let r = await runQuiet(process.execPath, [installer], QUICK_TIMEOUT_MS);
  if (r.timedOut) {
    // Still downloading after 20 s: a working but slow network. Give it its time, once.
    console.error(`Downloading Electron ${electronVersion()} (about 100 MB, once)…`);
    r = await runQuiet(process.execPath, [installer], SLOW_DOWNLOAD_TIMEOUT_MS);
  }
  const binary = electronBinaryPath();
  if (r.code === 0 && binary && fs.existsSync(binary)) return { ok: true, binary };
  return { ok: false, reason: 'Electron is not available on this machine (could not download its binary)' };
}

/** Runs a child with our stdio, passes our termination signals on, and exits with its code. */
function handOver(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`Could not start ${path.basename(cmd)}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startWeb(args) {
  const web = path.join(ROOT, 'scripts', 'web.mjs');
  if (!fs.existsSync(web)) {
    console.error('Web mode is not available either (scripts/web.mjs is missing).');
    process.exit(1);
  }
  handOver(process.execPath, [web, ...args]);
}

/** Why the desktop app cannot run here, or the Electron binary to run it with. */
async function electronOrReason() {
  const electron = await ensureElectronBinary();
  if (!electron.ok) return electron;
  const display = displayProblem();
  if (display) return { ok: false, reason: display };
  if (!fs.existsSync(electronNativePath())) {
    console.error(`Building better-sqlite3 for Electron ${electronVersion()} (once; about two minutes)…`);
    const native = await buildElectronNative();
    if (!native.ok) return { ok: false, reason: `Electron's build of better-sqlite3 could not be made: ${native.reason}` };
  }
  return electron;
}

async function main(args) {
  try {
    const { ensureBuilt } = await import('./ensureBuilt.mjs');
    await ensureBuilt();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  const electron = await electronOrReason();
  if (!electron.ok) {
    console.log(fallbackLine(electron.reason));
    startWeb(args);
    return;
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  handOver(electron.binary, [ROOT, ...args], env);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
