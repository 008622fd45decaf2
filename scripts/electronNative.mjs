// `node scripts/electronNative.mjs [--force]`: builds better-sqlite3 for Electron's ABI into
// .electron-native/<electron version>/<os>-<arch>/better_sqlite3.node.
//
// The Node build in node_modules serves tests and web mode and is never rebuilt or deleted
// (@electron/rebuild deletes it first): this script copies the package to a temporary folder,
// runs node-gyp there against Electron's headers, and copies only the .node file out. The main
// process passes that file to better-sqlite3 as `nativeBinding`. Keep the path in step with
// electron/app/paths.ts and electron-builder.yml (test/unit/app/nativeBinding.test.ts checks).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const HEADERS_URL = 'https://electronjs.org/headers';

export function electronVersion(root = ROOT) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** electron-builder's `${os}` for a Node platform name. */
export function builderOs(platform) {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'win';
  return platform;
}

export function electronNativeRelPath(version, platform = process.platform, arch = process.arch) {
  return path.join('.electron-native', version, `${builderOs(platform)}-${arch}`, 'better_sqlite3.node');
}

export function electronNativePath(root = ROOT, version = electronVersion(root), platform = process.platform, arch = process.arch) {
  return path.join(root, electronNativeRelPath(version, platform, arch));
}

// npm passes its config to child processes as npm_config_*; a user's `nodedir` or `target` there
// would make node-gyp build against Node's headers and silently produce the wrong ABI.
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|arch|disturl|dist_url|runtime|devdir|build_from_source)$/i.test(key)) delete env[key];
  }
  return env;
}

/** Runs a command; resolves with its exit code (null on timeout) and the tail of its output. */
function run(cmd, args, { cwd, timeoutMs, verbose }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (verbose) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, timedOut, output: `${output}\n${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? null : code, timedOut, output });
    });
  });
}

/** The most telling line of a failed node-gyp run, for a one-line reason. */
function lastError(output) {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/^gyp (ERR!|info|http) ?/, '').trim())
    .filter(Boolean);
  const interesting = lines.filter((l) => /error|fail|cannot|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/i.test(l) && !/^stack|^not ok|^node -v|^node-gyp -v|^cwd|^command|^System|^at /.test(l));
  return (interesting[0] ?? lines.at(-1) ?? 'no output').slice(0, 200);
}

/**
 * Builds (or finds) the Electron-ABI better-sqlite3. Never throws; resolves with
 * `{ ok: true, path, built }` or `{ ok: false, reason }` where reason is one readable line.
 */
export async function buildElectronNative({
  root = ROOT,
  version = electronVersion(root),
  arch = process.arch,
  force = false,
  headersTimeoutMs = 20_000,
  buildTimeoutMs = 15 * 60_000,
  verbose = false,
} = {}) {
  const target = electronNativePath(root, version, process.platform, arch);
  if (!force && fs.existsSync(target)) return { ok: true, path: target, built: false };

  const nodeGyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  if (!fs.existsSync(nodeGyp)) return { ok: false, reason: 'node-gyp is not installed (run npm install).' };
  if (!fs.existsSync(path.join(source, 'binding.gyp'))) return { ok: false, reason: 'better-sqlite3 is not installed (run npm install).' };

  const devdir = path.join(os.homedir(), '.electron-gyp');
  const gypArgs = [`--target=${version}`, `--arch=${arch}`, `--dist-url=${HEADERS_URL}`, `--devdir=${devdir}`, '--runtime=electron'];

  // Step 1: Electron's headers, with a short timeout so an offline machine fails fast.
  if (!fs.existsSync(path.join(devdir, version, 'installVersion'))) {
    const r = await run(process.execPath, [nodeGyp, 'install', ...gypArgs], { cwd: root, timeoutMs: headersTimeoutMs, verbose });
    if (r.code !== 0) {
      const why = r.timedOut
        ? `no answer within ${Math.round(headersTimeoutMs / 1000)} s`
        : /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed/i.test(r.output)
          ? 'no network connection to it'
          : lastError(r.output);
      return { ok: false, reason: `Electron ${version}'s headers could not be downloaded from ${HEADERS_URL} (${why}).` };
    }
  }

  // Step 2: compile a copy, never the installed package.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-electron-native-'));
  try {
    const copy = path.join(work, 'better-sqlite3');
    fs.cpSync(source, copy, {
      recursive: true,
      filter: (from) => path.relative(source, from).split(path.sep)[0] !== 'build',
    });
    const r = await run(process.execPath, [nodeGyp, 'rebuild', '--release', ...gypArgs], { cwd: copy, timeoutMs: buildTimeoutMs, verbose });
    if (r.code !== 0) {
      const why = r.timedOut ? 'the compiler took too long' : lastError(r.output);
      return { ok: false, reason: `compiling better-sqlite3 for Electron ${version} failed (${why}).` };
    }
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!fs.existsSync(built)) return { ok: false, reason: 'node-gyp finished but produced no better_sqlite3.node.' };
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    fs.copyFileSync(built, partial);
    fs.renameSync(partial, target);
    return { ok: true, path: target, built: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const force = process.argv.includes('--force');
  const verbose = process.argv.includes('--verbose');
  const version = electronVersion();
  const result = await buildElectronNative({ force, verbose });
  if (result.ok) {
    console.log(`${result.built ? 'Built' : 'Already built:'} better-sqlite3 for Electron ${version}: ${path.relative(ROOT, result.path)}`);
  } else {
    console.error(`Could not build better-sqlite3 for Electron ${version}: ${result.reason}`);
    process.exit(1);
  }
}
