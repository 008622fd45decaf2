/**
 * Every limit of the web-mode HTTP server, named in one place. The server is on 127.0.0.1 today and
 * is the base of the room server on the local network later, so each limit is set explicitly rather
 * than left to Node's defaults (which change between versions). Tests pass smaller values through
 * `ServerOptions.limits` so slow and oversized requests can be checked in seconds.
 */
import { API_BODY_MAX_BYTES, MAP_FILE_MAX_BYTES } from '../../shared/limits';

/** A JSON API call: 1 MiB is tens of thousands of note moves, more than one autosave batch sends. */
export const MAX_BODY_BYTES = API_BODY_MAX_BYTES;

/**
 * `files.importJson` sends a whole map as JSON text; a 200 MB map file is at most about 280 MB of
 * JSON (the schema's own cap). .journey files do not come this way: they stream to disk (upload.ts).
 */
export const MAX_JSON_FILE_BODY_BYTES = 280 * 1024 * 1024;

/** A .journey upload streamed to `scratch/`: the same cap as a .journey file opened any other way. */
export const MAX_UPLOAD_BYTES = MAP_FILE_MAX_BYTES;

/**
 * Time for a client to send its request line and headers. Short: a slow-headers client (slowloris)
 * holds a connection slot, and a real browser sends its headers in one packet.
 */
export const HEADERS_TIMEOUT_MS = 15_000;

/**
 * Time to receive a whole request, body included. A 200 MB upload on a slow local network
 * (~2 MB/s) takes under two minutes; five minutes leaves room and still ends a trickle.
 */
export const REQUEST_TIMEOUT_MS = 5 * 60_000;

/** How often Node checks the two timeouts above (it checks on a timer, not per byte). */
export const TIMEOUT_CHECK_INTERVAL_MS = 2_000;

/** A kept-alive connection with no request in flight is closed after this long. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * A socket with no bytes either way for this long is closed, whatever state it is in. Longer than
 * the longest quiet spell of a real request: the reply to a 200 MB import is computed in silence.
 */
export const SOCKET_IDLE_TIMEOUT_MS = 2 * 60_000;

/** Request line plus headers; Node's default too, set here so it cannot drift. Beyond: 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Open connections at once. A browser opens up to six per origin; a room of 30 people with a tab
 * each stays well under this. Beyond it a new connection gets 503 and is closed at once.
 */
export const MAX_CONNECTIONS = 256;

/**
 * After refusing an upload as too large (413), how long the rest of its body is read and thrown
 * away so the client can read the answer, before the connection is cut.
 */
export const DRAIN_GRACE_MS = 2_000;

/**
 * Live change streams (`GET /events`) open at once. Each window holds one (the facilitator's and
 * the room view's, a few tabs); beyond this a new stream gets 503 and the page retries later. Well
 * under MAX_CONNECTIONS, so streams can never take every connection from API calls.
 */
export const MAX_EVENT_STREAMS = 64;

/**
 * A comment line is sent on every open change stream this often, so a quiet stream is never closed
 * as idle (SOCKET_IDLE_TIMEOUT_MS) and a client can tell a dead connection from a quiet map.
 */
export const EVENTS_HEARTBEAT_MS = 15_000;

/** A change stream whose client has stopped reading and has this many bytes waiting is closed. */
export const MAX_EVENT_BACKLOG_BYTES = 256 * 1024;

export interface ServerLimits {
  maxBodyBytes: number;
  maxJsonFileBodyBytes: number;
  maxUploadBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  timeoutCheckIntervalMs: number;
  keepAliveTimeoutMs: number;
  socketIdleTimeoutMs: number;
  maxHeaderBytes: number;
  maxConnections: number;
  drainGraceMs: number;
  maxEventStreams: number;
  eventsHeartbeatMs: number;
  maxEventBacklogBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxBodyBytes: MAX_BODY_BYTES,
  maxJsonFileBodyBytes: MAX_JSON_FILE_BODY_BYTES,
  maxUploadBytes: MAX_UPLOAD_BYTES,
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  timeoutCheckIntervalMs: TIMEOUT_CHECK_INTERVAL_MS,
  keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
  socketIdleTimeoutMs: SOCKET_IDLE_TIMEOUT_MS,
  maxHeaderBytes: MAX_HEADER_BYTES,
  maxConnections: MAX_CONNECTIONS,
  drainGraceMs: DRAIN_GRACE_MS,
  maxEventStreams: MAX_EVENT_STREAMS,
  eventsHeartbeatMs: EVENTS_HEARTBEAT_MS,
  maxEventBacklogBytes: MAX_EVENT_BACKLOG_BYTES,
});
