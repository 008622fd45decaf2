/**
 * `GET /live?token=`: each phone's WebSocket. A phone hears its `RoomState` when it connects and
 * again whenever its map changes, but at most every `pushIntervalMs` however fast the map changes
 * (a burst of 1,000 notes from 50 phones is a handful of states each, not 1,000), and only when its
 * own state differs from the last one it was sent. Changes the phones wrote themselves (their notes,
 * dots, scores, done marks: each phone has its own answer already) go out at most every
 * `peerPushIntervalMs`, so a burst of the whole room's notes costs the server, the Wi-Fi and the
 * phones a state a second, not eight; the facilitator's changes still go out within
 * `pushIntervalMs`. If reading the states takes long, the interval grows, so the store is never
 * kept busy by pushes. A ping every `heartbeatMs` drops sockets whose
 * phone has gone (asleep, out of range); the phone page reconnects by itself. On close each socket
 * is sent `{type:'closed', reason}` first.
 */
import type { WebSocket } from 'ws';
import type { RoomLiveMessage, RoomState } from '../../shared/room/contract';
import type { Clock } from './guards';
import type { RoomLimits } from './limits';

interface LiveSocket {
  ws: WebSocket;
  participantId: string;
  alive: boolean;
  /** The last state sent, without its clock reading (`serverNow` differs on every read). */
  last: string | null;
}

export interface LiveSockets {
  /** Adds a socket (already accepted) for a participant and sends it the state now. */
  add(ws: WebSocket, participantId: string): void;
  count(): number;
  /**
   * The room's map changed: every phone hears its new state soon (`pushIntervalMs`), or, when the
   * phones wrote it themselves (`byPhones`), within `peerPushIntervalMs`.
   */
  changed(byPhones?: boolean): void;
  /** The participants with a socket open now. */
  connected(): Set<string>;
  /** Sends `{type:'closed'}` to every socket, closes them; resolves when they are gone (or after a moment). */
  closeAll(reason: string): Promise<void>;
  /** Closes the sockets of one participant (their token was voided). */
  drop(participantId: string, reason: string): void;
}

/**
 * A state as sent (`text`) and as compared with the last one sent (`key`: the same without its clock
 * reading). One JSON encoding serves both: `serverNow` is put last, after the key's fields.
 */
function encode(state: RoomState): { key: string; text: string } {
  const { serverNow, ...rest } = state;
  const key = JSON.stringify(rest);
  return { key, text: `{"type":"state","state":${key.slice(0, -1)},"serverNow":${JSON.stringify(serverNow)}}}` };
}

export function createLiveSockets(
  limits: RoomLimits,
  readStates: (participantIds: readonly string[]) => Record<string, RoomState>,
  now: Clock,
): LiveSockets {
  const sockets = new Set<LiveSocket>();
  let timer: NodeJS.Timeout | null = null;
  /** When the scheduled flush runs (the clock's time). */
  let dueAt = Infinity;
  let lastFlush = -Infinity;
  let interval = limits.pushIntervalMs;

  function sendTo(socket: LiveSocket, text: string, key: string | null): void {
    const { ws } = socket;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > limits.maxLiveBacklogBytes) {
      // The phone has stopped reading: drop it; it reconnects and reads the state afresh.
      ws.terminate();
      return;
    }
    socket.last = key;
    ws.send(text);
  }

  function flush(): void {
    timer = null;
    dueAt = Infinity;
    const started = now();
    lastFlush = started;
    // One state per participant, sent to each of their sockets whose last state differs.
    const byParticipant = new Map<string, LiveSocket[]>();
    for (const socket of sockets) {
      const list = byParticipant.get(socket.participantId);
      if (list) list.push(socket);
      else byParticipant.set(socket.participantId, [socket]);
    }
    const states = byParticipant.size ? readStates([...byParticipant.keys()]) : {};
    for (const [participantId, list] of byParticipant) {
      const state = states[participantId];
      if (!state) continue;
      const { key, text } = encode(state);
      const changed = list.filter((socket) => socket.last !== key);
      if (changed.length === 0) continue;
      for (const socket of changed) sendTo(socket, text, key);
    }
    // Reading states that took long (a big map, many phones) pushes less often.
    interval = Math.max(limits.pushIntervalMs, 2 * (now() - started));
  }

  /** A flush no sooner than `gap` after the last one; an earlier one already due stands, a later one is brought forward. */
  function schedule(gap: number): void {
    if (sockets.size === 0) return;
    const t = now();
    const at = Math.max(t, lastFlush + gap);
    if (timer) {
      if (at >= dueAt) return;
      clearTimeout(timer);
    }
    dueAt = at;
    timer = setTimeout(flush, at - t);
  }

  const heartbeat = setInterval(() => {
    for (const socket of sockets) {
      if (!socket.alive) {
        socket.ws.terminate();
        continue;
      }
      socket.alive = false;
      try {
        socket.ws.ping();
      } catch {
        socket.ws.terminate();
      }
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    add(ws, participantId) {
      const socket: LiveSocket = { ws, participantId, alive: true, last: null };
      sockets.add(socket);
      ws.on('pong', () => {
        socket.alive = true;
      });
      // A phone says nothing on this socket; anything it sends is ignored (maxPayload caps it).
      ws.on('message', () => {});
      ws.on('error', () => ws.terminate());
      ws.on('close', () => sockets.delete(socket));
      const state = readStates([participantId])[participantId];
      if (state) {
        const { key, text } = encode(state);
        sendTo(socket, text, key);
      }
    },
    count: () => sockets.size,
    changed: (byPhones = false) => schedule(byPhones ? Math.max(interval, limits.peerPushIntervalMs) : interval),
    connected: () => new Set([...sockets].map((s) => s.participantId)),
    drop(participantId, reason) {
      for (const socket of sockets) {
        if (socket.participantId !== participantId) continue;
        sockets.delete(socket);
        socket.ws.close(1000, reason.slice(0, 120));
      }
    },
    closeAll(reason) {
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      timer = null;
      dueAt = Infinity;
      const text = JSON.stringify({ type: 'closed', reason } satisfies RoomLiveMessage);
      const all = [...sockets];
      sockets.clear();
      return Promise.all(
        all.map(
          ({ ws }) =>
            new Promise<void>((done) => {
              if (ws.readyState !== ws.OPEN) {
                ws.terminate();
                return done();
              }
              const late = setTimeout(() => {
                ws.terminate();
                done();
              }, 1_000);
              late.unref();
              ws.once('close', () => {
                clearTimeout(late);
                done();
              });
              ws.send(text, () => ws.close(1001, 'The room was closed.'));
            }),
        ),
      ).then(() => undefined);
    },
  };
}
