// Accessibility: axe (WCAG 2 A/AA rules) on every DOM screen and panel, in the light and the dark
// theme, fails on any serious or critical violation. The board itself is a canvas (Konva); its
// keyboard path is tested in board.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SCREENSHOTS = process.env.JB_A11Y_SCREENSHOTS;

async function check(page: Page, where: string, theme: string): Promise<void> {
  // Let entrance animations end so colours are measured as shown.
  await page.waitForTimeout(250);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${where}-${theme}.png` });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('canvas').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`).join('\n')}`);
  expect(report, `${where} in the ${theme} theme`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations on any screen, ${theme} theme (following the OS)`, async ({ app, page }) => {
    // Sixteen screens, panels and dialogs, each checked by axe: minutes on a busy machine.
    test.setTimeout(360_000);
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    const map = await app.call<{ id: string }>('maps.create', { title: 'Online shopping', template: 'online-shopping' });
    const persona = await app.call<{ id: string }>('personas.create', { mapId: map.id, name: 'Maya Okafor', role: 'Busy parent', color: 'teal' });
    await app.call('maps.setPersona', { id: map.id, personaId: persona.id });
    // Someone in the room and an open round, so the Vote panel shows a round's controls.
    const round = { id: 'round-1' };
    await app.call('changes.apply', {
      mapId: map.id,
      changes: [
        { type: 'participant', op: 'create', id: 'ana', value: { name: 'Ana', color: 'teal', position: 0 } },
        {
          type: 'round',
          op: 'create',
          id: round.id,
          value: { title: 'Which pain points hurt most?', target: 'pain_point', dots: 3, multiple: false, anonymous: false, status: 'open', openedAt: 1, closedAt: null, position: 0 },
        },
      ],
    });
    await app.call('maps.create', { title: 'Claims journey' });

    await page.goto(app.url);
    await expect(page.getByTestId('map-card')).toHaveCount(2);
    await check(page, 'home', theme);

    await page.getByRole('button', { name: '+ New map' }).click();
    const dialog = page.getByRole('dialog', { name: 'New map' });
    await dialog.getByText('Classic funnel').click();
    await check(page, 'new-map', theme);
    await page.keyboard.press('Escape');

    await page.getByTestId('map-card').filter({ hasText: 'Online shopping' }).getByRole('button').first().click();
    await expect(page.getByTestId('board')).toBeVisible();
    await check(page, 'map', theme);

    // The board's DOM parts (a header's menu, its delete confirmation, "+ Stage", the toolbar, the
    // save status) take the theme's colours: in the dark theme none of them is a white card on the dark board.
    await page.getByRole('button', { name: /^Stage: / }).first().focus();
    await page.keyboard.press('Enter');
    const headerMenu = page.getByTestId('header-menu');
    await expect(headerMenu).toBeVisible();
    await check(page, 'header-menu', theme);
    await headerMenu.getByTestId('header-menu-delete').click();
    await expect(headerMenu.getByTestId('header-menu-confirm-delete')).toBeVisible();
    await check(page, 'header-menu-confirm', theme);
    const lightness = async (testId: string) =>
      page.getByTestId(testId).evaluate((el) => {
        const [r, g, b] = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
        return ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3;
      });
    for (const part of ['header-menu', 'frame-add-stage', 'board-toolbar', 'save-status']) {
      if (theme === 'dark') expect(await lightness(part), `${part} in the dark theme`).toBeLessThan(90);
      else expect(await lightness(part), `${part} in the light theme`).toBeGreaterThan(200);
    }
    await headerMenu.getByTestId('header-menu-cancel').click();
    await expect(headerMenu).toHaveCount(0);

    // The map bar's drop-down, open.
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(page.getByRole('group', { name: 'Show' })).toBeVisible();
    await check(page, 'bar-menu', theme);
    await page.keyboard.press('Escape');
    // The Export drop-down: the same popover look as Show and Panels.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('menu', { name: 'Export as' })).toBeVisible();
    await check(page, 'export-menu', theme);
    await page.keyboard.press('Escape');

    // The room (issue 14): the dialog before opening, then open with joining locked by wrong PINs.
    await page.getByRole('button', { name: 'Open room', exact: true }).click();
    const roomDialog = page.getByRole('dialog', { name: 'Room for phones' });
    await expect(roomDialog).toBeVisible();
    await check(page, 'room-dialog', theme);
    await roomDialog.getByRole('button', { name: 'Open room', exact: true }).click();
    await expect(roomDialog.getByTestId('room-pin')).toHaveAttribute('data-pin', /^\d{6}$/);
    const pin = Number(await roomDialog.getByTestId('room-pin').getAttribute('data-pin'));
    const roomOrigin = `http://${await roomDialog.getByTestId('room-address').textContent()}`;
    const wrong = String((pin + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 11; i++) {
      await fetch(`${roomOrigin}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: roomOrigin },
        body: JSON.stringify({ pin: wrong, name: 'Guess' }),
      });
    }
    await expect(roomDialog.getByTestId('room-lock')).toBeVisible();
    await check(page, 'room-dialog-open', theme);
    await roomDialog.getByRole('button', { name: 'Hide', exact: true }).click();
    await expect(roomDialog).toHaveCount(0);

    await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Personas is in the map bar's Panels drop-down
    await page.getByRole('button', { name: 'Personas' }).click();
    await check(page, 'personas', theme);
    await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Capture is in the map bar's Panels drop-down
    await page.getByRole('button', { name: 'Capture' }).click();
    await check(page, 'capture', theme);
    await page.getByRole('button', { name: 'Vote', exact: true }).click();
    // The newest open round is shown at once.
    await expect(page.getByLabel('Round shown on the board')).toHaveValue(round.id);
    await page.getByRole('button', { name: /^Ana / }).click();
    await expect(page.getByTestId('round-view')).toBeVisible();
    await check(page, 'vote', theme);
    await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Insights is in the map bar's Panels drop-down
    await page.getByRole('button', { name: 'Insights' }).click();
    await expect(page.getByTestId('insights-panel')).toBeVisible();
    await check(page, 'insights', theme);

    // Planning views (issue 12): the matrix (a card scored a quick win by keyboard), the roadmap
    // (proposing it for Now), and on the board the metrics editor and the metrics row.
    await page.getByRole('tab', { name: 'Matrix' }).click();
    const matrix = page.getByTestId('plan-matrix');
    const scored = await matrix.getByTestId('matrix-card').first().getAttribute('data-note-id');
    const handle = matrix.locator(`[data-matrix-handle="${scored}"]`);
    await handle.focus();
    // The card is drawn again in its new cell after each key; the focus follows it.
    for (const key of ['ArrowUp', 'ArrowLeft', 'ArrowLeft']) {
      await page.keyboard.press(key);
      await expect(handle).toBeFocused();
    }
    await expect(matrix.locator('.matrix-cell[data-impact="3"][data-effort="1"]').getByTestId('matrix-card')).toHaveCount(1);
    await check(page, 'matrix', theme);
    await page.getByRole('tab', { name: 'Roadmap' }).click();
    await expect(page.getByTestId('roadmap-proposals')).toBeVisible();
    await check(page, 'roadmap', theme);
    await page.getByRole('tab', { name: 'Board' }).click();
    await page.getByRole('button', { name: 'Add a metric: Whole map' }).focus();
    await page.keyboard.press('Enter');
    const metric = page.getByRole('dialog', { name: 'New metric for the whole map' });
    await metric.getByLabel('Metric').selectOption('nps');
    await metric.getByLabel('Current value').fill('500');
    await metric.getByRole('button', { name: 'Save' }).click();
    await expect(metric.getByRole('alert')).toBeVisible();
    await check(page, 'metrics-editor', theme);
    await metric.getByLabel('Current value').fill('12');
    await metric.getByLabel('Target').fill('30');
    await metric.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('metric-chip')).toHaveAttribute('data-status', 'near');
    await check(page, 'metrics-row', theme);

    // History: a saved version in the list and its comparison with now.
    await page.getByRole('button', { name: 'Panels', exact: true }).click(); // History is in the map bar's Panels drop-down
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByTestId('history-panel');
    await history.getByLabel('Save this version').fill('Before the workshop');
    await history.getByTestId('history-save').click();
    await history.getByRole('button', { name: 'Compare with now: Before the workshop' }).click();
    await expect(history.getByTestId('history-compare')).toBeVisible();
    await check(page, 'history', theme);

    // Workshop (issue 13): the panel with a running step and the timer chip, then its minutes.
    await page.getByRole('button', { name: 'Workshop', exact: true }).click();
    const workshop = page.getByTestId('workshop-panel');
    await workshop.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByRole('timer')).toBeVisible();
    await check(page, 'workshop', theme);
    await workshop.getByRole('tab', { name: 'Minutes' }).click();
    await expect(workshop.getByTestId('minutes-entry')).toHaveCount(1);
    await check(page, 'workshop-minutes', theme);
    await page.getByRole('button', { name: 'Workshop', exact: true }).click();
    await expect(workshop).toHaveCount(0);

    await page.getByRole('button', { name: 'Show', exact: true }).click(); // Reading view is in the map bar's Show drop-down
    await page.getByRole('button', { name: 'Reading view' }).click();
    await expect(page.getByRole('dialog').or(page.locator('.reading'))).toBeVisible();
    await check(page, 'reading', theme);
  });
}

test('the theme control overrides the OS and is remembered', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  const html = page.locator('html');
  await expect(html).not.toHaveAttribute('data-theme');
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await bg();
  await page.getByLabel('Theme').selectOption('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).not.toBe(light);
  await page.reload();
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Theme').selectOption('system');
  await expect(html).not.toHaveAttribute('data-theme');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await bg()).not.toBe(light);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the room view passes axe with a step running and a round's results, ${theme} theme`, async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    const map = await app.call<{ id: string; notes: { id: string }[] }>('maps.create', { title: 'Online shopping', template: 'online-shopping' });
    const notes = map.notes.slice(0, 2);
    await app.call('changes.apply', {
      mapId: map.id,
      changes: [
        { type: 'participant', op: 'create', id: 'ana', value: { name: 'Ana', color: 'teal', position: 0 } },
        {
          type: 'round',
          op: 'create',
          id: 'round-1',
          value: { title: 'Which pain points hurt most?', target: 'any', dots: 3, multiple: true, anonymous: false, status: 'open', openedAt: 1, closedAt: null, position: 0 },
        },
        ...notes.map((n, i) => ({ type: 'vote', op: 'create', id: `vote-${i}`, value: { roundId: 'round-1', participantId: 'ana', noteId: n.id, count: 1 } })),
      ],
    });
    const workshop = await app.call<{ steps: { id: string; activity: string }[] }>('workshop.get', { mapId: map.id }).catch(() => null);
    const vote = workshop?.steps.find((s) => s.activity === 'vote');
    if (vote) await app.call('workshop.start', { mapId: map.id, stepId: vote.id });
    // The room open (issue 14): the view shows how to join.
    await app.call('room.open', { mapId: map.id });
    await page.goto(`${app.origin}/?token=${app.token}#/room/${map.id}`);
    await expect(page.getByTestId('room-view')).toBeVisible();
    await expect(page.getByTestId('room-join')).toBeVisible();
    if (vote) {
      await expect(page.getByRole('timer')).toBeVisible();
      await expect(page.getByTestId('room-votes')).toContainText('1 vote');
    }
    await check(page, 'room', theme);
  });
}
