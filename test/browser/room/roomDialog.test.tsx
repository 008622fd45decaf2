// The map bar's room button and the room dialog (issue 14) in Chromium, against a fake api client
// whose answers each test sets: no network explained, the open room's QR code, address, PIN,
// counts and lock, Close room after a confirmation, keyboard in and out.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ApiError } from '../../../shared/errors';
import type { RoomStatus } from '../../../shared/room/contract';

const fake = vi.hoisted(() => ({
  calls: [] as { method: string; input: unknown }[],
  respond: (_method: string, _input: unknown): unknown => null,
}));
vi.mock('../../../renderer/api/client', () => ({
  api: {
    async call(method: string, input: unknown) {
      fake.calls.push({ method, input });
      return fake.respond(method, input);
    },
  },
  openRoomView: async () => {},
}));

const { RoomButton } = await import('../../../renderer/room/RoomButton');
const { HOTSPOT_HELP } = await import('../../../renderer/room/RoomDialog');
const { useRoom } = await import('../../../renderer/room/roomStore');
const { CLOSED_ROOM } = await import('../../../renderer/room/roomStatus');
await import('../../../renderer/styles/base.css');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const OPEN: RoomStatus = {
  ...CLOSED_ROOM,
  open: true,
  mapId: 'm1',
  url: 'http://192.168.1.23:8421/',
  urls: ['http://192.168.1.23:8421/', 'http://[fd00::5]:8421/'],
  pin: '482913',
  joined: 6,
  connected: 4,
  done: { stepId: 's1', done: 7, of: 9 },
};

let root: Root | null = null;
let host: HTMLDivElement | null = null;
let room: RoomStatus = CLOSED_ROOM;

function mount() {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  flushSync(() => root!.render(<RoomButton mapId="m1" />));
}

const roomButton = () => vi.waitUntil(() => host!.querySelector<HTMLButtonElement>('[data-testid="room-button"]'));
const dialog = () => vi.waitUntil(() => document.querySelector<HTMLDialogElement>('dialog[data-testid="room-dialog"]'));
const button = (within: Element, name: string) =>
  vi.waitUntil(() => [...within.querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name));

beforeEach(() => {
  fake.calls = [];
  room = CLOSED_ROOM;
  useRoom.setState({ status: CLOSED_ROOM, known: false });
  fake.respond = (method) => {
    if (method === 'room.status') return room;
    if (method === 'room.close') return (room = CLOSED_ROOM);
    return null;
  };
});

afterEach(() => {
  root?.unmount();
  host?.remove();
  root = null;
  host = null;
});

