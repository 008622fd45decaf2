import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ApiError } from '../../../shared/errors';

// What start-up tells the person (a damaged store set aside, a backup restored) reaches the page
// through app.notices: a fake api client answers it, so no server is needed.
const fake = vi.hoisted(() => ({ respond: (_method: string): unknown => [] }));
vi.mock('../../../renderer/api/client', () => ({
  api: {
    async call(method: string) {
      return fake.respond(method);
    },
  },
  nativeFiles: null,
  // No upload route needed: these tests import no files.
  uploadJourney: null,
  // No projector window in these tests.
  openRoomView: async () => {},
}));

const { App } = await import('../../../renderer/App');
const { useNotices } = await import('../../../renderer/state/notices');

let root: Root | null = null;
let host: HTMLDivElement | null = null;

beforeEach(() => {
  window.location.hash = '#/';
  useNotices.setState({ notices: [] });
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(() => {
  flushSync(() => root!.unmount());
  host!.remove();
});

const RESTORED =
  'The map store was damaged, so Journeyboard restored the backup from 29 Nov 2026, 21:04. Changes made after that time are not in it. The damaged file is kept, untouched, at /data/journeyboard.sqlite.damaged-x.';

describe('start-up notices', () => {
  test('a restored backup is announced when the page opens, as an alert the person can dismiss', async () => {
    fake.respond = (method) => (method === 'app.notices' ? [{ kind: 'error', message: RESTORED }] : []);
    flushSync(() => root!.render(<App />));
    const alert = await vi.waitUntil(() => document.querySelector<HTMLElement>('[data-testid="notices"] [role="alert"]'));
    expect(alert.textContent).toContain(RESTORED);
    expect(alert.querySelector('button[aria-label="Dismiss"]')).not.toBeNull();
  });

  test('nothing to say: no notice', async () => {
    let asked = false;
    fake.respond = (method) => {
      if (method === 'app.notices') asked = true;
      return [];
    };
    flushSync(() => root!.render(<App />));
    await vi.waitUntil(() => asked);
    await new Promise((r) => setTimeout(r, 50));
    expect(useNotices.getState().notices).toEqual([]);
  });

  test('when the question itself fails, the reason is shown, not swallowed', async () => {
    fake.respond = (method) => {
      if (method === 'app.notices') throw new ApiError('internal', 'Journeyboard is not reachable. Check that `npm run web` is still running, then try again.');
      return [];
    };
    flushSync(() => root!.render(<App />));
    await vi.waitUntil(() => useNotices.getState().notices.length > 0);
    expect(useNotices.getState().notices[0]!.message).toMatch(/not reachable/);
  });
});
