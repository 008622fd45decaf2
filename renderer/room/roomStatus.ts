/**
 * The room's status in words (issue 14), for the map bar, the room dialog, the room view and the
 * Workshop panel: one place decides how "7 of 9 done", the lock, the PIN and the address read.
 * Pure functions, no DOM: tested in test/unit/roomUi/.
 */
import { ROOM_LIMITS, ROOM_PIN_DIGITS, type RoomStatus } from '../../shared/room/contract';

/** A closed room: what the app shows before the first `room.status` answer, or when it cannot be read. */
export const CLOSED_ROOM: RoomStatus = {
  open: false,
  mapId: null,
  url: null,
  urls: [],
  pin: null,
  anonymous: false,
  joined: 0,
  connected: 0,
  locked: false,
  lockedUntil: null,
  done: { stepId: null, done: 0, of: 0 },
};

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Reads an answer of room.open / room.status / room.close defensively: anything missing or of the
 * wrong type reads as "closed" or zero, so an odd answer never breaks the map bar.
 */
export function readRoomStatus(value: unknown): RoomStatus {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return CLOSED_ROOM;
  const v = value as Record<string, unknown>;
  const done = v.done && typeof v.done === 'object' ? (v.done as Record<string, unknown>) : {};
  const url = text(v.url);
  return {
    open: v.open === true,
    mapId: text(v.mapId),
    url,
    urls: Array.isArray(v.urls) ? v.urls.filter((u): u is string => typeof u === 'string') : url ? [url] : [],
    pin: text(v.pin),
    anonymous: v.anonymous === true,
    joined: count(v.joined),
    connected: count(v.connected),
    locked: v.locked === true,
    lockedUntil: typeof v.lockedUntil === 'number' && Number.isFinite(v.lockedUntil) ? v.lockedUntil : null,
    done: { stepId: text(done.stepId), done: count(done.done), of: count(done.of) },
  };
}

/**
 * "7 of 9 done": of the participants present, how many marked the current step done. Null when
 * nobody is there to count (no step, or no one present), so nothing is shown rather than "0 of 0".
 */
export function doneText(done: { done: number; of: number; stepId?: string | null }): string | null {
  if (done.stepId === null || done.of <= 0) return null;
  return `${Math.min(done.done, done.of)} of ${done.of} done`;
}

/**
 * The address in short form, as people type it: "192.168.1.23:8421" (no scheme, no trailing
 * slash; an IPv6 host keeps its brackets, "[fd00::5]:8421"). A string that is not a URL is shown as is.
 */
export function shortAddress(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
    return `${u.host}${path}`;
  } catch {
    return url.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, '');
  }
}

/** The PIN in groups of three, for reading aloud: "482 913". */
export function pinGroups(pin: string): string {
  return pin.replace(/(\d{3})(?=\d)/g, '$1 ');
}

/** The PIN digit by digit for a screen reader: "4 8 2, 9 1 3". */
export function pinSpoken(pin: string): string {
  return pinGroups(pin)
    .split(' ')
    .map((g) => g.split('').join(' '))
    .join(', ');
}

/** Seconds left on the lock, rounded up (never below 1 while it holds), or null when not locked. */
export function lockSecondsLeft(status: Pick<RoomStatus, 'locked' | 'lockedUntil'>, now: number): number | null {
  if (!status.locked) return null;
  if (status.lockedUntil === null) return Math.ceil(ROOM_LIMITS.lockMs / 1000);
  const left = status.lockedUntil - now;
  return left > 0 ? Math.max(1, Math.ceil(left / 1000)) : null;
}

/** "10 wrong PINs: joining is locked for 54 s", or null when joining is open. */
export function lockText(status: Pick<RoomStatus, 'locked' | 'lockedUntil'>, now: number): string | null {
  const s = lockSecondsLeft(status, now);
  if (s === null) return null;
  return `${ROOM_LIMITS.wrongPinsPerMinute} wrong PINs: joining is locked for ${s} s`;
}

/** "6 joined" / "1 joined". */
export function joinedText(status: Pick<RoomStatus, 'joined'>): string {
  return `${status.joined} joined`;
}

/** "4 connected now". */
export function connectedText(status: Pick<RoomStatus, 'connected'>): string {
  return `${status.connected} connected now`;
}

/** The map bar's room button: "Open room", or "Room open · 6 joined" for this map, or that it is open for another map. */
export function roomButtonLabel(status: RoomStatus, mapId: string): string {
  if (!status.open) return 'Open room';
  if (status.mapId !== null && status.mapId !== mapId) return 'Room open · another map';
  return `Room open · ${joinedText(status)}`;
}

/** Whether a string is a whole PIN (what the dialog shows is checked, never guessed). */
export function isPin(pin: string | null): pin is string {
  return pin !== null && new RegExp(`^\\d{${ROOM_PIN_DIGITS}}$`).test(pin);
}
