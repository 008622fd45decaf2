// The facilitator's board follows the store live (issue 14): notes another client (a phone through
// the room, another window) creates, edits and deletes appear and go without a reload while the
// facilitator is typing into a note of their own, whose text wins; a vote cast elsewhere updates
// the Vote panel's badge on the board. The other client is the API over HTTP.
import type { Page } from '@playwright/test';
import { expect, test, boardReady, noteCentre } from './fixtures';

interface NoteData {
  id: string;
  text: string;
  color: string;
}

const boardNotes = (page: Page) =>
  page.evaluate(() => window.__journeyboardBoard!.notes().map((n) => ({ id: n.id, text: n.text, color: n.color })).sort((a, b) => a.text.localeCompare(b.text)));

/** Double-clicks a note on the board canvas (its centre on screen, from the board's camera). */
async function editNote(page: Page, id: string): Promise<void> {
  const at = await noteCentre(page, { id });
  await page.mouse.dblclick(at.x, at.y);
}

test('notes made, edited and deleted elsewhere appear and go without a reload while the facilitator types; their own text wins', async ({ app, page }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: 'Live room' });
  const mine = await app.call<NoteData>('notes.create', { mapId: map.id, text: 'Queue at the desk', x: 0, y: 0 });
  await page.goto(`${app.url}#/map/${map.id}`);
  await boardReady(page);

  // The facilitator starts typing into their note (not committed yet).
  await editNote(page, mine.id);
  const editor = page.getByTestId('note-editor');
  await expect(editor).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' (20 minutes)');

  // Another client: a new note, then an edit of it, then a note it deletes.
  const phone = await app.call<NoteData>('notes.create', { mapId: map.id, text: 'Cannot find the entrance', x: 400, y: 0, author: 'Ada' });
  await expect.poll(() => boardNotes(page)).toEqual([
    { id: phone.id, text: 'Cannot find the entrance', color: 'yellow' },
    { id: mine.id, text: 'Queue at the desk', color: 'yellow' },
  ]);
  await app.call('notes.updateMany', { mapId: map.id, notes: [{ id: phone.id, text: 'Cannot find the side entrance' }] });
  await expect.poll(async () => (await boardNotes(page)).find((n) => n.id === phone.id)?.text).toBe('Cannot find the side entrance');
  const withdrawn = await app.call<NoteData>('notes.create', { mapId: map.id, text: 'Sent by mistake', x: 800, y: 0 });
  await expect.poll(async () => (await boardNotes(page)).length).toBe(3);
  await app.call('changes.apply', { mapId: map.id, changes: [{ type: 'note', op: 'delete', id: withdrawn.id }] });
  await expect.poll(async () => (await boardNotes(page)).map((n) => n.id)).toEqual([phone.id, mine.id]);

  // Elsewhere, the facilitator's note is edited too (its text and its colour).
  await app.call('notes.updateMany', { mapId: map.id, notes: [{ id: mine.id, text: 'Queue at the counter', color: 'pink' }] });
  await expect.poll(async () => (await boardNotes(page)).find((n) => n.id === mine.id)?.color).toBe('pink');
  // Through all of it the editor kept the typing.
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('Queue at the desk (20 minutes)');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);

  // The typed text wins and is saved over the other client's; the colour from elsewhere stays.
  await page.evaluate(() => window.__journeyboardBoard!.saved());
  await expect.poll(async () => (await app.call<{ notes: NoteData[] }>('maps.get', { id: map.id })).notes.find((n) => n.id === mine.id)).toMatchObject({
    text: 'Queue at the desk (20 minutes)',
    color: 'pink',
  });
  expect((await boardNotes(page)).find((n) => n.id === mine.id)).toMatchObject({ text: 'Queue at the desk (20 minutes)', color: 'pink' });
  // The other client's notes were never the facilitator's undo steps: undo takes back only the typing.
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await boardNotes(page)).map((n) => n.text)).toEqual(['Cannot find the side entrance', 'Queue at the counter']);
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('a vote cast elsewhere updates the badge on the board', async ({ app, page }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: 'Live votes' });
  const note = await app.call<NoteData>('notes.create', { mapId: map.id, text: 'Long wait', x: 0, y: 0, kind: 'pain_point' });
  const ada = await app.call<{ id: string }>('participants.create', { mapId: map.id, name: 'Ada' });
  const ben = await app.call<{ id: string }>('participants.create', { mapId: map.id, name: 'Ben' });
  const round = await app.call<{ id: string }>('rounds.create', { mapId: map.id, title: 'Which pain points hurt most?', target: 'pain_point', dots: 3 });
  await page.goto(`${app.url}#/map/${map.id}`);
  await boardReady(page);
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await expect(page.getByTestId('round-view')).toContainText('Open');
  const badges = () => page.evaluate(() => window.__journeyboardBoard!.voteBadges());
  expect(await badges()).toEqual({});

  await app.call('votes.cast', { roundId: round.id, participantId: ada.id, noteId: note.id });
  await expect.poll(badges).toEqual({ [note.id]: 1 });
  await app.call('votes.cast', { roundId: round.id, participantId: ben.id, noteId: note.id });
  await expect.poll(badges).toEqual({ [note.id]: 2 });
  await app.call('votes.retract', { roundId: round.id, participantId: ada.id, noteId: note.id });
  await expect.poll(badges).toEqual({ [note.id]: 1 });
});
