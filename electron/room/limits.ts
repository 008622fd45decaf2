/**
 * Every limit of the room listener, named in one place. The room is on the local network, where
 * anyone on the Wi-Fi can reach it, so each is explicit. The participant-facing numbers (notes a
 * minute, the burst, wrong PINs, the lock) are shared/room/contract.ts's ROOM_LIMITS; the HTTP ones
 * start from web mode's (electron/server/limits.ts) with a much smaller body.
 */
import { ROOM_LIMITS } from '../../shared/room/contract';
import { DEFAULT_LIMITS, type ServerLimits } from '../server/limits';

export interface RoomLimits {
  /** The HTTP side: timeouts, header size, body size, open connections (server/guard.ts). */
  server: ServerLimits;
  /** Notes (notes.add, notes.edit) one participant may send in a minute, and at once. */
  notesPerMinute: number;
  notesBurst: number;
  /** Any participant call (state, votes, scores included): a wider bucket against a flood. */
  callsPerMinute: number;
  callsBurst: number;
  /** Wrong PINs in `pinWindowMs`, from anywhere, before joining is locked for `lockMs`. */
  wrongPins: number;
  pinWindowMs: number;
  lockMs: number;
  /** Open live sockets (`GET /live`) at once. */
  maxLiveSockets: number;
  /** A phone hears a new state at most this often, however fast its map changes. */
  pushIntervalMs: number;
  /**
   * When what changed was written by the phones themselves (notes, dots, scores, done marks: each
   * phone already has its own answer), at most this often: a burst of the whole room's notes is a
   * few states a second, not one per phone's note. The facilitator's changes still go out within
   * `pushIntervalMs`.
   */
  peerPushIntervalMs: number;
  /** Most participant writes committed in one transaction (group commit, session.ts). */
  maxGroupCommit: number;
  /** A ping this often; a socket that has not answered the last one by the next is dropped. */
  heartbeatMs: number;
  /** A live socket whose phone has stopped reading and has this much waiting is dropped. */
  maxLiveBacklogBytes: number;
  /** Joins (a participant each) one room accepts. */
  maxParticipants: number;
}

export const DEFAULT_ROOM_LIMITS: Readonly<RoomLimits> = Object.freeze({
  server: Object.freeze({
    ...DEFAULT_LIMITS,
    // A note at its longest (5,000 characters, escaped) fits; nothing a phone sends is larger.
    maxBodyBytes: ROOM_LIMITS.bodyBytes,
    maxJsonFileBodyBytes: ROOM_LIMITS.bodyBytes,
    maxUploadBytes: 0,
    // Nothing legitimate is slow here: a phone's call is a few hundred bytes.
    requestTimeoutMs: 30_000,
    socketIdleTimeoutMs: 2 * 60_000,
    maxHeaderBytes: 8 * 1024,
    // 200 phones with a live socket each, and their calls, and room to spare.
    maxConnections: 600,
  }),
  notesPerMinute: ROOM_LIMITS.notesPerMinute,
  notesBurst: ROOM_LIMITS.burst,
  callsPerMinute: 600,
  callsBurst: 120,
  wrongPins: ROOM_LIMITS.wrongPinsPerMinute,
  pinWindowMs: 60_000,
  lockMs: ROOM_LIMITS.lockMs,
  maxLiveSockets: 400,
  pushIntervalMs: 120,
  peerPushIntervalMs: 1000,
  maxGroupCommit: 100,
  heartbeatMs: 20_000,
  maxLiveBacklogBytes: 1024 * 1024,
  maxParticipants: 500,
});
