// The desktop's own file flows, all in the main process (the sandboxed renderer never sees a path):
// importing the .journey files the OS hands us (launch arguments, a second launch, macOS
// 'open-file') or the person picks in File > Open… (also Journeyboard's JSON exports), and Save as.
// Every decision about the file itself (size, format, version, conflicts) is the services'; this
// asks the questions they raise in native dialogs and shows their answers.
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow, type MessageBoxOptions, type WebContents } from 'electron';
import type { MapSummary } from '../../shared/domain';
import type { Envelope } from '../../shared/errors';
import { safeFileName } from '../../shared/fileName';
import { MAP_FILE_MAX_BYTES, MAP_FILE_MAX_LABEL } from '../../shared/limits';
import { JOURNEY_EXTENSION } from './args';
import { CHANNELS } from './bridge';
import type { CoreClient as Core } from './coreWorker';
import { isTrustedSender } from './ipc';

/** The largest map file Journeyboard opens (the .journey reader checks the same). */
export { MAP_FILE_MAX_BYTES } from '../../shared/limits';
const MAP_ID_MAX = 200;
const SUGGESTED_NAME_MAX = 1000;

const JOURNEY_FILTER = { name: 'Journeyboard map', extensions: ['journey'] };

type OnConflict = 'replace' | 'copy';

export interface NativeFilesDeps {
  /** The open store, or null before it is open (and after quitting). */
  core(): Core | null;
  /** The main window, if there is one: dialogs attach to it. */
  window(): BrowserWindow | null;
  /** Asks the renderer to show this map (queued until the page has loaded). */
  mapOpened(mapId: string): void;
  /** A .journey file was opened or saved: for File > Open Recent and the OS's recent documents. */
  fileUsed?(file: string): void;
}

/** A file name to suggest in the Save dialog: no folders, nothing Windows refuses, ends in .journey. */
export function suggestedFileName(name: string): string {
  // No leading dots either: "..plan" would be a hidden file.
  const base = safeFileName(name, 200).replace(/^\.+/, '').trim();
  const withName = base || 'Journeyboard map';
  return withName.toLowerCase().endsWith(JOURNEY_EXTENSION) ? withName : `${withName}${JOURNEY_EXTENSION}`;
}

/** Why a Save as request from the renderer is refused, or null when it is well-formed. */
export function saveAsInputProblem(mapId: unknown, suggestedName: unknown): string | null {
  if (typeof mapId !== 'string' || mapId.length === 0 || mapId.length > MAP_ID_MAX) {
    return `mapId: must be a map id (text of 1 to ${MAP_ID_MAX} characters).`;
  }
  if (typeof suggestedName !== 'string' || suggestedName.length > SUGGESTED_NAME_MAX) {
    return `suggestedName: must be a file name (text of at most ${SUGGESTED_NAME_MAX} characters).`;
  }
  return null;
}

