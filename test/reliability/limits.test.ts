import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/store.ts';
import { ADMIN_PASSWORD, json, makeApp, type TestApp } from '../helpers/app.ts';
import { meetingWithTablets } from '../helpers/factories.ts';

// The limits that stand between a stranger on the hall's network and the ballot: the body size, the sign-in
// back-off, and pairing-code guessing — one request at a time and in a burst — each refusing with a stable
// code and changing nothing.

const MB = 1024 * 1024;
let t: TestApp;
let clock = Date.now();
afterEach(async () => t?.close());

const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/login', payload: { username, password }, remoteAddress });
const pair = (code: string, remoteAddress = '127.0.0.1') => t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code }, remoteAddress });

function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

describe('body size', () => {
  it('a body up to 2 MB is read; one byte more is 413 payload_too_large, and nothing changes', async () => {
    t = await makeApp();
    const { cookie } = await t.as('operator');
    const url = '/api/meetings';
    const padded = (size: number) => {
      const head = '{"name":"会","date":"2023-02-21","pad":"';
      return head + 'x'.repeat(size - Buffer.byteLength(head) - 2) + '"}';
    };
    const before = t.checksum();
    const atLimit = await t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: padded(2 * MB) });
    // Read and parsed: refused for its unknown field, not for its size.
    expect(atLimit.statusCode).toBe(400);
    expect(json(atLimit).error.message).toContain('pad');
    const over = await t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: padded(2 * MB + 1) });
    expect(over.statusCode).toBe(413);
    expect(json(over)).toEqual({ error: { code: 'payload_too_large', message: 'the body is too large' } });
    expect(t.checksum()).toBe(before);
  });

  it('over a real socket too, with a content-length or streamed in chunks without one; the server keeps serving', async () => {
    t = await makeApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const send = (chunked: boolean) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/devices/pair', headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(3 * MB) }) } });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (b: Buffer) => (body += b.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        // The server may answer and close before the whole body is sent: that is the point.
        req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
        const chunk = Buffer.alloc(256 * 1024, 'x');
        for (let i = 0; i < 12; i++) req.write(chunk);
        req.end();
      });
    for (const chunked of [false, true]) {
      const res = await send(chunked);
      expect(res.status, `chunked=${chunked}`).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    }
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('slow clients', () => {
  it('a request must arrive whole within a minute, its headers within 20 s, and an idle socket closes after 30 s', async () => {
    // Fastify turns Node's request timeout off by default; without it a client trickling a body holds its socket
    // (and a file descriptor the tablets need) for ever. Node enforces both every 30 s, too slow to watch here.
    t = await makeApp();
    expect(t.app.server.requestTimeout).toBe(60_000);
    expect(t.app.server.headersTimeout).toBeGreaterThan(0);
    expect(t.app.server.headersTimeout).toBeLessThanOrEqual(20_000);
    expect(t.app.server.timeout).toBe(30_000);
  });
});

