/**
 * What every Journeyboard HTTP listener does before a request reaches its handler: the cap on open
 * connections (one over it gets 503 and is closed) and the answer to a request Node refuses itself
 * (bad syntax 400, headers too large 431, too slow 408). Shared by web mode's server (http.ts) and
 * the room listener (electron/room/), which may listen on several addresses under one cap.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ServerLimits } from './limits';
import { rawResponse } from './respond';

export interface ConnectionGuard {
  /** Puts the cap and the clientError answers on `server` (several servers may share one guard). */
  attach(server: http.Server): void;
  /** Connections open now, over every attached server. */
  count(): number;
  /** True for a connection that was over the cap: its requests never reach a handler. */
  isOverCap(socket: Socket): boolean;
}

/** `overCapMessage`: what a client over the cap is told (the cap is passed in). */
export function createConnectionGuard(
  limits: ServerLimits,
  overCapMessage: (max: number) => string = (max) =>
    `Journeyboard already has ${max} connections open. Close some tabs, then try again.`,
): ConnectionGuard {
  const open = new Set<Socket>();
  const overCap = new WeakSet<Socket>();
  const refused = new WeakSet<Duplex>();

  function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    // Answered once, then the connection is closed when the answer has been handed to the OS.
    if (refused.has(socket)) return;
    refused.add(socket);
    socket.on('error', () => socket.destroy());
    const inFlight = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent || overCap.has(socket as Socket)) {
      socket.destroy();
      return;
    }
    const [status, reason, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', `The request's headers are larger than ${limits.maxHeaderBytes} bytes.`]
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request took too long to arrive. Try again.']
          : [400, 'Bad Request', 'The request is not valid HTTP/1.1.'];
    socket.end(rawResponse(status, reason, { code: status === 431 ? 'too_large' : 'invalid_input', message }), () =>
      socket.destroy(),
    );
  }

  function onConnection(socket: Socket): void {
    if (open.size >= limits.maxConnections) {
      overCap.add(socket);
      socket.on('error', () => socket.destroy());
      socket.end(rawResponse(503, 'Service Unavailable', { code: 'busy', message: overCapMessage(limits.maxConnections) }));
      // Whatever the client still sends is read and dropped for a moment, so it can read the
      // answer (closing with unread data would reset the connection), then the socket goes.
      const timer = setTimeout(() => socket.destroy(), limits.drainGraceMs);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
      return;
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  }

  return {
    attach(server) {
      server.headersTimeout = limits.headersTimeoutMs;
      server.requestTimeout = limits.requestTimeoutMs;
      server.keepAliveTimeout = limits.keepAliveTimeoutMs;
      server.timeout = limits.socketIdleTimeoutMs;
      server.on('clientError', onClientError);
      server.on('connection', onConnection);
    },
    count: () => open.size,
    isOverCap: (socket) => overCap.has(socket),
  };
}
