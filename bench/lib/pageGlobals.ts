// What the bench finds on `window` in the pages it drives.
import type { Camera } from '../../shared/domain';
import type { BoardTestHook } from '../../renderer/board/BoardController';

export interface PanArgs {
  dx: number;
  dy: number;
  warmupMs: number;
  durationMs: number;
  reverseEvery: number;
}

export interface PanResult {
  /** Frame start times (rAF timestamps, ms) of the measured frames. */
  starts: number[];
  /** Main-thread work of each measured frame, ms. */
  work: number[];
  camera: Camera;
}

declare global {
  interface Window {
    /** Journeyboard's board test hook (renderer/board/README.md); Board.tsx declares it the same way. */
    __journeyboardBoard?: BoardTestHook;
    /** Set by the tldraw page; Journeyboard's camera is reached through __journeyboardBoard. */
    __benchCamera?: { get(): Camera; set(camera: Camera): void; viewport(): { width: number; height: number } };
    /** ./frameMeter.browser.js */
    __benchMeter: {
      afterFrame(cb: (now: number) => void): void;
      untilFrame(check: () => boolean, timeoutMs: number): Promise<number>;
      pan(args: PanArgs): Promise<PanResult>;
      getCamera(): Camera;
      setCamera(camera: Camera): void;
      viewport(): { width: number; height: number };
    };
  }
}
