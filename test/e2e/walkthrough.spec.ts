// What a walkthrough of the workshop at a laptop (1366 x 768) and a projector (1920 x 1080) size
// found, in both themes, each checked as a person in the room would see it: a tofu box for the
// timer's sound button, the History panel's compare lists wider than the panel, a white board in
// the dark room view, a presentation that showed every stage at once under the editing tools, the
// matrix's quadrant names over its effort scale, and a phone listing hundreds of notes to vote on
// with no way to find one.
import type { Locator } from '@playwright/test';
import type { RoomStatus } from '../../shared/room/contract';
import { expect, expectApiErrors, test, boardReady, type Page } from './fixtures';

interface Seeded {
  id: string;
  stages: { id: string; name: string }[];
  lanes: { id: string; kind: string }[];
}

/** An online-shopping map with `count` more notes placed in its cells, and one open round. */
async function seed(app: { call<T>(m: string, i: unknown): Promise<T> }, count: number): Promise<Seeded> {
  const map = await app.call<Seeded>('maps.create', { title: 'Online shopping', template: 'online-shopping' });
  const notes = Array.from({ length: count }, (_, i) => {
    const stage = map.stages[i % map.stages.length]!;
    const lane = map.lanes[i % map.lanes.length]!;
    return { text: `Checkout asks for the card twice ${i}`, x: 0, y: 0, stageId: stage.id, laneId: lane.id };
  });
  if (count > 0) await app.call('notes.createMany', { mapId: map.id, notes });
  return map;
}

async function openMap(page: Page, url: string, mapId: string): Promise<void> {
  const u = new URL(url);
  u.hash = `#/map/${mapId}`;
  await page.goto(u.href);
  await boardReady(page);
}

const box = async (l: Locator) => (await l.boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the timer’s sound button is a drawn bell, not a glyph the system may lack', async ({ app, page }) => {
  const map = await seed(app, 0);
  const workshop = await app.call<{ steps: { id: string }[] }>('workshop.get', { mapId: map.id });
  await app.call('workshop.start', { mapId: map.id, stepId: workshop.steps[0]!.id });
  await openMap(page, app.url, map.id);
  // A toggle with one name; its state is aria-pressed.
  const mute = page.getByRole('button', { name: 'Mute the end-of-step sound' });
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await expect(mute.locator('svg[data-icon="bell"]')).toHaveCount(1);
  await expect(mute).toHaveText('');
  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  await expect(mute.locator('svg[data-icon="bell-off"]')).toHaveCount(1);
});

test('at 1366 x 768 the History panel’s compare lists stay inside the panel', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const map = await seed(app, 0);
  await app.call('versions.save', { mapId: map.id, label: 'After the second client workshop with the whole service design team' });
  await openMap(page, app.url, map.id);
  await page.getByRole('button', { name: 'Panels', exact: true }).click();
  await page.getByRole('button', { name: 'History' }).click();
  const panel = page.getByTestId('history-panel');
  await expect(panel.getByTestId('history-from')).toBeVisible();
  const edge = (await box(panel)).x + (await box(panel)).width;
  for (const id of ['history-from', 'history-to', 'history-compare-button']) {
    const b = await box(panel.getByTestId(id));
    expect(b.x + b.width, `${id} ends inside the panel`).toBeLessThanOrEqual(edge + 0.5);
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`the room view’s board follows the ${theme} theme`, async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    const map = await seed(app, 0);
    await page.goto(`${app.origin}/?token=${app.token}#/room/${map.id}`);
    const canvas = page.getByTestId('room-canvas');
    await expect(canvas).toHaveAttribute('data-board-theme', theme);
    // The board's background, read from the canvas's top-left pixel (outside the frame).
    const lightness = await canvas.evaluate((c: HTMLCanvasElement) => {
      const [r, g, b] = c.getContext('2d')!.getImageData(1, 1, 1, 1).data;
      return (r! + g! + b!) / 3;
    });
    if (theme === 'dark') expect(lightness).toBeLessThan(60);
    else expect(lightness).toBeGreaterThan(200);
  });
}

test('presenting on a projector: the editing tools stand aside and each stage fills the view', async ({ app, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const map = await seed(app, 300);
  await openMap(page, app.url, map.id);
  await expect(page.getByTestId('board-toolbar')).toBeVisible();
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.getByTestId('presentation-card')).toContainText(`Stage 1 of ${map.stages.length}`);
  for (const id of ['board-toolbar', 'zoom-control', 'minimap', 'frame-add-stage', 'frame-add-lane']) await expect(page.getByTestId(id), id).toBeHidden();
  // The stage's column takes a good part of the board's width: moving to the next stage is seen.
  const share = await page.evaluate((stageId) => {
    const b = (window as unknown as { __journeyboardBoard: { frame(): { columns: { stageId: string; width: number }[] }; getCamera(): { zoom: number } } }).__journeyboardBoard;
    const column = b.frame().columns.find((c) => c.stageId === stageId)!;
    return (column.width * b.getCamera().zoom) / document.querySelector('[data-testid="board-canvas"]')!.getBoundingClientRect().width;
  }, map.stages[0]!.id);
  expect(share).toBeGreaterThan(0.3);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('board-toolbar')).toBeVisible();
});

