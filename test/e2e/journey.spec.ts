import { expect, test, type Page, boardReady } from './fixtures';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface FrameInfo {
  rect: Rect;
  columns: { stageId: string; x: number; width: number; header: Rect }[];
  rows: { laneId: string; y: number; height: number; collapsed: boolean; header: Rect }[];
}
interface Cam {
  x: number;
  y: number;
  zoom: number;
}
interface ApiNote {
  id: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  stageId: string | null;
  laneId: string | null;
  kind: string | null;
}
interface ApiMap {
  id: string;
  stages: { id: string; name: string; position: number }[];
  lanes: { id: string; name: string; kind: string; position: number }[];
  notes: ApiNote[];
}
interface Hook {
  ready: Promise<void>;
  getCamera(): Cam;
  frame(): FrameInfo | null;
  notes(): ApiNote[];
  saved(): Promise<void>;
  structureIdle(): Promise<void>;
}

async function openMap(page: Page, url: string, mapId: string) {
  const u = new URL(url);
  u.hash = `#/map/${mapId}`;
  await page.goto(u.href);
  await boardReady(page);
}

const hook = <T,>(page: Page, fn: (h: Hook) => T | Promise<T>) =>
  page.evaluate(`(${fn.toString()})(window.__journeyboardBoard)`) as Promise<T>;

/** A board point in page pixels. */
async function toScreen(page: Page, p: { x: number; y: number }) {
  const box = (await page.getByTestId('board-canvas').boundingBox())!;
  const cam = await hook(page, (h) => h.getCamera());
  return { x: box.x + (p.x - cam.x) * cam.zoom, y: box.y + (p.y - cam.y) * cam.zoom };
}

/** A real mouse drag between two board points. */
async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const a = await toScreen(page, from);
  const b = await toScreen(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
}

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

test('notes dragged into cells keep their stages and lanes through a stage reorder, a lane delete and a reload', async ({ app, page }) => {
  const map = await app.call<ApiMap>('maps.create', { title: 'Funnel workshop', template: 'classic-funnel' });
  const full = await app.call<ApiMap>('maps.get', { id: map.id });
  const stages = [...full.stages].sort((a, b) => a.position - b.position);
  const lanes = [...full.lanes].sort((a, b) => a.position - b.position);
  const laneOf = (kind: string) => lanes.find((l) => l.kind === kind)!;
  // Three notes on the free board, right of where the frame will be.
  await app.call('notes.createMany', {
    mapId: map.id,
    notes: [
      { text: 'Sees an ad on social media', x: 2600, y: 100 },
      { text: 'Compares three plans', x: 2600, y: 300 },
      { text: 'Is this worth the price?', x: 2600, y: 500 },
    ],
  });
  await openMap(page, app.url, map.id);
  const frame = (await hook(page, (h) => h.frame()))!;
  expect(frame.columns.map((c) => c.stageId)).toEqual(stages.map((s) => s.id));
  expect(frame.rows.map((r) => r.laneId)).toEqual(lanes.map((l) => l.id));

  const notes = await hook(page, (h) => h.notes());
  const byText = (t: string) => notes.find((n) => n.text.startsWith(t))!;
  const cellCentre = (stageIndex: number, laneId: string) => {
    const col = frame.columns[stageIndex]!;
    const row = frame.rows.find((r) => r.laneId === laneId)!;
    return { x: col.x + col.width / 2, y: row.y + row.height / 2 };
  };
  const plan = [
    { note: byText('Sees an ad'), stage: 0, lane: laneOf('actions') },
    { note: byText('Compares'), stage: 1, lane: laneOf('actions') },
    { note: byText('Is this worth'), stage: 2, lane: laneOf('thoughts') },
  ];
  for (const { note, stage, lane } of plan) {
    await mouseDrag(page, centre(note), cellCentre(stage, lane.id));
  }
  await expect
    .poll(async () => (await hook(page, (h) => h.notes())).filter((n) => n.stageId !== null).length)
    .toBe(3);

  // Drag the first stage's header past the second: Consideration now comes first.
  const first = frame.columns[0]!;
  const second = frame.columns[1]!;
  await mouseDrag(page, centre(first.header), { x: second.x + second.width * 0.8, y: first.header.y + first.header.height / 2 });
  await hook(page, (h) => h.structureIdle());
  await expect.poll(async () => (await hook(page, (h) => h.frame()))!.columns.map((c) => c.stageId)).toEqual([stages[1]!.id, stages[0]!.id, ...stages.slice(2).map((s) => s.id)]);

  // Delete the Thoughts lane, which holds one of the notes, from its header menu.
  const thoughts = (await hook(page, (h) => h.frame()))!.rows.find((r) => r.laneId === laneOf('thoughts').id)!;
  const at = await toScreen(page, centre(thoughts.header));
  await page.mouse.click(at.x, at.y);
  await page.getByTestId('header-menu-delete').click();
  await expect(page.getByTestId('header-menu')).toContainText('Its note goes back to the free board');
  await page.getByTestId('header-menu-confirm-delete').click();
  await expect.poll(async () => (await hook(page, (h) => h.frame()))!.rows.length).toBe(lanes.length - 1);
  await hook(page, (h) => h.saved());
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  await page.reload();
  await openMap(page, app.url, map.id);
  const after = await app.call<ApiMap>('maps.get', { id: map.id });
  const note = (t: string) => after.notes.find((n) => n.text.startsWith(t))!;
  expect(note('Sees an ad')).toMatchObject({ stageId: stages[0]!.id, laneId: laneOf('actions').id, kind: 'action' });
  expect(note('Compares')).toMatchObject({ stageId: stages[1]!.id, laneId: laneOf('actions').id, kind: 'action' });
  expect([...after.stages].sort((a, b) => a.position - b.position).map((s) => s.id)).toEqual([stages[1]!.id, stages[0]!.id, ...stages.slice(2).map((s) => s.id)]);
  expect(after.lanes.some((l) => l.id === laneOf('thoughts').id)).toBe(false);

  // The deleted lane's note is on the free board, outside the frame.
  const freed = note('Is this worth');
  expect(freed).toMatchObject({ stageId: null, laneId: null });
  const reloaded = (await hook(page, (h) => h.frame()))!;
  const r = reloaded.rect;
  const inside = freed.x < r.x + r.width && freed.x + freed.width > r.x && freed.y < r.y + r.height && freed.y + freed.height > r.y;
  expect(inside).toBe(false);
  // The board shows what the store holds: the placed notes sit in their cells.
  const shown = await hook(page, (h) => h.notes());
  const placed = shown.find((n) => n.text.startsWith('Compares'))!;
  const col = reloaded.columns.find((c) => c.stageId === stages[1]!.id)!;
  expect(placed.x).toBeGreaterThanOrEqual(col.x);
  expect(placed.x + placed.width).toBeLessThanOrEqual(col.x + col.width);
});

