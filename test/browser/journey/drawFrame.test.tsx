import { afterEach, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import Konva from 'konva';
import { emotionCurve, layoutFrame, stageEmotions, type FrameLayout } from '../../../shared/journey';
import type { JourneyMap } from '../../../shared/domain';
import { drawFrame, FRAME_THEME, type FrameContext } from '../../../renderer/journey/drawFrame';
import { drawChannelIcon } from '../../../renderer/journey/channelIcons';
import { FACE_FILL } from '../../../renderer/journey/faces';
import { sampleMap } from './sampleMap';

afterEach(() => {
  for (const s of [...Konva.stages]) s.destroy();
  document.querySelectorAll('[data-test-host]').forEach((el) => el.remove());
});

function frameOf(map: JourneyMap): FrameLayout {
  return layoutFrame({ origin: { x: 40, y: 40 }, stages: map.stages, lanes: map.lanes, notes: map.notes });
}

function emotionsOf(map: JourneyMap) {
  return stageEmotions(map.stages, map.notes, { manual: Object.fromEntries(map.stages.map((s) => [s.id, s.emotion])) });
}

interface Call {
  name: string;
  args: unknown[];
  font: string;
}

/** A context that draws nothing and records every call; text is 7 units per character. */
function recorder(): { ctx: FrameContext; calls: Call[] } {
  const calls: Call[] = [];
  const state: Record<string, unknown> = { font: '10px sans-serif' };
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'measureText') return (t: string) => ({ width: t.length * 7 }) as TextMetrics;
      if (prop === 'createLinearGradient') return () => ({ addColorStop() {} }) as unknown as CanvasGradient;
      return (...args: unknown[]) => calls.push({ name: prop, args, font: String(target.font) });
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    },
  }) as unknown as FrameContext;
  return { ctx, calls };
}

const texts = (calls: Call[]) => calls.filter((c) => c.name === 'fillText').map((c) => ({ text: c.args[0] as string, x: c.args[1] as number, y: c.args[2] as number }));
const inside = (p: { x: number; y: number }, r: { x: number; y: number; width: number; height: number }) =>
  p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;

