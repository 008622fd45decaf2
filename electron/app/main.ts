// The Electron main process: lifecycle, the one window, the menu, and the IPC binding of the API.
// Thin by design: every decision about maps and notes lives in electron/services (openCore).
// Bundled to dist/electron/main.cjs by scripts/buildMain.mjs; started by `npm start` (scripts/start.mjs).
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, type WebContents } from 'electron';
import type { StoreChange } from '../../shared/api';
import type { MenuAction } from '../../shared/menuActions';
import { APP_INDEX_URL, APP_SCHEME, mimeType, resolveAppRequest } from './appProtocol';
import { forwardedJourneyFile, parseAppArgs, userArgv, type AppArgs } from './args';
import { CHANNELS } from './bridge';
import { coreWorkerPath, CoreWorkerStartError, startCoreWorker, type CoreClient } from './coreWorker';
import { SECURITY_HEADERS } from './csp';
import { bindApi, isTrustedSender } from './ipc';
import { createRoomWindows, type RoomWindows } from './roomWindow';
import { menuTemplate } from './menu';
import { createNativeFiles } from './nativeFiles';
import { createRecentFiles, type RecentFiles } from './recentFiles';
import { initialBounds, MIN_SIZE, readWindowState, writeWindowState } from './windowState';
import { nativeBindingPath, preloadPath, rendererDir, resourcesDir, type AppLocation } from './paths';
import { hardenContents, hardenSession } from './security';

// The API core, in a worker thread (coreWorker.ts): SQLite never runs on this thread.
let core: CoreClient | null = null;
let mainWindow: BrowserWindow | null = null;
let rendererReady = false;
// Sent once the page has loaded: maps imported from files and menu actions chosen meanwhile.
const pendingMaps: string[] = [];
const pendingActions: MenuAction[] = [];

// Opening .journey files (and JSON exports) and Save as: main imports and writes them itself.
const files = createNativeFiles({ core: () => core, window: () => mainWindow, mapOpened: sendMapOpened, fileUsed: rememberFile });
// File > Open Recent; read once the user-data folder is settled (after --data-dir, when ready).
let recent: RecentFiles | null = null;
// The room view's window for the projector (roomWindow.ts); made once the app is ready.
let rooms: RoomWindows | null = null;

/** Every committed write, from the core's worker, goes to every window (preload: onStoreChange). */
function broadcastChange(change: StoreChange): void {
  for (const contents of [mainWindow?.webContents, rooms?.contents()]) {
    if (contents && !contents.isDestroyed?.()) contents.send(CHANNELS.storeChanged, change);
  }
}

function rememberFile(file: string): void {
  if (!recent?.add(file)) return;
  // The OS's own list: the Dock and the taskbar's jump list (macOS and Windows; a no-op elsewhere).
  app.addRecentDocument(file);
}

/** File > Open Recent > a file: opened as a double-click would; a file gone since is dropped and named. */
function openRecent(file: string): void {
  if (!fs.existsSync(file)) {
    recent?.remove(file);
    const options = {
      type: 'warning' as const,
      title: 'Journeyboard',
      message: `“${path.basename(file)}” is no longer there`,
      detail: `It was moved, renamed or deleted, so it has been taken off the recent list.\n\n${file}`,
      buttons: ['OK'],
    };
    if (mainWindow) void dialog.showMessageBox(mainWindow, options);
    else void dialog.showMessageBox(options);
    return;
  }
  openJourneyFile(file);
}

function clearRecent(): void {
  recent?.clear();
  app.clearRecentDocuments();
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        isDev: !app.isPackaged,
        send: sendMenuAction,
        open: showOpenDialog,
        about: showAbout,
        recent: recent?.list() ?? [],
        openRecent,
        clearRecent,
      }),
    ),
  );
}

function location(): AppLocation {
  return { isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath };
}

/** A startup failure already shown to the user. */
class StartupError extends Error {}

