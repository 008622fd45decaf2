import { expect, test } from './fixtures';

interface MapData {
  id: string;
  personaId: string | null;
  personas: { id: string; name: string }[];
}

// Issue 10: the persona the map is for is a change like any record's. Deleting it and undoing
// brings the map's choice back, in the map bar and in the store; choosing another is one undo step.
test('the map’s persona: delete it, undo brings the For: chip and the store’s choice back; choosing one is an undo step', async ({ app, page }) => {
  const map = await app.call<MapData>('maps.create', { title: 'Bank', template: 'bank-account-opening' });
  const priya = await app.call<{ id: string }>('personas.create', { mapId: map.id, name: 'Priya' });
  const sam = await app.call<{ id: string }>('personas.create', { mapId: map.id, name: 'Sam' });
  const stored = async () => (await app.call<MapData>('maps.get', { id: map.id })).personaId;
  await page.goto(`${app.url}#/map/${map.id}`);
  const chip = page.getByRole('button', { name: /^For: / });
  await expect(chip).toHaveText('For: Priya');

  await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Personas is in the map bar's Panels drop-down
  await page.getByRole('button', { name: 'Personas' }).click();
  const panel = page.getByTestId('personas-panel');
  await panel.getByRole('button', { name: 'Delete Priya' }).click();
  await page.getByRole('button', { name: 'Delete persona' }).click();
  await expect(chip).toHaveCount(0);
  await expect.poll(stored).toBeNull();

  await panel.getByRole('button', { name: 'Close personas' }).click();
  await page.keyboard.press('Control+z');
  await expect(chip).toHaveText('For: Priya');
  await expect.poll(stored).toBe(priya.id);

  await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Personas is in the map bar's Panels drop-down
  await page.getByRole('button', { name: 'Personas' }).click();
  await expect(panel.getByRole('listitem', { name: 'Priya' })).toBeVisible();
  await panel.getByLabel('This map is for').selectOption({ label: 'Sam' });
  await expect(chip).toHaveText('For: Sam');
  await expect.poll(stored).toBe(sam.id);
  await panel.getByRole('button', { name: 'Close personas' }).click();
  await page.keyboard.press('Control+z');
  await expect(chip).toHaveText('For: Priya');
  await expect.poll(stored).toBe(priya.id);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
});
