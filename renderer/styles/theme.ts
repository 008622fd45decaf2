// Light or dark for the DOM screens: follows the OS (prefers-color-scheme) unless the person chose
// Light or Dark (View > Theme in the desktop app, or the Theme control on the home screen and map
// bar). The choice is remembered in the page's storage and applied as <html data-theme="...">;
// base.css holds both palettes. Exports are always light.
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: ReadonlyArray<{ id: ThemeChoice; label: string }> = [
  { id: 'system', label: 'System theme' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];
const THEME_KEY = 'journeyboard.theme';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

function load(): ThemeChoice {
  try {
    const stored = globalThis.localStorage?.getItem(THEME_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

let current: ThemeChoice = load();
const listeners = new Set<() => void>();

function apply(choice: ThemeChoice): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

/** Applies the remembered choice; call once before the first render so nothing flashes. */
export function initTheme(): void {
  apply(current);
}

export function getTheme(): ThemeChoice {
  return current;
}

export function setTheme(choice: ThemeChoice): void {
  current = choice;
  try {
    globalThis.localStorage?.setItem(THEME_KEY, choice);
  } catch {
    // Not remembered; applied for this visit.
  }
  apply(choice);
  for (const listener of listeners) listener();
}

export function useTheme(): ThemeChoice {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getTheme,
  );
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** True when the page shows dark: the choice, or the OS's setting under 'system'. */
export function isDark(choice: ThemeChoice = current): boolean {
  if (choice !== 'system') return choice === 'dark';
  return globalThis.matchMedia?.(DARK_QUERY).matches ?? false;
}

/** Whether the page is dark now, following the choice and, under 'system', the OS's setting. */
export function useDark(): boolean {
  const choice = useTheme();
  return useSyncExternalStore(
    (onChange) => {
      const query = globalThis.matchMedia?.(DARK_QUERY);
      query?.addEventListener('change', onChange);
      return () => query?.removeEventListener('change', onChange);
    },
    () => isDark(choice),
  );
}