function fail(title: string, message: string): never {
  console.error(`${title}: ${message}`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(1);
  throw new StartupError(message);
}

function parseOrExit(): AppArgs {
  const parsed = parseAppArgs(userArgv(process.argv, process.defaultApp === true), process.cwd());
  if (!parsed.ok) {
    console.error(`Journeyboard: ${parsed.message}`);
    app.exit(2);
    process.exit(2);
  }
  return parsed.args;
}

/** A file the OS asked us to open: imported now, or once the store is open. */
function openJourneyFile(filePath: string): void {
  console.log(`Journeyboard: asked to open ${filePath}`);
  focusOrCreateWindow();
  files.open(filePath);
}

function sendMapOpened(mapId: string): void {
  if (mainWindow && rendererReady) mainWindow.webContents.send(CHANNELS.mapOpened, mapId);
  else {
    pendingMaps.push(mapId);
    focusOrCreateWindow();
  }
}

function showOpenDialog(): void {
  focusOrCreateWindow();
  files.openWithDialog().catch((err: unknown) => console.error('Journeyboard: the Open dialog failed:', err));
}

function sendMenuAction(action: MenuAction): void {
  if (mainWindow && rendererReady) mainWindow.webContents.send(CHANNELS.menu, action);
  else {
    pendingActions.push(action);
    focusOrCreateWindow();
  }
}

function focusOrCreateWindow(): void {
  if (!app.isReady() || !core) return;
  if (!mainWindow) {
    createWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createWindow(): void {
  const where = location();
  const icon = path.join(resourcesDir(where), 'icons', 'icon.png');
  // Where it was last time, if that display is still attached; else centred on the primary one.
  const userData = app.getPath('userData');
  const place = initialBounds(readWindowState(userData), screen.getAllDisplays(), screen.getPrimaryDisplay());
  const win = new BrowserWindow({
    ...place.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Journeyboard',
    // The page's own background (base.css --bg) in the OS's theme, so opening never flashes the other one.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171b' : '#f6f7f9',
    show: false,
    ...(process.platform === 'linux' && fs.existsSync(icon) ? { icon } : {}),
    webPreferences: {
      preload: preloadPath(where),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  mainWindow = win;
  rendererReady = false;

  if (place.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // Remembered as it closes: the normal (unmaximised) bounds, so un-maximising next time restores them.
  win.on('close', () => {
    try {
      const bounds = win.getNormalBounds();
      writeWindowState(userData, { bounds, displayId: screen.getDisplayMatching(bounds).id, maximized: win.isMaximized() });
    } catch (err) {
      console.error('Journeyboard: could not remember the window place:', err);
    }
  });
  win.webContents.on('did-finish-load', () => {
    rendererReady = true;
    // Pinch-zoom must reach the board (Konva), not magnify the page.
    void win.webContents.setVisualZoomLevelLimits(1, 1);
    for (const mapId of pendingMaps.splice(0)) win.webContents.send(CHANNELS.mapOpened, mapId);
    for (const action of pendingActions.splice(0)) win.webContents.send(CHANNELS.menu, action);
  });
  // The board refuses to unload while a change is queued behind a write or failing (Board.tsx):
  // ask, as a browser would, rather than silently keeping the window open or losing the change.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['Stay', 'Close anyway'],
      defaultId: 0,
      cancelId: 0,
      message: 'Some changes are not saved yet',
      detail: 'Journeyboard is still saving your latest changes, or could not save them. Stay to let it finish: the map bar shows “Saved” when it has. If you close now, those changes are lost.',
    });
    if (choice === 1) event.preventDefault();
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Journeyboard: the window's renderer stopped (${details.reason}).`);
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    rendererReady = false;
    // The room view belongs to the facilitator's window.
    rooms?.close();
  });

  void win.loadURL(APP_INDEX_URL);
}

function showAbout(): void {
  const detail = [
    'Customer-journey maps for workshops, offline.',
    `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    core ? `Data: ${core.dataFile}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const options = { type: 'info' as const, title: 'About Journeyboard', message: `Journeyboard ${app.getVersion()}`, detail, buttons: ['OK'] };
  if (mainWindow) void dialog.showMessageBox(mainWindow, options);
  else void dialog.showMessageBox(options);
}

/** Serves dist/renderer at app://journeyboard/ with our security headers on every response. */
function serveRenderer(): void {
  const root = rendererDir(location());
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(root, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), { status: 200, headers: { 'Content-Type': mimeType(file), ...SECURITY_HEADERS } });
    } catch {
      return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } });
    }
  });
}