describe('room dialog', () => {
  test('no private network: the server’s sentence and how to use a hotspot, not a raw error; nothing opens', async () => {
    fake.respond = (method) => {
      if (method === 'room.open') throw new ApiError('no_network', 'This computer has no Wi-Fi or local network address, so phones cannot reach it.');
      return room;
    };
    mount();
    expect((await roomButton()).textContent).toBe('Open room');
    await userEvent.click(await roomButton());
    const d = await dialog();
    expect(d.open).toBe(true);
    await userEvent.click(await button(d, 'Open room'));
    const problem = await vi.waitUntil(() => d.querySelector('[data-testid="room-problem"]'));
    expect(problem.getAttribute('role')).toBe('alert');
    expect(problem.textContent).toContain('no Wi-Fi or local network address');
    expect(problem.textContent).toContain(HOTSPOT_HELP);
    expect(problem.textContent).not.toMatch(/no_network|Error/);
    expect((await roomButton()).textContent).toBe('Open room');
  });

  test('open: QR code named with the address, short address, PIN in groups, counts and "7 of 9 done"; anonymous asked for', async () => {
    fake.respond = (method, input) => {
      if (method === 'room.open') return (room = { ...OPEN, anonymous: (input as { anonymous?: boolean }).anonymous === true });
      return room;
    };
    mount();
    await userEvent.click(await roomButton());
    const d = await dialog();
    const anonymous = await vi.waitUntil(() => d.querySelector<HTMLInputElement>('input[type="checkbox"]'));
    expect(anonymous.closest('label')!.textContent).toContain('Anonymous session');
    await userEvent.click(anonymous);
    await userEvent.click(await button(d, 'Open room'));
    expect(fake.calls.find((c) => c.method === 'room.open')!.input).toEqual({ mapId: 'm1', anonymous: true });

    const qr = await vi.waitUntil(() => d.querySelector('svg[role="img"]'));
    expect(qr.getAttribute('aria-label')).toBe('QR code for the room’s address, 192.168.1.23:8421');
    expect(qr.getAttribute('data-qr-text')).toBe('http://192.168.1.23:8421/');
    expect(qr.querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(100);
    // Big enough to scan from a few steps away.
    expect(qr.getBoundingClientRect().width).toBeGreaterThanOrEqual(240);
    expect(d.querySelector('[data-testid="room-address"]')!.textContent).toBe('192.168.1.23:8421');
    expect(d.textContent).toContain('Also: [fd00::5]:8421');
    const pin = d.querySelector('[data-testid="room-pin"]')!;
    expect(pin.querySelector('[aria-hidden="true"]')!.textContent).toBe('482 913');
    expect(pin.textContent).toContain('4 8 2, 9 1 3');
    expect(d.querySelector('[data-testid="room-counts"]')!.textContent).toBe('6 joined · 4 connected now · 7 of 9 done');
    expect(d.textContent).toContain('Anonymous session: names are optional and never shown.');
    expect(d.querySelector('[data-testid="room-lock"]')).toBeNull();
    await vi.waitUntil(() => host!.querySelector('[data-testid="room-button"]')!.textContent === 'Room open · 6 joined');
  });

  test('the lock: a countdown in seconds while too many wrong PINs hold joining shut; the bar says "locked"', async () => {
    room = { ...OPEN, locked: true, lockedUntil: Date.now() + 53_500 };
    mount();
    await vi.waitUntil(() => (host!.querySelector('[data-testid="room-button"]')!.textContent ?? '').endsWith('· locked'));
    expect((await roomButton()).className).toContain('locked');
    await userEvent.click(await roomButton());
    const d = await dialog();
    const lock = await vi.waitUntil(() => d.querySelector('[data-testid="room-lock"]'));
    expect(lock.querySelector('[aria-hidden="true"]')!.textContent).toMatch(/^10 wrong PINs: joining is locked for 5[34] s$/);
    // Announced once, not every second.
    expect(lock.querySelector('[role="alert"]')!.textContent).toBe('10 wrong PINs: joining is locked for a minute.');
  });

  test('Close room asks first; Cancel keeps it open, Close room closes it', async () => {
    room = OPEN;
    mount();
    await vi.waitUntil(() => host!.querySelector('[data-testid="room-button"]')!.textContent === 'Room open · 6 joined');
    await userEvent.click(await roomButton());
    const d = await dialog();
    await userEvent.click(await button(d, 'Close room'));
    // The confirmation is a second modal dialog over the room dialog.
    const confirmation = () => vi.waitUntil(() => document.querySelector<HTMLDialogElement>('dialog[open]:not([data-testid="room-dialog"])'));
    const confirm = await confirmation();
    expect(confirm.querySelector('h2')!.textContent).toBe('Close the room?');
    expect(confirm.textContent).toContain('every participant’s sign-in stops working');
    await userEvent.click(await button(confirm, 'Cancel'));
    expect(fake.calls.some((c) => c.method === 'room.close')).toBe(false);
    await userEvent.click(await button(d, 'Close room'));
    const again = await confirmation();
    await userEvent.click(await button(again, 'Close room'));
    await vi.waitUntil(() => fake.calls.some((c) => c.method === 'room.close'));
    await button(d, 'Open room');
    await vi.waitUntil(() => host!.querySelector('[data-testid="room-button"]')!.textContent === 'Open room');
  });

  test('keyboard: Enter opens it, Escape hides it (the room stays open) and focus returns to the room button', async () => {
    room = OPEN;
    mount();
    const b = await roomButton();
    await vi.waitUntil(() => b.textContent === 'Room open · 6 joined');
    b.focus();
    await userEvent.keyboard('{Enter}');
    const d = await dialog();
    expect(b.getAttribute('aria-expanded')).toBe('true');
    expect(d.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}');
    await vi.waitUntil(() => !document.querySelector('dialog[data-testid="room-dialog"]'));
    expect(document.activeElement).toBe(b);
    expect(fake.calls.some((c) => c.method === 'room.close')).toBe(false);
    expect(b.textContent).toBe('Room open · 6 joined');
  });

  test('Escape in the "Close the room?" confirmation closes only it: the room dialog stays, named, with focus back on Close room', async () => {
    room = OPEN;
    mount();
    await vi.waitUntil(() => host!.querySelector('[data-testid="room-button"]')!.textContent === 'Room open · 6 joined');
    await userEvent.click(await roomButton());
    const d = await dialog();
    expect(document.getElementById(d.getAttribute('aria-labelledby')!)!.textContent).toBe('Room for phones');
    const closeRoom = await button(d, 'Close room');
    closeRoom.focus();
    await userEvent.keyboard('{Enter}');
    const confirm = await vi.waitUntil(() => document.querySelector<HTMLDialogElement>('dialog[open]:not([data-testid="room-dialog"])'));
    expect(document.getElementById(confirm.getAttribute('aria-labelledby')!)!.textContent).toBe('Close the room?');
    // A confirmation without a field focuses its confirm button.
    expect(document.activeElement?.textContent).toBe('Close room');
    expect(confirm.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}');
    await vi.waitUntil(() => !document.querySelector('dialog[open]:not([data-testid="room-dialog"])'));
    expect(document.querySelector<HTMLDialogElement>('dialog[data-testid="room-dialog"]')?.open).toBe(true);
    expect(document.activeElement).toBe(closeRoom);
    expect(fake.calls.some((c) => c.method === 'room.close')).toBe(false);
  });
});
