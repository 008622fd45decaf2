import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { ReactElement } from 'react';
import { methods, type JourneyboardApi, type MethodInput, type MethodName } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import '../../../renderer/styles/base.css';

// Real events from userEvent and real async API answers drive these components, as in the app:
// renders are flushed synchronously here and assertions poll, so nothing needs act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

export interface FakeApi extends JourneyboardApi {
  calls: { method: string; input: Record<string, unknown> }[];
  /** The answer to each call; may throw (an ApiError, as the server would refuse). */
  respond: (method: string, input: Record<string, unknown>) => unknown;
}

/** An api that records calls, checks each input against its zod schema, and answers with `respond` (default: echo the input). */
export function fakeApi(respond?: FakeApi['respond']): FakeApi {
  const api: FakeApi = {
    calls: [],
    respond: respond ?? ((_m, input) => input),
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      const copy = structuredClone(input) as Record<string, unknown>;
      api.calls.push({ method, input: copy });
      // What the components send meets the real contract, refused as the boundary would refuse it
      // (the same `field: message.` sentence as electron/services' describe()).
      const checked = methods[method].input.safeParse(copy);
      if (!checked.success) {
        const parts = checked.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : 'input'}: ${i.message.replace(/^Invalid input: /, '')}`);
        throw new ApiError('invalid_input', `${parts.join('; ')}.`);
      }
      return api.respond(method, copy) as never;
    },
  };
  return api;
}

let current: { root: Root; div: HTMLDivElement } | null = null;

/** Renders into a fixed box the size of the map screen's body. */
export async function render(element: ReactElement, style = 'position:fixed;inset:0;'): Promise<HTMLDivElement> {
  unmountCurrent();
  const div = document.createElement('div');
  div.id = 'root';
  div.style.cssText = style;
  document.body.appendChild(div);
  const root = createRoot(div);
  flushSync(() => root.render(element));
  current = { root, div };
  return div;
}

/** Re-renders the mounted tree with new props. */
export async function rerender(element: ReactElement): Promise<void> {
  flushSync(() => current!.root.render(element));
}

export function unmountCurrent(): void {
  if (!current) return;
  const { root, div } = current;
  current = null;
  root.unmount();
  div.remove();
}

/** Screenshots when VITE_PANEL_SCREENSHOT is set (for looking at the components, not asserting). */
export function wantScreenshots(): boolean {
  return !!(import.meta as { env?: Record<string, string | undefined> }).env?.VITE_PANEL_SCREENSHOT;
}
