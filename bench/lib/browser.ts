// Debian's Chromium through Playwright, launched as ../../scripts/chromium.mjs says, with the
// bench's viewport and a page that refuses to reach anything but this machine.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { VIEWPORT } from './data';

const FRAME_METER = path.join(import.meta.dirname, 'frameMeter.browser.js');

/** Fails early, with what to do, when there is no Chromium to launch. */
export function checkChromium() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  checkChromium();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 60_000,
    // Any host name but 127.0.0.1 fails to resolve: the pages cannot reach the network.
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

export interface BenchPage {
  page: Page;
  context: BrowserContext;
  /** Requests that left 127.0.0.1 and page errors: any of them spoils the run. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh context (no cache, no storage) with the frame meter installed before the app's code. */
export async function openPage(browser: Browser): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: { ...VIEWPORT }, deviceScaleFactor: 1, locale: 'en-US' });
  await context.addInitScript({ path: FRAME_METER });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1' && !problems.includes(`request to ${url.origin}`)) {
      problems.push(`request to ${url.origin}`);
      process.stderr.write(`[bench] the page asked for ${request.url()}: requests must stay on 127.0.0.1\n`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') process.stderr.write(`[page console.error] ${message.text()}\n`);
  });
  return { page, context, problems, close: () => context.close() };
}
