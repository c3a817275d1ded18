import { afterEach, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { FANOUT_SLICE, type Conn } from '../server/realtime/hall.ts';
import { makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot } from './helpers/factories.ts';

// A broadcast to a large hall writes the tablets FANOUT_SLICE per turn of the event loop (server/realtime/hall.ts),
// each socket in broadcast order. A message written to one socket alone — the notice that a deputy was issued a
// paper ballot (请使用纸质选票), a newly joined socket's state — must not overtake what that socket is still owed:
// otherwise the tablet ends on the older state (the ballot offered for voting after the paper-ballot notice).

let t: TestApp | undefined;
afterEach(async () => t?.close());

/** A socket that records the type (and the paper flag) of each message written to it. */
function stub(meetingId: string, deputyId: string, log: string[]): Conn {
  const socket = {
    OPEN: 1,
    readyState: 1,
    send: (text: string) => {
      const m = JSON.parse(text) as { type: string; paper?: boolean };
      log.push(m.paper ? `${m.type}+paper` : m.type);
    },
    close: () => {},
  };
  return { socket: socket as unknown as WebSocket, role: 'tablet', meetingId, deputyId, deviceId: `dev-${deputyId}` };
}

it('the paper-ballot notice to one tablet comes after the broadcasts that tablet is still owed', async () => {
  t = await makeApp();
  const s = await meetingWithTablets(t, 2);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s, { secret: false });
  const hall = t.app.hall;
  // A hall larger than one slice: the deputy's tablet is written in a later turn.
  const crowd = Array.from({ length: FANOUT_SLICE + 5 }, (_, i) => stub(s.meetingId, `someone-${i}`, []));
  for (const c of crowd) hall.add(c);
  const log: string[] = [];
  hall.add(stub(s.meetingId, s.deputyIds[0]!, log));
  hall.broadcast(s.meetingId, ['tablet'], { type: 'ballotStatus', serverNow: 0, ballotId, status: 'closed' });
  expect(log).toEqual([]); // queued behind the first slice
  t.app.bus.emit('paper.issued', { meetingId: s.meetingId, ballotId, deputyIds: [s.deputyIds[0]!] });
  for (let n = 0; n < 200 && log.length < 2; n++) await new Promise((r) => setTimeout(r, 5));
  expect(log).toEqual(['ballotStatus', 'ballot+paper']);
  // Nothing is owed any more: with the crowd gone, the next broadcast and a direct message go out at once, in order.
  for (const c of crowd) hall.remove(c);
  hall.broadcast(s.meetingId, ['tablet'], { type: 'ballotStatus', serverNow: 0, ballotId, status: 'announced' });
  hall.send([...hall.all()].find((c) => c.deputyId === s.deputyIds[0])!, { type: 'pong', id: 'p', serverNow: 0 });
  expect(log).toEqual(['ballotStatus', 'ballot+paper', 'ballotStatus', 'pong']);
});
