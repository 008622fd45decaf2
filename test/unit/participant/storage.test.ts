import { describe, expect, it } from 'vitest';
import {
  deviceId,
  loadOutbox,
  loadSession,
  saveOutbox,
  saveSession,
  sessionKey,
} from '../../../renderer/participant/storage';
import { enqueue, EMPTY_OUTBOX } from '../../../renderer/participant/outbox';
import { newId, uuidFromBytes } from '../../../renderer/participant/ids';

function memory(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
  };
}

describe('what the phone keeps', () => {
  it('keeps the session per room address, and forgets it', () => {
    const s = memory();
    saveSession(s, 'http://10.0.0.2:5000', { token: 'tok', participantId: 'p', name: 'Ana' });
    expect(loadSession(s, 'http://10.0.0.2:5000')).toEqual({ token: 'tok', participantId: 'p', name: 'Ana' });
    expect(loadSession(s, 'http://10.0.0.3:5000')).toBeNull();
    saveSession(s, 'http://10.0.0.2:5000', null);
    expect(loadSession(s, 'http://10.0.0.2:5000')).toBeNull();
  });

  it('treats a damaged session as absent', () => {
    const s = memory();
    s.setItem(sessionKey('r'), '{"token": 5}');
    expect(loadSession(s, 'r')).toBeNull();
    s.setItem(sessionKey('r'), 'nope');
    expect(loadSession(s, 'r')).toBeNull();
  });

  it('keeps the outbox across a reload, and works with no storage at all', () => {
    const s = memory();
    const box = enqueue(EMPTY_OUTBOX, { kind: 'add', id: 'n1', text: 'Queue too long', stageId: null }, 1);
    expect(saveOutbox(s, 'r', box)).toBe(true);
    expect(loadOutbox(s, 'r').entries.map((e) => e.op)).toEqual([
      { kind: 'add', id: 'n1', text: 'Queue too long', stageId: null },
    ]);
    expect(saveOutbox(null, 'r', box)).toBe(false);
    expect(loadOutbox(null, 'r')).toEqual(EMPTY_OUTBOX);
    const full = {
      ...memory(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;
    expect(saveOutbox(full, 'r', box)).toBe(false);
  });

  it('makes one device id per browser', () => {
    const s = memory();
    const a = deviceId(s);
    expect(deviceId(s)).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('makes version-4 UUIDs without randomUUID (plain http on the local network is not a secure context)', () => {
    expect(uuidFromBytes(new Uint8Array(16).fill(255))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const ids = new Set(
      Array.from({ length: 100 }, () =>
        newId({ getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) }),
      ),
    );
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
