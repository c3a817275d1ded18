import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../shared/ws.ts';
import { fakeSockets } from './fake-socket.ts';
import { backoffDelay, WsClient, wsUrl, type ConnectionState } from './ws-client.ts';

const welcome = (serverNow = 1_000_000): ServerMessage => ({
  type: 'welcome',
  role: 'tablet',
  serverNow,
  meeting: { id: 'm1', name: '会议' },
  deputy: { id: 'd1', name: '张三', seat: null, delegation: '土沃乡' },
  checkedIn: false,
});

function setup() {
  const sockets = fakeSockets();
  const received: ServerMessage[] = [];
  const states: ConnectionState[] = [];
  const invalid: string[] = [];
  const rejected: number[] = [];
  const client = new WsClient({
    url: 'ws://hall/ws',
    hello: () => ({ type: 'hello', role: 'tablet', token: 'tok' }),
    onMessage: (m) => received.push(m),
    onState: (s) => states.push(s),
    onInvalid: (p) => invalid.push(p),
    onRejected: (code) => rejected.push(code),
    socket: sockets.factory,
    random: () => 0.5,
    heartbeatMs: 10_000,
    replyTimeoutMs: 3000,
    welcomeTimeoutMs: 5000,
  });
  return { client, sockets, received, states, invalid, rejected };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('WsClient', () => {
  it('builds the URL from the page', () => {
    expect(wsUrl({ protocol: 'http:', host: 'hall:8080' })).toBe('ws://hall:8080/ws');
    expect(wsUrl({ protocol: 'https:', host: 'hall' })).toBe('wss://hall/ws');
  });

  it('says hello on open and is online once welcomed, with the server clock offset', () => {
    const { client, sockets, received, states } = setup();
    client.start();
    expect(client.state).toBe('connecting');
    sockets.last().open();
    expect(sockets.last().sent).toEqual([{ type: 'hello', role: 'tablet', token: 'tok' }]);
    expect(client.send({ type: 'ping', id: 'x' })).toBe(false); // not before welcome
    sockets.last().deliver(welcome(5_000));
    expect(states).toEqual(['connecting', 'online']);
    expect(received.map((m) => m.type)).toEqual(['welcome']);
    expect(client.clock.offset).toBe(5_000);
    sockets.last().deliver({ type: 'pong', id: 'p', serverNow: 7_000 });
    expect(client.clock.offset).toBe(7_000);
  });

  it('reports a message it cannot parse and carries on', () => {
    const { client, sockets, received, invalid } = setup();
    client.start();
    sockets.last().open();
    sockets.last().deliver('not json {');
    sockets.last().deliver(JSON.stringify({ type: 'welcome', serverNow: 'soon' }));
    sockets.last().deliver(JSON.stringify({ type: 'launchMissiles' }));
    expect(invalid).toHaveLength(3);
    sockets.last().deliver(welcome());
    expect(received.map((m) => m.type)).toEqual(['welcome']);
    expect(client.state).toBe('online');
  });

  it('reconnects with growing, capped, jittered delays and resets after a welcome', () => {
    const { client, sockets } = setup();
    client.start();
    for (let i = 0; i < 8; i++) sockets.last().serverClose(1006);
    expect(sockets.connections).toHaveLength(1);
    // attempt 0: ceiling 500 → 375 ms with random 0.5
    vi.advanceTimersByTime(374);
    expect(sockets.connections).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets.connections).toHaveLength(2);
    sockets.last().serverClose(1006);
    vi.advanceTimersByTime(750); // attempt 1: ceiling 1000
    expect(sockets.connections).toHaveLength(3);
    for (let i = 0; i < 6; i++) {
      sockets.last().serverClose(1006);
      vi.advanceTimersByTime(3750); // capped at 5000 → 3750
    }
    expect(sockets.connections).toHaveLength(9);
    sockets.last().open();
    sockets.last().deliver(welcome());
    sockets.last().serverClose(1001);
    vi.advanceTimersByTime(375);
    expect(sockets.connections).toHaveLength(10);
  });

  it('stays within half and all of min(cap, base·2^n)', () => {
    for (let n = 0; n < 12; n++) {
      const ceiling = Math.min(5000, 500 * 2 ** n);
      expect(backoffDelay(n, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(n, () => 0.999999)).toBeLessThanOrEqual(ceiling);
    }
  });

  it('drops a connection that goes silent after a request, and one never welcomed', () => {
    const { client, sockets } = setup();
    client.start();
    sockets.last().open();
    vi.advanceTimersByTime(5000); // no welcome
    expect(sockets.connections[0]!.closedWith).not.toBeNull();
    vi.advanceTimersByTime(375);
    expect(sockets.connections).toHaveLength(2);
    sockets.last().open();
    sockets.last().deliver(welcome());
    expect(client.send({ type: 'ping', id: 'a' }, { expectReply: true })).toBe(true);
    vi.advanceTimersByTime(2999);
    expect(client.state).toBe('online');
    vi.advanceTimersByTime(1);
    expect(client.state).toBe('offline');
    expect(sockets.connections[1]!.closedWith?.code).toBe(4000);
  });

  it('pings on a heartbeat, and an answer keeps it online', () => {
    const { client, sockets } = setup();
    client.start();
    sockets.last().open();
    sockets.last().deliver(welcome());
    vi.advanceTimersByTime(10_000);
    const ping = sockets.last().ofType('ping')[0]!;
    sockets.last().deliver({ type: 'pong', id: ping.id, serverNow: 1 });
    vi.advanceTimersByTime(5000);
    expect(client.state).toBe('online');
  });

  it('gives up for good when the server refuses the token (4401)', () => {
    const { client, sockets, rejected } = setup();
    client.start();
    sockets.last().open();
    sockets.last().serverClose(4401, 'not paired');
    vi.advanceTimersByTime(60_000);
    expect(sockets.connections).toHaveLength(1);
    expect(rejected).toEqual([4401]);
    expect(client.state).toBe('offline');
  });

  it('stop closes and stays closed', () => {
    const { client, sockets } = setup();
    client.start();
    sockets.last().open();
    sockets.last().deliver(welcome());
    client.stop();
    vi.advanceTimersByTime(60_000);
    expect(sockets.connections).toHaveLength(1);
    expect(client.state).toBe('offline');
  });
});
