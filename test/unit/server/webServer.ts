/**
 * A real web-mode process (electron/server/main.ts run with tsx) on 127.0.0.1, a free port and a
 * temporary data folder: the fuzz tests check that no request makes the process exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

export interface WebServer {
  child: ChildProcess;
  port: number;
  token: string;
  dataDir: string;
  stderr(): string;
  /** True while the process has not exited. */
  alive(): boolean;
  /** SIGTERM, then removes the data folder. */
  stop(): Promise<void>;
}

export function startWebServer(timeoutMs = 60_000): Promise<WebServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jb-fuzz-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'electron', 'server', 'main.ts'), '--port', '0', '--data-dir', dataDir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web mode did not start within ${timeoutMs} ms. stderr: ${stderr}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code} before it started. stderr: ${stderr}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', function onData() {
      const m = /Journeyboard web: (\S+)/.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      const url = new URL(m[1]!);
      resolve({
        child,
        port: Number(url.port),
        token: url.searchParams.get('token')!,
        dataDir,
        stderr: () => stderr,
        alive,
        stop: async () => {
          if (alive()) {
            await new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            });
          }
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      });
    });
  });
}
