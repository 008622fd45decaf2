// The Export menu as the desktop app drives it: the native menu's Export… and Save as .journey…
// run through the actions registry, and Save as goes to the main process's save dialog.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { JourneyMap } from '../../../shared/domain';
import { sampleMap } from '../journey/sampleMap';

const fake = vi.hoisted(() => ({
  saves: [] as [string, string][],
  saveAnswer: null as { path: string } | null,
  calls: [] as string[],
}));
vi.mock('../../../renderer/api/client', () => ({
  api: {
    async call(method: string) {
      fake.calls.push(method);
      throw new Error(`unexpected API call ${method}`);
    },
  },
  nativeFiles: {
    async saveJourneyAs(mapId: string, suggestedName: string) {
      fake.saves.push([mapId, suggestedName]);
      return fake.saveAnswer;
    },
  },
}));

const { ExportMenu } = await import('../../../renderer/files/ExportMenu');
const { runAction } = await import('../../../renderer/actions/registry');
const { useNotices } = await import('../../../renderer/state/notices');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let root: Root | null = null;
let host: HTMLDivElement | null = null;
const map: JourneyMap = { ...sampleMap(), title: 'Client: A/B test' };

beforeEach(() => {
  fake.saves = [];
  fake.calls = [];
  useNotices.setState({ notices: [] });
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  flushSync(() => root!.render(<ExportMenu latest={async () => map} view={() => null} />));
});

afterEach(() => {
  if (root) flushSync(() => root!.unmount());
  host?.remove();
  root = null;
});

const noticeTexts = () => useNotices.getState().notices.map((n) => n.message);

describe('Export menu in the desktop app', () => {
  test('Save as .journey asks the main process to save, and says where the file went', async () => {
    fake.saveAnswer = { path: '/home/ana/Client A B test.journey' };
    expect(runAction('map.saveAs')).toBe(true);
    await vi.waitUntil(() => noticeTexts().length > 0);
    expect(fake.saves).toEqual([[map.id, 'Client A B test.journey']]);
    expect(noticeTexts()).toEqual(['Saved “Client: A/B test” to /home/ana/Client A B test.journey.']);
    // Nothing was downloaded through the web API.
    expect(fake.calls).toEqual([]);
  });

  test('a cancelled save dialog says nothing and writes nothing', async () => {
    fake.saveAnswer = null;
    runAction('map.saveAs');
    await vi.waitUntil(() => fake.saves.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(noticeTexts()).toEqual([]);
    expect(host!.querySelector('[role="status"]')).toBeNull();
  });

  test('File > Export… opens the menu, with the PNG scales beside each picture', async () => {
    expect(host!.querySelector('[role="menu"]')).toBeNull();
    runAction('map.export');
    const menu = await vi.waitUntil(() => host!.querySelector('[role="menu"]'));
    const items = [...menu.querySelectorAll('[role="menuitem"]')].map(
      (el) => el.getAttribute('aria-label') ?? el.querySelector('.export-label')?.textContent,
    );
    expect(items).toEqual(
      expect.arrayContaining([
        'Journeyboard map (.journey)',
        'PNG, whole map, 1x',
        'PNG, whole map, 3x',
        'PNG, current view, 2x',
        'PowerPoint (.pptx)',
        'CSV (.csv)',
      ]),
    );
  });
});
