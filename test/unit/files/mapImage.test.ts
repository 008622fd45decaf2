import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import { FRAME_ORIGIN } from '../../../shared/journey';
import { IMAGE_LIMITS, planImage, sceneBounds, sceneOf } from '../../../renderer/files/mapImage';
import { goldenMap } from '../export/fixture';
import { roomScoredMap } from '../export/roomFixture';

describe('the map as a picture', () => {
  it('lays notes out in their cells as the board does, and leaves free notes where they are', () => {
    const scene = sceneOf(goldenMap);
    expect(scene.frame).not.toBeNull();
    const byId = new Map(scene.notes.map((n) => [n.id, n]));
    // Cell notes were stored at 0,0: the picture puts them inside their cells, right of the lane headers.
    const placed = byId.get('n1')!;
    const cell = scene.frame!.cells.find((c) => c.stageId === 's1' && c.laneId === 'l1')!;
    expect(placed.x).toBeGreaterThanOrEqual(cell.rect.x);
    expect(placed.y).toBeGreaterThanOrEqual(cell.rect.y);
    expect(placed.x + placed.width).toBeLessThanOrEqual(cell.rect.x + cell.rect.width);
    expect(byId.get('n5')).toMatchObject({ x: 900, y: 900 });
    // Stage s2's emotion was set by the facilitator: the picture shows that score.
    expect(scene.emotions.find((e) => e.stageId === 's2')).toMatchObject({ score: -2, manual: true });
  });

  it('takes the room\'s scores as the board does: the mean where not set by hand, and the band of their spread', () => {
    const scene = sceneOf(roomScoredMap());
    expect(scene.emotions.map((e) => [e.source, e.room?.n])).toEqual([
      ['room', 7],
      ['manual', 2],
    ]);
    expect(scene.curve!.bands.map((b) => b.stageIds)).toEqual([['s1', 's2']]);
  });

  it('hides the notes of a collapsed lane, as the board does', () => {
    const map: JourneyMap = {
      ...goldenMap,
      lanes: goldenMap.lanes.map((l) => (l.id === 'l2' ? { ...l, collapsed: true } : l)),
    };
    const ids = sceneOf(map)
      .notes.map((n) => n.id)
      .sort();
    expect(ids).toEqual(['n1', 'n4', 'n5']);
  });

  it('the whole map reaches from the frame to the farthest note, with a margin', () => {
    const bounds = sceneBounds(sceneOf(goldenMap))!;
    expect(bounds.x).toBeLessThan(FRAME_ORIGIN.x);
    expect(bounds.y).toBeLessThan(FRAME_ORIGIN.y);
    expect(bounds.x + bounds.width).toBeGreaterThan(900 + 160);
    expect(bounds.y + bounds.height).toBeGreaterThan(900 + 160);
    const empty: JourneyMap = { ...goldenMap, stages: [], notes: [] };
    expect(sceneBounds(sceneOf(empty))).toBeNull();
  });

  it('sizes an image at the scale asked, and lowers the scale only when the image would be too big', () => {
    const rect = { x: -100, y: 50, width: 2000, height: 1000 };
    expect(planImage(rect, 3)).toEqual({ rect, scale: 3, width: 6000, height: 3000, loweredFrom: null });
    const huge = { x: 0, y: 0, width: 40_000, height: 5_000 };
    const plan = planImage(huge, 2);
    expect(plan.loweredFrom).toBe(2);
    expect(plan.width).toBeLessThanOrEqual(IMAGE_LIMITS.maxSide);
    expect(plan.width * plan.height).toBeLessThanOrEqual(IMAGE_LIMITS.maxPixels);
    expect(plan.scale).toBeCloseTo(Math.min(IMAGE_LIMITS.maxSide / 40_000, Math.sqrt(IMAGE_LIMITS.maxPixels / (40_000 * 5_000))), 3);
    const square = planImage({ x: 0, y: 0, width: 12_000, height: 12_000 }, 1);
    expect(square.width * square.height).toBeLessThanOrEqual(IMAGE_LIMITS.maxPixels);
    expect(() => planImage({ x: 0, y: 0, width: 0, height: 10 }, 1)).toThrow(/nothing to draw/);
  });
});
