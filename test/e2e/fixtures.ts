/**
 * Shared end-to-end fixtures: every test gets its own web-mode server on a fresh temporary data
 * directory, and a page that fails the test on any console error or uncaught page error.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WebApp {
  /** The address web mode printed, token included. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Calls the API over HTTP, as the page does; throws on an error answer. */
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  /** Stops the server (SIGTERM) and starts it again on the same data directory. */
  restart(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

async function startWeb(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'server', 'main.mjs'), '--port', '0', '--data-dir', dataDir, '--room-bind', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web mode did not start in time. stderr: ${stderr}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Journeyboard web: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}. stderr: ${stderr}`));
    });
  });
  return { child, url };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const API_ERRORS_EXPECTED = 'api-errors-expected';

/** Call in a test that provokes API errors on purpose (they show in the UI and are asserted there). */
export function expectApiErrors(): void {
  base.info().annotations.push({ type: API_ERRORS_EXPECTED });
}

export const test = base.extend<{ app: WebApp; consoleErrors: string[] }>({
  app: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-e2e-'));
    let running = await startWeb(dataDir);
    const app: WebApp = {
      get url() {
        return running.url;
      },
      get origin() {
        return new URL(running.url).origin;
      },
      get token() {
        return new URL(running.url).searchParams.get('token')!;
      },
      dataDir,
      async call<T>(method: string, input: unknown) {
        const res = await fetch(`${app.origin}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
          body: JSON.stringify(input),
        });
        const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
        if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
        return body.value as T;
      },
      async restart() {
        await stop(running.child);
        running = await startWeb(dataDir);
      },
    };
    await use(app);
    await stop(running.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, consoleErrors }, use, testInfo) => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // Chromium logs every 4xx answer. A test that provokes API (or upload) refusals on purpose says so with
      // expectApiErrors(); any other failed request still fails the test.
      const apiRefusal = msg.text().startsWith('Failed to load resource') && /\/(api|upload)\//.test(msg.location().url);
      if (apiRefusal && testInfo.annotations.some((a) => a.type === API_ERRORS_EXPECTED)) return;
      consoleErrors.push(`${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => consoleErrors.push(`page error: ${err.message}`));
    await use(page);
    expect(consoleErrors, 'the page logged errors').toEqual([]);
  },
});

/**
 * Waits until the board has mounted and loaded its map. The board's test hook appears only after
 * React mounts the board, so reading it right after `page.goto` races the first render.
 */
export async function boardReady(page: Page): Promise<void> {
  await expect(page.getByTestId('board')).toBeVisible();
  await page.waitForFunction(() => !!(window as unknown as { __journeyboardBoard?: unknown }).__journeyboardBoard);
  await page.evaluate(() => (window as unknown as { __journeyboardBoard: { ready: Promise<void> } }).__journeyboardBoard.ready);
}

/**
 * Where the middle of a note is on the page (the board canvas's box plus the note's centre through
 * the board's camera): the note with this id, or else with this text.
 */
export async function noteCentre(page: Page, which: { id: string } | { text: string }): Promise<{ x: number; y: number }> {
  const at = await page.evaluate((w) => {
    const b = window.__journeyboardBoard!;
    const n = b.notes().find((x) => ('id' in w ? x.id === w.id : x.text === w.text))!;
    const cam = b.getCamera();
    return { x: (n.x + n.width / 2 - cam.x) * cam.zoom, y: (n.y + n.height / 2 - cam.y) * cam.zoom };
  }, which);
  const box = (await page.getByTestId('board-canvas').boundingBox())!;
  return { x: box.x + at.x, y: box.y + at.y };
}

export { expect };
export type { Page };
