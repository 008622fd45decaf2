import { expect, test, type Page, boardReady } from './fixtures';

/**
 * Issue #5 end to end: ten lines pasted into the capture field, structure suggested and accepted
 * (the notes sit in cells in the store), one undo frees them again; and a CSV import that lists a
 * malformed row by number and creates nothing before it is confirmed. The map bar's "Capture"
 * button opens the capture panel.
 */

interface ApiNote {
  id: string;
  text: string;
  stageId: string | null;
  laneId: string | null;
  kind: string | null;
  author: string | null;
}
interface ApiMap {
  id: string;
  stages: { id: string; name: string }[];
  lanes: { id: string; name: string }[];
  notes: ApiNote[];
}
interface Hook {
  ready: Promise<void>;
  saved(): Promise<void>;
  noteCount(): number;
}

const hook = <T>(page: Page, fn: (h: Hook) => T | Promise<T>) =>
  page.evaluate(`(${fn.toString()})(window.__journeyboardBoard)`) as Promise<T>;

async function openMap(page: Page, url: string, mapId: string) {
  const u = new URL(url);
  u.hash = `#/map/${mapId}`;
  await page.goto(u.href);
  await boardReady(page);
}

/** Waits until the board has saved everything, then reads the map from the store. */
async function stored(page: Page, app: { call<T>(m: string, i: unknown): Promise<T> }, id: string): Promise<ApiMap> {
  await hook(page, (h) => h.saved());
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return app.call<ApiMap>('maps.get', { id });
}

/** Opens the capture panel from the map bar. */
async function openCapture(page: Page) {
  await page.getByRole('button', { name: 'Panels', exact: true }).click(); // Capture is in the map bar's Panels drop-down
  const button = page.getByRole('button', { name: 'Capture', exact: true });
  await button.click();
  const panel = page.getByTestId('capture-panel');
  await expect(panel).toBeVisible();
  return panel;
}

const LINES = [
  'Saw an advert for the app on social media',
  'Compared prices on three websites',
  'Read reviews before deciding',
  'The checkout form asked for my address twice',
  'Paid with a card in the app',
  'Got a confirmation email straight away',
  'Worried the delivery would be late',
  'Called support and waited forty minutes',
  'Offer a loyalty discount for returning customers',
  'Told my friends how easy it was',
];

test('ten pasted lines, Suggest structure, Accept all: the notes sit in cells; one undo puts them back', async ({
  app,
  page,
}) => {
  const map = await app.call<ApiMap>('maps.create', { title: 'Funnel workshop', template: 'classic-funnel' });
  await openMap(page, app.url, map.id);
  const panel = await openCapture(page);

  // A paste of ten lines (with a blank one) into the capture field: ten notes, one undo step.
  const field = panel.getByTestId('capture-input');
  await field.fill('');
  await field.evaluate(
    (el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    `${LINES.slice(0, 5).join('\n')}\n\n${LINES.slice(5).join('\r\n')}\n`,
  );
  await expect.poll(() => hook(page, (h) => h.noteCount())).toBe(10);
  const before = await stored(page, app, map.id);
  expect(before.notes.map((n) => n.text).sort()).toEqual([...LINES].sort());
  expect(before.notes.every((n) => n.stageId === null && n.laneId === null)).toBe(true);

  await panel.getByRole('tab', { name: 'Suggest' }).click();
  await panel.getByRole('button', { name: 'Suggest structure' }).click();
  const rows = panel.getByTestId('suggestion');
  await expect(rows).toHaveCount(10);
  // Where the classifier could not name a stage or lane, the facilitator picks one.
  for (const row of await rows.all()) {
    for (const label of ['Stage', 'Lane']) {
      const select = row.getByLabel(label);
      if ((await select.inputValue()) === '') await select.selectOption({ index: 1 });
    }
  }
  await panel.getByRole('button', { name: 'Accept all (10)' }).click();
  await expect(panel.getByText('No free notes to place')).toBeVisible();

  const placed = await stored(page, app, map.id);
  expect(placed.notes).toHaveLength(10);
  const stageIds = new Set(placed.stages.map((s) => s.id));
  const laneIds = new Set(placed.lanes.map((l) => l.id));
  for (const n of placed.notes) {
    expect(stageIds.has(n.stageId!), `${n.text} has a stage`).toBe(true);
    expect(laneIds.has(n.laneId!), `${n.text} has a lane`).toBe(true);
  }

  // One undo (the board's toolbar) puts all ten back on the free board.
  await page.getByTestId('undo').click();
  const undone = await stored(page, app, map.id);
  expect(undone.notes).toHaveLength(10);
  expect(undone.notes.filter((n) => n.stageId !== null || n.laneId !== null)).toEqual([]);
});

test('CSV import: a malformed row is listed by its row number and nothing is created before Create', async ({
  app,
  page,
}) => {
  const map = await app.call<ApiMap>('maps.create', { title: 'Import workshop', template: 'classic-funnel' });
  await openMap(page, app.url, map.id);
  const panel = await openCapture(page);
  await panel.getByRole('tab', { name: 'Import' }).click();

  const csv = [
    '\uFEFFNote,Stage,Lane,Author',
    '"Too many steps, honestly",Purchase,Pain points,Ana',
    'Looked at the price,Nowhere,Actions,Bo',
    'Just an idea,,,Cy',
  ].join('\r\n');
  await panel
    .getByTestId('import-file')
    .setInputFiles({ name: 'wall.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-summary')).toHaveText('2 notes will be created · 1 row can’t be imported');
  await expect(dialog.getByTestId('import-problems')).toContainText('Row 3');
  await expect(dialog.getByTestId('import-problems')).toContainText('unknown stage “Nowhere”');
  await expect(dialog.getByRole('cell', { name: 'Too many steps, honestly' })).toBeVisible();

  // Nothing yet: neither on the board nor in the store.
  expect(await hook(page, (h) => h.noteCount())).toBe(0);
  expect((await stored(page, app, map.id)).notes).toEqual([]);

  await dialog.getByRole('button', { name: 'Create 2 notes' }).click();
  await expect(dialog).toBeHidden();
  const after = await stored(page, app, map.id);
  const purchase = after.stages.find((s) => s.name === 'Purchase')!;
  const pains = after.lanes.find((l) => l.name === 'Pain points')!;
  expect(
    after.notes
      .map((n) => ({ text: n.text, stageId: n.stageId, laneId: n.laneId, kind: n.kind, author: n.author }))
      .sort((a, b) => a.text.localeCompare(b.text)),
  ).toEqual([
    { text: 'Just an idea', stageId: null, laneId: null, kind: null, author: 'Cy' },
    { text: 'Too many steps, honestly', stageId: purchase.id, laneId: pains.id, kind: 'pain_point', author: 'Ana' },
  ]);
});
