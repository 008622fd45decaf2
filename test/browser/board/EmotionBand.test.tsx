import { act } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { JourneyMap, Lane, Participant, Stage } from '../../../shared/domain';
import { emotionCurve, emotionY } from '../../../shared/journey';
import { blankMap } from '../../fixtures/maps';
import { fakeApi, liveStages, mount, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

const CAMERA = { x: -20, y: -20, zoom: 0.5 };
const stage = (id: string, position: number): Stage => ({ id, mapId: 'm1', name: `Stage ${id}`, description: '', position, emotion: null, goal: '', expectations: '' });
const lane = (id: string, position: number, kind: Lane['kind']): Lane => ({ id, mapId: 'm1', name: `Lane ${id}`, kind, position, collapsed: false });
const person = (id: string, position: number): Participant => ({ id, mapId: 'm1', name: `Person ${id}`, color: 'blue', position });
const score = (id: string, stageId: string, participantId: string, value: number) => ({ id, mapId: 'm1', stageId, participantId, score: value });

/** Three stages; the room scored s2 (-2 and 0), nobody s1 or s3. */
function journey(): JourneyMap {
  return {
    ...blankMap(),
    id: 'm1',
    title: 'Journey',
    camera: CAMERA,
    stages: [stage('s1', 0), stage('s2', 1), stage('s3', 2)],
    lanes: [lane('act', 0, 'actions'), lane('emo', 1, 'emotions')],
    participants: [person('p1', 0), person('p2', 1), person('p3', 2)],
    emotionScores: [score('e1', 's2', 'p1', -2), score('e2', 's2', 'p2', 0)],
  } as JourneyMap;
}

describe('room scores on the board', () => {
  test('the curve takes the room mean with its band and n, and follows scores added, changed and undone on the board', async () => {
    const api = fakeApi();
    api.respond = () => ({});
    const { c, canvas } = await mount(journey(), api);
    const byStage = () => Object.fromEntries(c.emotions.map((e) => [e.stageId, { score: e.score, n: e.room?.n ?? 0, source: e.source }]));
    expect(byStage()).toEqual({
      s1: { score: null, n: 0, source: null },
      s2: { score: -1, n: 2, source: 'room' },
      s3: { score: null, n: 0, source: null },
    });

    // The frame layer's pixels (the first canvas, which reaches past the view by a padding) at a board point.
    const frameCanvas = canvas.querySelector('canvas')!;
    const rgb = (x: number, y: number) => {
      const box = frameCanvas.getBoundingClientRect();
      const view = canvas.getBoundingClientRect();
      const k = frameCanvas.width / box.width;
      const px = ((x - CAMERA.x) * CAMERA.zoom + view.left - box.left) * k;
      const py = ((y - CAMERA.y) * CAMERA.zoom + view.top - box.top) * k;
      return [...frameCanvas.getContext('2d')!.getImageData(Math.round(px), Math.round(py), 1, 1).data.slice(0, 3)];
    };
    const frame = c.frame!;
    const curve = () => emotionCurve(frame, c.emotions)!;
    const y = (s: number) => emotionY(s, curve().top, curve().bottom);
    // Between s1's and s2's centres, 40 units left of their column line, at -1.5: no band while s1 has no room scores.
    const probe = { x: frame.columns[1]!.x - 40, y: y(-1.5) };
    await c.nextFrame();
    const before = rgb(probe.x, probe.y);
    expect(curve().bands.map((b) => b.stageIds)).toEqual([['s2']]);

    // Two people's scores of s1 enter the board's document: the band now runs from s1 to s2.
    c.commit('Room scores', [
      { type: 'emotionScore', op: 'create', id: 'e3', value: { stageId: 's1', participantId: 'p1', score: -2 } },
      { type: 'emotionScore', op: 'create', id: 'e4', value: { stageId: 's1', participantId: 'p3', score: 0 } },
    ]);
    expect(byStage().s1).toEqual({ score: -1, n: 2, source: 'room' });
    expect(curve().bands.map((b) => b.stageIds)).toEqual([['s1', 's2']]);
    await c.nextFrame();
    const after = rgb(probe.x, probe.y);
    expect(after).not.toEqual(before);
    expect(after[2]! - after[0]!).toBeGreaterThan(before[2]! - before[0]!);

    // A score replaced: the mean and the band follow; n stays.
    c.commit('Rescore', [{ type: 'emotionScore', op: 'update', id: 'e2', patch: { score: 2 } }]);
    expect(byStage().s2).toEqual({ score: 0, n: 2, source: 'room' });

    // Undo both: s1 has no room scores again and the band is gone from between the columns.
    c.undo();
    c.undo();
    expect(byStage().s1).toEqual({ score: null, n: 0, source: null });
    await c.nextFrame();
    expect(rgb(probe.x, probe.y)).toEqual(before);
    await c.whenSaved();
  });

  test('scores written elsewhere (a phone through the room) reach the board live: the store\'s change is merged and the curve follows', async () => {
    const api = fakeApi();
    let next: { type: string; id: string; record: unknown }[] = [];
    let revision = 0;
    api.respond = (method) => {
      if (method !== 'changes.since') return {};
      const records = next;
      next = [];
      return { feed: 'f1', revision: ++revision, map: null, header: null, records };
    };
    const listeners = new Set<(e: { mapId: string; revision: number }) => void>();
    api.subscribe = (_mapId, cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    };
    const { c } = await mount(journey(), api);
    const heard = (records: typeof next) => {
      next = records;
      for (const cb of [...listeners]) cb({ mapId: 'm1', revision: revision + 1 });
    };
    const s1 = () => c.emotions.find((e) => e.stageId === 's1')!;
    expect(s1().room).toBeNull();
    heard([
      { type: 'emotionScore', id: 'e3', record: score('e3', 's1', 'p1', -2) },
      { type: 'emotionScore', id: 'e4', record: score('e4', 's1', 'p3', 1) },
    ]);
    await vi.waitFor(() => expect(s1()).toMatchObject({ score: -0.5, source: 'room', room: { n: 2, low: -2, high: 1 } }), { timeout: 5000 });
    expect(emotionCurve(c.frame!, c.emotions)!.bands.map((b) => b.stageIds)).toEqual([['s1', 's2']]);
    // A score withdrawn elsewhere (its participant removed): n drops.
    heard([{ type: 'emotionScore', id: 'e3', record: null }]);
    await vi.waitFor(() => expect(s1()).toMatchObject({ score: 1, room: { n: 1 } }), { timeout: 5000 });
    // Nothing was written back, and no undo step was made.
    expect(api.calls.filter((x) => x.method !== 'changes.since')).toEqual([]);
    expect(c.canUndo()).toBe(false);
  });

  test('a facilitator who overrules the room can reset the stage back to the room\'s mean', async () => {
    const api = fakeApi();
    api.respond = () => ({});
    const { c } = await mount(journey(), api);
    await c.setStageEmotion('s2', 2);
    expect(c.emotions.find((e) => e.stageId === 's2')).toMatchObject({ score: 2, source: 'manual', room: { n: 2 } });
    await act(async () => c.openHeaderMenu({ type: 'stage', id: 's2' }));
    const reset = await vi.waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="header-menu-reset-emotion"]');
      if (!el) throw new Error('no reset item yet');
      return el;
    });
    expect(reset.textContent).toBe('Reset emotion to the room’s mean');
    await act(async () => reset.click());
    await vi.waitFor(() => expect(c.emotions.find((e) => e.stageId === 's2')).toMatchObject({ score: -1, source: 'room' }));
    await c.whenSaved();
  });
});
