// Journeyboard's web mode for the bench: a server on a fresh temporary data folder, seeded
// through the HTTP API, the same way the end-to-end tests drive the app.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NoteInput } from '../../shared/api';
import type { Camera } from '../../shared/domain';
import type { BenchNote } from './data';
import { log } from './log';

const root = path.resolve(import.meta.dirname, '..', '..');
/** The server refuses bodies over 1 MiB (electron/server/http.ts): send the notes in parts. */
const MAX_BODY = 900 * 1024;

export interface WebServer {
  /** The address to open, token included: http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  /** The server's process id (the structure bench reads its CPU time). */
  pid: number;
  api<T = unknown>(method: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

/** `extraArgs`: more web-mode options (the room bench passes `--room-bind 127.0.0.1`). */
export async function startWeb(timeoutMs = 240_000, extraArgs: readonly string[] = []): Promise<WebServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-bench-'));
  log(`journeyboard: starting web mode on data folder ${dataDir} (builds the renderer if needed)...`);
  // Its own process group, so closing it also ends anything it started (a renderer build).
  // JB_BENCH_SERVER_CPU_PROF=DIR: the server writes a V8 CPU profile into DIR when it exits (finding where its time goes).
  const profDir = process.env.JB_BENCH_SERVER_CPU_PROF;
  const profile = profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir)}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, path.join(root, 'scripts', 'web.mjs'), '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Journeyboard web mode did not start within ${timeoutMs / 1000} s.\n${output}`)), timeoutMs);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Journeyboard web: (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        process.stderr.write(`[web] ${chunk.toString()}`);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Journeyboard web mode exited (code ${code}) before printing its address; its output is above, marked [web].`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // A server that stops mid-run is named here, with how it ended (a signal, an exit code).
  child.once('exit', (code, signal) => log(`journeyboard: web mode ended (code ${code}, signal ${signal})`));
  const token = new URL(url).searchParams.get('token') ?? '';
  const base = new URL(url).origin;
  log(`journeyboard: web mode at ${base}`);
  return {
    url,
    pid: child.pid!,
    async api<T>(method: string, input: unknown): Promise<T> {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
      if (!body.ok) throw new Error(`${method} failed: ${body.error?.code}: ${body.error?.message}`);
      return body.value as T;
    },
    close: stop,
  };
}

/** Creates a map holding the notes, saved with the given camera; returns its id. */
export async function seedMap(web: WebServer, title: string, notes: readonly BenchNote[], camera: Camera): Promise<string> {
  const map = await web.api<{ id: string }>('maps.create', { title });
  await addNotes(web, map.id, notes);
  await web.api('maps.setCamera', { id: map.id, camera });
  return map.id;
}

/** Adds notes (`notes.createMany` inputs) to a map, in requests that stay under the body limit. */
export async function addNotes(web: WebServer, mapId: string, notes: readonly NoteInput[]): Promise<void> {
  let part: NoteInput[] = [];
  let bytes = 0;
  const flush = async () => {
    if (part.length) await web.api('notes.createMany', { mapId, notes: part });
    part = [];
    bytes = 0;
  };
  for (const note of notes) {
    const size = Buffer.byteLength(JSON.stringify(note)) + 1;
    if (bytes + size > MAX_BODY) await flush();
    part.push(note);
    bytes += size;
  }
  await flush();
}
