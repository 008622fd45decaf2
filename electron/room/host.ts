/**
 * The facilitator's side of the room: `room.open`, `room.close` and `room.status` (shared/api.ts),
 * answered beside the core by whichever process runs it (web mode: electron/server/main.ts; the
 * desktop app: the core's worker thread, electron/services/worker.ts). One room at a time: opening
 * one for another map closes the first. The listener binds only while a room is open.
 */
import os, { type NetworkInterfaceInfo } from 'node:os';
import { isRoomHostMethod, methods } from '../../shared/api';
import { invalidInputError, type Envelope } from '../../shared/errors';
import type { RoomStatus } from '../../shared/room/contract';
import type { Dispatcher } from '../server/http';
import { boundAddress, roomAddresses, type RoomAddress } from './addresses';
import type { Clock } from './guards';
import { DEFAULT_ROOM_LIMITS, type RoomLimits } from './limits';
import { startListener, type RoomListener } from './listener';
import { createLiveSockets, type LiveSockets } from './live';
import { createRoomPage } from './page';
import { RoomSession, type RoomCore } from './session';

export type { RoomCore } from './session';

export interface RoomHostOptions {
  core: RoomCore;
  /** The built renderer (dist/renderer), which holds participant.html; absent: `GET /` says it is not built. */
  pageDir?: string;
  /** Every room listens on this address only, whatever room.open says (`npm run web -- --room-bind`). */
  forceBind?: string;
  /** Tests: the port (0 or absent: a free one), the clock, the interfaces, smaller limits, a known PIN. */
  port?: number;
  now?: Clock;
  networkInterfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  limits?: Partial<RoomLimits>;
  pin?: () => string;
}

export interface RoomHost {
  /** Answers room.open, room.close and room.status (input validated against shared/api.ts). */
  dispatch(method: string, input: unknown): Promise<Envelope<unknown>>;
  status(): RoomStatus;
  /** Closes the room if one is open (shutting down). */
  close(): Promise<void>;
}

interface OpenRoom {
  session: RoomSession;
  listener: RoomListener;
  live: LiveSockets;
  addresses: RoomAddress[];
  unsubscribe: () => void;
  bind: string | undefined;
}

export const NO_NETWORK_MESSAGE =
  'This computer is on no Wi-Fi or local network, so phones cannot reach it. Join a Wi-Fi network, or turn on ' +
  'this laptop’s own hotspot (Windows: Settings > Network > Mobile hotspot; macOS: Internet Sharing; Linux: ' +
  'the network menu’s Wi-Fi hotspot), have the phones join it, then open the room again. No internet is needed.';

/** 0.0.0.0 and :: (every interface), which a room never listens on. */
function isUnspecified(address: string): boolean {
  return /^0+(\.0+){3}$/.test(address) || /^[0:]+$/.test(address) || /^::ffff:0+(\.0+){3}$/i.test(address);
}

const CLOSED_REASON = 'The facilitator closed the room. Thank you for taking part.';

