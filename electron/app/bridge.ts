// The one declaration of what the preload exposes as `window.journeyboard`, and the IPC channel
// names main and preload share. No 'electron' import: main, preload and tests all use it.

export const CHANNELS = {
  /** renderer -> main, invoke: (method: string, input: unknown) => Envelope<unknown> */
  invoke: 'journeyboard:invoke',
  /** main -> renderer: a MenuAction id chosen in the native menu */
  menu: 'journeyboard:menu',
  /** main -> renderer: an absolute path to a .journey file the OS asked us to open */
  openFile: 'journeyboard:open-file',
} as const;

export type { JourneyboardBridge } from '../../shared/bridge';
