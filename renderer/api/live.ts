/**
 * Live store changes for `api.subscribe(mapId, cb)` (client.ts): one channel per page, shared by
 * every subscriber, opened with the first and closed with the last.
 *
 * - Web mode: `GET /events` (Server-Sent Events, electron/server/events.ts) read with fetch, so the
 *   token travels in the Authorization header like every API call, never in an address. A stream
 *   that fails or ends is opened again by itself (250 ms, doubling to 5 s, reset once it is back).
 * - Electron: the preload's `onStoreChange` (the main process sends each change to every window).
 *
 * When a channel comes back after being down, every subscriber is called once with
 * `resync: true` (changes may have been missed): read the map again. No window module state here,
 * so it is unit-tested under Node against the real server.
 */
import type { StoreChange, StoreChangeEvent } from '../../shared/api';

/** A way to hear changes: calls `onChange` per change and `onOpen` each time it is (again) connected; returns a stop function. */
export type LiveTransport = (handlers: { onChange: (change: StoreChange) => void; onOpen: () => void }) => () => void;

export type Subscribe = (mapId: string | null, cb: (change: StoreChangeEvent) => void) => () => void;

/** Shares one transport among subscribers; each hears the changes of its map (or of every map, for null). */
export function liveChanges(transport: LiveTransport): Subscribe {
  const subscribers = new Map<(change: StoreChangeEvent) => void, string | null>();
  let stop: (() => void) | null = null;
  let opened = 0;

  const deliver = (change: StoreChangeEvent) => {
    for (const [cb, mapId] of [...subscribers]) {
      if (!subscribers.has(cb)) continue;
      if (mapId !== null && mapId !== change.mapId) continue;
      cb(change);
    }
  };

  return (mapId, cb) => {
    // The same callback twice would be one entry: wrap it so each subscription stands alone.
    const own = (change: StoreChangeEvent) => cb(change);
    subscribers.set(own, mapId);
    if (!stop) {
      opened = 0;
      stop = transport({
        onChange: deliver,
        onOpen: () => {
          // Back after a drop: whatever happened meanwhile was not heard.
          if (opened++ === 0) return;
          for (const [sub, id] of [...subscribers]) sub({ mapId: id ?? '', revision: 0, resync: true });
        },
      });
    }
    return () => {
      subscribers.delete(own);
      if (subscribers.size === 0 && stop) {
        const s = stop;
        stop = null;
        s();
      }
    };
  };
}

export interface SseOptions {
  /** Tests: a Node fetch, shorter delays. */
  fetch?: typeof fetch;
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Web mode's transport: `GET {base}/events` with the token, parsed as Server-Sent Events, reconnecting. */
export function sseTransport(base: string, token: string, options: SseOptions = {}): LiveTransport {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5000;
  return ({ onChange, onOpen }) => {
    let stopped = false;
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = minDelay;

    const retry = () => {
      if (stopped) return;
      timer = setTimeout(connect, delay);
      delay = Math.min(maxDelay, delay * 2);
    };

    const handle = (block: string) => {
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data = data ? `${data}\n${value}` : value;
      }
      if (event === 'ready') {
        delay = minDelay;
        onOpen();
      } else if (event === 'change') {
        try {
          const change = JSON.parse(data) as StoreChange;
          if (typeof change?.mapId === 'string' && typeof change.revision === 'number') onChange(change);
        } catch {
          // A malformed event is skipped; the next one still arrives.
        }
      }
    };

    async function connect() {
      timer = null;
      if (stopped) return;
      controller = new AbortController();
      try {
        const response = await doFetch(`${base}/events`, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!response.ok || !response.body) throw new Error(`GET /events answered ${response.status}`);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            handle(block);
          }
        }
      } catch {
        // Unreachable, refused, or stopped: retried below unless stopped.
      }
      controller = null;
      retry();
    }

    void connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
    };
  };
}
