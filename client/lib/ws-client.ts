import { serverMessageSchema, WS_PATH, type ClientMessage, type ServerMessage } from '../../shared/ws.ts';
import { ServerClock } from './clock.ts';

// A reconnecting client for the realtime channel (shared/ws.ts). It says hello on every connection, checks every
// message with the shared schema, keeps the server clock offset, and notices a dead connection itself: a
// tablet's Wi-Fi can vanish without the socket ever closing, so silence after a request counts as a drop.

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** Close codes after which reconnecting cannot help (shared with server/realtime/session.ts). */
export const FINAL_CLOSE_CODES: readonly number[] = [4401, 4403];
const CLOSE_DROPPED = 4000;

export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(code: number, reason: string): void;
}
export interface SocketHandle {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
/** Opens a socket and reports its events; tests pass a fake. */
export type SocketFactory = (url: string, on: SocketHandlers) => SocketHandle;

export const browserSocket: SocketFactory = (url, on) => {
  const ws = new WebSocket(url);
  ws.onopen = () => on.open();
  ws.onmessage = (e: MessageEvent) => on.message(e.data);
  ws.onclose = (e: CloseEvent) => on.close(e.code, e.reason);
  ws.onerror = () => {}; // always followed by close
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => {
      try {
        ws.close(code, reason);
      } catch {
        // already closing
      }
    },
  };
};

export function wsUrl(loc: { protocol: string; host: string } = globalThis.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${WS_PATH}`;
}

export interface Backoff {
  baseMs: number;
  capMs: number;
}
export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, capMs: 5000 };

/** Exponential backoff with jitter: between half and all of min(cap, base·2^attempt). */
export function backoffDelay(attempt: number, random: () => number, b: Backoff = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(b.capMs, b.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface WsClientOptions {
  url: string;
  /** The hello for each new connection (a tablet's token may change between connections). */
  hello: () => ClientMessage;
  onMessage: (message: ServerMessage) => void;
  onState?: (state: ConnectionState) => void;
  /** A message that is not JSON or not in the protocol: reported and ignored. */
  onInvalid?: (problem: string) => void;
  /** The server refused this client for good (4401/4403): no more reconnects. */
  onRejected?: (code: number, reason: string) => void;
  socket?: SocketFactory;
  random?: () => number;
  now?: () => number;
  backoff?: Backoff;
  /** How often to ping while online. */
  heartbeatMs?: number;
  /** Silence this long after a request (a ping, a paper) means the connection is dead. */
  replyTimeoutMs?: number;
  /** A connection that is not welcomed this fast is dropped and retried. */
  welcomeTimeoutMs?: number;
}

export class WsClient {
  readonly clock: ServerClock;
  private stateValue: ConnectionState = 'offline';
  private handle: SocketHandle | null = null;
  private generation = 0;
  private attempt = 0;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private replyTimer: ReturnType<typeof setTimeout> | null = null;
  private requestSeq = 0;
  private readonly random: () => number;
  private readonly onWindowOnline = () => this.nudge();

  constructor(private readonly opts: WsClientOptions) {
    this.random = opts.random ?? Math.random;
    this.clock = new ServerClock(opts.now ?? Date.now);
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (typeof window !== 'undefined') window.addEventListener('online', this.onWindowOnline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onWindowOnline);
    this.discard(1000, 'bye');
    this.clearTimer('retryTimer');
    this.setState('offline');
  }

  /** A fresh request id (the protocol's `id`, at most 64 characters). */
  nextId(prefix = 'r'): string {
    return `${prefix}-${++this.requestSeq}-${Math.floor(this.random() * 1e9).toString(36)}`;
  }

  /**
   * Sends when online; returns false otherwise (the caller keeps what must be resent). With `expectReply`, the
   * connection is given replyTimeoutMs to say anything at all before it counts as dead.
   */
  send(message: ClientMessage, opts: { expectReply?: boolean } = {}): boolean {
    if (this.stateValue !== 'online' || !this.handle) return false;
    try {
      this.handle.send(JSON.stringify(message));
    } catch {
      this.drop();
      return false;
    }
    if (opts.expectReply) this.awaitReply();
    return true;
  }

  /** Sends a ping now: the pong corrects the clock and proves the connection is alive. */
  ping(): void {
    this.send({ type: 'ping', id: this.nextId('ping') }, { expectReply: true });
  }

  /** Retry now instead of waiting out the backoff (the browser says the network is back). */
  nudge(): void {
    if (this.stopped || this.stateValue === 'online' || this.handle) return;
    this.clearTimer('retryTimer');
    this.connect();
  }

  private connect(): void {
    this.clearTimer('retryTimer');
    const gen = ++this.generation;
    this.setState('connecting');
    const current = () => gen === this.generation && !this.stopped;
    this.welcomeTimer = setTimeout(() => {
      if (current()) this.drop();
    }, this.opts.welcomeTimeoutMs ?? 8000);
    try {
      this.handle = (this.opts.socket ?? browserSocket)(this.opts.url, {
        open: () => {
          if (!current()) return;
          try {
            this.handle?.send(JSON.stringify(this.opts.hello()));
          } catch {
            this.drop();
          }
        },
        message: (data) => {
          if (current()) this.receive(data);
        },
        close: (code, reason) => {
          if (current()) this.closed(code, reason);
        },
      });
    } catch {
      this.handle = null;
      this.scheduleRetry();
    }
  }

  private receive(data: unknown): void {
    this.clearTimer('replyTimer');
    let raw: unknown;
    try {
      raw = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      this.opts.onInvalid?.('not JSON');
      return;
    }
    const parsed = serverMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.opts.onInvalid?.(issue ? `${issue.path.join('.') || '(message)'}: ${issue.message}` : 'not a server message');
      return;
    }
    const message = parsed.data;
    if ('serverNow' in message) this.clock.update(message.serverNow);
    if (message.type === 'welcome') {
      this.clearTimer('welcomeTimer');
      this.attempt = 0;
      this.startHeartbeat();
      this.setState('online');
    }
    this.opts.onMessage(message);
  }

  private closed(code: number, reason: string): void {
    this.generation++; // nothing more from this socket counts
    this.handle = null;
    this.stopTimers();
    if (FINAL_CLOSE_CODES.includes(code)) {
      this.stopped = true;
      this.setState('offline');
      this.opts.onRejected?.(code, reason);
      return;
    }
    this.scheduleRetry();
  }

  /** Gives up on the current connection without waiting for its close (which may never come) and retries. */
  private drop(): void {
    this.discard(CLOSE_DROPPED, 'no answer');
    if (!this.stopped) this.scheduleRetry();
  }

  private discard(code: number, reason: string): void {
    this.generation++;
    this.stopTimers();
    const handle = this.handle;
    this.handle = null;
    handle?.close(code, reason);
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.setState('offline');
    this.clearTimer('retryTimer');
    const delay = backoffDelay(this.attempt++, this.random, this.opts.backoff);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private awaitReply(): void {
    if (this.replyTimer) return;
    this.replyTimer = setTimeout(() => {
      this.replyTimer = null;
      this.drop();
    }, this.opts.replyTimeoutMs ?? 6000);
  }

  private startHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => this.ping(), this.opts.heartbeatMs ?? 15_000);
  }

  private stopTimers(): void {
    this.clearTimer('welcomeTimer');
    this.clearTimer('replyTimer');
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private clearTimer(name: 'retryTimer' | 'welcomeTimer' | 'replyTimer'): void {
    const timer = this[name];
    if (timer) clearTimeout(timer);
    this[name] = null;
  }

  private setState(state: ConnectionState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.opts.onState?.(state);
  }
}
