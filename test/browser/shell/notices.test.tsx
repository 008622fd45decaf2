import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { showError, showInfo, useNotices } from '../../../renderer/state/notices';
import { Notices } from '../../../renderer/ui/Notices';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  useNotices.setState({ notices: [] });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<Notices />));
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  document.querySelector('[data-testid="minimap"]')?.remove();
});

const shown = () => [...document.querySelectorAll<HTMLElement>('.notice')];

describe('notices', () => {
  test('the same message merges into one notice with a count, moved to the newest place', () => {
    act(() => {
      showInfo('Exported map.pdf');
      showError(new Error('The disk is full.'));
      showInfo('Exported map.pdf');
      showInfo('Exported map.pdf');
    });
    const list = shown();
    expect(list).toHaveLength(2);
    expect(list[1]!.textContent).toContain('Exported map.pdf');
    expect(list[1]!.querySelector('[data-testid="notice-count"]')!.textContent).toBe('×3');
    expect(list[1]!.querySelector('[data-testid="notice-count"]')!.getAttribute('aria-label')).toBe('3 times');
    expect(list[0]!.querySelector('[data-testid="notice-count"]')).toBeNull();
  });

  test('they stack in the bottom-right corner, off the middle of the window, at most four', () => {
    act(() => {
      for (let i = 0; i < 6; i++) showInfo(`Exported file ${i}`);
    });
    expect(shown()).toHaveLength(4);
    const box = document.querySelector('[data-testid="notices"]')!.getBoundingClientRect();
    expect(box.right).toBeCloseTo(window.innerWidth - 16, 0);
    expect(box.bottom).toBeCloseTo(window.innerHeight - 16, 0);
    expect(box.left).toBeGreaterThan(window.innerWidth / 2);
  });

  test('on the board they sit above the minimap', () => {
    const minimap = document.createElement('div');
    minimap.dataset.testid = 'minimap';
    minimap.style.cssText = 'position:fixed;right:14px;bottom:14px;width:200px;height:136px';
    document.body.append(minimap);
    act(() => showInfo('Saved'));
    const box = document.querySelector('[data-testid="notices"]')!.getBoundingClientRect();
    expect(box.bottom).toBeLessThanOrEqual(minimap.getBoundingClientRect().top);
  });
});
