import fs from 'node:fs';
import { expect, expectApiErrors, test, boardReady } from './fixtures';

interface MapData {
  id: string;
  title: string;
  notes: { id: string; text: string; x: number; y: number; stageId: string | null; laneId: string | null }[];
}

test('export a map as .journey, delete it, import the file: the map is back, note for note', async ({ app, page }, testInfo) => {
  const created = await app.call<MapData>('maps.create', { title: 'Bank for the client', template: 'bank-account-opening' });
  await app.call('notes.create', { mapId: created.id, text: '<script>alert(1)</script>', x: 4000, y: 100 });
  const before = await app.call<MapData>('maps.get', { id: created.id });

  await page.goto(`${app.url}#/map/${created.id}`);
  await page.getByRole('button', { name: 'Export' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /Journeyboard map \(\.journey\)/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Bank for the client.journey');
  const file = testInfo.outputPath('bank.journey');
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');

  await page.getByRole('button', { name: '← Maps' }).click();
  await page.getByRole('button', { name: 'Delete Bank for the client' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete map' }).click();
  await expect(page.getByTestId('map-card')).toHaveCount(0);

  await page.getByLabel('Map file to import').setInputFiles(file);
  await expect(page.getByRole('button', { name: /^Bank for the client \d/ })).toBeVisible();
  const after = await app.call<MapData & { camera: unknown }>('maps.get', { id: created.id });
  // Opening the board remembers its camera; everything the person made is exactly as it was.
  expect({ ...after, camera: null }).toEqual({ ...before, camera: null });
  expect(after.notes).toHaveLength(before.notes.length);
});

test('importing a map you already have asks: keep both makes a copy', async ({ app, page }, testInfo) => {
  expectApiErrors();
  const created = await app.call<MapData>('maps.create', { title: 'Kickoff', template: 'service' });
  const exported = await app.call<{ base64: string }>('files.exportJourney', { mapId: created.id });
  const file = testInfo.outputPath('kickoff.journey');
  fs.writeFileSync(file, Buffer.from(exported.base64, 'base64'));
  await page.goto(app.url);
  await page.getByLabel('Map file to import').setInputFiles(file);
  const ask = page.getByRole('dialog', { name: 'This map is already here' });
  await expect(ask).toContainText('Replace it with the file’s version, or keep both?');
  await ask.getByRole('button', { name: 'Keep both' }).click();
  await expect(page.getByTestId('map-card')).toHaveCount(2);
});

test('a file that is not a map is refused with a reason and nothing changes', async ({ app, page }, testInfo) => {
  expectApiErrors();
  await app.call('maps.create', { title: 'Kickoff' });
  const file = testInfo.outputPath('notes.journey');
  fs.writeFileSync(file, 'just some text\n');
  await page.goto(app.url);
  await page.getByLabel('Map file to import').setInputFiles(file);
  await expect(page.getByRole('alert')).toContainText('it is not a SQLite database, and every map Journeyboard saves (.journey) is one');
  await expect(page.getByTestId('map-card')).toHaveCount(1);
});

test('the HTML export works offline: no request leaves the file, and note text stays text', async ({ app, page, browser }, testInfo) => {
  const created = await app.call<MapData>('maps.create', { title: 'Client map', template: 'online-shopping' });
  await app.call('notes.create', { mapId: created.id, text: '<script>alert(1)</script>', x: 5000, y: 0 });
  await page.goto(`${app.url}#/map/${created.id}`);

  const save = async (item: RegExp, name: string) => {
    await page.getByRole('button', { name: 'Export' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: item }).click();
    const file = testInfo.outputPath(name);
    await (await downloading).saveAs(file);
    return file;
  };
  const html = await save(/Web page \(\.html\)/, 'map.html');
  const pdf = await save(/PDF, a page per stage/, 'map.pdf');
  const pptx = await save(/PowerPoint/, 'map.pptx');
  expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  expect(fs.readFileSync(pptx).subarray(0, 2).toString()).toBe('PK');

  const viewer = await browser.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  viewer.on('request', (r) => requests.push(r.url()));
  viewer.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await viewer.goto(`file://${html}`);
  await expect(viewer.getByText('<script>alert(1)</script>')).toBeVisible();
  await expect(viewer.getByText('Client map').first()).toBeVisible();
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  expect(requests).toHaveLength(1);
  expect(dialogs).toEqual([]);
  await viewer.close();
});

test('a long export shows progress, leaves the board usable, and can be cancelled', async ({ app, page }) => {
  const created = await app.call<MapData>('maps.create', { title: 'Big wall' });
  const notes = Array.from({ length: 5000 }, (_, i) => ({
    text: `note ${i}: the customer waits on hold for a long time before anyone answers`,
    x: (i % 100) * 180,
    y: Math.floor(i / 100) * 180,
  }));
  await app.call('notes.createMany', { mapId: created.id, notes });
  await page.goto(`${app.url}#/map/${created.id}`);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: /PDF, whole map/ }).click();
  const progress = page.getByRole('status').filter({ hasText: 'Exporting PDF, whole map' });
  await expect(progress).toBeVisible();
  // The board still answers while the file is built in a worker.
  expect(await page.evaluate(() => window.__journeyboardBoard!.noteCount())).toBe(5000);
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Export cancelled.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export' })).toBeVisible();
  expect(downloads).toBe(0);
});

test('dropping a .journey file on the window opens it', async ({ app, page }) => {
  const created = await app.call<MapData>('maps.create', { title: 'Dropped map', template: 'service' });
  const exported = await app.call<{ base64: string }>('files.exportJourney', { mapId: created.id });
  await app.call('maps.delete', { id: created.id });
  await page.goto(app.url);
  const dataTransfer = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'Dropped map.journey', { type: 'application/octet-stream' }));
    return dt;
  }, exported.base64);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop a .journey file to open it')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByRole('heading', { name: 'Dropped map' })).toBeVisible();
  expect(page.url()).toContain(`#/map/${created.id}`);
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString()).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('PNG export: the whole map at 2x, and the current view at its on-screen size', async ({ app, page }, testInfo) => {
  const created = await app.call<MapData>('maps.create', { title: 'Bank for the client', template: 'bank-account-opening' });
  await page.goto(`${app.url}#/map/${created.id}`);
  await boardReady(page);
  const frame = await page.evaluate(() => window.__journeyboardBoard!.frame()!.rect);

  await page.getByRole('button', { name: 'Export' }).click();
  let downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'PNG, whole map, 2x' }).click();
  let download = await downloading;
  expect(download.suggestedFilename()).toBe('Bank for the client (map, 2x).png');
  const whole = testInfo.outputPath('whole.png');
  await download.saveAs(whole);
  const size = pngSize(whole);
  // Two pixels per board unit, the frame and a margin around it.
  expect(size.width).toBeGreaterThan(frame.width * 2);
  expect(size.height).toBeGreaterThan(frame.height * 2);
  expect(size.width).toBeLessThan(frame.width * 2 + 400);
  await expect(page.getByText('Exported “Bank for the client” as PNG, whole map, 2x.')).toBeVisible();

  await page.getByRole('button', { name: 'Export' }).click();
  downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'PNG, current view, 1x' }).click();
  download = await downloading;
  const view = testInfo.outputPath('view.png');
  await download.saveAs(view);
  const box = (await page.getByTestId('board').boundingBox())!;
  expect(pngSize(view)).toEqual({ width: Math.round(box.width), height: Math.round(box.height) });
});