describe('drawFrame', () => {
  test('draws each stage name in its header and each lane name in its header, where layoutFrame put them', () => {
    const map = sampleMap();
    const layout = frameOf(map);
    const { ctx, calls } = recorder();
    drawFrame(ctx, layout, emotionsOf(map), { stages: map.stages, lanes: map.lanes });
    const drawn = texts(calls);
    for (const col of layout.columns) {
      const stage = map.stages.find((s) => s.id === col.stageId)!;
      const name = drawn.find((t) => t.text === stage.name);
      expect(name, stage.name).toBeDefined();
      expect(inside(name!, col.header)).toBe(true);
      expect(drawn.some((t) => t.text === `STAGE ${col.index + 1}` && inside(t, col.header))).toBe(true);
    }
    for (const row of layout.rows) {
      const lane = map.lanes.find((l) => l.id === row.laneId)!;
      const name = drawn.find((t) => t.text === lane.name);
      expect(name, lane.name).toBeDefined();
      expect(inside(name!, row.header)).toBe(true);
    }
  });

  test('draws the emotion curve through the stage scores inside the Emotions row, with a face and a label at each', () => {
    const map = sampleMap({ emotion: { 0: 1 } });
    const layout = frameOf(map);
    const emotions = emotionsOf(map);
    const curve = emotionCurve(layout, emotions)!;
    const row = layout.rows.find((r) => r.kind === 'emotions')!;
    const { ctx, calls } = recorder();
    drawFrame(ctx, layout, emotions, { stages: map.stages, lanes: map.lanes });
    // Scores: stage 0 set to +1 by hand; the others are the mean sentiment of their notes.
    expect(curve.points.map((p) => p.score)).toEqual([1, -1, -2, 2, -1]);
    const ends = calls.filter((c) => c.name === 'bezierCurveTo').map((c) => ({ x: c.args[4] as number, y: c.args[5] as number }));
    for (const p of curve.points.slice(1)) {
      expect(ends).toContainEqual({ x: p.x, y: p.y });
      expect(inside(p, row.header.y === p.y ? row.header : { x: layout.rect.x, y: row.y, width: layout.rect.width, height: row.height })).toBe(true);
    }
    // One face (a full circle) centred on each point.
    const circles = calls.filter((c) => c.name === 'arc' && (c.args[2] as number) > 10);
    for (const p of curve.points) expect(circles.some((c) => c.args[0] === p.x && c.args[1] === p.y)).toBe(true);
    const labels = texts(calls).map((t) => t.text);
    expect(labels).toContain('+1 · set');
    expect(labels).toContain('−2 · avg of 2');
    expect(labels).toContain('+2 · avg of 1');
  });

  test('a collapsed lane is a strip with its name and how many notes it hides; a stage with no score says so', () => {
    const map = sampleMap({ collapsed: ['Pain points'] });
    map.notes = map.notes.filter((n) => n.stageId !== 's4' || n.sentiment === null);
    const layout = frameOf(map);
    const { ctx, calls } = recorder();
    drawFrame(ctx, layout, emotionsOf(map), { stages: map.stages, lanes: map.lanes });
    const row = layout.rows.find((r) => r.collapsed)!;
    const drawn = texts(calls);
    expect(drawn.some((t) => t.text === 'Pain points' && inside(t, row.header))).toBe(true);
    expect(drawn.some((t) => t.text === '2 notes' && inside(t, row.header))).toBe(true);
    const lastCol = layout.columns[4]!;
    expect(drawn.some((t) => t.text === 'No score yet' && t.x === lastCol.x + lastCol.width / 2)).toBe(true);
  });

  test('long names are cut with an ellipsis to fit their header', () => {
    const map = sampleMap();
    map.stages[0]!.name = 'A very long stage name that cannot possibly fit in one header line at all';
    const layout = frameOf(map);
    const { ctx, calls } = recorder();
    drawFrame(ctx, layout, [], { stages: map.stages, lanes: map.lanes });
    const name = texts(calls).find((t) => t.text.startsWith('A very long'))!;
    expect(name.text.endsWith('…')).toBe(true);
    expect(name.x + name.text.length * 7).toBeLessThanOrEqual(layout.columns[0]!.x + layout.columns[0]!.width);
  });

  test('highlights a hovered stage column, and draws an empty frame without failing', () => {
    const map = sampleMap();
    const layout = frameOf(map);
    const { ctx, calls } = recorder();
    const fills: { style: unknown; args: unknown[] }[] = [];
    const spy = new Proxy(ctx, {
      get(target, prop: string) {
        const v = (target as unknown as Record<string, unknown>)[prop];
        if (prop === 'fillRect') return (...args: unknown[]) => fills.push({ style: target.fillStyle, args });
        return v;
      },
      set(target, prop: string, value) {
        (target as unknown as Record<string, unknown>)[prop] = value;
        return true;
      },
    });
    drawFrame(spy, layout, [], { stages: map.stages, lanes: map.lanes, highlight: { type: 'stage', id: 's2' } });
    const col = layout.columns[2]!;
    expect(fills).toContainEqual({ style: FRAME_THEME.highlight, args: [col.x, layout.rect.y + layout.stageHeaderHeight, col.width, layout.rect.y + layout.rect.height - (layout.rect.y + layout.stageHeaderHeight)] });
    expect(calls.some((c) => c.name === 'bezierCurveTo')).toBe(false);

    const empty = layoutFrame({ origin: { x: 0, y: 0 }, stages: [], lanes: [], notes: [] });
    expect(() => drawFrame(recorder().ctx, empty, [], { stages: [], lanes: [] })).not.toThrow();
  });

  test('paints a real Konva layer: stage chevrons, row backgrounds and faces where the layout says', async () => {
    const map = sampleMap({ collapsed: ['Channels'], emotion: { 0: 1 } });
    const layout = frameOf(map);
    const emotions = emotionsOf(map);
    const curve = emotionCurve(layout, emotions)!;
    const host = document.createElement('div');
    host.dataset.testHost = '';
    host.style.cssText = 'position:fixed;left:0;top:0;width:1280px;height:800px;background:#f6f7f9';
    document.body.appendChild(host);
    const zoom = Math.min(1240 / (layout.rect.width + 80), 780 / (layout.rect.height + 80));
    const stage = new Konva.Stage({ container: host, width: 1280, height: 800, scaleX: zoom, scaleY: zoom });
    const layer = new Konva.Layer({ listening: false });
    layer.add(
      new Konva.Shape({
        listening: false,
        sceneFunc: (ctx) => {
          drawFrame(ctx, layout, emotions, { stages: map.stages, lanes: map.lanes, scale: stage.scaleX(), curve });
          // Channel icons at the top of the cell of the first note that has channels.
          const n = map.notes[0]!;
          const cell = layout.cells.find((c) => c.noteIds.includes(n.id))!;
          n.channels.forEach((ch, i) => drawChannelIcon(ctx, ch, cell.rect.x + 20 + i * 26, cell.rect.y + 20, 22, '#55565b'));
        },
      }),
    );
    stage.add(layer);
    layer.draw();
    const canvas = layer.getNativeCanvasElement();
    const ratio = canvas.width / 1280;
    const pixel = (x: number, y: number) => {
      const d = canvas.getContext('2d')!.getImageData(Math.round(x * zoom * ratio), Math.round(y * zoom * ratio), 1, 1).data;
      return `#${[d[0], d[1], d[2]].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
    };
    // Inside the second stage's chevron, away from its text.
    const h = layout.columns[1]!.header;
    expect(pixel(h.x + h.width - 40, h.y + h.height - 14)).toBe(FRAME_THEME.stageFill);
    // A face at each scored stage (its fill at the centre), by level.
    const colour = { [-2]: FACE_FILL[-2], [-1]: FACE_FILL[-1], 0: FACE_FILL[0], 1: FACE_FILL[1], 2: FACE_FILL[2] } as Record<number, string>;
    for (const p of curve.points) {
      const level = Math.sign(p.score) * Math.round(Math.abs(p.score));
      expect(pixel(p.x, p.y)).toBe(colour[level]);
    }
    // An empty cell of the Opportunities row shows that lane kind's soft background.
    const opp = layout.cells.find((c) => c.laneId === 'l6' && c.noteIds.length === 0)!;
    expect(pixel(opp.rect.x + opp.rect.width / 2, opp.rect.y + opp.rect.height / 2)).toBe('#f6fcf5');
    if ((import.meta as { env?: Record<string, string | undefined> }).env?.VITE_JOURNEY_SCREENSHOT) {
      await page.screenshot({ path: 'shots/frame.png' });
      // Close up, at 100%: the emotion row of the first stages.
      const row = layout.rows.find((r) => r.kind === 'emotions')!;
      stage.scale({ x: 1, y: 1 });
      stage.position({ x: -layout.rect.x + 10, y: -row.y + 500 });
      layer.draw();
      await page.screenshot({ path: 'shots/frame-100.png' });
    }
    stage.destroy();
    host.remove();
    expect(Konva.stages.length).toBe(0);
  });
});
