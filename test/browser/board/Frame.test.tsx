import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { JourneyMap, Lane, Note, Stage } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { blankMap } from '../../fixtures/maps';
import { applyCalls, drag, fakeApi, liveStages, mount, note, sentRecords, unmountCurrent } from './harness';

afterEach(() => {
  unmountCurrent();
  expect(liveStages()).toBe(0);
});

// Frame geometry (shared/journey defaults): lane headers 200 wide, stage headers 88 tall, empty
// columns 364 wide, rows 192 tall and the Emotions row 240. The camera shows board (x, y) at screen
// ((x + 20) / 2, (y + 20) / 2).
const CAMERA = { x: -20, y: -20, zoom: 0.5 };
const screen = (x: number, y: number) => ({ x: (x - CAMERA.x) * CAMERA.zoom, y: (y - CAMERA.y) * CAMERA.zoom });

const stage = (id: string, position: number, extra: Partial<Stage> = {}): Stage => ({ id, mapId: 'm1', name: `Stage ${id}`, description: '', position, emotion: null, goal: '', expectations: '', ...extra });
const lane = (id: string, position: number, kind: Lane['kind']): Lane => ({ id, mapId: 'm1', name: `Lane ${id}`, kind, position, collapsed: false });

function journey(notes: Note[], stages = [stage('s1', 0), stage('s2', 1), stage('s3', 2)]): JourneyMap {
  return {
    ...blankMap(),
    id: 'm1',
    title: 'Journey',
    createdAt: 0,
    updatedAt: 0,
    camera: CAMERA,
    personaId: null,
    participants: [],
    rounds: [],
    votes: [],
    metrics: [],
    personas: [],
    stages,
    lanes: [lane('act', 0, 'actions'), lane('emo', 1, 'emotions'), lane('own', 2, 'custom')],
    notes,
  };
}

function answering() {
  const api = fakeApi();
  api.respond = () => ({});
  return api;
}

/** The last value the board sent for each field of each record of a type (creates and updates). */
function stored(api: ReturnType<typeof fakeApi>, type: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const x of applyCalls(api)) {
    for (const ch of x.input.changes) {
      if (ch.type !== type) continue;
      if (ch.op === 'delete') delete out[ch.id];
      else out[ch.id] = { ...out[ch.id], ...(ch.value ?? ch.patch) };
    }
  }
  return out;
}

const dblclick = (el: HTMLElement, p: { x: number; y: number }) => {
  const r = el.getBoundingClientRect();
  el.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, cancelable: true, clientX: r.left + p.x, clientY: r.top + p.y }));
};

