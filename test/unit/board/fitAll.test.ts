import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../shared/domain';
import { FRAME_BELOW_GAP, LANE_BUTTON_PX, ADD_STAGE_PX, fitAllCamera } from '../../../shared/board/fit';
import { emotionCurve, layoutFrame, type FrameLayout } from '../../../shared/journey';
import { lanes, notesIn, stages } from '../journey/fixtures';

const MINIMAP = { width: 230, height: 170 };

function frameOf(stageCount: number, laneCount: number, notesPerCell = 0): FrameLayout {
  const notes = notesPerCell ? stages(stageCount).flatMap((s) => notesIn(s.id, 'l0', notesPerCell)) : [];
  return layoutFrame({ origin: { x: 0, y: 0 }, stages: stages(stageCount), lanes: lanes(laneCount, [], 4), notes });
}

/** Where a board point shows on screen. */
const onScreen = (c: Camera, x: number, y: number) => ({ x: (x - c.x) * c.zoom, y: (y - c.y) * c.zoom });

/** Everything the board draws for the frame, in screen pixels, for a camera: the frame, "+ Stage" beside its header, the metrics row under "+ Lane". */
function drawnBox(c: Camera, f: FrameLayout, metricsRowHeight: number) {
  const topLeft = onScreen(c, f.rect.x, f.rect.y);
  const frameRight = onScreen(c, f.rect.x + f.rect.width + 16, 0).x + ADD_STAGE_PX;
  const metricsBottom = onScreen(c, 0, f.rect.y + f.rect.height + FRAME_BELOW_GAP + metricsRowHeight).y + LANE_BUTTON_PX;
  return { left: topLeft.x, top: topLeft.y, right: frameRight, bottom: metricsBottom };
}

describe('fit all', () => {
  const viewports = [
    { width: 1280, height: 800 },
    { width: 1600, height: 900 },
    { width: 900, height: 700 },
    { width: 1024, height: 560 },
  ];
  const frames = [
    ['3 stages x 7 lanes', frameOf(3, 7)],
    ['8 stages x 7 lanes, full cells', frameOf(8, 7, 6)],
    ['2 stages x 3 lanes', frameOf(2, 5)],
  ] as const;

  for (const viewport of viewports) {
    for (const [name, frame] of frames) {
      for (const metricsRowHeight of [64, 120, 190]) {
        it(`shows the whole frame and its metrics row (${metricsRowHeight} high) with a margin: ${name} in ${viewport.width}x${viewport.height}`, () => {
          const camera = fitAllCamera({ notes: null, frame, curve: null, metricsRowHeight, viewport, corner: MINIMAP });
          const box = drawnBox(camera, frame, metricsRowHeight);
          expect(box.left).toBeGreaterThanOrEqual(24);
          expect(box.top).toBeGreaterThanOrEqual(24);
          expect(box.right).toBeLessThanOrEqual(viewport.width - 24);
          expect(box.bottom).toBeLessThanOrEqual(viewport.height - 24);
          // Clear of the minimap: either the row ends above it or the frame ends left of it.
          const clear = box.bottom <= viewport.height - MINIMAP.height || box.right <= viewport.width - MINIMAP.width;
          expect(clear).toBe(true);
        });
      }
    }
  }

  it('keeps the emotion curve and the room band in view', () => {
    const frame = frameOf(4, 7);
    const curve = emotionCurve(frame, [
      { stageId: 's0', score: 2, manual: true, count: 0, room: null },
      { stageId: 's1', score: -2, manual: false, count: 0, room: null },
    ] as never);
    const viewport = { width: 1280, height: 800 };
    const camera = fitAllCamera({ notes: null, frame, curve, metricsRowHeight: 64, viewport, corner: MINIMAP });
    for (const p of curve!.points) {
      const s = onScreen(camera, p.x, p.y);
      expect(s.y).toBeGreaterThan(0);
      expect(s.y).toBeLessThan(viewport.height);
    }
  });

  it('fits notes beside the frame too, and the board with no frame', () => {
    const frame = frameOf(3, 7);
    const viewport = { width: 1280, height: 800 };
    const notes = { x: frame.rect.x + frame.rect.width + 400, y: 0, width: 800, height: 400 };
    const camera = fitAllCamera({ notes, frame, metricsRowHeight: 64, viewport, corner: MINIMAP });
    expect(onScreen(camera, notes.x + notes.width, 0).x).toBeLessThanOrEqual(viewport.width);
    expect(drawnBox(camera, frame, 64).bottom).toBeLessThanOrEqual(viewport.height - 24);
    const alone = fitAllCamera({ notes, frame: null, viewport });
    expect(onScreen(alone, notes.x, notes.y).x).toBeGreaterThanOrEqual(0);
    expect(fitAllCamera({ notes: null, frame: null, viewport }).zoom).toBe(1);
  });
});
