import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ApiError } from '../../../shared/errors';
import type { MapSummary } from '../../../shared/domain';

// The shell talks to the main process only through its api client: replace it with a fake whose
// answers each test sets, so these tests need no server.
const fake = vi.hoisted(() => ({
  calls: [] as { method: string; input: unknown }[],
  respond: (_method: string, _input: unknown): unknown => [],
}));
vi.mock('../../../renderer/api/client', () => ({
  api: {
    async call(method: string, input: unknown) {
      fake.calls.push({ method, input });
      return fake.respond(method, input);
    },
  },
  // A browser: no native file dialogs.
  nativeFiles: null,
  // No upload route needed: these tests import no files.
  uploadJourney: null,
  // No projector window in these tests.
  openRoomView: async () => {},
}));

const { App } = await import('../../../renderer/App');
const { relativeTime } = await import('../../../renderer/ui/relativeTime');
const { useNotices } = await import('../../../renderer/state/notices');
await import('../../../renderer/styles/base.css');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let root: Root | null = null;
let host: HTMLDivElement | null = null;

function mount() {
  host = document.createElement('div');
  host.id = 'root';
  host.style.cssText = 'position:fixed;inset:0;';
  document.body.appendChild(host);
  root = createRoot(host);
  flushSync(() => root!.render(<App />));
}

const byRole = (role: string, name: string | RegExp) =>
  vi.waitUntil(() =>
    [...document.querySelectorAll<HTMLElement>(role === 'button' ? 'button' : `[role="${role}"],${role}`)].find((el) =>
      typeof name === 'string' ? (el.getAttribute('aria-label') ?? el.textContent?.trim()) === name : name.test(el.getAttribute('aria-label') ?? el.textContent ?? ''),
    ),
  );

const summary = (over: Partial<MapSummary>): MapSummary => ({ id: 'm1', title: 'Kickoff', noteCount: 3, updatedAt: Date.now() - 5 * 60_000, ...over });

beforeEach(() => {
  fake.calls = [];
  window.location.hash = '#/';
  useNotices.setState({ notices: [] });
});

afterEach(() => {
  if (root) flushSync(() => root!.unmount());
  host?.remove();
  root = null;
  host = null;
});

describe('relativeTime', () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  test('says how long ago in words a person reads at a glance', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now - 26 * 3_600_000, now)).toBe('yesterday');
    expect(relativeTime(now - 4 * 86_400_000, now)).toBe('4 days ago');
    expect(relativeTime(now + 60_000, now)).toBe('just now');
  });
});

describe('home screen', () => {
  test('no maps: an empty state whose button opens the New map dialog; Escape closes it and focus returns', async () => {
    fake.respond = () => [];
    mount();
    const create = await byRole('button', 'Create your first map');
    create.focus();
    await userEvent.click(create);
    const dialog = await vi.waitUntil(() => document.querySelector<HTMLDialogElement>('dialog[open]'));
    expect(dialog.querySelector('h2')?.textContent).toBe('New map');
    expect(document.activeElement).toBe(dialog.querySelector('input'));
    await userEvent.keyboard('{Escape}');
    await vi.waitUntil(() => !document.querySelector('dialog'));
    expect(document.activeElement?.textContent).toBe('Create your first map');
  });

  test('a card shows title, note count and when it was last edited', async () => {
    fake.respond = () => [summary({})];
    mount();
    const card = await vi.waitUntil(() => document.querySelector('[data-testid="map-card"]'));
    expect(card.textContent).toContain('Kickoff');
    expect(card.textContent).toContain('3 notes · edited 5 min ago');
  });

  test('delete asks first, naming the map, and shows the server’s refusal in the dialog', async () => {
    fake.respond = (method) => {
      if (method === 'maps.delete') throw new ApiError('conflict', 'This map is open in another window. Close it there first.');
      return [summary({})];
    };
    mount();
    await userEvent.click(await byRole('button', 'Delete Kickoff'));
    const dialog = await vi.waitUntil(() => document.querySelector<HTMLDialogElement>('dialog[open]'));
    expect(dialog.querySelector('h2')?.textContent).toBe('Delete “Kickoff”?');
    expect(fake.calls.some((c) => c.method === 'maps.delete')).toBe(false);
    await userEvent.keyboard('{Enter}');
    const alert = await vi.waitUntil(() => dialog.querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('This map is open in another window. Close it there first.');
    expect(document.querySelectorAll('[data-testid="map-card"]')).toHaveLength(1);
  });

  test('a failed list is shown as a dismissable notice, not swallowed', async () => {
    fake.respond = () => {
      throw new ApiError('internal', 'Journeyboard is not reachable.');
    };
    mount();
    const notice = await vi.waitUntil(() => document.querySelector('.notice.error'));
    expect(notice.textContent).toContain('Journeyboard is not reachable.');
    await userEvent.click(await byRole('button', 'Dismiss'));
    await vi.waitUntil(() => !document.querySelector('.notice'));
  });
});
