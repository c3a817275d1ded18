import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './helpers/app.ts';
import { appWithMeeting, listenLoopback, openBallot, type Setup } from './helpers/factories.ts';
import { WsClient } from './helpers/ws.ts';

// The tablet-only messages (checkIn, submitPaper; server/realtime/session.ts, one handler per kind of shared/ws.ts)
// from a screen that is not a deputy's tablet: a console or a projector gets `forbidden`, a socket that has not said
// hello gets `unauthenticated` — each answer typed, naming the request, the socket kept, nothing written.
let t: TestApp;
let s: Setup;
let url: string;
let ballotId: string;
let displayToken: string;
beforeAll(async () => {
  ({ t, s } = await appWithMeeting(3));
  ballotId = await openBallot(t, s);
  const made = await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/display-tokens`, payload: { label: '主屏' }, headers: { cookie: s.cookie } });
  expect(made.statusCode, made.body).toBeLessThan(300);
  displayToken = (JSON.parse(made.body) as { token: string }).token;
  url = await listenLoopback(t);
}, 60_000);
afterAll(async () => t.close());

const tabletOnly = (n: number) => [
  { type: 'checkIn', id: `c${n}` },
  { type: 'submitPaper', id: `p${n}`, ballotId, key: 'k'.repeat(24), marks: {} },
];

/** A socket that said hello as `role` (console: the operator's session; projector: a display token). */
async function screen(who: 'a console' | 'a projector' | 'a socket before hello'): Promise<WsClient> {
  if (who === 'a socket before hello') return WsClient.connect(url);
  const role = who === 'a console' ? 'console' : 'projector';
  const c = await WsClient.connect(url, role === 'console' ? { cookie: s.cookie } : {});
  c.send(role === 'console' ? { type: 'hello', role, meetingId: s.meetingId } : { type: 'hello', role, token: displayToken });
  await c.waitFor('welcome');
  return c;
}

describe('tablet-only messages from other screens', () => {
  it.each([
    ['a console', 'forbidden'],
    ['a projector', 'forbidden'],
    ['a socket before hello', 'unauthenticated'],
  ] as const)('from %s: %s, nothing written, the socket kept', async (who, code) => {
    const before = t.checksum();
    const c = await screen(who);
    for (const m of tabletOnly(1)) {
      c.send(m);
      expect(await c.waitFor('error', (e) => e.id === m.id), m.type).toMatchObject({ code });
    }
    c.send({ type: 'ping', id: 'alive' });
    await c.waitFor('pong');
    expect(c.closed).toBeNull();
    expect(c.invalid).toEqual([]);
    expect(t.checksum()).toBe(before);
    c.close();
  });
});
