import { useEffect } from 'react';
import { create } from 'zustand';
import type { JourneyboardApi } from '../../shared/api';
import { ApiError } from '../../shared/errors';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** How many times this message came (the same message merges into one notice). */
  count: number;
}

interface NoticeState {
  notices: Notice[];
  /** `stay`: an info notice that waits to be dismissed (what start-up has to say); errors always wait. */
  push(kind: Notice['kind'], message: string, options?: { stay?: boolean }): void;
  dismiss(id: number): void;
}

/**
 * How long a passing info notice ("Exported …") stays. It used to stay until dismissed, sitting
 * over the board and the presentation card for the rest of the workshop. Errors stay until dismissed.
 */
export const INFO_NOTICE_MS = 8_000;

let seq = 0;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** Messages shown to the person: API errors are never swallowed, they end up here. */
export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  push: (kind, message, options) => {
    set((s) => {
      // The same message again merges into its notice, counted and moved to the newest place.
      const same = s.notices.find((n) => n.message === message);
      const others = s.notices.filter((n) => n !== same);
      const next = same ? { ...same, kind, count: same.count + 1 } : { id: ++seq, kind, message, count: 1 };
      return { notices: [...others.slice(-3), next] };
    });
    const shown = get().notices.find((n) => n.message === message)!;
    clearTimeout(timers.get(shown.id));
    timers.delete(shown.id);
    if (kind === 'info' && !options?.stay) timers.set(shown.id, setTimeout(() => get().dismiss(shown.id), INFO_NOTICE_MS));
  },
  dismiss: (id) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
}));

/** What a person should read for an error: the API's own message, or a plain fallback. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong. Try again.';
}

export function showError(err: unknown): void {
  useNotices.getState().push('error', messageOf(err));
}

export function showInfo(message: string): void {
  useNotices.getState().push('info', message);
}

/**
 * Once, when the page opens: what start-up has to tell the person (`app.notices`), e.g. that a
 * damaged store was set aside and a backup restored. Shown with the other notices.
 */
export function useStartupNotices(api: JourneyboardApi): void {
  useEffect(() => {
    let live = true;
    api.call('app.notices', {}).then(
      (list) => {
        if (!live || !Array.isArray(list)) return;
        for (const n of list) {
          if ((n?.kind === 'error' || n?.kind === 'info') && typeof n.message === 'string') useNotices.getState().push(n.kind, n.message, { stay: true });
        }
      },
      (err: unknown) => {
        if (live) showError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api]);
}
