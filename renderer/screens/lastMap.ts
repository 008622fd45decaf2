// The desktop app reopens the map that was open when it last closed. Web mode does not need this:
// the open map is in its address. Remembered in the page's storage (app://journeyboard/ persists).
const LAST_MAP_KEY = 'journeyboard.lastMap';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function lastOpenMap(storage: Store | undefined = globalThis.localStorage): string | null {
  try {
    return storage?.getItem(LAST_MAP_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Remembers the open map, or that none is open (back on the home screen). */
export function rememberOpenMap(mapId: string | null, storage: Store | undefined = globalThis.localStorage): void {
  try {
    if (mapId) storage?.setItem(LAST_MAP_KEY, mapId);
    else storage?.removeItem(LAST_MAP_KEY);
  } catch {
    // Storage switched off: the app starts on the home screen next time.
  }
}
