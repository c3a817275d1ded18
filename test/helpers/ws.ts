import WebSocket from 'ws';
import { serverMessageSchema, type ClientMessage, type ServerMessage } from '../../shared/ws.ts';
import { asSent, learnSealing, sealReady } from './sealed.ts';

/** A protocol client for tests: every message the server sends is checked against the shared schema. */
export class WsClient {
  readonly messages: ServerMessage[] = [];
  readonly invalid: unknown[] = [];
  private waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed = serverMessageSchema.safeParse(JSON.parse(String(data)));
      if (!parsed.success) {
        this.invalid.push(JSON.parse(String(data)));
        return;
      }
      learnSealing(parsed.data);
      this.messages.push(parsed.data);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(parsed.data)) return true;
        w.resolve(parsed.data);
        return false;
      });
    });
    socket.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
    // A server that dies mid-test is part of some tests: a socket error closes the client, it never throws.
    socket.on('error', () => {});
  }

  /** Opens /ws on `baseUrl` (http → ws, https → wss); `options`: ws's own (a `ca` to trust, a `localAddress`). */
  static async connect(baseUrl: string, headers: Record<string, string> = {}, options: WebSocket.ClientOptions = {}): Promise<WsClient> {
    await sealReady();
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { ...options, headers });
    const client = new WsClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  /** Sends a message; a paper {key, marks} for a secret ballot goes sealed, as the tablet sends it. */
  send(message: ClientMessage | Record<string, unknown>): void {
    const m = message as Record<string, unknown>;
    if (m.type === 'submitPaper' && typeof m.ballotId === 'string') {
      const { type, id, ballotId, ...paper } = m;
      this.socket.send(JSON.stringify({ type, id, ballotId, ...asSent(ballotId, paper) }));
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** The first message (already received or still to come) of that type passing the test. */
  waitFor<K extends ServerMessage['type']>(
    type: K,
    test: (m: Extract<ServerMessage, { type: K }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<ServerMessage, { type: K }>> {
    type M = Extract<ServerMessage, { type: K }>;
    const match = (m: ServerMessage): m is M => m.type === type && test(m as M);
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found as M);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message in ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`)), timeoutMs);
      this.waiters.push({
        test: match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as M);
        },
      });
    });
  }

  count(type: ServerMessage['type']): number {
    return this.messages.filter((m) => m.type === type).length;
  }

  close(): void {
    this.socket.close();
  }

  /** Drops the connection at once, as a tablet losing Wi-Fi does: no close handshake. */
  drop(): void {
    this.socket.terminate();
  }

  whenClosed(): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }
}

export async function tablet(baseUrl: string, token: string): Promise<WsClient> {
  const c = await WsClient.connect(baseUrl);
  c.send({ type: 'hello', role: 'tablet', token });
  await c.waitFor('ballot');
  return c;
}
