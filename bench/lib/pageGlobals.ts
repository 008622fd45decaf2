// What the bench finds on `window` in the pages it drives.
import type { Camera } from '../../shared/domain';

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

/** The test hook Journeyboard's board exposes (renderer/board/README.md). */
export interface JourneyboardBoardHook {
  setCamera(camera: Camera): void;
  getCamera(): Camera;
  fitAll(): void;
  noteCount(): number;
  visibleCount(): number;
  drawnCount(): number;
  ready: Promise<void>;
}

declare global {
  interface Window {
    __journeyboardBoard?: JourneyboardBoardHook;
    /** Set by the tldraw page; Journeyboard's camera is reached through __journeyboardBoard. */
    __benchCamera?: { get(): Camera; set(camera: Camera): void };
    /** ./frameMeter.browser.js */
    __benchMeter: {
      afterFrame(cb: (now: number) => void): void;
      untilFrame(check: () => boolean, timeoutMs: number): Promise<number>;
      pan(args: PanArgs): Promise<PanResult>;
      getCamera(): Camera;
      setCamera(camera: Camera): void;
    };
  }
}
