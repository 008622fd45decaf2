// The frame's DOM buttons keep clear of what they sit beside (walkthrough, session 23): "+ Stage"
// at any zoom stays off the stage headers (far out it sat against them), and on an empty map
// "+ Add a stage" never covers the empty-board hint's text.
import { afterEach, describe, expect, test } from 'vitest';
import { act } from 'react';
import type { JourneyMap, Lane, Stage } from '../../../shared/domain';
import { FRAME_ORIGIN } from '../../../shared/journey';
import { ADD_STAGE_GAP_PX } from '../../../renderer/board/FrameOverlay';
import { liveStages, makeMap, mount, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

const stage = (id: string, position: number): Stage => ({ id, mapId: 'm1', name: `Stage ${id}`, description: '', position, emotion: null, goal: '', expectations: '' });
const lane = (id: string, position: number, kind: Lane['kind']): Lane => ({ id, mapId: 'm1', name: `Lane ${id}`, kind, position, collapsed: false });

function journey(stages: Stage[]): JourneyMap {
  return { ...makeMap([]), stages, lanes: [lane('act', 0, 'actions'), lane('emo', 1, 'emotions')] };
}

const boxOf = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('frame buttons', () => {
  test('"+ Stage" stays clear of the stage headers at every zoom', async () => {
    const { c } = await mount(journey([stage('s1', 0), stage('s2', 1), stage('s3', 2)]));
    for (const zoom of [1, 0.5, 0.22, 0.12, 0.08, 0.05]) {
      act(() => c.setCamera({ x: -40, y: -40, zoom }));
      const add = boxOf('[data-testid="frame-add-stage"]');
      const headers = [...document.querySelectorAll('[aria-label^="Stage: "]')].map((h) => h.getBoundingClientRect());
      expect(headers).toHaveLength(3);
      for (const h of headers) expect(overlaps(add, h), `at ${zoom * 100} %`).toBe(false);
      const last = headers.reduce((a, b) => (b.right > a.right ? b : a));
      expect(add.left - last.right, `gap at ${zoom * 100} %`).toBeGreaterThanOrEqual(ADD_STAGE_GAP_PX - 0.5);
    }
  });

  test('on an empty map "+ Add a stage" sits under the empty-board hint\'s text, wherever the camera is', async () => {
    const { c } = await mount(journey([]));
    // The frame's origin (where the buttons were) at the middle of the view (the hint's text), and elsewhere.
    const o = FRAME_ORIGIN;
    for (const camera of [{ x: o.x - 450, y: o.y - 345, zoom: 1 }, { x: o.x - 300, y: o.y - 350, zoom: 1 }, { x: 0, y: 0, zoom: 1 }, { x: o.x - 900, y: o.y - 690, zoom: 0.5 }]) {
      act(() => c.setCamera(camera));
      const add = document.querySelectorAll('[data-testid="frame-add-stage"]');
      expect(add).toHaveLength(1);
      const hint = document.querySelector('[data-testid="board-empty-hint"]')!;
      const button = add[0]!.getBoundingClientRect();
      // Every line of the hint's text (its words and keys), outside the button.
      const range = document.createRange();
      const walker = document.createTreeWalker(hint, NodeFilter.SHOW_TEXT);
      let lines = 0;
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (add[0]!.contains(t) || !t.textContent!.trim()) continue;
        range.selectNodeContents(t);
        for (const r of range.getClientRects()) {
          lines++;
          expect(overlaps(button, r), `"${t.textContent}"`).toBe(false);
        }
      }
      expect(lines).toBeGreaterThan(3);
    }
  });
});
