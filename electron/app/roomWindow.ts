// The room view's window for the projector (issue 13): the same hardened renderer as the
// facilitator's window at its `#/room/<mapId>` route, read-only (ipc.ts lets it call only the
// methods that read), placed by roomPlacement.ts: full screen on the second display when there
// is one. One room window at a time: asking again shows that map in it and brings it forward.
// It reads the store itself and follows it through the change broadcast, never the other window.
import { BrowserWindow, nativeTheme, screen, type WebContents } from 'electron';
import { APP_INDEX_URL } from './appProtocol';
import { roomHash, roomPlacement } from './roomPlacement';

export interface RoomWindows {
  /** Opens the room view of `mapId`, or shows that map in the one already open. */
  open(mapId: string, facilitator: BrowserWindow | null): void;
  /** True for the room window's contents. */
  isRoomContents(contents: WebContents): boolean;
  /** The room window's contents while it is open (for the change broadcast). */
  contents(): WebContents | null;
  /** Closes it (the facilitator's window closed). */
  close(): void;
}

export function createRoomWindows(preload: string): RoomWindows {
  let win: BrowserWindow | null = null;
  return {
    open(mapId, facilitator) {
      const url = `${APP_INDEX_URL}${roomHash(mapId)}`;
      if (win && !win.isDestroyed()) {
        void win.loadURL(url);
        win.show();
        win.focus();
        return;
      }
      const place = roomPlacement(screen.getAllDisplays(), screen.getPrimaryDisplay(), facilitator?.getNormalBounds() ?? null);
      const room = new BrowserWindow({
        ...place.bounds,
        title: 'Journeyboard – Room view',
        fullscreen: place.fullscreen,
        backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171b' : '#f6f7f9',
        show: false,
        autoHideMenuBar: true,
        webPreferences: {
          preload,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          navigateOnDragDrop: false,
          spellcheck: false,
        },
      });
      win = room;
      room.once('ready-to-show', () => room.show());
      room.on('closed', () => {
        if (win === room) win = null;
      });
      void room.loadURL(url);
    },
    contents() {
      return win && !win.isDestroyed() ? win.webContents : null;
    },
    isRoomContents(contents) {
      return win !== null && !win.isDestroyed() && contents.id === win.webContents.id;
    },
    close() {
      if (win && !win.isDestroyed()) win.close();
      win = null;
    },
  };
}
