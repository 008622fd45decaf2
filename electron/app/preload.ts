// Runs sandboxed before the renderer: exposes exactly JourneyboardBridge (bridge.ts) and nothing
// of ipcRenderer itself. Bundled to dist/electron/preload.cjs by scripts/buildMain.mjs.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMenuAction, type MenuAction } from '../../shared/menuActions';
import type { StoreChange } from '../../shared/api';
import type { Envelope } from '../../shared/errors';
import { CHANNELS, type JourneyboardBridge } from './bridge';

const mapOpenedListeners = new Set<(mapId: string) => void>();
// Maps main imported before the renderer subscribed (e.g. a double-clicked .journey at launch).
const pendingMaps: string[] = [];

ipcRenderer.on(CHANNELS.mapOpened, (_event: IpcRendererEvent, mapId: unknown) => {
  if (typeof mapId !== 'string') return;
  if (mapOpenedListeners.size === 0) pendingMaps.push(mapId);
  for (const listener of mapOpenedListeners) listener(mapId);
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
  onMapOpened(cb: (mapId: string) => void): () => void {
    mapOpenedListeners.add(cb);
    for (const mapId of pendingMaps.splice(0)) cb(mapId);
    return () => {
      mapOpenedListeners.delete(cb);
    };
  },
  saveJourneyAs(mapId: string, suggestedName: string): Promise<Envelope<{ path: string } | null>> {
    return ipcRenderer.invoke(CHANNELS.saveJourneyAs, mapId, suggestedName) as Promise<Envelope<{ path: string } | null>>;
  },
  onStoreChange(cb: (change: StoreChange) => void): () => void {
    const listener = (_event: IpcRendererEvent, change: unknown) => {
      const c = change as Partial<StoreChange> | null;
      if (c && typeof c.mapId === 'string' && typeof c.revision === 'number') cb({ mapId: c.mapId, revision: c.revision });
    };
    ipcRenderer.on(CHANNELS.storeChanged, listener);
    return () => {
      ipcRenderer.removeListener(CHANNELS.storeChanged, listener);
    };
  },
  openRoomView(mapId: string): Promise<Envelope<null>> {
    return ipcRenderer.invoke(CHANNELS.openRoomView, String(mapId)) as Promise<Envelope<null>>;
  },
};

contextBridge.exposeInMainWorld('journeyboard', bridge);
