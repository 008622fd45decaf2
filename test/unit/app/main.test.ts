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
import type { JourneyMap, MapSummary } from '../../../shared/domain';
import { mapToJson } from '../../../shared/export/json';
import { installWorker } from './coreWorkerBuild';
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
async function makeAppDir(name: string, { withNative = true } = {}): Promise<string> {
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
  // The API core's worker, built as scripts/buildMain.mjs builds it, where main looks for it.
  await installWorker(appPath);
  return appPath;
}

/** Runs main.ts; `beforeReady` runs after it has started and before Electron is ready. */
async function startMain(appPath: string, argv: string[], beforeReady?: (fake: FakeElectron) => void): Promise<FakeElectron> {
  const fake = createFakeElectron();
  fake.state.appPath = appPath;
  fake.state.userData = path.join(tmp, 'default-user-data');
  Object.defineProperty(process.versions, 'electron', { value: ELECTRON_VERSION, configurable: true, enumerable: true });
  process.argv = [process.execPath, ...argv];
  const realRequire = createRequire(path.join(root, 'package.json'));
  const fakeRequire = (id: string) => (id === 'electron' ? fake.module : realRequire(id));
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__filename', '__dirname', bundle)(fakeRequire, module, module.exports, path.join(appPath, 'dist/electron/main.cjs'), path.join(appPath, 'dist/electron'));
  beforeReady?.(fake);
  fake.state.resolveReady();
  // Started once the window is there, or given up (the core's worker opens the store meanwhile).
  await eventually(() => expect(fake.state.windows.length > 0 || fake.state.exitCode !== null).toBe(true));
  return fake;
}

/** Waits for `check` to pass: the core answers from its worker thread, a moment later. */
function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 15_000, interval: 10 });
}

/** Quits as Electron does: will-quit, which waits for the core's worker to close the store. */
async function quit(fake: FakeElectron): Promise<void> {
  fake.module.app.emit('will-quit', { preventDefault() {} });
  await eventually(() => expect(fake.state.quit).toBe(true));
}

async function invoke(fake: FakeElectron, senderId: number, method: unknown, input: unknown, url = 'app://journeyboard/index.html', parent: unknown = null) {
  const handler = fake.state.ipcHandlers.get(CHANNELS.invoke);
  if (!handler) throw new Error('no IPC handler bound');
  return (await handler({ sender: { id: senderId }, senderFrame: { parent, url } }, method, input)) as { ok: boolean; value?: unknown; error?: { code: string } };
}

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** The renderer's window.journeyboard.saveJourneyAs, as main receives it. */
function saveAs(fake: FakeElectron, senderId: number, mapId: unknown, suggestedName: unknown, url = 'app://journeyboard/index.html', parent: unknown = null) {
  const handler = fake.state.ipcHandlers.get(CHANNELS.saveJourneyAs);
  if (!handler) throw new Error('no Save as handler bound');
  return handler({ sender: { id: senderId }, senderFrame: { parent, url } }, mapId, suggestedName) as Promise<Answer<{ path: string } | null>>;
}

/** The window once its page has loaded and it shows, as Electron reports it. */
function loaded(fake: FakeElectron) {
  const win = fake.state.windows[0]!;
  win.emit('ready-to-show');
  win.webContents.emit('did-finish-load');
  return win;
}

const mapsIn = async (fake: FakeElectron) => (await invoke(fake, fake.state.windows[0]!.webContents.id, 'maps.list', {})).value as MapSummary[];
const opened = (fake: FakeElectron) => fake.state.windows[0]!.webContents.sent.filter(([channel]) => channel === CHANNELS.mapOpened).map(([, id]) => id);
const messageBoxes = (fake: FakeElectron) => fake.state.dialogs.filter((d) => d.kind === 'message').map((d) => d.options);

function clickMenu(fake: FakeElectron, id: string): void {
  const items = (fake.state.menuTemplate as Array<{ submenu?: Array<{ id?: string; click?: () => void }> }>).flatMap((m) => m.submenu ?? []);
  const item = items.find((i) => i.id === id);
  if (!item?.click) throw new Error(`no menu item ${id}`);
  item.click();
}