test('the matrix’s quadrant names cover neither the effort scale nor a card', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const map = await app.call<Seeded & { notes: { id: string; kind: string }[] }>('maps.create', { title: 'Online shopping', template: 'online-shopping' });
  const opportunities = map.notes.filter((n) => n.kind === 'opportunity');
  // One card in each corner cell, where the quadrant names are.
  const corners = [
    { impact: 5, effort: 1 },
    { impact: 5, effort: 5 },
  ];
  await app.call('notes.updateMany', { mapId: map.id, notes: opportunities.slice(0, 2).map((n, i) => ({ id: n.id, ...corners[i]! })) });
  await openMap(page, app.url, map.id);
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const matrix = page.getByTestId('plan-matrix');
  await expect(matrix.getByTestId('matrix-grid').getByTestId('matrix-card')).toHaveCount(2);
  const labels = await matrix.locator('.matrix-quadrant').all();
  expect(labels).toHaveLength(4);
  const others = [...(await matrix.locator('.matrix-x-scale span, .matrix-y-scale span').all()), ...(await matrix.getByTestId('matrix-card').all())];
  for (const label of labels) {
    const l = await box(label);
    for (const other of others) expect(overlaps(l, await box(other)), `“${await label.innerText()}” over “${await other.innerText()}”`).toBe(false);
  }
});

test('a phone finds the note to vote on among hundreds', async ({ app, browser }) => {
  const map = await seed(app, 200);
  await app.call('rounds.create', { mapId: map.id, title: 'Which pain points hurt most?', target: 'any', dots: 3 });
  const room = await app.call<RoomStatus>('room.open', { mapId: map.id });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto(room.url!);
  await phone.getByLabel('PIN').fill(room.pin!);
  await phone.getByLabel('Your name').fill('Ana');
  await phone.getByRole('button', { name: 'Join' }).click();
  const vote = phone.getByTestId('phone-vote');
  await expect(vote.getByTestId('candidate').first()).toBeVisible();
  expect(await vote.getByTestId('candidate').count()).toBeGreaterThan(200);
  await vote.getByLabel('Find a note').fill('twice 137');
  await expect(vote.getByTestId('candidate')).toHaveCount(1);
  await expect(vote.getByTestId('find-count')).toHaveText(/^1 of \d+ notes$/);
  await vote.getByRole('button', { name: 'Add a dot to: Checkout asks for the card twice 137' }).click();
  await expect(vote.getByTestId('dots-left')).toHaveText('2 of 3 dots left');
  await vote.getByLabel('Find a note').fill('nothing like this');
  await expect(vote.getByTestId('candidate')).toHaveCount(0);
  await expect(vote.getByTestId('find-count')).toHaveText('No note has “nothing like this”.');
  await context.close();
  await app.call('room.close', {});
});

test('a persona’s empty name is refused under the field in plain words', async ({ app, page }) => {
  const map = await seed(app, 0);
  await openMap(page, app.url, map.id);
  await page.getByRole('button', { name: 'Panels', exact: true }).click();
  await page.getByRole('button', { name: 'Personas' }).click();
  await page.getByRole('button', { name: 'Add persona' }).click();
  const name = page.getByRole('textbox', { name: 'Name' }).first();
  await name.fill('');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'name' })).toHaveText('A name cannot be empty.');
});

test('a map with no notes shows an empty board on its card, a map with notes shows notes', async ({ app, page }) => {
  await app.call('maps.create', { title: 'Nothing yet' });
  await seed(app, 3);
  await page.goto(app.url);
  const thumb = (title: string) => page.getByTestId('map-card').filter({ hasText: title }).getByTestId('map-thumb');
  await expect(thumb('Nothing yet').locator('.map-thumb-note')).toHaveCount(0);
  expect(await thumb('Online shopping').locator('.map-thumb-note').count()).toBeGreaterThan(0);
});

test('New map with no title says so in plain words', async ({ app, page }) => {
  expectApiErrors();
  await page.goto(app.url);
  await page.getByRole('button', { name: '+ New map' }).click();
  const dialog = page.getByRole('dialog', { name: 'New map' });
  await dialog.getByLabel('Title').fill('   ');
  await dialog.getByRole('button', { name: 'Create map' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('A title cannot be empty.');
});

test('at 1366 x 768 a round’s question and rules take the Vote panel’s width', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const map = await seed(app, 0);
  await app.call('rounds.create', { mapId: map.id, title: 'Which pain points hurt most?', target: 'any', dots: 3, multiple: true });
  await openMap(page, app.url, map.id);
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  const round = page.getByTestId('round-view');
  const head = await box(round.locator('.round-head'));
  const rules = await box(round.locator('.round-meta'));
  const button = await box(round.getByRole('button', { name: 'Close round' }));
  // The rules reach the button: they are not wrapped in half the width.
  expect(rules.x + rules.width).toBeGreaterThan(button.x - 16);
  expect(head.width).toBeGreaterThan(300);
});

test('after Suggest, Accept all is the filled button, Suggest again the plain one', async ({ app, page }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: 'Online shopping', template: 'online-shopping' });
  await app.call('notes.createMany', { mapId: map.id, notes: [{ text: 'The delivery was two days late', x: 3000, y: 0 }] });
  await openMap(page, app.url, map.id);
  await page.getByRole('button', { name: 'Panels', exact: true }).click();
  await page.getByRole('button', { name: 'Capture' }).click();
  await page.getByRole('tab', { name: 'Suggest' }).click();
  await expect(page.getByRole('button', { name: 'Suggest structure' })).toHaveClass(/\bprimary\b/);
  await page.getByRole('button', { name: 'Suggest structure' }).click();
  await expect(page.getByRole('button', { name: /^Accept all/ })).toHaveClass(/\bprimary\b/);
  await expect(page.getByRole('button', { name: 'Suggest again' })).not.toHaveClass(/\bprimary\b/);
});
