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
