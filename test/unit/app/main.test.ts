// Runs the real electron/app/main.ts, bundled as scripts/buildMain.mjs does, against a fake
// 'electron' (fakes/electron.ts) and the real services and store: the wiring Electron would see.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../electron/app/bridge';
import { CONTENT_SECURITY_POLICY } from '../../../electron/app/csp';
import { createFakeElectron, type FakeElectron } from './fakes/electron';

const root = path.resolve(import.meta.dirname, '../../..');
const ELECTRON_VERSION = '45.4.1';
let bundle = '';
let tmp = '';

beforeAll(async () => {
  const out = await build({
    entryPoints: [path.join(root, 'electron/app/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3'],
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-main-test-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const savedArgv = process.argv;
beforeEach(() => {
  // main.ts logs what it does; keep the test output to results.
  for (const level of ['log', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  process.argv = savedArgv;
  delete (process.versions as Record<string, string | undefined>).electron;
});

/** A development checkout as main.ts expects it: built renderer, resources, Electron-ABI sqlite. */
function makeAppDir(name: string, { withNative = true } = {}): string {
  const appPath = path.join(tmp, name);
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Journeyboard</title>');
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(appPath, 'secret.txt'), 'not for the renderer');
  fs.symlinkSync(path.join(root, 'resources'), path.join(appPath, 'resources'));
  if (withNative) {
    // Under Node the Node build stands in for the Electron one: what matters is that it is loaded
    // from .electron-native, by path, and never from node_modules' own lookup.
    const native = path.join(appPath, '.electron-native', ELECTRON_VERSION, `${process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`);
    fs.mkdirSync(native, { recursive: true });
    fs.copyFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), path.join(native, 'better_sqlite3.node'));
  }
  return appPath;
}

async function startMain(appPath: string, argv: string[]): Promise<FakeElectron> {
  const fake = createFakeElectron();
  fake.state.appPath = appPath;
  fake.state.userData = path.join(tmp, 'default-user-data');
  Object.defineProperty(process.versions, 'electron', { value: ELECTRON_VERSION, configurable: true, enumerable: true });
  process.argv = [process.execPath, ...argv];
  const realRequire = createRequire(path.join(root, 'package.json'));
  const fakeRequire = (id: string) => (id === 'electron' ? fake.module : realRequire(id));
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__filename', '__dirname', bundle)(fakeRequire, module, module.exports, path.join(appPath, 'dist/electron/main.cjs'), path.join(appPath, 'dist/electron'));
  fake.state.resolveReady();
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return fake;
}

function invoke(fake: FakeElectron, senderId: number, method: unknown, input: unknown, url = 'app://journeyboard/index.html', parent: unknown = null) {
  const handler = fake.state.ipcHandlers.get(CHANNELS.invoke);
  if (!handler) throw new Error('no IPC handler bound');
  return handler({ sender: { id: senderId }, senderFrame: { parent, url } }, method, input) as { ok: boolean; value?: unknown; error?: { code: string } };
}

describe('electron/app/main.ts wiring', () => {
  it('starts: data dir, sandboxed window on app://, CSP, IPC to the services, menu, hardening', async () => {
    const appPath = makeAppDir('ok');
    const dataDir = path.join(tmp, 'data');
    const fake = await startMain(appPath, ['--data-dir', dataDir, '--enable-logging', path.join(tmp, 'Kickoff.journey')]);
    const { state } = fake;

    expect(state.exitCode).toBeNull();
    expect(state.errorBoxes).toEqual([]);
    expect(state.userData).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'journeyboard.sqlite'))).toBe(true);
    expect(state.lockData).toEqual({ openFile: path.join(tmp, 'Kickoff.journey') });
    expect(state.sandboxEnabled).toBe(true);
    expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

    // One window, locked down, showing our page.
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    });
    expect(win.webContents.loadedUrl).toBe('app://journeyboard/index.html');

    // The page is served with the CSP; nothing outside dist/renderer is.
    const serve = state.protocolHandlers.get('app')!;
    const index = await serve({ url: 'app://journeyboard/index.html' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('<title>Journeyboard</title>');
    expect((await serve({ url: 'app://journeyboard/assets/app.js' })).headers.get('content-type')).toMatch(/javascript/);
    expect((await serve({ url: 'app://journeyboard/..%2fsecret.txt' })).status).toBe(404);
    expect((await serve({ url: 'app://journeyboard/missing.js' })).status).toBe(404);

    // The API answers our window's top frame, through the real services.
    const id = win.webContents.id;
    expect(invoke(fake, id, 'maps.list', {})).toEqual({ ok: true, value: [] });
    expect(invoke(fake, id, 'maps.create', { title: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(invoke(fake, id, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(invoke(fake, id, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    // ...and nobody else.
    expect(invoke(fake, id + 1000, 'maps.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(invoke(fake, id, 'maps.list', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(invoke(fake, id, 'maps.list', {}, 'app://journeyboard/index.html', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    // The .journey path from the command line reaches the renderer once the page has loaded.
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    expect(win.webContents.sent).toEqual([[CHANNELS.openFile, path.join(tmp, 'Kickoff.journey')]]);

    // A second launch with a file focuses us and forwards it.
    fake.module.app.emit('second-instance', {}, ['/exe', 'other.journey'], '/work', { openFile: '/maps/b.journey' });
    expect(win.webContents.sent.at(-1)).toEqual([CHANNELS.openFile, '/maps/b.journey']);

    // Menu items send their action ids to the renderer.
    const items = (state.menuTemplate as Array<{ submenu?: Array<{ id?: string; click?: () => void }> }>).flatMap((m) => m.submenu ?? []);
    items.find((i) => i.id === 'edit.undo')!.click!();
    expect(win.webContents.sent.at(-1)).toEqual([CHANNELS.menu, 'edit.undo']);

    // Hardening: no navigation, no new windows, no permissions, no network, CSP as a backstop.
    const navigate = { prevented: false, preventDefault() { this.prevented = true; } };
    win.webContents.emit('will-navigate', navigate);
    expect(navigate.prevented).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    state.permissionRequest?.({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(state.permissionCheck?.()).toBe(false);
    expect(state.beforeRequest?.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file:///*']));
    let headers: unknown;
    state.headersReceived?.({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (headers = r));
    expect(headers).toEqual({ responseHeaders: expect.objectContaining({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }) });

    // Quitting closes the database: later calls get a readable refusal, not a crash.
    fake.module.app.emit('will-quit');
    expect(invoke(fake, id, 'maps.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('says what to do when the Electron build of better-sqlite3 is missing', async () => {
    const appPath = makeAppDir('no-native', { withNative: false });
    const fake = await startMain(appPath, ['--data-dir', path.join(tmp, 'data2')]);
    expect(fake.state.exitCode).toBe(1);
    expect(fake.state.errorBoxes).toHaveLength(1);
    expect(fake.state.errorBoxes[0]![1]).toMatch(/scripts\/electronNative\.mjs/);
    expect(fake.state.windows).toHaveLength(0);
  });

  it('leaves everything to the running instance when the lock is taken', async () => {
    const appPath = makeAppDir('second');
    const fake = createFakeElectron();
    fake.state.lockGranted = false;
    fake.state.appPath = appPath;
    Object.defineProperty(process.versions, 'electron', { value: ELECTRON_VERSION, configurable: true, enumerable: true });
    process.argv = [process.execPath, '--data-dir', path.join(tmp, 'data3'), 'c.journey'];
    const realRequire = createRequire(path.join(root, 'package.json'));
    const module = { exports: {} };
    new Function('require', 'module', 'exports', '__filename', '__dirname', bundle)((id: string) => (id === 'electron' ? fake.module : realRequire(id)), module, module.exports, '', '');
    fake.state.resolveReady();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(fake.state.quit).toBe(true);
    expect(fake.state.lockData).toEqual({ openFile: path.resolve('c.journey') });
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipcHandlers.size).toBe(0);
  });
});
