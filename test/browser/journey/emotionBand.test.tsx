import { afterEach, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import Konva from 'konva';
import { EMOTION_BAND_CAP, emotionCurve, emotionY, layoutFrame, mapStageEmotions, type FrameLayout, type RoomScore } from '../../../shared/journey';
import type { JourneyMap } from '../../../shared/domain';
import { drawCurveOnTop, drawFrame, FRAME_THEME, FRAME_THEME_DARK, type FrameContext } from '../../../renderer/journey/drawFrame';
import { sampleMap } from './sampleMap';

afterEach(() => {
  for (const s of [...Konva.stages]) s.destroy();
  document.querySelectorAll('[data-test-host]').forEach((el) => el.remove());
});

const frameOf = (map: JourneyMap): FrameLayout => layoutFrame({ origin: { x: 40, y: 40 }, stages: map.stages, lanes: map.lanes, notes: map.notes });
const scores = (stageId: string, ...list: number[]): RoomScore[] => list.map((score, i) => ({ stageId, participantId: `p${i}`, score }));

/**
 * The sample map with room scores: stage 1 (Choose) by 7 people (band = middle half -1..+0.5),
 * stage 2 (Checkout) by 3 (band = range -2..0); stage 0 set by hand, stages 3 and 4 not scored by the room.
 */
function scoredMap() {
  const map = sampleMap({ emotion: { 0: 1 } });
  const room = [...scores('s1', 1, -1, 0, -2, 1, 0, -1), ...scores('s2', -2, -1, 0)];
  const layout = frameOf(map);
  const emotions = mapStageEmotions(map.stages, map.notes, room);
  return { map, layout, emotions, curve: emotionCurve(layout, emotions)! };
}

interface Call {
  name: string;
  args: unknown[];
  fill: unknown;
  stroke: unknown;
}

function recorder(): { ctx: FrameContext & { lineCap: CanvasLineCap }; calls: Call[] } {
  const calls: Call[] = [];
  const state: Record<string, unknown> = { font: '10px sans-serif' };
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'measureText') return (t: string) => ({ width: t.length * 7 }) as TextMetrics;
      if (prop === 'createLinearGradient') return () => ({ addColorStop() {} }) as unknown as CanvasGradient;
      return (...args: unknown[]) => calls.push({ name: prop, args, fill: target.fillStyle, stroke: target.strokeStyle });
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    },
  }) as unknown as FrameContext & { lineCap: CanvasLineCap };
  return { ctx, calls };
}

/** The points a path passes through (moveTo, lineTo, bezier ends) between each beginPath and the fill with `style`. */
function shapesFilledWith(calls: Call[], style: string): { x: number; y: number }[][] {
  const out: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  for (const c of calls) {
    if (c.name === 'beginPath') current = [];
    else if (c.name === 'moveTo' || c.name === 'lineTo') current.push({ x: c.args[0] as number, y: c.args[1] as number });
    else if (c.name === 'bezierCurveTo') current.push({ x: c.args[4] as number, y: c.args[5] as number });
    else if (c.name === 'fill' && c.fill === style) out.push(current);
  }
  return out;
}

const bounds = (pts: { x: number; y: number }[]) => ({
  left: Math.min(...pts.map((p) => p.x)),
  right: Math.max(...pts.map((p) => p.x)),
  top: Math.min(...pts.map((p) => p.y)),
  bottom: Math.max(...pts.map((p) => p.y)),
});