/** Lets pending promise callbacks and timers run (for asserting that nothing more happens). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
}

let appDirs = 0;
/**
 * A map "Kickoff" with one note, written by the app itself: a .journey file through Save as (in a
 * data folder of its own), and a JSON export of the same map.
 */
async function kickoffFiles(): Promise<{ journey: string; json: string; mapId: string }> {
  const n = ++appDirs;
  const fake = await startMain(await makeAppDir(`maker-${n}`), ['--data-dir', path.join(tmp, `maker-data-${n}`)]);
  const id = loaded(fake).webContents.id;
  const map = (await invoke(fake, id, 'maps.create', { title: 'Kickoff' })).value as JourneyMap;
  expect((await invoke(fake, id, 'notes.create', { mapId: map.id, text: 'Sign-up form is too long', x: 0, y: 0 })).ok).toBe(true);
  const dir = path.join(tmp, `files-${n}`);
  fs.mkdirSync(dir);
  fake.state.answers.save.push(path.join(dir, 'Kickoff.journey'));
  const saved = await saveAs(fake, id, map.id, 'Kickoff');
  expect(saved).toEqual({ ok: true, value: { path: path.join(dir, 'Kickoff.journey') } });
  const json = path.join(dir, 'Kickoff.json');
  fs.writeFileSync(json, mapToJson((await invoke(fake, id, 'maps.get', { id: map.id })).value as JourneyMap, Date.now()));
  await quit(fake);
  return { journey: path.join(dir, 'Kickoff.journey'), json, mapId: map.id };
}

