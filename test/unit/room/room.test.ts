// The room listener for real: a core in a temporary folder, the room on 127.0.0.1, phones as raw
// HTTP calls and WebSockets. Every refusal is checked for its status, its sentence, and that the
// store did not change (maps.get before and after).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import type { RoomState, RoomStatus } from '../../../shared/room/contract';
import { join, openLive, PIN, request, roomFixture, until, type RoomFixture } from './roomHttp';

let room: RoomFixture;
let map: JourneyMap;
let other: JourneyMap;
let status: RoomStatus;
let url: string;

const mapNow = (id = map.id) => room.call('maps.get', { id }) as JourneyMap;
const noteCount = (id = map.id) => mapNow(id).notes.length;

beforeEach(async () => {
  room = roomFixture();
  map = room.call('maps.create', { title: 'Room map', template: 'blank' }) as JourneyMap;
  other = room.call('maps.create', { title: 'Another map', template: 'blank' }) as JourneyMap;
  status = await room.open({ mapId: map.id });
  url = status.url!;
});
afterEach(async () => {
  await room.close();
});

describe('room.open, room.status, room.close', () => {
  it('opens on the bound address with a 6-digit PIN and tells the status', async () => {
    expect(status).toMatchObject({ open: true, mapId: map.id, pin: PIN, joined: 0, connected: 0, locked: false, lockedUntil: null });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(status.urls).toEqual([url]);
    const closed = (await room.host.dispatch('room.close', {})) as { ok: true; value: RoomStatus };
    expect(closed.value).toMatchObject({ open: false, url: null, pin: null });
    await expect(request(url, 'GET', '/')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('makes a random PIN of 6 digits when none is injected', async () => {
    const plain = roomFixture({ pin: undefined });
    try {
      const m = plain.call('maps.create', { title: 'P' }) as JourneyMap;
      expect((await plain.open({ mapId: m.id })).pin).toMatch(/^\d{6}$/);
    } finally {
      await plain.close();
    }
  });

  it('closes the first room when one opens for another map', async () => {
    const phone = await join(url, { pin: PIN, name: 'Ana' });
    const second = await room.open({ mapId: other.id });
    expect(second.mapId).toBe(other.id);
    await expect(request(url, 'POST', '/api/state', { token: phone.token, body: {} })).rejects.toThrow(/ECONNREFUSED/);
    const r = await request(second.url!, 'POST', '/api/state', { token: phone.token, body: {} });
    expect(r.status).toBe(401);
  });

  it('reopens a map’s room on the address it had, so the QR code on the wall and what phones kept still point at it; old tokens stay void', async () => {
    const phone = await join(url, { pin: PIN, name: 'Ana' });
    await room.host.dispatch('room.close', {});
    const again = await room.open({ mapId: map.id });
    expect(again.url).toBe(url);
    const r = await request(url, 'POST', '/api/state', { token: phone.token, body: {} });
    expect(r.status).toBe(401);
  });

  it('answers no_network, saying what to do, when the machine has no private address and no bind is given', async () => {
    const offline = roomFixture({ networkInterfaces: () => ({ lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }] }) });
    try {
      const m = offline.call('maps.create', { title: 'O' }) as JourneyMap;
      const r = await offline.host.dispatch('room.open', { mapId: m.id });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('no_network');
        expect(r.error.message).toMatch(/Wi-Fi/);
        expect(r.error.message).toMatch(/hotspot/);
      }
      expect(offline.host.status().open).toBe(false);
    } finally {
      await offline.close();
    }
  });

  it('refuses a map that does not exist and a bind that is not an address', async () => {
    const missing = await room.host.dispatch('room.open', { mapId: 'no-such-map', bind: '127.0.0.1' });
    expect(missing.ok).toBe(false);
    const bad = await room.host.dispatch('room.open', { mapId: map.id, bind: 'example.com' });
    expect(bad.ok === false && bad.error.code).toBe('invalid_input');
    for (const everywhere of ['0.0.0.0', '::']) {
      const all = await room.host.dispatch('room.open', { mapId: map.id, bind: everywhere });
      expect(all.ok === false && all.error.message).toMatch(/every network/);
    }
    // The room that was open stays open.
    expect(room.host.status()).toMatchObject({ open: true, mapId: map.id });
  });
});