describe('sign-in back-off', () => {
  it('five wrong passwords from one laptop slow that laptop down; admin signs in from another at once, and from it after the wait', async () => {
    t = await makeApp({ now: () => clock });
    await createAccount(t.opened.db, { username: 'operator1', password: 'operator1-password', role: 'operator' }, clock);
    const before = t.checksum();
    for (let i = 0; i < 5; i++) expect((await login('admin', `wrong-${i}`)).statusCode).toBe(401);
    const slowed = await login('admin', ADMIN_PASSWORD);
    expect(slowed.statusCode).toBe(429);
    expect(json(slowed).error).toEqual({ code: 'rate_limited', message: 'too many attempts; wait 1 s and try again' });
    expect(t.checksum()).toBe(before);
    // Not a lock on the account: admin signs in from the next laptop straight away.
    expect((await login('admin', ADMIN_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
    // And from the first laptop a second later.
    clock += 1000;
    expect((await login('admin', ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('the waits double, at most 15 minutes for an address', async () => {
    t = await makeApp({ now: () => clock });
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      expect((await login('admin', `wrong-${i}`)).statusCode).toBe(401);
      const refused = await login('admin', 'wrong-again');
      if (refused.statusCode === 429) waits.push(Number(/wait (\d+) s/.exec(json(refused).error.message)![1]));
      clock += 15 * 60_000; // past any wait, so the next guess is tried
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
  });

  it('guessing one account from many addresses: ten tries free, then waits doubling to one minute', async () => {
    t = await makeApp({ now: () => clock });
    for (let i = 0; i < 10; i++) expect((await login('admin', `wrong-${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
    expect((await login('admin', ADMIN_PASSWORD, '10.2.0.1')).statusCode).toBe(429);
    for (let i = 0; i < 10; i++) {
      clock += 60_000;
      expect((await login('admin', `wrong-x${i}`, `10.3.0.${i}`)).statusCode).toBe(401);
      expect((await login('admin', ADMIN_PASSWORD, '10.2.0.1')).statusCode, 'never more than a minute').toBe(429);
    }
    clock += 60_000;
    expect((await login('admin', ADMIN_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
  });

  it('a burst of wrong passwords sent at once gets no more tries than one at a time', async () => {
    t = await makeApp({ now: () => clock });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => login('admin', `wrong-${i}`)));
    const counts = tally(burst.map((r) => r.statusCode));
    // Exactly five were tried (401); the rest were refused before the password was looked at.
    expect(counts).toEqual({ 401: 5, 429: 35 });
    expect((await login('admin', ADMIN_PASSWORD)).statusCode).toBe(429);
  });

  it('an unknown username costs the same scrypt work as a wrong password: timing does not tell who exists', async () => {
    t = await makeApp({ now: () => clock });
    const time = async (username: string, i: number) => {
      const start = performance.now();
      const res = await login(username, 'wrong-password', `10.9.${i >> 8}.${i & 255}`);
      expect(res.statusCode).toBe(401);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 12; i++) {
      clock += 3600_000; // the account's back-off forgotten
      known.push(await time('admin', 2 * i));
      unknown.push(await time(`nobody-${i}`, 2 * i + 1));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const ratio = median(unknown) / median(known);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});

describe('pairing-code guessing', () => {
  // The hall's deputies are paired already: a new code replaces their tablet, which is the explicit choice.
  const issue = async (meetingId: string, cookie: string, deputy: string) =>
    json(await t.app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/deputies/${deputy}/pairing-code`, payload: { replace: true }, headers: { cookie } })).code as string;

  it('ten wrong codes slow the address down (1 s, 2 s …), never lock it; other addresses pair meanwhile', async () => {
    t = await makeApp({ now: () => clock });
    const s = await meetingWithTablets(t, 2);
    const code = await issue(s.meetingId, s.cookie, s.deputyIds[0]!);
    const before = t.checksum();
    for (let i = 0; i < 10; i++) {
      const res = await pair(String(i).padStart(8, '9'));
      expect(res.statusCode).toBe(409);
      expect(json(res).error.code).toBe('pairing_code_invalid');
    }
    const slowed = await pair(code);
    expect(slowed.statusCode).toBe(429);
    expect(json(slowed).error.code).toBe('rate_limited');
    expect(t.checksum(), 'wrong and refused codes change nothing').toBe(before);
    // The code was not spent by the refused attempt: from another address it still pairs.
    expect((await pair(code, '10.0.0.8')).statusCode).toBe(200);
    const second = await issue(s.meetingId, s.cookie, s.deputyIds[1]!);
    clock += 1000;
    expect((await pair(second)).statusCode).toBe(200);
  });

  it('wrong codes from many addresses share one budget of 20 a minute: then an address that sent one waits; a fresh one has one code checked on the reserve', async () => {
    t = await makeApp({ now: () => clock });
    const s = await meetingWithTablets(t, 2);
    const code = await issue(s.meetingId, s.cookie, s.deputyIds[0]!);
    for (let i = 0; i < 20; i++) expect((await pair(String(i).padStart(8, '9'), `10.4.0.${i}`)).statusCode).toBe(409);
    const guesser = await pair(code, '10.4.0.1');
    expect(guesser.statusCode).toBe(429);
    expect(json(guesser).error.message).toContain('wrong pairing codes');
    expect((await pair(code, '10.5.0.1')).statusCode).toBe(200);
    clock += 60_001;
    expect((await pair(String(1).padStart(8, '6'), '10.4.0.1')).statusCode).toBe(409);
  });

  it('a burst of guesses sent at once gets no more tries than one at a time', async () => {
    t = await makeApp({ now: () => clock });
    await meetingWithTablets(t, 2);
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => pair(String(i).padStart(8, '7'))));
    expect(tally(burst.map((r) => r.statusCode))).toEqual({ 409: 10, 429: 50 });
  });
});
