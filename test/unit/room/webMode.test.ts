// Web mode's path to the room: the facilitator's HTTP API (token-checked, 127.0.0.1) answers
// room.open/status/close through withRoom, with everything else still the core's.
import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../electron/server/http';
import { withRoom } from '../../../electron/room/host';
import type { RoomStatus } from '../../../shared/room/contract';
import { join, PIN, request, roomFixture, type RoomFixture } from './roomHttp';

let room: RoomFixture;
let web: RunningServer;
afterEach(async () => {
  await web.close();
  await room.close();
});

it('answers room.* over the facilitator API and passes every other method to the core', async () => {
  room = roomFixture({ forceBind: '127.0.0.1' });
  web = await startServer({ core: withRoom(room.core, room.host) });
  const base = `http://127.0.0.1:${web.port}`;
  const api = (method: string, body: unknown) => request(base, 'POST', `/api/${method}`, { token: web.token, body });
  const map = (await api('maps.create', { title: 'Web room' })).body.value as { id: string };
  // --room-bind wins over what room.open asks for.
  const opened = await api('room.open', { mapId: map.id, bind: '10.1.2.3' });
  expect(opened.status).toBe(200);
  const status = opened.body.value as RoomStatus;
  expect(status).toMatchObject({ open: true, mapId: map.id, pin: PIN });
  expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await join(status.url!, { pin: PIN, name: 'Ana' });
  expect(((await api('room.status', {})).body.value as RoomStatus).joined).toBe(1);
  // The facilitator's token is no participant token.
  expect((await request(status.url!, 'POST', '/api/state', { token: web.token, body: {} })).status).toBe(401);
  expect(((await api('room.close', {})).body.value as RoomStatus).open).toBe(false);
  expect(fs.existsSync(room.dir)).toBe(true);
});
