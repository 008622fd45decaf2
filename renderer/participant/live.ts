/**
 * The phone's live line to the room: the `GET /live?token=` WebSocket, kept up by itself. When it
 * drops (the phone slept, the Wi-Fi went), it waits (`backoff.ts`) and tries again; coming back
 * online or to the foreground tries at once. Every (re)connection first asks for the room's
 * `state`, so nothing pushed while the line was down is missed, and a void token (the room
 * closed while the phone slept) is found out at once.
 */
import type { RoomLiveMessage, RoomState } from '../../shared/room/contract';
import { backoffDelay } from './backoff';
import { call, CLOSED_MESSAGE, liveUrl } from './roomApi';
import type { LiveStatus } from './phoneState';

export interface LiveHandlers {
  onState(state: RoomState, receivedAt: number): void;
  /** The room closed, or the token is void: stop and leave. */
  onClosed(reason: string): void;
  onStatus(status: LiveStatus): void;
}

export class LiveLine {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = false;
  private connecting = false;

  constructor(
    private readonly token: string,
    private readonly handlers: LiveHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dropSocket();
  }

  /** Closes the current socket, if any, without it scheduling a reconnection. */
  private dropSocket(): void {
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = null;
      s.onclose = null;
      s.onmessage = null;
      s.onerror = null;
      s.close();
    }
  }

  /** Back online or visible again: reconnect now if the line is down, else just read the state. */
  poke(): void {
    if (this.stopped) return;
    if (this.socket && (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING)) {
      void this.refresh();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.attempt = 0;
    void this.connect();
  }

  /** Reads the room's state now; false when the line should not (re)open (closed, or not reachable). */
  async refresh(): Promise<boolean> {
    const answer = await call(this.token, 'state', {});
    if (this.stopped) return false;
    if (answer.kind === 'ok') {
      this.handlers.onState(answer.value, Date.now());
      return true;
    }
    if (answer.kind === 'unauthorized') {
      this.stopped = true;
      this.handlers.onClosed(CLOSED_MESSAGE);
      return false;
    }
    return false;
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    this.handlers.onStatus(this.attempt === 0 ? 'connecting' : 'retrying');
    const reachable = await this.refresh();
    this.connecting = false;
    if (this.stopped) return;
    if (!reachable) return this.retry();
    this.dropSocket();
    let socket: WebSocket;
    try {
      socket = new WebSocket(liveUrl(location, this.token));
    } catch {
      return this.retry();
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.handlers.onStatus('open');
    };
    socket.onmessage = (event) => {
      let msg: RoomLiveMessage;
      try {
        msg = JSON.parse(String(event.data)) as RoomLiveMessage;
      } catch {
        return;
      }
      if (msg.type === 'state') this.handlers.onState(msg.state, Date.now());
      else if (msg.type === 'closed') {
        this.stop();
        this.handlers.onClosed(msg.reason || CLOSED_MESSAGE);
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    this.handlers.onStatus('retrying');
    const wait = backoffDelay(this.attempt++);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, wait);
  }
}
