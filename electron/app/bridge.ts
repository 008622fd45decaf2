// The one declaration of what the preload exposes as `window.journeyboard`, and the IPC channel
// names main and preload share. No 'electron' import: main, preload and tests all use it.

export const CHANNELS = {
  /** renderer -> main, invoke: (method: string, input: unknown) => Envelope<unknown> */
  invoke: 'journeyboard:invoke',
  /** main -> renderer: a MenuAction id chosen in the native menu */
  menu: 'journeyboard:menu',
  /** main -> renderer: the id of a map main has just imported from a file, to show it */
  mapOpened: 'journeyboard:map-opened',
  /** renderer -> main, invoke: (mapId: string, suggestedName: string) => Envelope<{ path } | null> */
  saveJourneyAs: 'journeyboard:save-journey-as',
  /** main -> every window: a StoreChange `{mapId, revision}` after each committed write */
  storeChanged: 'journeyboard:store-changed',
  /** renderer -> main, invoke: (mapId: string) => Envelope<null>; opens the room view window */
  openRoomView: 'journeyboard:open-room-view',
} as const;

export type { JourneyboardBridge } from '../../shared/bridge';
