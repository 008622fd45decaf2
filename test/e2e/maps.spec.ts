import { expect, expectApiErrors, test } from './fixtures';

test('create a map, rename it, reload: it is still there with its new name', async ({ app, page }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'No maps yet' })).toBeVisible();

  await page.getByRole('button', { name: '+ New map' }).click();
  const dialog = page.getByRole('dialog', { name: 'New map' });
  await dialog.getByLabel('Title').fill('Onboarding workshop');
  await dialog.getByRole('button', { name: 'Create map' }).click();

  // Creating opens the map; its title is in the bar and the board fills the window.
  await expect(page.getByRole('heading', { name: 'Onboarding workshop' })).toBeVisible();
  await expect(page.getByTestId('board')).toBeVisible();
  await page.getByRole('button', { name: '← Maps' }).click();

  await page.getByRole('button', { name: 'Rename Onboarding workshop' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename map' });
  await rename.getByLabel('Title').fill('Retail onboarding');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('button', { name: /^Retail onboarding \d/ })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: /^Retail onboarding \d/ })).toBeVisible();
  await expect(page.getByTestId('map-card')).toHaveCount(1);
  await expect(page.getByTestId('map-card')).toContainText('0 notes');
  expect((await app.call<{ title: string }[]>('maps.list', {})).map((m) => m.title)).toEqual(['Retail onboarding']);
});

test('an empty title is refused with the reason, and the map keeps its name', async ({ app, page }) => {
  expectApiErrors();
  await app.call('maps.create', { title: 'Kickoff' });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Rename Kickoff' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename map' });
  await rename.getByLabel('Title').fill('   ');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByRole('alert')).toHaveText('A title cannot be empty.');
  await rename.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: /^Kickoff \d/ })).toBeVisible();
  expect((await app.call<{ title: string }[]>('maps.list', {})).map((m) => m.title)).toEqual(['Kickoff']);
});

test('duplicate, then delete only after confirming', async ({ app, page }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: 'Kickoff' });
  await app.call('notes.create', { mapId: map.id, text: 'waits on hold', x: 0, y: 0 });
  await page.goto(app.url);

  await page.getByRole('button', { name: 'Duplicate Kickoff' }).click();
  await expect(page.getByRole('button', { name: /^Kickoff \(copy\) \d/ })).toBeVisible();
  await expect(page.getByTestId('map-card').filter({ hasText: 'Kickoff (copy)' })).toContainText('1 note');

  await page.getByRole('button', { name: 'Delete Kickoff (copy)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete “Kickoff (copy)”?' });
  await expect(confirm).toContainText('1 note');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('map-card')).toHaveCount(2);

  await page.getByRole('button', { name: 'Delete Kickoff (copy)' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete map' }).click();
  await expect(page.getByTestId('map-card')).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Kickoff \d/ })).toBeVisible();
});

test('a map from a template opens with its stages, and the URL reopens it after a reload', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: '+ New map' }).click();
  const dialog = page.getByRole('dialog', { name: 'New map' });
  await dialog.getByLabel('Title').fill('Funnel');
  await dialog.getByText('Classic funnel').click();
  await dialog.getByRole('button', { name: 'Create map' }).click();
  await expect(page.getByRole('heading', { name: 'Funnel' })).toBeVisible();
  // The token leaves the address once read (e470770); the map stays in it.
  expect(page.url()).toMatch(/^[^?]*#\/map\//);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Funnel' })).toBeVisible();
  const [summary] = await app.call<{ id: string }[]>('maps.list', {});
  const map = await app.call<{ stages: { name: string }[] }>('maps.get', { id: summary!.id });
  expect(map.stages.map((s) => s.name)).toEqual(['Awareness', 'Consideration', 'Decision', 'Purchase', 'Retention', 'Advocacy']);
});

test('a map that no longer exists says so and offers the way back', async ({ app, page }) => {
  expectApiErrors();
  await page.goto(`${app.url}#/map/gone`);
  await expect(page.getByRole('alert')).toContainText('No map with id "gone"');
  await page.getByRole('button', { name: 'Back to maps' }).click();
  await expect(page.getByRole('heading', { name: 'No maps yet' })).toBeVisible();
});

test('keyboard only: Enter creates, Escape cancels, the title renames in place on the map', async ({ app, page }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: '+ New map' }).click();
  const dialog = page.getByRole('dialog', { name: 'New map' });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: '+ New map' })).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.type('Claims journey');
  await page.keyboard.press('Enter');
  const title = page.getByTestId('map-title');
  await expect(title).toHaveText('Claims journey');
  await expect(page).toHaveTitle('Claims journey – Journeyboard');

  await title.dblclick();
  const input = page.getByRole('textbox', { name: 'Map title' });
  await expect(input).toBeFocused();
  await input.fill('Claims journey (to-be)');
  await page.keyboard.press('Enter');
  await expect(title).toHaveText('Claims journey (to-be)');

  await page.getByRole('button', { name: '← Maps' }).click();
  await expect(page.getByRole('button', { name: /^Claims journey \(to-be\) \d/ })).toBeVisible();
  await expect(page.getByTestId('map-card')).toContainText('edited just now');
});

test('the home screen filters as you type, Escape clears, and the order by name or last edit is remembered', async ({ app, page }) => {
  for (const title of ['Beta retail', 'alpha claims', 'Gamma retail kickoff']) {
    await app.call('maps.create', { title });
    await page.waitForTimeout(5); // distinct edit times
  }
  await page.goto(app.url);
  const cards = page.getByTestId('map-card').locator('.map-title');
  await expect(cards).toHaveText(['Gamma retail kickoff', 'alpha claims', 'Beta retail']);

  const search = page.getByRole('searchbox', { name: 'Search maps' });
  await search.fill('RETAIL');
  await expect(cards).toHaveText(['Gamma retail kickoff', 'Beta retail']);
  await expect(page.getByRole('status')).toHaveText('2 of 3 maps match.');
  await search.fill('workshop');
  await expect(cards).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('No maps match “workshop”.');
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(cards).toHaveCount(3);

  await page.getByLabel('Sort by').selectOption({ label: 'Name' });
  await expect(cards).toHaveText(['alpha claims', 'Beta retail', 'Gamma retail kickoff']);
  await page.reload();
  await expect(page.getByLabel('Sort by')).toHaveValue('name');
  await expect(cards).toHaveText(['alpha claims', 'Beta retail', 'Gamma retail kickoff']);
});
