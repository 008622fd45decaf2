import type { Page } from '@playwright/test';
import { expect, test, boardReady, noteCentre } from './fixtures';

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
type Hook = { ready: Promise<void>; notes(): HookNote[]; getCamera(): Cam; saved(): Promise<void> };

const boardTexts = (page: Page) => page.evaluate(() => (window as unknown as { __journeyboardBoard: Hook }).__journeyboardBoard.notes().map((n) => n.text).sort());

/** Clicks the middle of the note with this text on the board canvas. */
async function clickNote(page: Page, text: string) {
  const at = await noteCentre(page, { text });
  await page.mouse.click(at.x, at.y);
}

test('history: save a version, edit more, compare (the board marks the changes), bring a deleted note back, undo it', async ({ app, page }) => {
  test.setTimeout(120_000);
  const map = await app.call<{ id: string }>('maps.create', { title: 'Claims' });
  await app.call('notes.createMany', {
    mapId: map.id,
    notes: [
      { text: 'Cannot find the claim form', x: 100, y: 100 },
      { text: 'Waits a week for an answer', x: 320, y: 100 },
    ],
  });
  await page.goto(`${app.url}#/map/${map.id}`);
  await boardReady(page);

  // 1. Edit the map: a note typed on the board.
  const canvas = (await page.getByTestId('board-canvas').boundingBox())!;
  await page.mouse.move(canvas.x + 200, canvas.y + 420);
  await page.keyboard.press('n');
  await page.keyboard.type('Phone line always busy');
  await page.keyboard.press('Escape');
  await expect.poll(() => boardTexts(page)).toContain('Phone line always busy');

  // 2. Save a version with a label.
  await page.getByRole('button', { name: 'Panels', exact: true }).click(); // History is in the map bar's Panels drop-down
  await page.getByRole('button', { name: 'History' }).click();
  const panel = page.getByTestId('history-panel');
  await panel.getByLabel('Save this version').fill('After the first workshop');
  await panel.getByTestId('history-save').click();
  const item = panel.getByTestId('history-list').locator('li').filter({ hasText: 'After the first workshop' });
  await expect(item).toBeVisible();
  await expect(item).toContainText('3 notes');

  // 3. Edit more: delete a note and add another.
  await clickNote(page, 'Waits a week for an answer');
  await page.keyboard.press('Delete');
  await expect.poll(() => boardTexts(page)).not.toContain('Waits a week for an answer');
  await page.mouse.move(canvas.x + 200, canvas.y + 600);
  await page.keyboard.press('n');
  await page.keyboard.type('Chat answers in minutes');
  await page.keyboard.press('Escape');
  await expect.poll(() => boardTexts(page)).toContain('Chat answers in minutes');

  // 4. Compare the version with now: the list names the changes and the board marks them.
  await item.getByRole('button', { name: 'Compare with now: After the first workshop' }).click();
  const compare = panel.getByTestId('history-compare');
  await expect(panel.getByTestId('history-compare-summary')).toHaveText('1 added · 1 removed · 0 moved · 0 edited');
  await expect(compare.getByText('Chat answers in minutes')).toBeVisible();
  await expect(compare.getByText('Waits a week for an answer')).toBeVisible();
  const marks = page.getByTestId('history-marks');
  await expect(marks).toHaveAttribute('data-active', 'true');
  await expect(marks).toHaveAttribute('data-added', '1');
  await expect(marks).toHaveAttribute('data-removed', '1');
  await expect(marks.locator('canvas')).toHaveCount(1);

  // 5. Bring the deleted note back from the version.
  await compare.getByRole('button', { name: 'Bring back “Waits a week for an answer” as it was' }).click();
  await expect.poll(() => boardTexts(page)).toContain('Waits a week for an answer');
  await page.evaluate(() => (window as unknown as { __journeyboardBoard: Hook }).__journeyboardBoard.saved());
  await expect
    .poll(async () => (await app.call<{ notes: { text: string }[] }>('maps.get', { id: map.id })).notes.map((n) => n.text))
    .toContain('Waits a week for an answer');

  // 6. Undo brings the board back to before the restore, and the store follows.
  await page.getByTestId('undo').click();
  await expect.poll(() => boardTexts(page)).not.toContain('Waits a week for an answer');
  await page.evaluate(() => (window as unknown as { __journeyboardBoard: Hook }).__journeyboardBoard.saved());
  await expect
    .poll(async () => (await app.call<{ notes: { text: string }[] }>('maps.get', { id: map.id })).notes.map((n) => n.text).sort())
    .toEqual(['Cannot find the claim form', 'Chat answers in minutes', 'Phone line always busy']);
});

test('history: view a version read only, restore over the map, and undo the restore from its automatic version', async ({ app, page }) => {
  test.setTimeout(120_000);
  const map = await app.call<{ id: string }>('maps.create', { title: 'Claims' });
  await app.call('notes.createMany', { mapId: map.id, notes: [{ text: 'First idea', x: 100, y: 100 }] });
  await app.call('versions.save', { mapId: map.id, label: 'One note' });
  await app.call('notes.create', { mapId: map.id, text: 'Second idea', x: 400, y: 100 });
  await page.goto(`${app.url}#/map/${map.id}`);
  await boardReady(page);
  await page.getByRole('button', { name: 'Panels', exact: true }).click(); // History is in the map bar's Panels drop-down
  await page.getByRole('button', { name: 'History' }).click();
  const panel = page.getByTestId('history-panel');
  const item = panel.getByTestId('history-list').locator('li').filter({ hasText: 'One note' });

  await item.getByRole('button', { name: 'View One note on the board' }).click();
  await expect(page.getByTestId('version-banner')).toContainText('One note');
  await boardReady(page);
  expect(await boardTexts(page)).toEqual(['First idea']);
  await page.getByTestId('version-banner').getByRole('button', { name: 'Back to now' }).click();
  await expect(page.getByTestId('version-banner')).toHaveCount(0);
  await boardReady(page);
  expect(await boardTexts(page)).toEqual(['First idea', 'Second idea']);

  await item.getByRole('button', { name: 'Restore One note…' }).click();
  await item.getByRole('button', { name: 'Over this map' }).press('Enter');
  await expect.poll(() => boardTexts(page)).toEqual(['First idea']);
  const before = panel.getByTestId('history-list').locator('li').filter({ hasText: 'Before restoring “One note”' });
  await expect(before).toBeVisible();
  // By keyboard: the notice saying what happened may sit over the list.
  await before.getByRole('button', { name: /^Restore / }).press('Enter');
  await before.getByRole('button', { name: 'Over this map' }).press('Enter');
  await expect.poll(() => boardTexts(page)).toEqual(['First idea', 'Second idea']);
});