test('fit all (Shift+1) shows the whole frame with its metrics row, clear of the minimap', async ({ app, page }) => {
  const map = await app.call<ApiMap>('maps.create', { title: 'Metrics in view', template: 'classic-funnel' });
  const full = await app.call<ApiMap>('maps.get', { id: map.id });
  // A full cell (five figures) makes the row taller than its least height.
  const stage = full.stages[0]!.id;
  for (const [kind, value, target] of [['csat', 3.9, 4.5], ['nps', 12, 30], ['ces', 5.1, 5.5], ['conversion', 18, 25], ['churn', 7, 5]] as const) {
    await app.call('metrics.set', { mapId: map.id, stageId: stage, kind, value, target });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await openMap(page, app.url, map.id);
  await page.getByTestId('board-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+1');
  await expect.poll(async () => (await page.getByTestId('metric-chip').count())).toBe(5);
  const board = (await page.getByTestId('board-canvas').boundingBox())!;
  const minimap = (await page.getByTestId('minimap').boundingBox())!;
  const cells = page.getByTestId('metrics-cell');
  for (let i = 0; i < (await cells.count()); i++) {
    const cell = (await cells.nth(i).boundingBox())!;
    expect(cell.y).toBeGreaterThanOrEqual(board.y);
    expect(cell.y + cell.height).toBeLessThanOrEqual(board.y + board.height - 8);
    expect(cell.x + cell.width).toBeLessThanOrEqual(board.x + board.width);
    const overMinimap = cell.x + cell.width > minimap.x && cell.y + cell.height > minimap.y;
    expect(overMinimap).toBe(false);
  }
  const stageButton = (await page.getByTestId('frame-add-stage').boundingBox())!;
  expect(stageButton.x + stageButton.width).toBeLessThanOrEqual(board.x + board.width);
});
