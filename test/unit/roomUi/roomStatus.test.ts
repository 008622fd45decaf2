// How the room's status reads in the map bar, the room dialog, the room view and the Workshop panel.
import { describe, expect, test } from 'vitest';
import {
  CLOSED_ROOM,
  doneText,
  isPin,
  joinedText,
  lockSecondsLeft,
  lockText,
  pinGroups,
  pinSpoken,
  readRoomStatus,
  roomButtonLabel,
  shortAddress,
} from '../../../renderer/room/roomStatus';
import { qrPath } from '../../../renderer/room/QrCode';

const open = { ...CLOSED_ROOM, open: true, mapId: 'm1', url: 'http://192.168.1.23:8421/', urls: ['http://192.168.1.23:8421/'], pin: '482913', joined: 6 };

describe('done count', () => {
  test('"7 of 9 done" for the current step', () => {
    expect(doneText({ stepId: 's1', done: 7, of: 9 })).toBe('7 of 9 done');
    expect(doneText({ stepId: 's1', done: 0, of: 3 })).toBe('0 of 3 done');
  });
  test('nothing when no step is current or nobody is present, rather than "0 of 0"', () => {
    expect(doneText({ stepId: null, done: 0, of: 0 })).toBeNull();
    expect(doneText({ stepId: 's1', done: 0, of: 0 })).toBeNull();
  });
  test('never more done than present (someone left after pressing Done)', () => {
    expect(doneText({ stepId: 's1', done: 5, of: 4 })).toBe('4 of 4 done');
  });
});

describe('short address', () => {
  test('no scheme and no trailing slash', () => {
    expect(shortAddress('http://192.168.1.23:8421/')).toBe('192.168.1.23:8421');
  });
  test('an IPv6 host keeps its brackets', () => {
    expect(shortAddress('http://[fd00::5]:8421/')).toBe('[fd00::5]:8421');
  });
  test('a path is kept', () => {
    expect(shortAddress('http://10.0.0.2:9000/room/')).toBe('10.0.0.2:9000/room');
  });
  test('something that is not a URL is shown nearly as is', () => {
    expect(shortAddress('10.0.0.2:9000/')).toBe('10.0.0.2:9000');
  });
});

describe('PIN', () => {
  test('grouped in threes for reading aloud, digit by digit for a screen reader', () => {
    expect(pinGroups('482913')).toBe('482 913');
    expect(pinSpoken('482913')).toBe('4 8 2, 9 1 3');
  });
  test('only six digits count as a PIN', () => {
    expect(isPin('482913')).toBe(true);
    expect(isPin('48291')).toBe(false);
    expect(isPin('48291x')).toBe(false);
    expect(isPin(null)).toBe(false);
  });
});

describe('lock', () => {
  const now = 1_000_000;
  test('counts down in whole seconds, rounded up', () => {
    const status = { locked: true, lockedUntil: now + 53_200 };
    expect(lockSecondsLeft(status, now)).toBe(54);
    expect(lockText(status, now)).toBe('10 wrong PINs: joining is locked for 54 s');
    expect(lockText(status, now + 53_000)).toBe('10 wrong PINs: joining is locked for 1 s');
  });
  test('nothing once the lock has run out, or when not locked', () => {
    expect(lockText({ locked: true, lockedUntil: now - 1 }, now)).toBeNull();
    expect(lockText({ locked: false, lockedUntil: null }, now)).toBeNull();
  });
  test('locked with no end time says the whole minute', () => {
    expect(lockText({ locked: true, lockedUntil: null }, now)).toBe('10 wrong PINs: joining is locked for 60 s');
  });
});

describe('map bar label', () => {
  test('"Open room", then "Room open · 6 joined"', () => {
    expect(roomButtonLabel(CLOSED_ROOM, 'm1')).toBe('Open room');
    expect(roomButtonLabel(open, 'm1')).toBe('Room open · 6 joined');
    expect(joinedText({ joined: 1 })).toBe('1 joined');
  });
  test('open for another map says so', () => {
    expect(roomButtonLabel(open, 'm2')).toBe('Room open · another map');
  });
});

describe('reading an answer', () => {
  test('a whole status is kept as is', () => {
    const status = { ...open, connected: 4, locked: true, lockedUntil: 5, done: { stepId: 's', done: 1, of: 2 } };
    expect(readRoomStatus(status)).toEqual(status);
  });
  test('anything odd reads as closed or zero, never as an error', () => {
    expect(readRoomStatus(null)).toEqual(CLOSED_ROOM);
    expect(readRoomStatus([])).toEqual(CLOSED_ROOM);
    expect(readRoomStatus({ open: 'yes', joined: -3, pin: 5, done: null })).toEqual(CLOSED_ROOM);
    expect(readRoomStatus({ open: true, url: 'http://a:1/' }).urls).toEqual(['http://a:1/']);
  });
});

describe('QR code', () => {
  test('a square of modules with the quiet zone, one rectangle per run', () => {
    const { path, size } = qrPath('http://192.168.1.23:8421/');
    // Version 2 (25 modules) at level M for a 25-character address, plus 4 modules each side.
    expect(size).toBe(25 + 8);
    expect(path).toMatch(/^M4 4h7v1h-7z/); // the top-left finder pattern's first row
  });
});
