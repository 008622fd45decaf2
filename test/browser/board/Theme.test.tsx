import Konva from 'konva';
import { act } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import type { JourneyMap, Lane, Stage } from '../../../shared/domain';
import { setTheme } from '../../../renderer/styles/theme';
import { blankMap } from '../../fixtures/maps';
import { mount, unmountCurrent } from './harness';

afterEach(() => {
  act(() => setTheme('system'));
  unmountCurrent();
});

const stage = (id: string, position: number): Stage => ({ id, mapId: 'm1', name: `Stage ${id}`, description: '', position, emotion: null, goal: '', expectations: '' });
const lane = (id: string, position: number, kind: Lane['kind']): Lane => ({ id, mapId: 'm1', name: `Lane ${id}`, kind, position, collapsed: false });
const journey: JourneyMap = {
  ...blankMap(),
  id: 'm1',
  title: 'Journey',
  createdAt: 0,
  updatedAt: 0,
  camera: { x: -20, y: -20, zoom: 0.5 },
  personaId: null,
  participants: [],
  rounds: [],
  votes: [],
  metrics: [],
  personas: [],
  stages: [stage('s1', 0), stage('s2', 1)],
  lanes: [lane('act', 0, 'custom'), lane('emo', 1, 'emotions')],
  notes: [],
};

/** RGB of the frame layer where it shows at a point of the stage. */
function frameRgb(x: number, y: number): [number, number, number] {
  const s = Konva.stages[Konva.stages.length - 1]!;
  const layer = s.findOne<Konva.Layer>('.frame')!;
  const canvas = layer.getCanvas();
  const stageBox = s.content.getBoundingClientRect();
  const box = canvas._canvas.getBoundingClientRect();
  const ratio = canvas.getPixelRatio();
  const d = layer.getContext()._context.getImageData(Math.round((x + stageBox.left - box.left) * ratio), Math.round((y + stageBox.top - box.top) * ratio), 1, 1).data;
  return [d[0]!, d[1]!, d[2]!];
}
const brightness = ([r, g, b]: [number, number, number]) => (r + g + b) / 3;
const bgOf = (testId: string) => getComputedStyle(document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!).backgroundColor;

describe('the board follows the theme', () => {
  test('dark: the canvas background, grid, frame cells and minimap turn dark; light again restores them', async () => {
    act(() => setTheme('light'));
    const { c } = await mount(journey);
    await c.nextFrame();
    // A cell of the frame: board (300, 200) is on screen at (160, 110).
    const lightCell = frameRgb(160, 110);
    const lightBoard = bgOf('board');
    expect(brightness(lightCell)).toBeGreaterThan(200);
    expect(lightBoard).toBe('rgb(246, 247, 249)');
    expect(bgOf('minimap')).toBe('rgb(255, 255, 255)');

    act(() => setTheme('dark'));
    await c.nextFrame();
    await c.nextFrame();
    expect(bgOf('board')).toBe('rgb(21, 23, 27)');
    expect(bgOf('minimap')).toBe('rgb(30, 33, 39)');
    await expect.poll(() => brightness(frameRgb(160, 110))).toBeLessThan(60);

    act(() => setTheme('light'));
    await c.nextFrame();
    await expect.poll(() => frameRgb(160, 110)).toEqual(lightCell);
    expect(bgOf('board')).toBe(lightBoard);
  });
});
