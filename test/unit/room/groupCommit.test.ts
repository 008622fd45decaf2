// The room under a burst, for real (a core in a temporary folder, the room on 127.0.0.1): the phones'
// writes that arrive together are committed together (session.ts), each still answered and refused
// on its own; and the live states the phones' own writes cause are held back (peerPushIntervalMs)
// while the facilitator's changes still go out at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/domain';
import type { RoomState } from '../../../shared/room/contract';
import { join, openLive, PIN, request, roomFixture, until, type RoomFixture } from './roomHttp';

let room: RoomFixture;
afterEach(async () => {
  await room.close();
});

describe('the phones’ writes at once', () => {
  it('are each answered: every note stored exactly once (a note sent twice at once too), a bad one refused alone', async () => {
    room = roomFixture();
    const map = room.call('maps.create', { title: 'Room map', template: 'blank' }) as JourneyMap;
    const { url } = await room.open({ mapId: map.id });
    const phones = await Promise.all(Array.from({ length: 5 }, (_, i) => join(url!, { pin: PIN, name: `Phone ${i}` })));
    const send = (token: string, body: unknown) => request(url!, 'POST', '/api/notes.add', { token, body });
    const sends = phones.flatMap((phone, p) =>
      Array.from({ length: 6 }, (_, n) => {
        const body = { id: `p${p}-n${n}`, text: `phone ${p} note ${n}` };
        // Every third note is sent twice at once (a retry racing the first send).
        return n % 3 === 0 ? [send(phone.token, body), send(phone.token, body)] : [send(phone.token, body)];
      }).flat(),
    );
    const bad = send(phones[0]!.token, { id: 'bad', text: 'nowhere', stageId: 'no-such-stage' });
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const a of answers) expect((a.body.value as { id: string }).id).toMatch(/^p\d-n\d$/);
    const refused = await bad;
    expect(refused.status).toBe(404);
    expect(refused.body.error?.message).toMatch(/stageId: there is no stage "no-such-stage"/);
    const notes = (room.call('maps.get', { id: map.id }) as JourneyMap).notes;
    expect(notes.map((n) => n.id).sort()).toEqual(phones.flatMap((_, p) => Array.from({ length: 6 }, (_, n) => `p${p}-n${n}`)).sort());
    expect(new Set(notes.map((n) => `${n.x},${n.y}`)).size).toBe(30);
  });
});

describe('live states while the phones write', () => {
  it('holds back what the phones wrote themselves, but sends the facilitator’s change at once, with their notes in it', async () => {
    room = roomFixture({ limits: { peerPushIntervalMs: 60_000 } });
    const map = room.call('maps.create', { title: 'Room map', template: 'blank' }) as JourneyMap;
    const { url } = await room.open({ mapId: map.id });
    const phone = await join(url!, { pin: PIN, name: 'Ana' });
    const live = openLive(url!, phone.token);
    await live.opened;
    const states = () => live.messages.flatMap((m) => (m.type === 'state' ? [m.state as RoomState] : []));
    await until(() => states().length === 1, 'the state on connect');
    const add = (id: string) => request(url!, 'POST', '/api/notes.add', { token: phone.token, body: { id, text: id } });
    // The first change after a quiet spell goes out at once.
    expect((await add('first')).status).toBe(200);
    await until(() => states().at(-1)!.myNotes.length === 1, 'the state with the first note');
    // More of the phones' own notes: held back for peerPushIntervalMs (a minute here).
    expect((await add('second')).status).toBe(200);
    expect((await add('third')).status).toBe(200);
    // The facilitator renames the map: that goes out within pushIntervalMs, and carries the notes held back.
    room.call('maps.rename', { id: map.id, title: 'Renamed' });
    await until(() => states().at(-1)!.map.title === 'Renamed', 'the facilitator’s change');
    expect(states().at(-1)!.myNotes.map((n) => n.id)).toEqual(['first', 'second', 'third']);
    expect(states()).toHaveLength(3);
  });
});
