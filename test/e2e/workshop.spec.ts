// Issue 13, the facilitator's workshop in web mode: start a step and see the countdown fall, pause,
// reload (the time is unchanged: it lives in the store), +1 min, next, and the minutes list both steps.
import { expect, test, type Page } from './fixtures';

/** The timer chip's time in seconds ("14:58" -> 898, "-0:05" -> -5). */
async function shown(page: Page): Promise<number> {
  const text = (await page.getByTestId('workshop-timer').textContent()) ?? '';
  const m = /^(-?)(\d+):(\d\d)$/.exec(text.trim());
  if (!m) throw new Error(`not a clock: "${text}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

test('run a step: the countdown falls, survives a pause and a reload, +1 min, next; the minutes list both steps', async ({ app, page }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: 'Workshop run', template: 'classic-funnel' });
  await page.goto(`${app.url}#/map/${map.id}`);
  await expect(page.getByTestId('board')).toBeVisible();

  await page.getByRole('button', { name: 'Workshop', exact: true }).click();
  const panel = page.getByTestId('workshop-panel');
  // A new map has the 8-step agenda.
  await expect(panel.locator('.workshop-step')).toHaveCount(8);
  await panel.getByRole('button', { name: 'Start', exact: true }).click();

  const timer = page.getByRole('timer');
  await expect(timer).toHaveAccessibleName(/^Time for Set goals and scope: \d+ minutes? .*left$/);
  const first = await shown(page);
  expect(first).toBeGreaterThan(14 * 60);
  expect(first).toBeLessThanOrEqual(15 * 60);
  await expect.poll(() => shown(page), { timeout: 10_000 }).toBeLessThan(first);

  await panel.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('timer-chip')).toContainText('paused');
  const paused = await shown(page);

  await page.reload();
  await expect(page.getByTestId('board')).toBeVisible();
  await expect(page.getByTestId('timer-chip')).toContainText('paused');
  expect(await shown(page)).toBe(paused);

  // The chip opens the panel; +1 min adds a minute to the paused step.
  await page.getByTestId('timer-chip').click();
  await panel.getByRole('button', { name: '+1 min', exact: true }).click();
  await expect.poll(() => shown(page)).toBe(paused + 60);
  await panel.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.getByTestId('timer-chip')).not.toContainText('paused');

  await panel.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(timer).toHaveAccessibleName(/^Time for Define personas: /);
  await expect(panel.getByText('Step 2: Define personas')).toBeVisible();

  await panel.getByRole('tab', { name: 'Minutes' }).click();
  const entries = panel.getByTestId('minutes-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('1. Set goals and scope');
  await expect(entries.nth(0)).toContainText('of 15 min');
  await expect(entries.nth(1)).toContainText('2. Define personas');
  await expect(entries.nth(1)).toContainText('running');
});

test('agenda edits are undo steps: add a step, reorder it with the keyboard, undo', async ({ app, page }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: 'Agenda edits' });
  await page.goto(`${app.url}#/map/${map.id}`);
  await expect(page.getByTestId('board')).toBeVisible();
  await page.getByRole('button', { name: 'Workshop', exact: true }).click();
  const panel = page.getByTestId('workshop-panel');
  const steps = panel.locator('.workshop-step-title');
  await expect(steps).toHaveCount(8);
  await panel.getByRole('button', { name: '+ Add step' }).click();
  await expect(steps).toHaveCount(9);
  const title = panel.getByLabel('Title');
  await title.fill('Check-in');
  await title.press('Enter');
  await expect(steps.nth(8)).toHaveText('Check-in');
  await panel.getByRole('button', { name: 'Done' }).click();
  const row = panel.locator('[data-step-row]').nth(8);
  await row.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(steps.nth(7)).toHaveText('Check-in');
  // Saved through changes.apply: the store has the new order.
  await expect
    .poll(async () => (await app.call<{ steps: { title: string }[] }>('workshop.get', { mapId: map.id })).steps.map((s) => s.title).at(7))
    .toBe('Check-in');
  await page.keyboard.press('Control+z');
  await expect(steps.nth(8)).toHaveText('Check-in');
});

test('stage goals: filled in during the goals step, saved, shown in the reading view', async ({ app, page }) => {
  const map = await app.call<{ id: string; stages: { id: string; name: string }[] }>('maps.create', { title: 'Goals', template: 'classic-funnel' });
  await page.goto(`${app.url}#/map/${map.id}`);
  await expect(page.getByTestId('board')).toBeVisible();
  await page.getByRole('button', { name: 'Workshop', exact: true }).click();
  const panel = page.getByTestId('workshop-panel');
  await panel.getByRole('button', { name: /^Start step 3: / }).click();
  const goals = panel.getByRole('group', { name: 'Awareness' });
  await goals.getByLabel('Customer’s goal').fill('Hear about a gym near work');
  await goals.getByLabel('Expectations').click();
  await expect
    .poll(async () => (await app.call<{ stages: { name: string; goal: string }[] }>('maps.get', { id: map.id })).stages.find((s) => s.name === 'Awareness')?.goal)
    .toBe('Hear about a gym near work');
  await page.getByRole('button', { name: 'Show', exact: true }).click(); // Reading view is in the map bar's Show drop-down
  await page.getByRole('button', { name: 'Reading view' }).click();
  await expect(page.locator('.reading-stage-goal').filter({ hasText: 'Goal: Hear about a gym near work' })).toBeVisible();
});
