// Runs sandboxed before the renderer: exposes exactly JourneyboardBridge (bridge.ts) and nothing
// of ipcRenderer itself. Bundled to dist/electron/preload.cjs by scripts/buildMain.mjs.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMenuAction, type MenuAction } from '../../shared/menuActions';
import type { Envelope } from '../../shared/errors';
import { CHANNELS, type JourneyboardBridge } from './bridge';

const openFileListeners = new Set<(path: string) => void>();
// Files the OS handed us before the renderer subscribed (e.g. a double-clicked .journey at launch).
const pendingFiles: string[] = [];

ipcRenderer.on(CHANNELS.openFile, (_event: IpcRendererEvent, filePath: unknown) => {
  if (typeof filePath !== 'string') return;
  if (openFileListeners.size === 0) pendingFiles.push(filePath);
  for (const listener of openFileListeners) listener(filePath);
});

const bridge: JourneyboardBridge = {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
    return ipcRenderer.invoke(CHANNELS.invoke, String(method), input) as Promise<Envelope<unknown>>;
  },
  onMenuAction(cb: (action: MenuAction) => void): () => void {
    // Never hand the renderer the IpcRendererEvent: it would expose ipcRenderer itself.
    const listener = (_event: IpcRendererEvent, action: unknown) => {
      if (isMenuAction(action)) cb(action);
    };
    ipcRenderer.on(CHANNELS.menu, listener);
    return () => {
      ipcRenderer.removeListener(CHANNELS.menu, listener);
    };
  },
  onOpenFile(cb: (path: string) => void): () => void {
    openFileListeners.add(cb);
    for (const filePath of pendingFiles.splice(0)) cb(filePath);
    return () => {
      openFileListeners.delete(cb);
    };
  },
};

contextBridge.exposeInMainWorld('journeyboard', bridge);
