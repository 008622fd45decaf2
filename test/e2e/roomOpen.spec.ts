// The facilitator's side of the room (issue 14): open it from the map bar, read the PIN and the
// address in the dialog, a phone joins (here: the test, over HTTP with that PIN), the dialog and
// the bar count it, its Done shows as "1 of 1 done" in the dialog, the Workshop panel and the room
// view (which also shows the QR code, address and PIN); Close room after the confirmation, and the
// token the phone had is refused. Web mode binds every room to 127.0.0.1 (--room-bind in fixtures.ts).
import { boardReady, expect, test } from './fixtures';

interface Joined {
  token: string;
  participantId: string;
}

/** POST to the room listener as a phone would (same origin as the page it was served). */
async function post(url: string, path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(new URL(path, url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: new URL(url).origin,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

test('open the room from the map bar, a phone joins with the PIN, close the room: its token is refused', async ({ app, page, context }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: 'Claims journey', template: 'online-shopping' });
  const workshop = await app.call<{ steps: { id: string; title: string }[] }>('workshop.get', { mapId: map.id });
  await app.call('workshop.start', { mapId: map.id, stepId: workshop.steps[0]!.id });
  await page.goto(`${app.url}#/map/${map.id}`);
  await boardReady(page);

  // Open room: the bar's button opens the dialog, whose own button opens the room.
  await page.getByRole('button', { name: 'Open room', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Room for phones' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Open room', exact: true }).click();

  const pinBox = dialog.getByTestId('room-pin');
  await expect(pinBox).toHaveAttribute('data-pin', /^\d{6}$/);
  const pin = (await pinBox.getAttribute('data-pin'))!;
  // Shown in two groups of three for reading aloud.
  await expect(pinBox).toContainText(`${pin.slice(0, 3)} ${pin.slice(3)}`);
  const address = dialog.getByTestId('room-address');
  await expect(address).toHaveText(/^127\.0\.0\.1:\d+$/);
  const short = (await address.textContent())!;
  const url = `http://${short}/`;
  // The QR code encodes the address and says it in its name.
  const qr = dialog.getByRole('img', { name: `QR code for the room’s address, ${short}` });
  await expect(qr).toHaveAttribute('data-qr-text', url);
  await expect(dialog.getByTestId('room-counts')).toContainText('0 joined');

  // A wrong PIN is refused; the right one lets the phone in.
  const wrong = String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
  expect((await post(url, 'join', { pin: wrong, name: 'Ana' })).status).toBe(401);
  const res = await post(url, 'join', { pin, name: 'Ana' });
  expect(res.status).toBe(200);
  // The main API's answer shape ({ok, value}); the bare value is read too.
  const body = (await res.json()) as { value?: Joined } & Partial<Joined>;
  const token = (body.value ?? body).token;
  expect(token).toBeTruthy();
  await expect(dialog.getByTestId('room-counts')).toContainText('1 joined');

  // Their Done for the current step: "1 of 1 done" in the dialog.
  const done = await post(url, 'api/done.set', { done: true }, token);
  expect(done.status).toBe(200);
  await expect(dialog.getByTestId('room-done')).toHaveText('1 of 1 done');

  // Hide the dialog: the room stays open and the bar says how many joined.
  await dialog.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('room-button')).toHaveText(/Room open · 1 joined/);
  // The Workshop panel shows the count beside the clock.
  await page.getByRole('button', { name: 'Workshop', exact: true }).click();
  await expect(page.getByTestId('workshop-done')).toContainText('1 of 1 done');

  // The room view (projector) shows the same QR code, address and PIN, and the count.
  const room = await context.newPage();
  await room.goto(`${app.origin}/?token=${app.token}#/room/${map.id}`);
  await expect(room.getByTestId('room-view')).toBeVisible();
  await expect(room.getByTestId('room-view-address')).toHaveText(short);
  await expect(room.getByTestId('room-view-pin')).toHaveAttribute('data-pin', pin);
  await expect(room.getByRole('img', { name: `QR code for the room’s address, ${short}` })).toBeVisible();
  await expect(room.getByTestId('room-view-done')).toHaveText('1 of 1 done');

  // Close room, after the confirmation.
  await page.getByTestId('room-button').click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close room', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Close the room?' });
  await confirm.getByRole('button', { name: 'Close room', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Open room', exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Open room', exact: true })).toBeVisible();
  // The projector stops showing how to join.
  await expect(room.getByTestId('room-join')).toHaveCount(0);

  // The phone's token is refused: the old address no longer answers, and a new room does not know it.
  const stale = await post(url, 'api/state', {}, token).then(
    (r) => r.status,
    () => 'refused',
  );
  expect(stale === 'refused' || stale === 401 || stale === 403).toBe(true);
  const reopened = await app.call<{ url: string }>('room.open', { mapId: map.id });
  const again = await post(reopened.url, 'api/state', {}, token);
  expect(again.status).toBe(401);
  await app.call('room.close', {});
});
