/**
 * Real web-mode processes for the tests that need more than one process, or kill -9: the server
 * (electron/server/main.ts) bundled from the current sources with esbuild, as scripts/buildMain.mjs
 * does, into a private folder under dist/ (so it finds node_modules and resources/ as the real
 * build does), then run with `node`, on loopback, port 0, and a temporary data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Bundles the server; returns its path and a function that removes it. */
export async function bundleWebServer(): Promise<{ entry: string; remove(): void }> {
  const dir = path.join(root, 'dist', `.test-web-${process.pid}-${Date.now()}`);
  const entry = path.join(dir, 'main.mjs');
  await build({
    entryPoints: [path.join(root, 'electron', 'server', 'main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // ws as buildMain.mjs leaves it: CommonJS that an ESM bundle cannot carry; loaded from node_modules.
    external: ['electron', 'better-sqlite3', 'ws'],
    logLevel: 'silent',
    absWorkingDir: root,
  });
  return { entry, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface WebProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** POSTs to the API; resolves to the envelope (rejects when the connection fails, e.g. killed). */
  call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  /** SIGKILL, resolved once the process has exited (and been reaped). */
  kill9(): Promise<void>;
  /** SIGTERM, the clean stop. */
  stop(): Promise<number | null>;
}

export interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/**
 * Starts web mode on `dataDir`. Resolves to the running server once it printed its address, or,
 * when it exits first, rejects with an Error whose `exited` holds its exit code and output.
 */
export function startWeb(entry: string, dataDir: string, timeoutMs = 60_000): Promise<WebProcess> {
  const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web mode did not start within ${timeoutMs} ms. stderr: ${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const m = /Journeyboard web: (\S+)/.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('close', onClose);
      const url = m[1]!;
      const origin = new URL(url).origin;
      const token = new URL(url).searchParams.get('token')!;
      resolve({
        child,
        url,
        origin,
        token,
        stderr: () => stderr,
        async call(method, input) {
          const res = await fetch(`${origin}/api/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(input),
          });
          return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
        },
        async kill9() {
          child.kill('SIGKILL');
          await exited(child);
        },
        async stop() {
          child.kill('SIGTERM');
          await exited(child);
          return child.exitCode;
        },
      });
    };
    // 'close' comes after the process exited and its output was read to the end.
    const onClose = (code: number | null) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`web mode exited with ${code}: ${stderr}`), { exited: { code, stdout, stderr } satisfies Exited }));
    };
    child.stdout!.on('data', onData);
    child.once('close', onClose);
  });
}
