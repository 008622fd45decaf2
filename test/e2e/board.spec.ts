import { expect, test, type Page, boardReady } from './fixtures';

interface HookNote {
  id: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Cam {
  x: number;
  y: number;
  zoom: number;
}

const TITLE = 'Board end-to-end';

/** Opens the map by its route (or, failing that, from the start screen's list). */
async function openBoard(page: Page, url: string, mapId: string) {
  const u = new URL(url);
  u.hash = `#/map/${mapId}`;
  await page.goto(u.href);
  await showBoard(page);
}

async function showBoard(page: Page) {
  const board = page.getByTestId('board');
  const title = page.getByText(TITLE, { exact: true }).first();
  await expect(board.or(title).first()).toBeVisible();
  if (!(await board.isVisible())) await title.click();
  await expect(board).toBeVisible();
  await boardReady(page);
}

const notes = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __journeyboardBoard: { notes(): HookNote[] } }).__journeyboardBoard
      .notes()
      .map(({ id, text, x, y, width, height }) => ({ id, text, x, y, width, height }))
      .sort((a, b) => a.text.localeCompare(b.text)),
  );
const camera = (page: Page) => page.evaluate(() => (window as unknown as { __journeyboardBoard: { getCamera(): Cam } }).__journeyboardBoard.getCamera());

test('notes typed by keyboard, a move and its undo survive a reload exactly', async ({ app, page }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: TITLE });
  await openBoard(page, app.url, map.id);

  const board = page.getByTestId('board-canvas');
  const box = (await board.boundingBox())!;
  await page.mouse.move(box.x + 320, box.y + 220);
  await page.keyboard.press('n');
  const editor = page.getByTestId('note-editor');
  await expect(editor).toBeFocused();
  await page.keyboard.type('Cannot find the booking link');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveValue('');
  await page.keyboard.type('Waits on hold for 20 minutes');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveValue('');
  await page.keyboard.type('Gets a confirmation email');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);

  const typed = await notes(page);
  expect(typed.map((n) => n.text)).toEqual(['Cannot find the booking link', 'Gets a confirmation email', 'Waits on hold for 20 minutes']);
  const first = typed[0]!;
  const second = typed.find((n) => n.text.startsWith('Waits'))!;
  expect(second.y).toBeGreaterThan(first.y + first.height);

  // Drag the first note 150 px right and 40 px down.
  const cam = await camera(page);
  const sx = box.x + (first.x + first.width / 2 - cam.x) * cam.zoom;
  const sy = box.y + (first.y + first.height / 2 - cam.y) * cam.zoom;
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  await page.mouse.move(sx + 75, sy + 20, { steps: 4 });
  await page.mouse.move(sx + 150, sy + 40, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await notes(page))[0]!.x).toBeCloseTo(first.x + 150 / cam.zoom, 0);

  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await notes(page))[0]).toEqual(first);

  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const before = await notes(page);
  const cameraBefore = await camera(page);

  await page.reload();
  await showBoard(page);
  expect(await notes(page)).toEqual(before);
  expect(await camera(page)).toEqual(cameraBefore);
});