/** Starts the API core's worker, which opens the data folder (lock, recovery, backups) itself. */
async function openStore(): Promise<CoreClient> {
  const where = location();
  const dataDir = app.getPath('userData');
  const nativeBinding = nativeBindingPath(where, process.versions.electron, process.platform, process.arch);
  if (!fs.existsSync(nativeBinding)) {
    fail(
      'Journeyboard cannot open its data',
      where.isPackaged
        ? `This installation is incomplete: ${nativeBinding} is missing. Reinstall Journeyboard.`
        : `Electron's build of better-sqlite3 is missing (${nativeBinding}). Run \`node scripts/electronNative.mjs\`, or \`npm run web\` to use Journeyboard in a browser.`,
    );
  }
  try {
    // The folder's lock, the damage check, restoring a backup and the backups happen in the
    // worker, where the database is (services/dataFolder.ts); what the person must hear comes back.
    const folder = await startCoreWorker(coreWorkerPath(where), { dataDir, resourcesDir: resourcesDir(where), nativeBinding, roomPageDir: rendererDir(where) });
    for (const notice of folder.notices) {
      dialog.showMessageBoxSync({ type: 'warning', title: 'Journeyboard', message: 'Journeyboard found its map store damaged', detail: notice.message, buttons: ['OK'] });
    }
    return folder.core;
  } catch (err) {
    if (err instanceof CoreWorkerStartError && err.inUse) return fail('Journeyboard is already open', err.message);
    const message = err instanceof Error ? err.message : String(err);
    return fail('Journeyboard cannot open its data', `${message}\n\nData folder: ${dataDir}`);
  }
}

function main(): void {
  const args = parseOrExit();
  // --data-dir moves all of it (maps and Chromium's profile), so two instances with different data
  // folders do not share a single-instance lock: what tests want.
  if (args.dataDir) {
    // setPath throws for a folder that does not exist yet.
    try {
      fs.mkdirSync(args.dataDir, { recursive: true });
    } catch (err) {
      console.error(`Journeyboard: cannot use --data-dir ${args.dataDir}: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(2);
    }
    app.setPath('userData', args.dataDir);
  }

  if (!app.requestSingleInstanceLock(args.openFile ? { openFile: args.openFile } : {})) {
    // The running instance gets our file through 'second-instance' and focuses its window.
    app.quit();
    return;
  }

  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const filePath = forwardedJourneyFile(additionalData, argv, workingDirectory);
    if (filePath) openJourneyFile(filePath);
    else focusOrCreateWindow();
  });
  // macOS delivers double-clicked files this way, possibly before 'ready'.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openJourneyFile(filePath);
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => focusOrCreateWindow());
  // Quitting waits for the worker to finish the calls already made and close the database.
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = null;
    void closing.close().finally(() => app.quit());
  });

  // Imported once the store is open, like a macOS 'open-file' that comes before 'ready'.
  if (args.openFile) files.open(args.openFile);

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      serveRenderer();
      core = await openStore();
      const activeCore = core;
      const room = createRoomWindows(preloadPath(location()));
      rooms = room;
      const isOurContents = (contents: WebContents) => mainWindow !== null && contents.id === mainWindow.webContents.id;
      // The room view may read through the API (never write); files and the room button are the facilitator's.
      bindApi(activeCore, (contents) => isOurContents(contents) || room.isRoomContents(contents), (contents) => room.isRoomContents(contents));
      files.bind(isOurContents);
      activeCore.onChange(broadcastChange);
      ipcMain.handle(CHANNELS.openRoomView, (event, mapId: unknown) => {
        if (!isTrustedSender(event, isOurContents)) {
          return { ok: false, error: { code: 'unauthorized', message: 'Only the Journeyboard window may open the room view.' } };
        }
        if (typeof mapId !== 'string' || mapId.length === 0 || mapId.length > 100) {
          return { ok: false, error: { code: 'invalid_input', message: 'mapId: give the id of the map to show in the room view.' } };
        }
        room.open(mapId, mainWindow);
        return { ok: true, value: null };
      });
      recent = createRecentFiles(app.getPath('userData'), buildMenu);
      recent.prune();
      buildMenu();
      createWindow();
      console.log(`Journeyboard: data in ${activeCore.dataFile}`);
      files.storeOpened();
    })
    .catch((err: unknown) => {
      if (!(err instanceof StartupError)) console.error('Journeyboard failed to start:', err);
      app.exit(1);
    });
}

main();
