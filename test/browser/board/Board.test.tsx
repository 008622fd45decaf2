import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { NOTE_COLORS } from '../../../shared/domain';
import { drag, key, liveStages, makeMap, mount, note, pointer, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

const sample = () =>
  makeMap(
    NOTE_COLORS.map((color, i) =>
      note(`n${i}`, 60 + (i % 4) * 190, 90 + Math.floor(i / 4) * 190, {
        color,
        text: i === 0 ? 'Customer cannot find the booking link on mobile' : i === 3 ? 'Wait' : `Idea ${i}: follow up by email within a day`,
      }),
    ),
  );

describe('Board', () => {
  test('draws the notes in view and exposes the test hook', async () => {
    const { c } = await mount(sample());
    const hook = (window as unknown as { __journeyboardBoard: { noteCount(): number; visibleCount(): number; drawnCount(): number } }).__journeyboardBoard;
    expect(hook.noteCount()).toBe(8);
    await c.nextFrame();
    expect(hook.visibleCount()).toBe(8);
    expect(hook.drawnCount()).toBe(8);
    if (import.meta.env.VITE_BOARD_SCREENSHOT) {
      c.setSelection(['n1']);
      await c.nextFrame();
      await page.screenshot({ path: 'board-shot.png' });
    }
  });
});

export { drag, key, pointer, userEvent };
