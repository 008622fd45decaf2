import { expect, test } from './fixtures';

interface MapData {
  id: string;
  personaId: string | null;
  personas: { id: string; name: string; quote: string }[];
  notes: { text: string }[];
}

test('personas: add one from the map bar, name it, reload: it is the map’s persona', async ({ app, page }) => {
  const map = await app.call<MapData>('maps.create', { title: 'Bank', template: 'bank-account-opening' });
  await page.goto(`${app.url}#/map/${map.id}`);
  await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Personas is in the map bar's Panels drop-down
  await page.getByRole('button', { name: 'Personas' }).click();
  const panel = page.getByTestId('personas-panel');
  await panel.getByRole('button', { name: 'Add persona' }).click();
  const name = panel.getByRole('textbox', { name: 'Name' });
  await name.fill('Priya');
  await name.press('Enter');
  const quote = panel.getByRole('textbox', { name: 'Quote' });
  await quote.fill('Is my money safe here?');
  await quote.blur();
  await expect(panel.getByText('This map’s persona')).toBeVisible();
  await expect.poll(async () => (await app.call<MapData>('maps.get', { id: map.id })).personas.map((p) => [p.name, p.quote])).toEqual([
    ['Priya', 'Is my money safe here?'],
  ]);

  await expect(page.getByRole('button', { name: 'For: Priya' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'For: Priya' })).toBeVisible();
  await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Personas is in the map bar's Panels drop-down
  await page.getByRole('button', { name: 'Personas' }).click();
  await expect(page.getByTestId('personas-panel').getByRole('textbox', { name: 'Name' })).toHaveValue('Priya');
  const saved = await app.call<MapData>('maps.get', { id: map.id });
  expect(saved.personaId).toBe(saved.personas[0]!.id);
  // The lens highlights Priya's notes on the board; the map bar says it is on.
  await page.getByRole('button', { name: 'Highlight Priya’s notes on the board' }).click();
  await expect(page.getByRole('button', { name: 'For: Priya · lens on' })).toBeVisible();
});

test('reading view: the map as a table, with a note typed on the board just before', async ({ app, page }) => {
  const map = await app.call<MapData>('maps.create', { title: 'Bank', template: 'bank-account-opening' });
  await app.call('notes.create', { mapId: map.id, text: '<b>not bold</b> free note', x: 6000, y: 0 });
  await page.goto(`${app.url}#/map/${map.id}`);
  await page.getByRole('button', { name: 'Show', exact: true }).click(); // Reading view is in the map bar's Show drop-down
  await page.getByRole('button', { name: 'Reading view' }).click();
  const view = page.getByTestId('reading-view');
  await expect(view.getByRole('heading', { name: 'Bank' })).toBeVisible();
  for (const n of map.notes.slice(0, 3)) await expect(view.getByText(n.text, { exact: true })).toBeVisible();
  // Note text is shown as text, never as markup.
  await expect(view.getByText('<b>not bold</b> free note')).toBeVisible();
  await view.getByRole('button', { name: 'Back to board' }).click();
  await expect(view).toBeHidden();
});