describe('joining', () => {
  it('joins with the PIN and a name; the participant is in maps.get; the same device gets the same person back', async () => {
    const phone = await join(url, { pin: PIN, name: 'Ana', deviceId: 'device-ana-0001' });
    expect(phone.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(phone.name).toBe('Ana');
    expect(mapNow().participants.map((p) => p.name)).toEqual(['Ana']);
    const again = await join(url, { pin: PIN, name: 'Ana', deviceId: 'device-ana-0001' });
    expect(again).toEqual(phone);
    expect(mapNow().participants).toHaveLength(1);
    expect(room.host.status().joined).toBe(1);
  });

  it('refuses a wrong PIN with 401 and a sentence, and a missing name in a named room, changing nothing', async () => {
    const before = mapNow();
    const wrong = await request(url, 'POST', '/join', { body: { pin: '000000', name: 'Eve' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toMatch(/PIN is wrong/);
    const nameless = await request(url, 'POST', '/join', { body: { pin: PIN } });
    expect(nameless.status).toBe(400);
    expect(nameless.body.error?.message).toMatch(/name/);
    expect(mapNow()).toEqual(before);
  });

  it('locks joining for a minute after 10 wrong PINs, shows it in room.status, and unlocks after the minute', async () => {
    const before = mapNow();
    for (let i = 0; i < 9; i++) expect((await request(url, 'POST', '/join', { body: { pin: '111111', name: 'X' } })).status).toBe(401);
    const tenth = await request(url, 'POST', '/join', { body: { pin: '111111', name: 'X' } });
    expect(tenth.status).toBe(429);
    // Locked: even the right PIN waits.
    const right = await request(url, 'POST', '/join', { body: { pin: PIN, name: 'Ana' } });
    expect(right.status).toBe(429);
    expect(right.body.error?.message).toMatch(/locked for 60 s because of too many wrong PINs/);
    expect(right.headers['retry-after']).toBe('60');
    expect(room.host.status()).toMatchObject({ locked: true });
    expect(room.host.status().lockedUntil).toBeGreaterThan(0);
    expect(mapNow()).toEqual(before);
    room.tick(60_000);
    expect(room.host.status()).toMatchObject({ locked: false, lockedUntil: null });
    expect((await join(url, { pin: PIN, name: 'Ana' })).name).toBe('Ana');
  });

  it('lets a phone join an anonymous room without a name', async () => {
    const anon = await room.open({ mapId: map.id, anonymous: true });
    const phone = await join(anon.url!, { pin: PIN });
    expect(phone.name.length).toBeGreaterThan(0);
    expect(room.host.status().anonymous).toBe(true);
  });
});

describe('the participant contract', () => {
  let phone: { token: string; participantId: string };
  beforeEach(async () => {
    phone = await join(url, { pin: PIN, name: 'Ana' });
  });

  it('answers state with the room map, and stores a note sent twice once (exactly once)', async () => {
    const state = await request(url, 'POST', '/api/state', { token: phone.token, body: {} });
    expect(state.status).toBe(200);
    expect((state.body.value as RoomState).map).toMatchObject({ id: map.id, title: 'Room map' });
    const note = { id: 'phone-note-0001', text: 'The queue was long' };
    const first = await request(url, 'POST', '/api/notes.add', { token: phone.token, body: note });
    const second = await request(url, 'POST', '/api/notes.add', { token: phone.token, body: note });
    expect([first.status, second.status]).toEqual([200, 200]);
    const stored = mapNow().notes.filter((n) => n.id === note.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ text: note.text, participantId: phone.participantId });
  });

  it.each([
    ['maps.get', () => ({ id: map.id })],
    ['changes.apply', () => ({ mapId: map.id, changes: [] })],
    ['notes.deleteMany', () => ({ mapId: map.id, ids: ['x'] })],
    ['room.close', () => ({})],
    ['no.such', () => ({})],
  ])('refuses %s with a participant token, changing nothing', async (method, input) => {
    const before = mapNow();
    const r = await request(url, 'POST', `/api/${method}`, { token: phone.token, body: input() });
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe('unknown_method');
    expect(r.body.error?.message).toMatch(/A phone may call state, notes.add/);
    expect(mapNow()).toEqual(before);
    expect(room.host.status().open).toBe(true);
  });

  it('refuses the facilitator’s token and no token with 401', async () => {
    const before = mapNow();
    for (const token of ['a'.repeat(64), '']) {
      const r = await request(url, 'POST', '/api/notes.add', { token, body: { id: 'n-0001', text: 'x' } });
      expect(r.status).toBe(401);
      expect(r.body.error?.message).toMatch(/Join again with the PIN/);
    }
    expect(mapNow()).toEqual(before);
  });

  it('refuses another map: a mapId field, and another map’s stage', async () => {
    const stage = room.call('stages.create', { mapId: other.id, name: 'Elsewhere' }) as { id: string };
    const before = [mapNow(), mapNow(other.id)];
    const withMap = await request(url, 'POST', '/api/notes.add', { token: phone.token, body: { id: 'n-0002', text: 'x', mapId: other.id } });
    expect(withMap.status).toBe(400);
    expect(withMap.body.error?.message).toMatch(/unknown field "mapId"/);
    const foreignStage = await request(url, 'POST', '/api/notes.add', { token: phone.token, body: { id: 'n-0003', text: 'x', stageId: stage.id } });
    expect(foreignStage.body.ok).toBe(false);
    expect(foreignStage.status).toBeGreaterThanOrEqual(400);
    const foreignScore = await request(url, 'POST', '/api/emotions.score', { token: phone.token, body: { stageId: stage.id, score: 1 } });
    expect(foreignScore.body.ok).toBe(false);
    expect([mapNow(), mapNow(other.id)]).toEqual(before);
  });

  it('refuses an oversized body with 413 and a sentence, changing nothing', async () => {
    const before = mapNow();
    const r = await request(url, 'POST', '/api/notes.add', { token: phone.token, raw: JSON.stringify({ id: 'n-0004', text: 'x'.repeat(70 * 1024) }) });
    expect(r.status).toBe(413);
    expect(r.body.error?.message).toMatch(/larger than \d+ bytes/);
    expect(mapNow()).toEqual(before);
  });

  it('refuses a note longer than the app allows, and a blank one', async () => {
    const before = mapNow();
    const long = await request(url, 'POST', '/api/notes.add', { token: phone.token, body: { id: 'n-0005', text: 'x'.repeat(5001) } });
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toMatch(/at most 5000 characters/);
    const blank = await request(url, 'POST', '/api/notes.add', { token: phone.token, body: { id: 'n-0006', text: '   ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toEqual({ code: 'invalid_input', message: 'text: a note needs some text.' });
    expect(mapNow()).toEqual(before);
  });

  // The room checks a call's method and input once, here at its boundary; the core's room service
  // takes them as checked (test/unit/services/room.test.ts tests what it does with them).
  it('refuses an emotion score off the scale or not a whole number, and a method name from an object\'s prototype, changing nothing', async () => {
    const before = mapNow();
    const stage = (room.call('stages.create', { mapId: map.id, name: 'Scored' }) as { id: string }).id;
    const scored = mapNow();
    for (const score of [3, 1.5, '1']) {
      const r = await request(url, 'POST', '/api/emotions.score', { token: phone.token, body: { stageId: stage, score } });
      expect(r.status, String(score)).toBe(400);
      expect(r.body.error?.code).toBe('invalid_input');
      expect(r.body.error?.message).toMatch(/^score: /);
    }
    expect(mapNow()).toEqual(scored);
    for (const method of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const r = await request(url, 'POST', `/api/${method}`, { token: phone.token, body: {} });
      expect(r.status, method).toBe(404);
      expect(r.body.error?.code).toBe('unknown_method');
    }
    expect(mapNow()).toEqual(scored);
    expect(before.emotionScores).toEqual([]);
  });

  it('lets a burst of 30 notes pass, refuses a flood past it with 429 and a sentence, and a resent note costs nothing', async () => {
    const send = (i: number) => request(url, 'POST', '/api/notes.add', { token: phone.token, body: { id: `burst-${String(i).padStart(4, '0')}`, text: `note ${i}` } });
    for (let i = 0; i < 30; i++) expect((await send(i)).status).toBe(200);
    const before = mapNow();
    const flood = await send(30);
    expect(flood.status).toBe(429);
    expect(flood.body.error?.message).toMatch(/faster than 60 a minute\. Wait 1 s/);
    expect(flood.headers['retry-after']).toBe('1');
    // The same note again (a retry after a timeout) is not charged and stores nothing new.
    expect((await send(3)).status).toBe(200);
    expect(mapNow()).toEqual(before);
    expect(noteCount()).toBe(30);
    // A second later one more may go.
    room.tick(1000);
    expect((await send(30)).status).toBe(200);
    expect(noteCount()).toBe(31);
  });
});

describe('Host, Origin and the page', () => {
  it('refuses another Host (421) and another Origin (403), on HTTP and on the WebSocket', async () => {
    const before = mapNow();
    const host = await request(url, 'POST', '/join', { body: { pin: PIN, name: 'A' }, headers: { host: 'evil.example:80' } });
    expect(host.status).toBe(421);
    const origin = await request(url, 'POST', '/join', { body: { pin: PIN, name: 'A' }, headers: { origin: 'http://evil.example' } });
    expect(origin.status).toBe(403);
    expect(origin.body.error?.message).toMatch(/its own page/);
    expect(mapNow()).toEqual(before);
    const same = await request(url, 'POST', '/join', { body: { pin: PIN, name: 'A' }, headers: { origin: url.replace(/\/$/, '') } });
    expect(same.status).toBe(200);
    const token = (same.body.value as { token: string }).token;
    await expect(openLive(url, token, { origin: 'http://evil.example' }).opened).rejects.toThrow(/403/);
    await expect(openLive(url, 'not-a-token').opened).rejects.toThrow(/401/);
  });

  it('serves the participant page with a strict CSP, its own files, and nothing else', async () => {
    const page = await request(url, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    const csp = page.headers['content-security-policy'] as string;
    for (const part of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", `connect-src 'self' ws://${new URL(url).host}`]) {
      expect(csp).toContain(part);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await request(url, 'GET', '/assets/participant-a1.js')).status).toBe(200);
    expect((await request(url, 'GET', '/assets/chunk-b2.js')).status).toBe(200);
    expect((await request(url, 'GET', '/assets/participant-x1.css')).headers['content-type']).toMatch(/text\/css/);
    for (const p of ['/assets/index-facilitator.js', '/index.html', '/events', '/api', '/../data/journeyboard.sqlite', '/%2e%2e/data/journeyboard.sqlite']) {
      expect((await request(url, 'GET', p)).status, p).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('GET /live', () => {
  it('sends the state on connect and after changes, coalesced, and {type:"closed"} when the room closes; the tokens die with it', async () => {
    const phone = await join(url, { pin: PIN, name: 'Ana' });
    const live = openLive(url, phone.token);
    await live.opened;
    await until(() => live.messages.length >= 1, 'the first state');
    expect(live.messages[0]).toMatchObject({ type: 'state', state: { me: { participantId: phone.participantId } } });
    expect(room.host.status().connected).toBe(1);
    // 25 notes at once: the phone hears far fewer than 25 states, and the last one has them all.
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => request(url, 'POST', '/api/notes.add', { token: phone.token, body: { id: `live-${String(i).padStart(4, '0')}`, text: `n ${i}` } })),
    );
    await until(() => {
      const last = live.messages.at(-1);
      return last?.type === 'state' && last.state.myNotes.length === 25;
    }, 'a state with all 25 notes');
    expect(live.messages.length).toBeLessThan(15);
    await room.host.dispatch('room.close', {});
    await live.closed;
    expect(live.messages.at(-1)).toMatchObject({ type: 'closed' });
    // Reopened (a new session): the old token is void.
    const reopened = await room.open({ mapId: map.id });
    const r = await request(reopened.url!, 'POST', '/api/state', { token: phone.token, body: {} });
    expect(r.status).toBe(401);
    await expect(openLive(reopened.url!, phone.token).opened).rejects.toThrow(/401/);
  });
});

describe('live socket limits', () => {
  it('refuses a socket over the cap with 503, and drops a phone that stops answering pings', async () => {
    const small = roomFixture({ limits: { maxLiveSockets: 2, heartbeatMs: 60 } });
    try {
      const m = small.call('maps.create', { title: 'Small' }) as JourneyMap;
      const s = await small.open({ mapId: m.id });
      const ana = await join(s.url!, { pin: PIN, name: 'Ana' });
      const ben = await join(s.url!, { pin: PIN, name: 'Ben' });
      const a = openLive(s.url!, ana.token);
      const b = openLive(s.url!, ben.token);
      await Promise.all([a.opened, b.opened]);
      expect(small.host.status().connected).toBe(2);
      await expect(openLive(s.url!, ana.token).opened).rejects.toThrow(/503/);
      // A phone gone to sleep: its socket reads nothing, so it answers no ping and is dropped.
      (b.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      await until(() => small.host.status().connected === 1, 'the silent socket to be dropped', 5000);
      expect(a.ws.readyState).toBe(a.ws.OPEN);
    } finally {
      await small.close();
    }
  });
});

