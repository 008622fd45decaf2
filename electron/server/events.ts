/**
 * `GET /events`: the store's changes as Server-Sent Events (docs/API.md, "Live changes"). Each
 * committed write sends `event: change` with `{mapId, revision}` to every open stream (or only to
 * those that asked for that map with `?mapId=`), so a second window (the room view) reads the map
 * again within a moment. A stream opens with `event: ready`, sends a comment line every
 * `eventsHeartbeatMs` so it is never closed as idle, is closed if its client stops reading, and is
 * ended cleanly when the server closes. The token is checked by the server before this runs.
 */
import type http from 'node:http';
import type { StoreChange } from '../../shared/api';
import { id as idSchema } from '../../shared/records/fields';
import type { ServerLimits } from './limits';
import { sendError } from './respond';

export type SubscribeChanges = (listener: (change: StoreChange) => void) => () => void;

interface Stream {
  res: http.ServerResponse;
  mapId: string | null;
  heartbeat: NodeJS.Timeout;
}

export interface EventStreams {
  /** Answers a GET /events request (already authorised) with a stream, or with why not. */
  open(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void;
  /** Streams open now (for tests of the cap). */
  count(): number;
  /** Ends every stream (the server is closing). */
  closeAll(): void;
}

export function createEventStreams(limits: ServerLimits, subscribe: SubscribeChanges | undefined): EventStreams {
  const streams = new Set<Stream>();
  let unsubscribe: (() => void) | null = null;

  function drop(stream: Stream): void {
    if (!streams.delete(stream)) return;
    clearInterval(stream.heartbeat);
    if (streams.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  }

  /** Writes to one stream; a client that has stopped reading (too much waiting) is cut off. */
  function write(stream: Stream, text: string): void {
    const { res } = stream;
    if (res.destroyed || res.writableEnded) return drop(stream);
    if (res.writableLength > limits.maxEventBacklogBytes) {
      drop(stream);
      res.destroy();
      return;
    }
    res.write(text);
  }

  function broadcast(change: StoreChange): void {
    const text = `id: ${change.revision}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`;
    for (const stream of [...streams]) {
      if (stream.mapId === null || stream.mapId === change.mapId) write(stream, text);
    }
  }

  return {
    count: () => streams.size,
    open(req, res, query) {
      if (req.method !== 'GET') {
        sendError(res, { code: 'invalid_input', message: 'Use GET to open the change stream.' }, { allow: 'GET' });
        return;
      }
      if (!subscribe) {
        sendError(res, { code: 'not_found', message: 'This server has no change stream.' });
        return;
      }
      const given = query.get('mapId');
      const parsed = given === null ? null : idSchema.safeParse(given);
      if (parsed && !parsed.success) {
        sendError(res, {
          code: 'invalid_input',
          message: `mapId: ${parsed.error.issues[0]?.message ?? 'not a map id'}. Leave it out to hear every map.`,
        });
        return;
      }
      if (streams.size >= limits.maxEventStreams) {
        sendError(
          res,
          {
            code: 'busy',
            message: `Journeyboard already has ${limits.maxEventStreams} live windows open. Close some tabs; this one will retry.`,
          },
          { 'retry-after': '5' },
        );
        return;
      }
      req.socket.setNoDelay(true);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
      });
      const stream: Stream = {
        res,
        mapId: given,
        heartbeat: setInterval(() => write(stream, ': heartbeat\n\n'), limits.eventsHeartbeatMs),
      };
      stream.heartbeat.unref();
      streams.add(stream);
      unsubscribe ??= subscribe(broadcast);
      res.on('close', () => drop(stream));
      res.write(`retry: 1000\nevent: ready\ndata: ${JSON.stringify({ mapId: given })}\n\n`);
    },
    closeAll() {
      for (const stream of [...streams]) {
        drop(stream);
        stream.res.end();
      }
    },
  };
}
