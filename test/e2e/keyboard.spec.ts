import type { Locator } from '@playwright/test';
import { expect, test, type Page, boardReady } from './fixtures';

/**
 * Issue #16, keyboard only: no mouse at all after the map is made. A note typed with N, put in a
 * cell with "Move to cell…" (M), a stage's and a lane's header menu opened from their Tab-reachable
 * buttons, the Personas panel used, and the capture panel's note placed by Suggest structure and
 * Accept. Each result is read back from the store.
 */

interface ApiNote {
  id: string;
  text: string;
  stageId: string | null;
  laneId: string | null;
}
interface ApiMap {
  id: string;
  stages: { id: string; name: string }[];
  lanes: { id: string; name: string; kind: string }[];
  notes: ApiNote[];
  personas: { name: string }[];
}
interface Hook {
  ready: Promise<void>;
  saved(): Promise<void>;
}

const hook = <T>(page: Page, fn: (h: Hook) => T | Promise<T>) => page.evaluate(`(${fn.toString()})(window.__journeyboardBoard)`) as Promise<T>;

/** Presses Tab (or Shift+Tab, `back`) until `target` has focus (failing after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 120, back = false) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

async function stored(page: Page, app: { call<T>(m: string, i: unknown): Promise<T> }, id: string): Promise<ApiMap> {
  await hook(page, (h) => h.saved());
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return app.call<ApiMap>('maps.get', { id });
}

test('keyboard only: a note into a cell, header menus, Personas, capture and Suggest', async ({ app, page }) => {
  // Hundreds of key presses, each a round trip to the page: about 55 s on a quiet CI machine.
  test.setTimeout(120_000);
  const map = await app.call<ApiMap>('maps.create', { title: 'Keyboard journey', template: 'classic-funnel' });
  const u = new URL(app.url);
  u.hash = `#/map/${map.id}`;
  await page.goto(u.href);
  await boardReady(page);
  const [stage1, stage2] = map.stages;
  const pains = map.lanes.find((l) => l.kind === 'pain_points') ?? map.lanes[1]!;

  // N makes a note and opens its editor; Escape keeps the text and leaves the note selected.
  await page.keyboard.press('n');
  const editor = page.getByTestId('note-editor');
  await expect(editor).toBeFocused();
  await page.keyboard.type('The form lost my answers');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // M: Move to cell…, a stage and a lane chosen with the arrow keys, Enter on Move.
  await page.keyboard.press('m');
  const picker = page.getByRole('dialog', { name: 'Move the note to a cell' });
  await expect(picker).toBeVisible();
  const stageSelect = picker.getByRole('combobox', { name: 'Stage' });
  await expect(stageSelect).toBeFocused();
  await stageSelect.press('Home');
  await stageSelect.press('ArrowDown');
  await expect(stageSelect).toHaveValue(stage2!.id);
  await page.keyboard.press('Tab');
  const laneSelect = picker.getByRole('combobox', { name: 'Lane' });
  await expect(laneSelect).toBeFocused();
  await laneSelect.selectOption(pains.id); // the keyboard's choice of an option (no pointer involved)
  await tabTo(page, picker.getByRole('button', { name: 'Move' }), 5);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  let saved = await stored(page, app, map.id);
  const moved = saved.notes.find((n) => n.text === 'The form lost my answers');
  expect(moved).toMatchObject({ stageId: stage2!.id, laneId: pains.id });

  // A stage's header and a lane's header: Tab to them, Enter opens their menu, Escape closes it.
  const stageButton = page.getByRole('button', { name: `Stage: ${stage1!.name}` });
  await tabTo(page, stageButton);
  await expect(stageButton).toHaveAttribute('aria-haspopup', 'menu');
  await page.keyboard.press('Enter');
  const menu = page.getByTestId('header-menu');
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-label', `Stage ${stage1!.name}`);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(stageButton).toBeFocused();

  const laneButton = page.getByRole('button', { name: `Lane: ${pains.name}` });
  await tabTo(page, laneButton);
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-label', `Lane ${pains.name}`);
  // Rename from the menu, by keyboard.
  await tabTo(page, menu.getByRole('menuitem', { name: 'Rename' }), 5);
  await page.keyboard.press('Enter');
  const nameField = page.getByTestId('header-editor');
  await expect(nameField).toBeFocused();
  await page.keyboard.type('Frustrations');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Lane: Frustrations' })).toBeAttached();

  // Personas: open from the map bar, add one, type its name.
  // Personas is in the map bar's Panels drop-down: open it by keyboard (focus moves to its first item).
  await tabTo(page, page.getByRole('button', { name: 'Panels', exact: true }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Personas' }));
  await page.keyboard.press('Enter');
  const personas = page.getByTestId('personas-panel');
  await expect(personas).toBeVisible();
  await tabTo(page, personas.getByRole('button', { name: 'Add persona' }));
  await page.keyboard.press('Enter');
  const personaName = personas.getByRole('textbox', { name: 'Name' });
  await tabTo(page, personaName, 10);
  await page.keyboard.type('Priya');
  await page.keyboard.press('Enter');
  await expect(personas.getByText('This map’s persona')).toBeVisible();

  // Capture: a note typed into the field, then Suggest structure and Accept.
  // Capture is in the map bar's Panels drop-down: open it by keyboard (focus moves to its first item).
  await tabTo(page, page.getByRole('button', { name: 'Panels', exact: true }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Capture', exact: true }));
  await page.keyboard.press('Enter');
  const capture = page.getByTestId('capture-panel');
  await expect(capture).toBeVisible();
  const field = capture.getByTestId('capture-input');
  await tabTo(page, field);
  await page.keyboard.type('Called support and waited forty minutes');
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue('');
  // The tabs sit just above the field: back with Shift+Tab, as a keyboard user would.
  await tabTo(page, capture.getByRole('tab', { selected: true }), 20, true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(capture.getByRole('tab', { name: 'Suggest' })).toBeFocused();
  await expect(capture.getByRole('tab', { name: 'Suggest' })).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, capture.getByRole('button', { name: 'Suggest structure' }));
  await page.keyboard.press('Enter');
  const row = capture.getByTestId('suggestion');
  await expect(row).toHaveCount(1);
  for (const label of ['Stage', 'Lane']) {
    const select = row.getByRole('combobox', { name: label });
    if ((await select.inputValue()) === '') {
      await tabTo(page, select);
      await page.keyboard.press('ArrowDown');
      await expect(select).not.toHaveValue('');
    }
  }
  const where = { stage: await row.getByRole('combobox', { name: 'Stage' }).inputValue(), lane: await row.getByRole('combobox', { name: 'Lane' }).inputValue() };
  await tabTo(page, row.getByRole('button', { name: 'Accept', exact: true }));
  await page.keyboard.press('Enter');
  await expect(row).toHaveCount(0);

  saved = await stored(page, app, map.id);
  expect(saved.notes.find((n) => n.text === 'Called support and waited forty minutes')).toMatchObject({ stageId: where.stage, laneId: where.lane });
  expect(saved.lanes.find((l) => l.id === pains.id)?.name).toBe('Frustrations');
  expect(saved.personas.map((p) => p.name)).toEqual(['Priya']);
});