describe('journey frame on the board', () => {
  test('draws the frame and lays the notes of a cell out in it', async () => {
    const { c } = await mount(journey([note('a', 9999, 9999, { stageId: 's2', laneId: 'act', kind: 'action' })]), answering());
    expect(c.frame?.columns.map((col) => col.stageId)).toEqual(['s1', 's2', 's3']);
    expect(c.frame?.rows.map((r) => r.laneId)).toEqual(['act', 'emo', 'own']);
    // Column s2 starts at 200 + 364; the note sits inside its padding.
    expect(c.note('a')).toMatchObject({ x: 580, y: 104 });
    await c.whenSaved();
  });

  test('dropping a free note into a cell sets stage, lane and kind in one undo step; the cell re-flows', async () => {
    const { c, api, canvas } = await mount(journey([note('a', 1400, 100, { kind: 'thought' }), note('b', 0, 0, { stageId: 's2', laneId: 'act', kind: 'action' })]), answering());
    await c.whenSaved();
    drag(canvas, screen(1480, 180), screen(900, 250));
    expect(c.note('a')).toMatchObject({ stageId: 's2', laneId: 'act', kind: 'action' });
    // Dropped below-right of b: it flows after b in the cell.
    expect(c.note('b')).toMatchObject({ x: 580, y: 104 });
    expect(c.note('a')).toMatchObject({ x: 580 + 160 + 12, y: 104 });
    expect(c.undoDepth()).toBe(1);
    await c.whenSaved();
    const sent: Partial<Note>[] = sentRecords(api, 'update');
    expect(sent.filter((p) => p.id === 'a').reduce((acc, p) => ({ ...acc, ...p }), {})).toMatchObject({ stageId: 's2', laneId: 'act', kind: 'action', x: 752, y: 104 });

    c.undo();
    expect(c.note('a')).toMatchObject({ stageId: null, laneId: null, kind: 'thought', x: 1400, y: 100 });
    expect(c.note('b')).toMatchObject({ x: 580, y: 104 });
  });

  test('a custom lane keeps the kind; dragging out of the frame frees the note where it lands', async () => {
    const { c, canvas } = await mount(journey([note('a', 1400, 100, { kind: 'thought' })]), answering());
    drag(canvas, screen(1480, 180), screen(300, 700));
    expect(c.note('a')).toMatchObject({ stageId: 's1', laneId: 'own', kind: 'thought' });
    const at = c.note('a')!;
    drag(canvas, screen(at.x + 80, at.y + 80), screen(1600, 300));
    expect(c.note('a')).toMatchObject({ stageId: null, laneId: null, x: 1520, y: 220 });
    expect(c.undoDepth()).toBe(2);
    await c.whenSaved();
  });

  test('dragging a stage header reorders the stages; its notes follow the column; a click opens the menu', async () => {
    const { c, api, canvas } = await mount(journey([note('a', 0, 0, { stageId: 's1', laneId: 'act', kind: 'action' })]), answering());
    expect(c.note('a')!.x).toBe(216);
    drag(canvas, screen(380, 44), screen(1250, 44));
    expect(c.stages.map((s) => s.id)).toEqual(['s2', 's3', 's1']);
    expect(c.note('a')!.x).toBe(200 + 2 * 364 + 16);
    await c.structureIdle();
    expect(stored(api, 'stage')).toEqual({ s2: { position: 0 }, s3: { position: 1 }, s1: { position: 2 } });
    // Lanes too: Emotions to the top.
    drag(canvas, screen(100, 88 + 192 + 100), screen(100, 100));
    expect(c.lanes.map((l) => l.id)).toEqual(['emo', 'act', 'own']);
    await c.structureIdle();
    expect(stored(api, 'lane')).toEqual({ emo: { position: 0 }, act: { position: 1 } });

    drag(canvas, screen(380, 44), screen(380, 44));
    await expect.poll(() => document.querySelector('[data-testid="header-menu"]')).not.toBeNull();
    await c.whenSaved();
  });

  test('a refused reorder is put back from the store and one sentence says why', async () => {
    const api = answering();
    api.respond = (method, input) => {
      if (method === 'maps.get') return journey([]);
      const changes = (input as { changes?: { type: string }[] }).changes ?? [];
      const index = changes.findIndex((x) => x.type === 'stage');
      if (index >= 0) throw new ApiError('conflict', 'The map changed: reload it.', index);
      return {};
    };
    const { c, canvas } = await mount(journey([]), api);
    drag(canvas, screen(380, 44), screen(1250, 44));
    expect(c.stages.map((s) => s.id)).toEqual(['s2', 's3', 's1']);
    await c.structureIdle();
    await expect.poll(() => c.stages.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    const { useNotices } = await import('../../../renderer/state/notices');
    expect(useNotices.getState().notices.some((n) => /stages? could not be saved: (it clashes|they clash) with/.test(n.message))).toBe(true);
  });

  test('dragging an emotion point sets a manual score; double-clicking it resets to derived', async () => {
    const { c, api, canvas } = await mount(journey([note('a', 0, 0, { stageId: 's2', laneId: 'emo', sentiment: -1 })]), answering());
    // Emotions row: y 280..520; the curve band is 308 (+2) .. 492 (-2); s1 has no score yet (0 line).
    expect(c.emotions.find((e) => e.stageId === 's2')).toMatchObject({ score: -1, manual: false });
    const p = c.emotionPoint('s1')!;
    expect(p).toEqual({ x: 382, y: 400 });
    drag(canvas, screen(p.x, p.y), screen(p.x, 308));
    expect(c.stages.find((s) => s.id === 's1')!.emotion).toBe(2);
    expect(c.emotions.find((e) => e.stageId === 's1')).toMatchObject({ score: 2, manual: true });
    await c.structureIdle();
    expect(stored(api, 'stage').s1).toEqual({ emotion: 2 });

    const q = c.emotionPoint('s1')!;
    dblclick(canvas, screen(q.x, q.y));
    await c.structureIdle();
    expect(c.stages.find((s) => s.id === 's1')!.emotion).toBeNull();
    expect(stored(api, 'stage').s1).toEqual({ emotion: null });
    await c.whenSaved();
  });

  test('double-click a header renames it in place; Escape cancels', async () => {
    const { c, api, canvas } = await mount(journey([]), answering());
    dblclick(canvas, screen(1100, 44));
    const input = await expect.poll(() => document.querySelector<HTMLInputElement>('[data-testid="header-editor"]')).not.toBeNull();
    void input;
    await userEvent.keyboard('{Control>}a{/Control}Sign up{Enter}');
    expect(c.stages.find((s) => s.id === 's3')!.name).toBe('Sign up');
    await c.structureIdle();
    expect(stored(api, 'stage').s3).toEqual({ name: 'Sign up' });

    dblclick(canvas, screen(100, 150));
    await expect.poll(() => document.querySelector('[data-testid="header-editor"]')).not.toBeNull();
    await userEvent.keyboard('{Control>}a{/Control}Nope{Escape}');
    await expect.poll(() => document.querySelector('[data-testid="header-editor"]')).toBeNull();
    expect(c.lanes[0]!.name).toBe('Lane act');
  });

  test('deleting a lane frees its notes beside the frame in one undo step; undo brings the lane and their places back', async () => {
    const api = answering();
    const { c } = await mount(journey([note('a', 0, 0, { stageId: 's1', laneId: 'act', kind: 'action', text: 'unsaved' })]), api);
    const placed = c.note('a')!;
    c.commit('Edit text', [{ type: 'note', op: 'update', id: 'a', patch: { text: 'edited' } }]);
    await c.deleteHeader({ type: 'lane', id: 'act' });
    expect(c.lanes.map((l) => l.id)).toEqual(['emo', 'own']);
    expect(c.note('a')).toMatchObject({ stageId: null, laneId: null, text: 'edited' });
    expect(c.note('a')!.x).toBeGreaterThan(c.frame!.rect.x + c.frame!.rect.width);
    expect(c.undoDepth()).toBe(2);
    await c.whenSaved();
    expect(stored(api, 'lane')).toEqual({ emo: { position: 0 }, own: { position: 1 } });

    c.undo();
    expect(c.lanes.map((l) => l.id)).toEqual(['act', 'emo', 'own']);
    expect(c.note('a')).toMatchObject({ stageId: 's1', laneId: 'act', x: placed.x, y: placed.y, text: 'edited' });
    await c.whenSaved();
    expect(stored(api, 'lane').act).toMatchObject({ name: 'Lane act', kind: 'actions', position: 0 });
    c.redo();
    expect(c.lanes.map((l) => l.id)).toEqual(['emo', 'own']);
    await c.whenSaved();
  });

  test('collapsing a lane hides its notes (not drawn, not hit) and expanding brings them back in place', async () => {
    const { c } = await mount(journey([note('a', 0, 0, { stageId: 's1', laneId: 'own' }), note('b', 0, 0, { stageId: 's1', laneId: 'act' })]), answering());
    const before = { ...c.note('a')! };
    await c.toggleLaneCollapsed('own');
    expect(c.isHidden('a')).toBe(true);
    expect(c.isOnBoard('a')).toBe(false);
    expect(c.frame!.rows[2]!.collapsed).toBe(true);
    c.selectAll();
    expect(c.selection.has('a')).toBe(false);
    await c.toggleLaneCollapsed('own');
    expect(c.isOnBoard('a')).toBe(true);
    expect(c.note('a')).toMatchObject({ x: before.x, y: before.y });
    await c.whenSaved();
  });

  test('"+ Stage" adds a stage at the end and opens its name for typing; a note typed in a cell joins it', async () => {
    const api = answering();
    api.respond = (method, input) => {
      if (method === 'stages.create') return stage('s4', 3, { name: (input as { name: string }).name });
      if (method === 'stages.update') return {};
      return {};
    };
    const { c, canvas } = await mount(journey([]), api);
    document.querySelector<HTMLButtonElement>('[data-testid="frame-add-stage"]')!.click();
    await expect.poll(() => document.querySelector('[data-testid="header-editor"]')).not.toBeNull();
    expect(c.stages.map((s) => s.id).slice(0, 3)).toEqual(['s1', 's2', 's3']);
    expect(c.stages).toHaveLength(4);
    await userEvent.keyboard('{Control>}a{/Control}Loyalty{Enter}');
    expect(c.stages[3]!.name).toBe('Loyalty');
    await c.whenSaved();
    expect(stored(api, 'stage')[c.stages[3]!.id]).toMatchObject({ name: 'Loyalty', position: 3 });

    dblclick(canvas, screen(380, 700));
    await expect.poll(() => c.editingId).not.toBeNull();
    expect(c.note(c.editingId!)).toMatchObject({ stageId: 's1', laneId: 'own', kind: null });
    await userEvent.keyboard('Loyal customer{Escape}');
    await c.whenSaved();
  });

  test('the channel picker toggles a channel on the selection in one undo step', async () => {
    const { c, api } = await mount(journey([note('a', 1400, 0), note('b', 1600, 0, { channels: ['web'] })]), answering());
    c.setSelection(['a', 'b']);
    const web = await expect.poll(() => document.querySelector<HTMLButtonElement>('[data-testid="channel-web"]')).not.toBeNull();
    void web;
    document.querySelector<HTMLButtonElement>('[data-testid="channel-web"]')!.click();
    expect(c.note('a')!.channels).toEqual(['web']);
    expect(c.note('b')!.channels).toEqual(['web']);
    document.querySelector<HTMLButtonElement>('[data-testid="channel-web"]')!.click();
    expect(c.note('a')!.channels).toEqual([]);
    expect(c.note('b')!.channels).toEqual([]);
    c.undo();
    expect(c.note('b')!.channels).toEqual(['web']);
    await c.whenSaved();
    expect(sentRecords(api, 'update').length).toBeGreaterThan(0);
  });
});
