// Dot voting in the room (issue 12), in web mode: three people vote in a round on pain points
// through the Vote panel (from the list and by clicking notes on the board), one dot is refused,
// a vote is undone, the round closes, and the results and the board's badges show.
import type { Page } from '@playwright/test';
import { expect, test, boardReady, noteCentre } from './fixtures';

interface MapData {
  id: string;
  participants: { id: string; name: string }[];
  rounds: { id: string; title: string; status: string; dots: number }[];
  votes: { noteId: string; participantId: string | null; count: number }[];
  notes: { id: string; text: string }[];
}

/** Clicks a note on the board canvas (its centre on screen, from the board's camera). */
async function clickNote(page: Page, text: string): Promise<void> {
  const at = await noteCentre(page, { text });
  await page.mouse.click(at.x, at.y);
}

const PAINS = ['Delivery slots run out', 'Checkout asks for the card twice', 'No tracking after dispatch'];

test('three people vote on pain points, one dot is refused, a vote is undone, the round closes with results and badges', async ({ app, page }) => {
  const map = await app.call<MapData>('maps.create', { title: 'Groceries' });
  for (const [i, text] of PAINS.entries()) await app.call('notes.create', { mapId: map.id, text, x: i * 220, y: 0, kind: 'pain_point', color: 'pink' });
  await app.call('notes.create', { mapId: map.id, text: 'Evening delivery', x: 0, y: 240, kind: 'opportunity', color: 'green' });

  await page.goto(`${app.url}#/map/${map.id}`);
  await boardReady(page);
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  const panel = page.getByTestId('vote-panel');

  for (const name of ['Ana', 'Ben', 'Caro']) {
    await panel.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
  }
  await expect(panel.getByRole('textbox', { name: /^Name of / })).toHaveCount(3);

  await panel.getByRole('button', { name: 'New round' }).click();
  await expect(panel.getByLabel('Question')).toHaveValue('Which pain points hurt most?');
  await expect(panel.getByLabel('Vote on')).toHaveValue('pain_point');
  await panel.getByLabel('Dots each').fill('2');
  await panel.getByRole('button', { name: 'Create round' }).click();
  await expect(panel.getByTestId('round-view')).toContainText('Open');

  const voter = (name: string) => panel.getByRole('button', { name: new RegExp(`^${name} `) });
  const dot = (name: string, note: string) => panel.getByRole('button', { name: `Add ${name}’s dot to “${note}”` });

  // Ana votes from the list, twice; her third dot is refused in one sentence.
  await voter('Ana').click();
  await expect(voter('Ana')).toHaveAttribute('aria-pressed', 'true');
  await dot('Ana', PAINS[0]!).click();
  await dot('Ana', PAINS[1]!).click();
  await expect(voter('Ana')).toContainText('0 of 2 left');
  await dot('Ana', PAINS[2]!).click();
  await expect(panel.getByRole('alert')).toHaveText('Ana has no dots left: all 2 are used. Take one back to move it.');

  // Ben votes by clicking notes on the board; a click on an opportunity is refused.
  await voter('Ben').click();
  await panel.getByRole('button', { name: 'Vote by clicking notes' }).click();
  // The board is narrower beside the panel: bring every note into view.
  await page.evaluate(() => window.__journeyboardBoard!.fitAll());
  await clickNote(page, 'Evening delivery');
  await expect(panel.getByRole('alert')).toHaveText('This round is on pain points, and “Evening delivery” is not a pain point.');
  await clickNote(page, PAINS[0]!);
  await clickNote(page, PAINS[2]!);
  await expect(voter('Ben')).toContainText('0 of 2 left');
  await panel.getByRole('button', { name: /^Clicking a note votes for Ben/ }).click();

  // Caro: one dot from the list, then another that is undone from the board's toolbar.
  await voter('Caro').click();
  await dot('Caro', PAINS[0]!).click();
  await dot('Caro', PAINS[1]!).click();
  await expect(voter('Caro')).toContainText('0 of 2 left');
  await page.getByTestId('undo').click();
  await expect(voter('Caro')).toContainText('1 of 2 left');

  const results = panel.getByTestId('vote-results');
  await expect(results.getByRole('listitem')).toHaveText([/^3.*Delivery slots run out.*Ana, Ben, Caro/, /^1/, /^1/]);

  await panel.getByRole('button', { name: 'Close round' }).click();
  await expect(panel.getByTestId('round-view')).toContainText('Closed');
  await expect(results.getByRole('listitem').first()).toContainText('Delivery slots run out');
  // The board shows each voted note's count in a badge.
  const byText = await page.evaluate(() => {
    const b = window.__journeyboardBoard!;
    const badges = b.voteBadges();
    return Object.fromEntries(b.notes().filter((n) => badges[n.id]).map((n) => [n.text, badges[n.id]]));
  });
  expect(byText).toEqual({ [PAINS[0]!]: 3, [PAINS[1]!]: 1, [PAINS[2]!]: 1 });

  // Insights: the top pain point by votes x severity links to its note (selected, in view).
  await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Insights is in the map bar's Panels drop-down
  await page.getByRole('button', { name: 'Insights' }).click();
  const insights = page.getByTestId('insights-panel');
  const top = insights.getByRole('button', { name: new RegExp(`^${PAINS[0]}: 3 votes`) });
  await expect(top).toBeVisible();
  await top.click();
  const selected = await page.evaluate(() => {
    const b = window.__journeyboardBoard!;
    return b.selection().map((id) => b.notes().find((n) => n.id === id)!.text);
  });
  expect(selected).toEqual([PAINS[0]]);

  // What the store has: the same votes, the round closed.
  await page.evaluate(() => window.__journeyboardBoard!.saved());
  const saved = await app.call<MapData>('maps.get', { id: map.id });
  expect(saved.participants.map((p) => p.name)).toEqual(['Ana', 'Ben', 'Caro']);
  expect(saved.rounds.map((r) => [r.title, r.status, r.dots])).toEqual([['Which pain points hurt most?', 'closed', 2]]);
  const textOf = new Map(saved.notes.map((n) => [n.id, n.text]));
  const tally = new Map<string, number>();
  for (const v of saved.votes) tally.set(textOf.get(v.noteId)!, (tally.get(textOf.get(v.noteId)!) ?? 0) + v.count);
  expect(Object.fromEntries(tally)).toEqual({ [PAINS[0]!]: 3, [PAINS[1]!]: 1, [PAINS[2]!]: 1 });
});