describe('electron/app/main.ts wiring', () => {
  it('starts: data dir, sandboxed window on app://, CSP, IPC to the services, menu, hardening', async () => {
    const appPath = await makeAppDir('ok');
    const dataDir = path.join(tmp, 'data');
    const fake = await startMain(appPath, ['--data-dir', dataDir, '--enable-logging']);
    const { state } = fake;

    expect(state.exitCode).toBeNull();
    expect(state.errorBoxes).toEqual([]);
    // SQLite runs in the core's worker thread, never on Electron's main thread.
    expect(bundle).not.toMatch(/require\(["']better-sqlite3["']\)/);
    expect(state.userData).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'journeyboard.sqlite'))).toBe(true);
    expect(state.lockData).toEqual({});
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
    expect(await invoke(fake, id, 'maps.list', {})).toEqual({ ok: true, value: [] });
    expect(await invoke(fake, id, 'maps.create', { title: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke(fake, id, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await invoke(fake, id, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    // ...and nobody else.
    expect(await invoke(fake, id + 1000, 'maps.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke(fake, id, 'maps.list', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke(fake, id, 'maps.list', {}, 'app://journeyboard/index.html', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    // Menu items send their action ids to the renderer once the page has loaded.
    clickMenu(fake, 'edit.undo');
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    expect(win.webContents.sent).toEqual([[CHANNELS.menu, 'edit.undo']]);
    clickMenu(fake, 'map.saveAs');
    expect(win.webContents.sent.at(-1)).toEqual([CHANNELS.menu, 'map.saveAs']);

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

    // Closing while the board still has unsaved changes (it refused to unload): ask natively.
    const closing = () => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      win.webContents.emit('will-prevent-unload', event);
      return event.prevented ? 'closes' : 'stays';
    };
    state.answers.message.push(0);
    expect(closing()).toBe('stays');
    expect(state.dialogs.at(-1)).toMatchObject({ kind: 'message', parented: true, options: { message: 'Some changes are not saved yet', buttons: ['Stay', 'Close anyway'] } });
    state.answers.message.push(1);
    expect(closing()).toBe('closes');

    // Quitting closes the database: later calls get a readable refusal, not a crash.
    await quit(fake);
    expect(await invoke(fake, id, 'maps.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('says what to do when the Electron build of better-sqlite3 is missing', async () => {
    const appPath = await makeAppDir('no-native', { withNative: false });
    const fake = await startMain(appPath, ['--data-dir', path.join(tmp, 'data2')]);
    expect(fake.state.exitCode).toBe(1);
    expect(fake.state.errorBoxes).toHaveLength(1);
    expect(fake.state.errorBoxes[0]![1]).toMatch(/scripts\/electronNative\.mjs/);
    expect(fake.state.windows).toHaveLength(0);
  });

  it('a damaged store: the worker sets it aside, and main tells the person in a dialog before the window opens', async () => {
    const dataDir = path.join(tmp, 'damaged-data');
    fs.mkdirSync(dataDir);
    const damaged = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]);
    fs.writeFileSync(path.join(dataDir, 'journeyboard.sqlite'), damaged);
    const fake = await startMain(await makeAppDir('damaged'), ['--data-dir', dataDir]);
    expect(fake.state.exitCode).toBeNull();
    expect(messageBoxes(fake)).toEqual([expect.objectContaining({ type: 'warning', message: 'Journeyboard found its map store damaged', detail: expect.stringContaining('The damaged file is kept') })]);
    // The damaged file is still there, byte for byte, beside a fresh store.
    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith('journeyboard.sqlite.damaged'));
    expect(aside.map((f) => fs.readFileSync(path.join(dataDir, f)).equals(damaged))).toContain(true);
    expect(await mapsIn(fake)).toEqual([]);
    await quit(fake);
  });

  it('a data folder another Journeyboard is using: says so and exits, with no window', async () => {
    const dataDir = path.join(tmp, 'busy-data');
    fs.mkdirSync(dataDir);
    // Held by another live process (this one's parent), as a web-mode server on the same folder would.
    fs.writeFileSync(path.join(dataDir, 'journeyboard.lock'), JSON.stringify({ app: 'Journeyboard', pid: process.ppid, hostname: os.hostname(), startedAt: '2026-11-29T00:00:00.000Z' }));
    const fake = await startMain(await makeAppDir('busy'), ['--data-dir', dataDir]);
    expect(fake.state.exitCode).toBe(1);
    expect(fake.state.errorBoxes).toEqual([['Journeyboard is already open', expect.stringContaining(dataDir)]]);
    expect(fake.state.windows).toHaveLength(0);
  });

  it('leaves everything to the running instance when the lock is taken', async () => {
    const appPath = await makeAppDir('second');
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

describe('.journey files in the desktop app', () => {
  it('Save as writes a .journey file where the person chose; cancelling writes nothing; only our window may ask', async () => {
    const fake = await startMain(await makeAppDir('save'), ['--data-dir', path.join(tmp, 'save-data')]);
    const id = loaded(fake).webContents.id;
    const map = (await invoke(fake, id, 'maps.create', { title: 'A/B test' })).value as JourneyMap;
    const documents = path.join(tmp, 'save-documents');
    fs.mkdirSync(documents);
    fake.state.documents = documents;

    // The dialog suggests a usable file name in Documents, on our window; cancelling answers null.
    expect(await saveAs(fake, id, map.id, 'A/B test')).toEqual({ ok: true, value: null });
    expect(fake.state.dialogs).toEqual([
      {
        kind: 'save',
        parented: true,
        options: expect.objectContaining({
          defaultPath: path.join(documents, 'A B test.journey'),
          filters: [{ name: 'Journeyboard map', extensions: ['journey'] }],
        }),
      },
    ]);
    expect(fs.readdirSync(documents)).toEqual([]);

    // A name typed without the extension gets it.
    fake.state.answers.save.push(path.join(documents, 'Workshop'));
    expect(await saveAs(fake, id, map.id, 'A/B test')).toEqual({ ok: true, value: { path: path.join(documents, 'Workshop.journey') } });
    expect(fs.readdirSync(documents)).toEqual(['Workshop.journey']);
    const written = fs.statSync(path.join(documents, 'Workshop.journey')).mtimeMs;

    // ...and if that file exists, the person is asked first (the dialog asked about "Workshop").
    fake.state.answers.save.push(path.join(documents, 'Workshop'));
    fake.state.answers.message.push(1); // Cancel
    expect(await saveAs(fake, id, map.id, 'A/B test')).toEqual({ ok: true, value: null });
    expect(messageBoxes(fake).at(-1)).toMatchObject({ type: 'question', message: '“Workshop.journey” already exists', buttons: ['Replace', 'Cancel'] });
    expect(fs.statSync(path.join(documents, 'Workshop.journey')).mtimeMs).toBe(written);

    // A place that cannot be written is named in the answer.
    fake.state.answers.save.push(path.join(documents, 'gone', 'Kickoff.journey'));
    const failed = await saveAs(fake, id, map.id, 'Kickoff');
    expect(failed).toMatchObject({ ok: false, error: { message: expect.stringContaining('could not write Kickoff.journey') } });

    // Wrong input and other senders are refused before any dialog shows.
    const shown = fake.state.dialogs.length;
    expect(await saveAs(fake, id, 42, 'Kickoff')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await saveAs(fake, id, 'x'.repeat(201), 'Kickoff')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await saveAs(fake, id, map.id, undefined)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await saveAs(fake, id + 1000, map.id, 'Kickoff')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await saveAs(fake, id, map.id, 'Kickoff', 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await saveAs(fake, id, map.id, 'Kickoff', 'app://journeyboard/index.html', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(fake.state.dialogs).toHaveLength(shown);
    await quit(fake);
  });

  it('launching with a .journey file imports it and opens its map; opening it again asks first', async () => {
    const files = await kickoffFiles();
    const fake = await startMain(await makeAppDir('launch'), ['--data-dir', path.join(tmp, 'launch-data'), files.journey]);
    const win = fake.state.windows[0]!;
    await eventually(async () => expect(await mapsIn(fake)).toEqual([expect.objectContaining({ id: files.mapId, title: 'Kickoff', noteCount: 1 })]));
    // The renderer hears of it once its page has loaded.
    expect(opened(fake)).toEqual([]);
    loaded(fake);
    expect(opened(fake)).toEqual([files.mapId]);

    // The same file from a second launch: asked, and Cancel changes nothing.
    fake.state.answers.message.push(2);
    fake.module.app.emit('second-instance', {}, ['/exe', files.journey], '/work', { openFile: files.journey });
    await eventually(() => expect(messageBoxes(fake)).toHaveLength(1));
    expect(fake.state.dialogs.at(-1)).toMatchObject({
      parented: true,
      options: { type: 'question', message: '“Kickoff” is already in Journeyboard', buttons: ['Keep both', 'Replace mine', 'Cancel'], defaultId: 0, cancelId: 2 },
    });
    await settle();
    expect(await mapsIn(fake)).toHaveLength(1);
    expect(opened(fake)).toEqual([files.mapId]);

    // Keep both: a second map, shown.
    fake.state.answers.message.push(0);
    fake.module.app.emit('second-instance', {}, ['/exe', files.journey], '/work', { openFile: files.journey });
    await eventually(async () => expect(await mapsIn(fake)).toHaveLength(2));
    const copy = (await mapsIn(fake)).find((m) => m.id !== files.mapId)!;
    expect(copy).toMatchObject({ title: 'Kickoff', noteCount: 1 });
    await eventually(() => expect(opened(fake)).toEqual([files.mapId, copy.id]));

    // Replace mine (macOS hands the file over with 'open-file'): the file's version is back.
    await invoke(fake, win.webContents.id, 'maps.rename', { id: files.mapId, title: 'Changed here' });
    fake.state.answers.message.push(1);
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.module.app.emit('open-file', event, files.journey);
    expect(event.prevented).toBe(true);
    await eventually(() => expect(opened(fake)).toEqual([files.mapId, copy.id, files.mapId]));
    expect(messageBoxes(fake).at(-1)).toMatchObject({ message: '“Changed here” is already in Journeyboard' });
    expect((await mapsIn(fake)).map((m) => m.title)).toEqual(['Kickoff', 'Kickoff']);
    await quit(fake);
  });

  it('a file handed over before the app is ready is imported once the store is open; a damaged one says why and changes nothing', async () => {
    const files = await kickoffFiles();
    const broken = path.join(tmp, 'broken.journey');
    fs.writeFileSync(broken, 'this is not a map');
    const fake = await startMain(await makeAppDir('early'), ['--data-dir', path.join(tmp, 'early-data')], (f) => {
      f.module.app.emit('open-file', { preventDefault() {} }, files.journey);
    });
    await eventually(async () => expect((await mapsIn(fake)).map((m) => m.id)).toEqual([files.mapId]));
    loaded(fake);
    expect(opened(fake)).toEqual([files.mapId]);

    fake.module.app.emit('open-file', { preventDefault() {} }, broken);
    await eventually(() => expect(messageBoxes(fake)).toHaveLength(1));
    const box = messageBoxes(fake)[0]!;
    expect(box).toMatchObject({ type: 'error', message: '“broken.journey” could not be opened' });
    expect(box.detail).toMatch(/not a SQLite database.*Nothing was imported/);
    await settle();
    expect((await mapsIn(fake)).map((m) => m.id)).toEqual([files.mapId]);
    expect(opened(fake)).toEqual([files.mapId]);
    await quit(fake);
  });

  it('File > Open… shows the Open dialog in the main process and imports the chosen map or JSON export', async () => {
    const files = await kickoffFiles();
    const fake = await startMain(await makeAppDir('menu-open'), ['--data-dir', path.join(tmp, 'menu-open-data')]);
    const win = loaded(fake);

    // Cancelled: nothing happens, and nothing reaches the renderer.
    clickMenu(fake, 'file.open');
    await eventually(() => expect(fake.state.dialogs).toHaveLength(1));
    expect(fake.state.dialogs[0]).toMatchObject({ kind: 'open', parented: true, options: { properties: ['openFile'] } });
    expect((fake.state.dialogs[0]!.options.filters as Array<{ extensions: string[] }>)[0]!.extensions).toEqual(['journey', 'json']);
    await settle();
    expect(await mapsIn(fake)).toEqual([]);
    expect(win.webContents.sent).toEqual([]);

    // A JSON export.
    fake.state.answers.open.push([files.json]);
    clickMenu(fake, 'file.open');
    await eventually(() => expect(opened(fake)).toEqual([files.mapId]));
    expect(await mapsIn(fake)).toEqual([expect.objectContaining({ id: files.mapId, title: 'Kickoff', noteCount: 1 })]);

    // A .journey file, after the map was deleted here.
    await invoke(fake, win.webContents.id, 'maps.delete', { id: files.mapId });
    fake.state.answers.open.push([files.journey]);
    clickMenu(fake, 'file.open');
    await eventually(() => expect(opened(fake)).toEqual([files.mapId, files.mapId]));
    expect(await mapsIn(fake)).toEqual([expect.objectContaining({ id: files.mapId, title: 'Kickoff', noteCount: 1 })]);

    // A JSON file over 200 MB is refused before it is read.
    const huge = path.join(tmp, 'huge.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 201 * 1024 * 1024);
    fake.state.answers.open.push([huge]);
    clickMenu(fake, 'file.open');
    await eventually(() => expect(messageBoxes(fake)).toHaveLength(1));
    expect(messageBoxes(fake)[0]).toMatchObject({ type: 'error', message: '“huge.json” could not be opened', detail: expect.stringContaining('up to 200 MB') });
    fs.rmSync(huge);
    expect(await mapsIn(fake)).toHaveLength(1);
    await quit(fake);
  });
});

type MenuItem = { id?: string; label?: string; enabled?: boolean; click?: () => void; submenu?: MenuItem[] };
/** Every item of the application menu, at any depth. */
function menuItems(fake: FakeElectron): MenuItem[] {
  const walk = (items: MenuItem[]): MenuItem[] => items.flatMap((i) => [i, ...walk(i.submenu ?? [])]);
  return walk(fake.state.menuTemplate as MenuItem[]);
}
const recentMenu = (fake: FakeElectron) => menuItems(fake).find((i) => i.id === 'file.openRecent')!.submenu!;

describe('desktop habits', () => {
  it('File > Open Recent and the OS list the .journey files opened or saved; survive a restart; a file gone is dropped', async () => {
    const files = await kickoffFiles();
    const dataDir = path.join(tmp, 'recent-data');
    const fake = await startMain(await makeAppDir('recent'), ['--data-dir', dataDir]);
    loaded(fake);
    expect(recentMenu(fake).map((i) => i.label)).toEqual(['No recent maps', undefined, 'Clear recent']);

    // Opening a JSON export is not a recent .journey file; opening the .journey file is.
    fake.state.answers.open.push([files.json]);
    clickMenu(fake, 'file.open');
    await eventually(() => expect(opened(fake)).toHaveLength(1));
    fake.state.answers.open.push([files.journey]);
    fake.state.answers.message.push(0); // the same map: "Keep both"
    clickMenu(fake, 'file.open');
    await eventually(() => expect(fake.state.recentDocuments).toEqual([files.journey]));
    expect(recentMenu(fake)[0]).toMatchObject({ id: 'file.openRecent.0', label: `Kickoff.journey — ${path.dirname(files.journey)}` });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'recent-files.json'), 'utf8')).files).toEqual([files.journey]);
    // Written atomically: no scratch file left beside it.
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await quit(fake);

    // After a restart the list is still there, and choosing it opens the file again.
    const again = await startMain(await makeAppDir('recent-2'), ['--data-dir', dataDir]);
    loaded(again);
    const item = recentMenu(again)[0]!;
    expect(item.label).toMatch(/^Kickoff\.journey/);
    again.state.answers.message.push(0); // "Keep both"
    item.click!();
    await eventually(() => expect(opened(again)).toHaveLength(1));

    // Deleted since: choosing it says so and takes it off the list; at the next start it is not listed.
    fs.rmSync(files.journey);
    recentMenu(again)[0]!.click!();
    await eventually(() => expect(messageBoxes(again).at(-1)).toMatchObject({ message: '“Kickoff.journey” is no longer there' }));
    expect(recentMenu(again)[0]).toMatchObject({ label: 'No recent maps', enabled: false });
    await quit(again);

    // Clear recent empties both lists.
    fs.writeFileSync(path.join(dataDir, 'recent-files.json'), JSON.stringify({ files: [files.json, 'relative.journey', 42] }));
    const third = await startMain(await makeAppDir('recent-3'), ['--data-dir', dataDir]);
    expect(recentMenu(third)[0]!.label).toBe('No recent maps');
    clickMenu3(third, 'file.clearRecent');
    expect(third.state.recentCleared).toBe(true);
    await quit(third);
  });

  it('the window reopens where it was, maximised or not, on the display it was on; centred on the primary one if that display is gone', async () => {
    const dataDir = path.join(tmp, 'window-data');
    const twoDisplays = (f: FakeElectron) => {
      f.state.displays.push({ id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } });
    };
    const first = await startMain(await makeAppDir('window-1'), ['--data-dir', dataDir], twoDisplays);
    const win = loaded(first);
    // First run: the default size, centred on the primary display's work area.
    expect(win.options).toMatchObject({ width: 1280, height: 820, x: 320, y: 143, backgroundColor: '#f6f7f9' });
    win.setBounds({ x: 2100, y: 100, width: 1500, height: 900 });
    win.maximize();
    win.close();
    await quit(first);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 2100, y: 100, width: 1500, height: 900 },
      displayId: 2,
      maximized: true,
    });

    const second = await startMain(await makeAppDir('window-2'), ['--data-dir', dataDir], twoDisplays);
    expect(second.state.windows[0]!.options).toMatchObject({ x: 2100, y: 100, width: 1500, height: 900 });
    expect(second.state.windows[0]!.isMaximized()).toBe(true);
    await quit(second);

    // The second display is unplugged: centred on the primary, not maximised. (A dark OS: the
    // window's background is the dark page's, so it never flashes white.)
    const third = await startMain(await makeAppDir('window-3'), ['--data-dir', dataDir], (f) => {
      f.state.darkOs = true;
    });
    expect(third.state.windows[0]!.options.backgroundColor).toBe('#15171b');
    expect(third.state.windows[0]!.options).toMatchObject({ width: 1280, height: 820, x: 320, y: 143 });
    expect(third.state.windows[0]!.isMaximized()).toBe(false);
    await quit(third);
  });
});

function clickMenu3(fake: FakeElectron, id: string): void {
  const item = menuItems(fake).find((i) => i.id === id);
  if (!item?.click) throw new Error(`no menu item ${id}`);
  item.click();
}
