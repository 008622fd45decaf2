import { useEffect } from 'react';
import { create } from 'zustand';
import type { JourneyboardApi } from '../../shared/api';
import { ApiError } from '../../shared/errors';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

interface NoticeState {
  notices: Notice[];
  push(kind: Notice['kind'], message: string): void;
  dismiss(id: number): void;
}

let seq = 0;

/** Messages shown to the person: API errors are never swallowed, they end up here. */
export const useNotices = create<NoticeState>((set) => ({
  notices: [],
  push: (kind, message) =>
    set((s) => ({
      // The same message twice in a row is shown once.
      notices: s.notices.some((n) => n.message === message) ? s.notices : [...s.notices.slice(-3), { id: ++seq, kind, message }],
    })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
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
          if ((n?.kind === 'error' || n?.kind === 'info') && typeof n.message === 'string') useNotices.getState().push(n.kind, n.message);
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
