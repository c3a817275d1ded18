import { expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { FANOUT_SLICE, HallRegistry, type Conn, type ConnRole } from '../server/realtime/hall.ts';
import type { ServerMessage } from '../shared/ws.ts';

// A broadcast to a large hall (server/realtime/hall.ts): the screens hear it at once, the tablets FANOUT_SLICE per
// turn of the event loop, and every socket receives its messages in the order they were broadcast.

/** A socket that records what is written to it (the registry only calls send and reads readyState). */
function conn(role: ConnRole, received: string[][], i: number): Conn {
  const log: string[] = [];
  received[i] = log;
  const socket = { OPEN: 1, readyState: 1, send: (text: string) => log.push((JSON.parse(text) as { ballotId: string }).ballotId) };
  return { socket: socket as unknown as WebSocket, role, meetingId: 'm-1' };
}

const status = (ballotId: string): ServerMessage => ({ type: 'ballotStatus', serverNow: 0, ballotId, status: 'closed' });
const turn = () => new Promise((r) => setImmediate(r));

it('writes the screens at once and the tablets a slice per turn, each socket in broadcast order', async () => {
  const hall = new HallRegistry();
  const received: string[][] = [];
  const tablets = 3 * FANOUT_SLICE + 10;
  const conns = Array.from({ length: tablets }, (_, i) => conn('tablet', received, i));
  for (const c of conns) hall.add(c);
  hall.add(conn('console', received, tablets));
  hall.add(conn('projector', received, tablets + 1));

  expect(hall.broadcast('m-1', ['tablet', 'console', 'projector'], status('b-1'))).toBe(tablets + 2);
  // The screens first, in the same turn; the rest of the first slice to tablets.
  expect(received[tablets]).toEqual(['b-1']);
  expect(received[tablets + 1]).toEqual(['b-1']);
  expect(received.filter((r) => r.length === 1).length).toBe(FANOUT_SLICE);

  // The tablets written first leave the hall; a second message comes before the first reached every other
  // tablet: no socket gets it before the first.
  for (const c of conns.slice(0, FANOUT_SLICE)) hall.remove(c);
  received.splice(0, FANOUT_SLICE, ...Array.from({ length: FANOUT_SLICE }, () => ['b-1', 'b-2']));
  hall.broadcast('m-1', ['tablet', 'console', 'projector'], status('b-2'));
  expect(received[tablets]).toEqual(['b-1', 'b-2']); // the screens had nothing waiting
  for (let n = 0; n < 20 && received.some((r) => r.length < 2); n++) {
    for (const r of received) expect(r[0] === 'b-2').toBe(false);
    await turn();
  }
  for (const r of received) expect(r).toEqual(['b-1', 'b-2']);
});

it('a small broadcast is written at once, and a socket closed while queued is skipped', async () => {
  const hall = new HallRegistry();
  const received: string[][] = [];
  const conns = Array.from({ length: FANOUT_SLICE + 1 }, (_, i) => conn('tablet', received, i));
  for (const c of conns) hall.add(c);
  hall.broadcast('m-1', ['tablet'], status('b-1'));
  const waiting = received.findIndex((r) => r.length === 0);
  expect(received.filter((r) => r.length === 1).length).toBe(FANOUT_SLICE);
  (conns[waiting]!.socket as { readyState: number }).readyState = 3; // closed
  await turn();
  expect(received[waiting]).toEqual([]);
  hall.remove(conns[waiting]!);
  // Nothing is owed any more: the next small broadcast goes out in the same turn.
  const few = new HallRegistry();
  const got: string[][] = [];
  for (let i = 0; i < 3; i++) few.add(conn('tablet', got, i));
  few.broadcast('m-1', ['tablet'], status('b-9'));
  expect(got).toEqual([['b-9'], ['b-9'], ['b-9']]);
});
