import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

test('web mode keeps maps across a restart and closes the database cleanly on SIGTERM', async ({ app }) => {
  const map = await app.call<{ id: string }>('maps.create', { title: 'Survives restarts' });
  await app.call('notes.create', { mapId: map.id, text: 'still here', x: 10, y: 20 });
  await app.restart();
  // A clean close checkpoints the write-ahead log; the last connection removes it.
  await app.restart();
  const list = await app.call<{ title: string; noteCount: number }[]>('maps.list', {});
  expect(list).toEqual([expect.objectContaining({ title: 'Survives restarts', noteCount: 1 })]);
});

test('the API refuses a request without the token', async ({ app }) => {
  const res = await fetch(`${app.origin}/api/maps.list`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(401);
  expect(fs.existsSync(path.join(app.dataDir, 'journeyboard.sqlite'))).toBe(true);
});

test('the token is taken out of the address once read, and a reload of the tab still works', async ({ app, page }) => {
  await app.call('maps.create', { title: 'Still reachable' });
  await page.goto(app.url);
  await expect(page.getByRole('button', { name: /^Still reachable \d/ })).toBeVisible();
  // Gone from the address bar, and from the history entry the page replaced.
  expect(page.url()).not.toContain('token');
  expect(page.url()).not.toContain(app.token);
  expect(await page.evaluate(() => window.location.href)).toBe(`${app.origin}/`);

  await page.getByRole('button', { name: /^Still reachable \d/ }).click();
  await expect(page.getByRole('heading', { name: 'Still reachable' })).toBeVisible();
  const mapUrl = page.url();
  expect(mapUrl).toMatch(/#\/map\//);
  expect(mapUrl).not.toContain(app.token);

  // The reload finds the token in this tab's sessionStorage and reopens the same map.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Still reachable' })).toBeVisible();
  expect(page.url()).toBe(mapUrl);
  await page.getByRole('button', { name: '← Maps' }).click();
  await expect(page.getByRole('button', { name: /^Still reachable \d/ })).toBeVisible();
});

test('a .journey import goes up as raw bytes to /upload/journey, and leaves no scratch file', async ({ app, page }, testInfo) => {
  const created = await app.call<{ id: string }>('maps.create', { title: 'Streamed up', template: 'service' });
  const exported = await app.call<{ base64: string }>('files.exportJourney', { mapId: created.id });
  await app.call('maps.delete', { id: created.id });
  const file = testInfo.outputPath('streamed.journey');
  fs.writeFileSync(file, Buffer.from(exported.base64, 'base64'));
  await page.goto(app.url);
  const uploading = page.waitForRequest((req) => new URL(req.url()).pathname === '/upload/journey');
  await page.getByLabel('Map file to import').setInputFiles(file);
  const request = await uploading;
  expect(request.method()).toBe('POST');
  expect(request.headers()['content-type']).toBe('application/octet-stream');
  await expect(page.getByRole('button', { name: /^Streamed up \d/ })).toBeVisible();
  const scratch = path.join(app.dataDir, 'scratch');
  expect(fs.existsSync(scratch) ? fs.readdirSync(scratch) : []).toEqual([]);
});