describe('the room band around the emotion curve', () => {
  test('is one translucent shape over the neighbouring stages the room scored, from the low to the high score, with n under each point', () => {
    const { map, layout, emotions, curve } = scoredMap();
    const { ctx, calls } = recorder();
    drawFrame(ctx, layout, emotions, { stages: map.stages, lanes: map.lanes, curve });
    const bands = shapesFilledWith(calls, FRAME_THEME.band);
    expect(bands).toHaveLength(1);
    const b = bounds(bands[0]!);
    const [c1, c2] = [layout.columns[1]!, layout.columns[2]!];
    const cap = Math.min(EMOTION_BAND_CAP, c1.width / 4);
    const y = (s: number) => emotionY(s, curve.top, curve.bottom);
    expect(b.left).toBeCloseTo(c1.x + c1.width / 2 - cap);
    expect(b.right).toBeCloseTo(c2.x + c2.width / 2 + cap);
    // Highest edge: stage 1's upper quartile (+0.5); lowest: stage 2's minimum (-2).
    expect(b.top).toBeCloseTo(y(0.5));
    expect(b.bottom).toBeCloseTo(y(-2));
    // At stage 1's column the band spans its middle half; at stage 2's, its whole range.
    expect(bands[0]).toContainEqual({ x: c1.x + c1.width / 2, y: y(0.5) });
    expect(bands[0]).toContainEqual({ x: c1.x + c1.width / 2, y: y(-1) });
    expect(bands[0]).toContainEqual({ x: c2.x + c2.width / 2, y: y(0) });
    expect(bands[0]).toContainEqual({ x: c2.x + c2.width / 2, y: y(-2) });
    const labels = calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(labels).toContain('−0.3 · n = 7');
    expect(labels).toContain('−1 · n = 3');
    expect(labels).toContain('+1 · set');
    // The edges again over the notes (no fill there).
    const top = recorder();
    drawCurveOnTop(top.ctx, layout, curve, emotions, 1);
    expect(shapesFilledWith(top.calls, FRAME_THEME.band)).toHaveLength(0);
    expect(top.calls.filter((c) => c.name === 'stroke' && c.stroke === FRAME_THEME.bandEdge)).toHaveLength(1);
  });

  test('a facilitator who overrules the room keeps the room\'s band and n; a map with no room scores draws no band', () => {
    const map = sampleMap({ emotion: { 1: 2 } });
    const layout = frameOf(map);
    const emotions = mapStageEmotions(map.stages, map.notes, scores('s1', -2, -1));
    const curve = emotionCurve(layout, emotions)!;
    expect(curve.points.find((p) => p.stageId === 's1')!.score).toBe(2);
    const { ctx, calls } = recorder();
    drawFrame(ctx, layout, emotions, { stages: map.stages, lanes: map.lanes, curve, dark: true });
    const bands = shapesFilledWith(calls, FRAME_THEME_DARK.band);
    expect(bands).toHaveLength(1);
    expect(bounds(bands[0]!).top).toBeCloseTo(emotionY(-1, curve.top, curve.bottom));
    expect(calls.some((c) => c.name === 'fillText' && c.args[0] === '+2 · set · n = 2')).toBe(true);

    const plain = recorder();
    const none = mapStageEmotions(map.stages, map.notes);
    drawFrame(plain.ctx, layout, none, { stages: map.stages, lanes: map.lanes });
    expect(shapesFilledWith(plain.calls, FRAME_THEME.band)).toHaveLength(0);
  });

  for (const dark of [false, true]) {
    test(`paints the band on a real Konva layer, tinted inside and not outside (${dark ? 'dark' : 'light'} theme)`, async () => {
      const { map, layout, emotions, curve } = scoredMap();
      const host = document.createElement('div');
      host.dataset.testHost = '';
      host.style.cssText = 'position:fixed;left:0;top:0;width:1280px;height:800px';
      document.body.appendChild(host);
      const zoom = Math.min(1240 / (layout.rect.width + 80), 780 / (layout.rect.height + 80));
      const stage = new Konva.Stage({ container: host, width: 1280, height: 800, scaleX: zoom, scaleY: zoom });
      const layer = new Konva.Layer({ listening: false });
      let bands = true;
      layer.add(
        new Konva.Shape({
          listening: false,
          sceneFunc: (ctx) => drawFrame(ctx, layout, emotions, { stages: map.stages, lanes: map.lanes, scale: stage.scaleX(), curve: bands ? curve : { ...curve, bands: [] }, dark }),
        }),
      );
      stage.add(layer);
      layer.draw();
      const canvas = layer.getNativeCanvasElement();
      const ratio = canvas.width / 1280;
      const rgb = (x: number, y: number) => [...canvas.getContext('2d')!.getImageData(Math.round(x * zoom * ratio), Math.round(y * zoom * ratio), 1, 1).data.slice(0, 3)];
      const y = (s: number) => emotionY(s, curve.top, curve.bottom);
      // Inside the band left of stage 2's column centre, between its range's ends, clear of the face and label;
      // outside it at stage 4's column (no room scores), at the same height.
      const c2 = layout.columns[2]!;
      const c4 = layout.columns[4]!;
      const inside = { x: c2.x + c2.width / 2 - 60, y: y(-1.5) };
      const above = { x: c2.x + c2.width / 2 - 60, y: y(1.5) };
      const outside = { x: c4.x + c4.width / 2 - 60, y: y(-1.5) };
      const withBand = { inside: rgb(inside.x, inside.y), above: rgb(above.x, above.y), outside: rgb(outside.x, outside.y) };
      bands = false;
      layer.draw();
      const without = { inside: rgb(inside.x, inside.y), above: rgb(above.x, above.y), outside: rgb(outside.x, outside.y) };
      expect(withBand.inside).not.toEqual(without.inside);
      expect(withBand.above).toEqual(without.above);
      expect(withBand.outside).toEqual(without.outside);
      // The band is blue-ish: its tint moves the pixel toward the curve's colour.
      expect(withBand.inside[2]! - withBand.inside[0]!).toBeGreaterThan(without.inside[2]! - without.inside[0]!);
      if ((import.meta as { env?: Record<string, string | undefined> }).env?.VITE_JOURNEY_SCREENSHOT) {
        bands = true;
        const row = layout.rows.find((r) => r.kind === 'emotions')!;
        stage.scale({ x: 1, y: 1 });
        stage.position({ x: -layout.rect.x + 10, y: -row.y + 300 });
        layer.draw();
        await page.screenshot({ path: `shots/band-${dark ? 'dark' : 'light'}.png` });
      }
    });
  }
});
