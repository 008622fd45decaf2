import { describe, expect, it } from 'vitest';
import { classify, liveUrl } from '../../../renderer/participant/roomApi';

describe('room answers on the phone', () => {
  it('sorts each answer into what the page does next', () => {
    expect(classify(200, { ok: true, value: { a: 1 } })).toEqual({ kind: 'ok', value: { a: 1 } });
    expect(classify(401, { ok: false, error: { code: 'unauthorized', message: 'The room was closed.' } })).toEqual({
      kind: 'unauthorized',
      message: 'The room was closed.',
    });
    expect(classify(401, null)).toMatchObject({ kind: 'unauthorized' });
    expect(
      classify(
        429,
        { ok: false, error: { code: 'rate_limited', message: 'Slow down: at most 60 notes a minute.' } },
        '3',
      ),
    ).toEqual({
      kind: 'retry',
      message: 'Slow down: at most 60 notes a minute.',
      waitMs: 3000,
    });
    expect(classify(503, null)).toMatchObject({ kind: 'retry', waitMs: null });
    expect(classify(409, { ok: false, error: { code: 'closed', message: 'This round is closed.' } })).toEqual({
      kind: 'refused',
      code: 'closed',
      message: 'This round is closed.',
    });
    expect(classify(400, 'garbage')).toMatchObject({ kind: 'refused', code: 'http_400' });
    // Someone else's note: refused with its sentence; the phone stays in the room.
    expect(classify(403, { ok: false, error: { code: 'forbidden', message: 'You can edit only your own notes.' } })).toMatchObject({ kind: 'refused', code: 'forbidden' });
    // A 200 that is not an envelope is not taken as done.
    expect(classify(200, '<html>')).toMatchObject({ kind: 'retry' });
  });

  it('puts the token only in the live address, and follows the page’s scheme', () => {
    expect(liveUrl({ protocol: 'http:', host: '192.168.1.20:4712' }, 'a b')).toBe(
      'ws://192.168.1.20:4712/live?token=a%20b',
    );
    expect(liveUrl({ protocol: 'https:', host: '[fe80::1]:443' }, 't')).toBe('wss://[fe80::1]:443/live?token=t');
  });
});
