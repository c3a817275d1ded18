import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WS_MAX_MESSAGE_BYTES } from '../shared/ws.ts';
import type { TestApp } from './helpers/app.ts';
import { listeningBallot, type Setup } from './helpers/factories.ts';
import { WsClient } from './helpers/ws.ts';

// Whatever arrives on the socket — malformed, oversized, wrongly typed, unknown fields, any message kind
// before or after hello — the answer is a typed error (then the close, for an oversized frame), the
// server stays up, and the database is unchanged.
let t: TestApp, s: Setup, url: string, ballotId: string;
beforeAll(async () => {
  ({ t, s, url, ballotId } = await listeningBallot(6));
});
afterAll(async () => t.close());

const kinds = ['hello', 'checkIn', 'submitPaper', 'ping', 'vote', '__proto__', ''];
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
);
const hostileMessage = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => ({ raw: text })),
  fc.record(
    {
      type: fc.constantFrom(...kinds),
      id: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()),
      role: fc.constantFrom('tablet', 'console', 'projector', 'admin', 1),
      token: anyValue,
      ballotId: fc.oneof(fc.constant('b-unknown'), fc.string({ maxLength: 70 })),
      key: fc.oneof(fc.string({ maxLength: 140 }), fc.constant('k'.repeat(20))),
      marks: anyValue,
      deputyId: fc.string(),
      extra: anyValue,
    },
    { requiredKeys: ['type'] },
  ).map((m) => ({ raw: JSON.stringify(m) })),
);

// One socket per case: a per-socket rate limit and the close after a bad hello are behaviour, not failures.
async function probe(raw: string, tabletToken?: string): Promise<WsClient> {
  const c = await WsClient.connect(url);
  if (tabletToken) {
    c.send({ type: 'hello', role: 'tablet', token: tabletToken });
    await c.waitFor('ballot');
  }
  c.sendRaw(raw);
  c.send({ type: 'ping', id: 'alive' });
  await Promise.race([c.waitFor('pong'), c.whenClosed()]);
  expect(c.invalid).toEqual([]);
  c.close();
  return c;
}

it('hostile messages before hello: typed errors, nothing written, server alive', async () => {
  const before = t.checksum();
  let errors = 0;
  await fc.assert(
    fc.asyncProperty(hostileMessage, async ({ raw }) => {
      const c = await probe(raw);
      errors += c.count('error');
    }),
    { numRuns: 150 },
  );
  expect(errors).toBeGreaterThan(0);
  expect(t.checksum()).toBe(before);
});

it('hostile messages from a paired tablet during an open ballot: refused papers change nothing', async () => {
  const before = t.checksum();
  const badPaper = fc.record({
    type: fc.constant('submitPaper'),
    id: fc.string({ minLength: 1, maxLength: 20 }),
    ballotId: fc.oneof(fc.constant('b-unknown'), fc.string({ maxLength: 70 })),
    key: fc.oneof(fc.string({ maxLength: 15 }), fc.constant('bad key with spaces!!')),
    marks: anyValue,
  });
  await fc.assert(
    fc.asyncProperty(badPaper, async (m) => {
      const c = await probe(JSON.stringify(m), s.tokens[0]!);
      expect(c.count('receipt')).toBe(0);
    }),
    { numRuns: 100 },
  );
  expect(t.checksum()).toBe(before);
  // The tablet still votes normally afterwards.
  const c = await WsClient.connect(url);
  c.send({ type: 'hello', role: 'tablet', token: s.tokens[0]! });
  c.send({ type: 'submitPaper', id: 'real', ballotId, key: 'r'.repeat(24), marks: {} });
  expect((await c.waitFor('receipt', (r) => r.id === 'real')).duplicate).toBe(false);
  c.close();
});

it('an oversized frame closes that socket only; a flood is rate-limited', async () => {
  const big = await WsClient.connect(url);
  big.sendRaw(JSON.stringify({ type: 'ping', id: 'x'.repeat(WS_MAX_MESSAGE_BYTES + 10) }));
  expect((await big.waitFor('error')).code).toBe('message_too_large');
  expect((await big.whenClosed()).code).toBe(1009);

  const flood = await WsClient.connect(url);
  for (let i = 0; i < 60; i++) flood.send({ type: 'ping', id: `f${i}` });
  await flood.waitFor('error', (e) => e.code === 'rate_limited');
  const other = await WsClient.connect(url);
  other.send({ type: 'ping', id: 'ok' });
  await other.waitFor('pong');
  flood.close();
  other.close();
});
