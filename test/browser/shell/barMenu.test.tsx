// The map bar's drop-downs ("Panels ▾", "Show ▾"): a disclosure whose items stay ordinary buttons
// with their own names, reachable and closable by keyboard.
import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { BarMenu, BarMenuItem } from '../../../renderer/screens/BarMenu';
import '../../../renderer/styles/base.css';
import '../../../renderer/screens/MapScreen.css';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let root: Root | null = null;
let host: HTMLDivElement | null = null;
const chosen: string[] = [];

function mount(pressed = false) {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  flushSync(() =>
    root!.render(
      <div>
        <button type="button">Before</button>
        <BarMenu label="Panels" active={pressed}>
          <BarMenuItem label="Personas" hint="Who the map is for" pressed={pressed} onClick={() => chosen.push('Personas')} />
          <BarMenuItem label="History" hint="Saved versions" onClick={() => chosen.push('History')} />
        </BarMenu>
        <button type="button">After</button>
      </div>,
    ),
  );
}

const trigger = () => host!.querySelector<HTMLButtonElement>('.bar-menu-trigger')!;
const item = (name: string) => [...host!.querySelectorAll<HTMLButtonElement>('.bar-menu-item')].find((b) => b.querySelector('.bar-menu-label')!.textContent === name);

afterEach(() => {
  root?.unmount();
  host?.remove();
  chosen.length = 0;
});

describe('bar drop-down', () => {
  test('a labelled disclosure: closed, no items in the page; open, the items are buttons named by their labels, described by their hints', async () => {
    mount(true);
    expect(trigger().getAttribute('aria-expanded')).toBe('false');
    expect(trigger().textContent).toBe('Panels▾');
    expect(trigger().className).toContain('active');
    expect(item('Personas')).toBeUndefined();
    await userEvent.click(trigger());
    expect(trigger().getAttribute('aria-expanded')).toBe('true');
    const group = host!.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).toBe('Panels');
    expect(trigger().getAttribute('aria-controls')).toBe(group.id);
    const personas = item('Personas')!;
    expect(personas.getAttribute('aria-pressed')).toBe('true');
    // The hint is hidden from the name (which stays "Personas") and is the description.
    const hint = personas.querySelector('.bar-menu-hint')!;
    expect(hint.getAttribute('aria-hidden')).toBe('true');
    expect(personas.getAttribute('aria-describedby')).toBe(hint.id);
  });

  test('keyboard: Enter opens with focus on the first item, arrows move, Enter chooses and focus returns to the trigger', async () => {
    mount();
    trigger().focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => document.activeElement).toBe(item('Personas'));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(item('History'));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(item('Personas'));
    await userEvent.keyboard('{ArrowUp}');
    await userEvent.keyboard('{Enter}');
    expect(chosen).toEqual(['History']);
    expect(item('History')).toBeUndefined();
    expect(document.activeElement).toBe(trigger());
  });

  test('Escape closes and returns focus; Tab out of it or a click elsewhere closes it', async () => {
    mount();
    await userEvent.click(trigger());
    await expect.poll(() => document.activeElement).toBe(item('Personas'));
    await userEvent.keyboard('{Escape}');
    expect(item('Personas')).toBeUndefined();
    expect(document.activeElement).toBe(trigger());

    await userEvent.keyboard('{Enter}');
    await expect.poll(() => document.activeElement).toBe(item('Personas'));
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement!.textContent).toBe('After');
    expect(item('Personas')).toBeUndefined();

    await userEvent.click(trigger());
    expect(item('Personas')).toBeDefined();
    await userEvent.click(host!.querySelector('button')!); // "Before"
    expect(item('Personas')).toBeUndefined();
    expect(chosen).toEqual([]);
  });
});
