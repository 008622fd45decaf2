/**
 * What the phone keeps in localStorage, per room address (a room reopened elsewhere is another
 * room): the session (token, participant, name) so a reload or a sleep resumes without joining
 * again, and the outbox of notes not yet stored. The device id is one per browser. Every read
 * checks its shape: a damaged value is treated as absent, never trusted.
 */
import { EMPTY_OUTBOX, parse as parseOutbox, serialise as serialiseOutbox, type Outbox } from './outbox';
import type { Session } from './phoneState';
import { newId } from './ids';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'journeyboard.room.v1';

export function sessionKey(roomUrl: string): string {
  return `${PREFIX}.session:${roomUrl}`;
}
export function outboxKey(roomUrl: string): string {
  return `${PREFIX}.outbox:${roomUrl}`;
}
const DEVICE_KEY = `${PREFIX}.device`;

function get(store: Store | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function set(store: Store | null, key: string, value: string | null): boolean {
  try {
    if (!store) return false;
    if (value === null) store.removeItem(key);
    else store.setItem(key, value);
    return true;
  } catch {
    // Private browsing with no storage, or storage full: the page still works while it is open.
    return false;
  }
}

export function loadSession(store: Store | null, roomUrl: string): Session | null {
  const text = get(store, sessionKey(roomUrl));
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (typeof v.token === 'string' && v.token && typeof v.participantId === 'string' && typeof v.name === 'string') {
      return { token: v.token, participantId: v.participantId, name: v.name };
    }
  } catch {
    // fall through
  }
  return null;
}

export function saveSession(store: Store | null, roomUrl: string, session: Session | null): void {
  set(store, sessionKey(roomUrl), session ? JSON.stringify(session) : null);
}

export function loadOutbox(store: Store | null, roomUrl: string): Outbox {
  return parseOutbox(get(store, outboxKey(roomUrl)));
}

/** Saves the outbox; false when the browser would not keep it (the page says so). */
export function saveOutbox(store: Store | null, roomUrl: string, box: Outbox): boolean {
  return (
    set(store, outboxKey(roomUrl), box.entries.length ? serialiseOutbox(box) : null) || (!store && box === EMPTY_OUTBOX)
  );
}

/** This browser's device id, made once. */
export function deviceId(store: Store | null): string {
  const known = get(store, DEVICE_KEY);
  if (known && /^[0-9a-f-]{36}$/.test(known)) return known;
  const made = newId();
  set(store, DEVICE_KEY, made);
  return made;
}