export function createNativeFiles(deps: NativeFilesDeps) {
  // One file at a time, so two files opened at once never stack their questions.
  let queue: Promise<void> = Promise.resolve();
  // Files that arrived before the store was open (launch arguments, macOS 'open-file' before ready).
  const waiting: string[] = [];
  // Where the last file was opened from or saved to: the dialogs start there.
  let lastDir: string | undefined;

  /** A dialog's parent: the main window once it shows (a sheet on a hidden window would hide it). */
  function parent(): BrowserWindow | null {
    const win = deps.window();
    return win && !win.isDestroyed() && win.isVisible() ? win : null;
  }

  function messageBox(options: MessageBoxOptions) {
    const win = parent();
    return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
  }

  async function showCannotOpen(file: string, reason: string): Promise<void> {
    await messageBox({
      type: 'error',
      title: 'Journeyboard',
      message: `“${path.basename(file)}” could not be opened`,
      detail: reason,
      buttons: ['OK'],
    });
  }

  /** Reads a JSON export for the importer, or says why it cannot. */
  async function readJsonExport(file: string): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
    try {
      const { size } = await fs.promises.stat(file);
      if (size > MAP_FILE_MAX_BYTES) {
        return {
          ok: false,
          reason: `This file is ${Math.round(size / 1024 / 1024)} MB; Journeyboard opens map files up to ${MAP_FILE_MAX_LABEL}. Nothing was imported.`,
        };
      }
      return { ok: true, text: await readFile(file, 'utf8') };
    } catch {
      return { ok: false, reason: `The file ${path.basename(file)} could not be read. Check that it still exists.` };
    }
  }

  /** Imports one file, asking what to do with a map that is already here; shows every failure. */
  async function importFile(file: string): Promise<void> {
    // A .journey file is read and checked off the main thread (the window stays responsive); the
    // store takes its map in with one transaction afterwards.
    let attempt: (core: Core, onConflict?: OnConflict) => Promise<Envelope<MapSummary>>;
    if (/\.json$/i.test(file)) {
      const read = await readJsonExport(file);
      if (!read.ok) return showCannotOpen(file, read.reason);
      attempt = async (core, onConflict) =>
        core.dispatch('files.importJson', {
          text: read.text,
          ...(onConflict ? { onConflict } : {}),
        }) as Promise<Envelope<MapSummary>>;
    } else {
      attempt = (core, onConflict) => core.importJourney(file, onConflict);
    }

    let core = deps.core();
    if (!core) return;
    let result = await attempt(core);
    if (!result.ok && result.error.code === 'conflict') {
      // The service names the map it already has: “Title”.
      const title = /“([^”]+)”/.exec(result.error.message)?.[1];
      const { response } = await messageBox({
        type: 'question',
        title: 'Journeyboard',
        message: title ? `“${title}” is already in Journeyboard` : result.error.message,
        detail:
          `“${path.basename(file)}” holds a map you already have. Keep both adds the file’s version as a new map beside yours; ` +
          'Replace mine puts the file’s version in place of yours, whose changes are then lost.',
        buttons: ['Keep both', 'Replace mine', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      });
      if (response !== 0 && response !== 1) return;
      core = deps.core();
      if (!core) return;
      result = await attempt(core, response === 0 ? 'copy' : 'replace');
    }
    if (!result.ok) return showCannotOpen(file, result.error.message);
    lastDir = path.dirname(file);
    deps.fileUsed?.(file);
    deps.mapOpened(result.value.id);
  }

  /** Imports `file` (a .journey, or a JSON export), now or once the store is open. */
  function open(file: string): void {
    if (!deps.core()) {
      waiting.push(file);
      return;
    }
    queue = queue
      .then(() => importFile(file))
      .catch((err: unknown) => console.error(`Journeyboard: opening ${file} failed:`, err));
  }

  /** Imports the files that arrived while the store was still closed. */
  function storeOpened(): void {
    for (const file of waiting.splice(0)) open(file);
  }

  /** File > Open…: the native Open dialog, then the import. */
  async function openWithDialog(): Promise<void> {
    const options = {
      title: 'Open a map',
      properties: ['openFile' as const],
      filters: [{ name: 'Journeyboard map or JSON export', extensions: ['journey', 'json'] }, JOURNEY_FILTER],
      ...(lastDir ? { defaultPath: lastDir } : {}),
    };
    const win = parent();
    const answer = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const file = answer.canceled ? undefined : answer.filePaths[0];
    if (file) open(file);
  }

  function defaultDir(): string | undefined {
    if (lastDir) return lastDir;
    try {
      return app.getPath('documents');
    } catch {
      return undefined; // Some Linux desktops have no documents folder: the dialog picks one.
    }
  }

  /** Save as: the native Save dialog, then an atomic write. Null when the person cancels. */
  async function saveAs(mapId: string, suggestedName: string): Promise<Envelope<{ path: string } | null>> {
    const name = suggestedFileName(suggestedName);
    const dir = defaultDir();
    const options = {
      title: 'Save as .journey',
      defaultPath: dir ? path.join(dir, name) : name,
      filters: [JOURNEY_FILTER],
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const win = parent();
    const answer = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (answer.canceled || !answer.filePath) return { ok: true, value: null };
    let dest = answer.filePath;
    if (!dest.toLowerCase().endsWith(JOURNEY_EXTENSION)) {
      dest += JOURNEY_EXTENSION;
      // The dialog asked about overwriting the name typed, not this one.
      if (fs.existsSync(dest)) {
        const { response } = await messageBox({
          type: 'question',
          title: 'Journeyboard',
          message: `“${path.basename(dest)}” already exists`,
          detail: 'Replacing it overwrites the file with this map.',
          buttons: ['Replace', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          noLink: true,
        });
        if (response !== 0) return { ok: true, value: null };
      }
    }
    const core = deps.core();
    if (!core)
      return {
        ok: false,
        error: { code: 'internal', message: 'Journeyboard is shutting down. Start it again and retry.' },
      };
    const result = await core.exportJourney(mapId, dest);
    if (result.ok) {
      lastDir = path.dirname(dest);
      deps.fileUsed?.(dest);
    }
    return result;
  }

  /** Binds Save as to IPC: only our window's top frame, showing our page, may ask. */
  function bind(isOurContents: (contents: WebContents) => boolean): void {
    ipcMain.handle(
      CHANNELS.saveJourneyAs,
      async (event, mapId: unknown, suggestedName: unknown): Promise<Envelope<{ path: string } | null>> => {
        if (!isTrustedSender(event, isOurContents)) {
          console.warn(
            `Journeyboard: refused a Save as from an unexpected sender (${event.senderFrame?.url ?? 'unknown frame'}).`,
          );
          return { ok: false, error: { code: 'unauthorized', message: 'Only the Journeyboard window may save maps.' } };
        }
        const problem = saveAsInputProblem(mapId, suggestedName);
        if (problem) return { ok: false, error: { code: 'invalid_input', message: problem } };
        try {
          return await saveAs(mapId as string, suggestedName as string);
        } catch (err) {
          console.error('Journeyboard: Save as failed:', err);
          return {
            ok: false,
            error: { code: 'internal', message: 'The map could not be saved; nothing was written. Try again.' },
          };
        }
      },
    );
  }

  return { open, storeOpened, openWithDialog, bind };
}
