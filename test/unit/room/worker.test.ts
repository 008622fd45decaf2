// The desktop app's path to the room: the core's worker thread (bundled as the app bundles it)
// hosts the room beside the core, room.* calls reach it through the worker's dispatch, a phone
// joins and adds a note over HTTP, and closing the worker closes the room (the phone is told).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCoreWorker } from '../../../electron/app/coreWorker';
import type { JourneyMap } from '../../../shared/domain';
import type { RoomStatus } from '../../../shared/room/contract';
import { installWorker, root } from '../app/coreWorkerBuild';
import { join, openLive, pageFixture, request, until } from './roomHttp';

let tmp = '';
let script = '';
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'journeyboard-room-worker-'));
  script = await installWorker(path.join(tmp, 'app'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the room in the core worker', () => {
  it('opens, serves a phone, and closes with the worker', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const { core } = await startCoreWorker(script, {
      dataDir: path.join(tmp, 'data'),
      resourcesDir: path.join(root, 'resources'),
      roomPageDir: pageFixture(tmp),
      roomBind: '127.0.0.1',
    });
    try {
      const map = (await core.dispatch('maps.create', { title: 'Desktop room' })) as { ok: true; value: JourneyMap };
      const opened = await core.dispatch('room.open', { mapId: map.value.id });
      expect(opened.ok).toBe(true);
      const status = (opened as { ok: true; value: RoomStatus }).value;
      expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await request(status.url!, 'GET', '/');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      const phone = await join(status.url!, { pin: status.pin, name: 'Ana' });
      const live = openLive(status.url!, phone.token);
      await live.opened;
      const added = await request(status.url!, 'POST', '/api/notes.add', { token: phone.token, body: { id: 'desk-note-0001', text: 'From the phone' } });
      expect(added.status).toBe(200);
      const read = (await core.dispatch('maps.get', { id: map.value.id })) as { ok: true; value: JourneyMap };
      expect(read.value.notes.map((n) => n.text)).toContain('From the phone');
      const now = (await core.dispatch('room.status', {})) as { ok: true; value: RoomStatus };
      expect(now.value).toMatchObject({ open: true, joined: 1, connected: 1 });
      await core.close();
      await live.closed;
      await until(() => live.messages.some((m) => m.type === 'closed'), 'the closed message');
      await expect(request(status.url!, 'GET', '/')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await core.close();
      vi.restoreAllMocks();
    }
  }, 60_000);
});
