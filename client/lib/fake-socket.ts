import type { ClientMessage, ServerMessage } from '../../shared/ws.ts';
import type { SocketFactory, SocketHandlers } from './ws-client.ts';

// Tests only: a socket factory whose connections the test opens, answers and cuts by hand.

export class FakeConnection {
  readonly sent: ClientMessage[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  constructor(
    readonly url: string,
    private readonly on: SocketHandlers,
  ) {}
  open(): void {
    this.on.open();
  }
  /** A message from the server (any value: the client must survive garbage too). */
  deliver(message: ServerMessage | string): void {
    this.on.message(typeof message === 'string' ? message : JSON.stringify(message));
  }
  /** The server (or the network) closed the connection. */
  serverClose(code = 1006, reason = ''): void {
    this.on.close(code, reason);
  }
  ofType<K extends ClientMessage['type']>(type: K): Extract<ClientMessage, { type: K }>[] {
    return this.sent.filter((m): m is Extract<ClientMessage, { type: K }> => m.type === type);
  }
}

export function fakeSockets(): { factory: SocketFactory; connections: FakeConnection[]; last: () => FakeConnection } {
  const connections: FakeConnection[] = [];
  const factory: SocketFactory = (url, on) => {
    const conn = new FakeConnection(url, on);
    connections.push(conn);
    return {
      send: (data) => void conn.sent.push(JSON.parse(data) as ClientMessage),
      close: (code, reason) => {
        conn.closedWith = { ...(code !== undefined ? { code } : {}), ...(reason !== undefined ? { reason } : {}) };
      },
    };
  };
  return {
    factory,
    connections,
    last: () => {
      const conn = connections.at(-1);
      if (!conn) throw new Error('no connection yet');
      return conn;
    },
  };
}