export function createRoomHost(options: RoomHostOptions): RoomHost {
  const { core } = options;
  const limits: RoomLimits = { ...DEFAULT_ROOM_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const interfaces = options.networkInterfaces ?? os.networkInterfaces;
  let room: OpenRoom | null = null;
  // The port each map's room last had: reopening a map's room asks for it again, so the address on
  // the wall, and what each phone keeps for that address (notes it has not sent yet), stay good.
  const lastPort = new Map<string, number>();
  // room.open and room.close one at a time: a second open waits for the first to bind or fail.
  let chain: Promise<unknown> = Promise.resolve();

  function status(): RoomStatus {
    if (!room) {
      return { open: false, mapId: null, url: null, urls: [], pin: null, anonymous: false, joined: 0, connected: 0, locked: false, lockedUntil: null, done: { stepId: null, done: 0, of: 0 } };
    }
    const { session, listener, live, addresses } = room;
    const urls = addresses.map((a) => `http://${a.urlHost}:${listener.port}/`);
    const lockedUntil = session.lockedUntil();
    return {
      open: true,
      mapId: session.mapId,
      url: urls[0] ?? null,
      urls,
      pin: session.pin,
      anonymous: session.anonymous,
      joined: session.joined(),
      connected: live.connected().size,
      locked: lockedUntil !== null,
      lockedUntil,
      done: session.done(),
    };
  }

  async function closeRoom(): Promise<void> {
    if (!room) return;
    const closing = room;
    room = null;
    closing.unsubscribe();
    // Tokens die first, so nothing more gets in; then the phones are told, then the listener goes.
    closing.session.voidAll();
    await closing.live.closeAll(CLOSED_REASON);
    await closing.listener.close();
  }

  async function openRoom(input: { mapId: string; bind?: string | undefined; anonymous?: boolean | undefined }): Promise<Envelope<RoomStatus>> {
    const bind = options.forceBind ?? input.bind;
    const anonymous = input.anonymous ?? false;
    if (bind !== undefined && isUnspecified(bind)) {
      return { ok: false, error: { code: 'invalid_input', message: `bind: ${bind} means every network, public ones too; give one address, or leave bind out to use the private-network ones.` } };
    }
    if (room && room.session.mapId === input.mapId && room.bind === bind && room.session.anonymous === anonymous) {
      return { ok: true, value: status() };
    }
    const map = core.dispatch('maps.get', { id: input.mapId });
    if (!map.ok) return map as Envelope<never>;
    await closeRoom();
    const addresses = bind ? [boundAddress(bind)] : roomAddresses(interfaces());
    if (addresses.length === 0) return { ok: false, error: { code: 'no_network', message: NO_NETWORK_MESSAGE } };
    const session = new RoomSession(input.mapId, anonymous, core, limits, now, options.pin?.());
    const live = createLiveSockets(limits, (participantIds) => session.states(participantIds), now);
    let listener: RoomListener;
    const listen = (port: number) => startListener({ addresses, port, limits, session, live, page: createRoomPage(options.pageDir) });
    try {
      const again = options.port === undefined ? lastPort.get(input.mapId) : undefined;
      listener = again !== undefined ? await listen(again).catch(() => listen(0)) : await listen(options.port ?? 0);
    } catch (err) {
      await live.closeAll(CLOSED_REASON);
      const e = err as NodeJS.ErrnoException;
      const where = addresses.map((a) => a.host).join(', ');
      const message =
        e.code === 'EADDRNOTAVAIL'
          ? `This computer has no address ${where}. Check the address, or leave it out to use the Wi-Fi's.`
          : e.code === 'EADDRINUSE'
            ? `The room's port is taken on ${where}. Try again.`
            : `The room could not start listening on ${where} (${e.code ?? e.message}).`;
      return { ok: false, error: { code: 'invalid_input', message } };
    }
    const unsubscribe = core.onChange((change) => {
      if (change.mapId === input.mapId) live.changed(session.committing());
    });
    lastPort.set(input.mapId, listener.port);
    room = { session, listener, live, addresses, unsubscribe, bind };
    return { ok: true, value: status() };
  }

  async function run(method: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isRoomHostMethod(method)) return { ok: false, error: { code: 'unknown_method', message: `The room host has no method "${method}".` } };
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInputError(parsed.error).toBody() };
    if (method === 'room.status') return { ok: true, value: status() };
    if (method === 'room.close') {
      await closeRoom();
      return { ok: true, value: status() };
    }
    return openRoom(parsed.data as { mapId: string; bind?: string; anonymous?: boolean });
  }

  return {
    dispatch(method, input) {
      const result = chain.then(() => run(method, input));
      chain = result.catch(() => undefined);
      return result.catch((err: unknown) => {
        console.error(`Journeyboard room: ${method} failed unexpectedly:`, err);
        return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Journeyboard; nothing was changed. Try again.' } };
      });
    },
    status,
    close() {
      const result = chain.then(closeRoom);
      chain = result.catch(() => undefined);
      return result;
    },
  };
}

/** Web mode's dispatcher: the core's, with room.* answered by the room host. */
export function withRoom<D extends Dispatcher & { dispatchAsync(method: string, input: unknown): Promise<Envelope<unknown>> }>(core: D, host: RoomHost): Dispatcher {
  return {
    dispatch: (method, input) => (isRoomHostMethod(method) ? host.dispatch(method, input) : core.dispatch(method, input)),
    dispatchAsync: (method, input) => (isRoomHostMethod(method) ? host.dispatch(method, input) : core.dispatchAsync(method, input)),
    importJourney: (file, onConflict) => core.importJourney(file, onConflict),
    get dataFile() {
      return core.dataFile;
    },
    ...(core.onChange ? { onChange: core.onChange.bind(core) } : {}),
  };
}
