import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/store.ts';
import { ADMIN_PASSWORD, json, makeApp, type TestApp } from '../helpers/app.ts';
import { meetingWithTablets } from '../helpers/factories.ts';

// The limits that stand between a stranger on the hall's network and the ballot: the body size, the sign-in
// lockout, and the pairing-code lockout — one request at a time and in a burst — each refusing with a stable
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
  it('a request must arrive whole within five minutes and its headers within one', async () => {
    // Fastify turns Node's request timeout off by default; without it a client trickling a body holds its socket
    // (and a file descriptor the tablets need) for ever. Node enforces both every 30 s, too slow to watch here.
    t = await makeApp();
    expect(t.app.server.requestTimeout).toBe(300_000);
    expect(t.app.server.headersTimeout).toBeGreaterThan(0);
    expect(t.app.server.headersTimeout).toBeLessThanOrEqual(60_000);
  });
});

describe('sign-in lockout', () => {
  it('five wrong passwords lock the account for 15 minutes, even against the right password', async () => {
    t = await makeApp({ now: () => clock });
    await createAccount(t.opened.db, { username: 'operator1', password: 'operator1-password', role: 'operator' }, clock);
    const before = t.checksum();
    for (let i = 0; i < 5; i++) expect((await login('admin', `wrong-${i}`)).statusCode).toBe(401);
    const locked = await login('admin', ADMIN_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(json(locked).error.code).toBe('rate_limited');
    expect(t.checksum()).toBe(before);
    // The lockout is the account's: another account signs in from the same address.
    expect((await login('operator1', 'operator1-password')).statusCode).toBe(200);
    clock += 15 * 60_000 - 1000;
    expect((await login('admin', ADMIN_PASSWORD)).statusCode).toBe(429);
    clock += 2000;
    expect((await login('admin', ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('a burst of wrong passwords sent at once gets no more tries than one at a time', async () => {
    t = await makeApp({ now: () => clock });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => login('admin', `wrong-${i}`)));
    const counts = tally(burst.map((r) => r.statusCode));
    // Exactly five were tried (401); the rest were refused before the password was looked at.
    expect(counts).toEqual({ 401: 5, 429: 35 });
    expect((await login('admin', ADMIN_PASSWORD)).statusCode).toBe(429);
  });

  it('twenty failures from one address lock that address out, whatever the username', async () => {
    t = await makeApp({ now: () => clock });
    for (let i = 0; i < 20; i++) expect((await login(`nobody${i}`, 'wrong-password')).statusCode).toBe(401);
    expect((await login('admin', ADMIN_PASSWORD)).statusCode).toBe(429);
    expect((await login('admin', ADMIN_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
  });
});

describe('pairing-code lockout', () => {
  it('ten wrong codes lock the address out for 10 minutes, even with a right code; other addresses pair', async () => {
    t = await makeApp({ now: () => clock });
    const s = await meetingWithTablets(t, 2);
    const issue = async (deputy: string) =>
      json(await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/deputies/${deputy}/pairing-code`, headers: { cookie: s.cookie } })).code as string;
    const code = await issue(s.deputyIds[0]!);
    const before = t.checksum();
    for (let i = 0; i < 10; i++) {
      const res = await pair(String(i).padStart(8, '9'));
      expect(res.statusCode).toBe(409);
      expect(json(res).error.code).toBe('pairing_code_invalid');
    }
    const locked = await pair(code);
    expect(locked.statusCode).toBe(429);
    expect(json(locked).error.code).toBe('rate_limited');
    expect(t.checksum(), 'wrong and locked-out codes change nothing').toBe(before);
    // The code was not spent by the refused attempt: from another address it still pairs.
    expect((await pair(code, '10.0.0.8')).statusCode).toBe(200);
    const second = await issue(s.deputyIds[1]!);
    clock += 10 * 60_000 + 1000;
    expect((await pair(second)).statusCode).toBe(200);
  });

  it('a burst of guesses sent at once gets no more tries than one at a time', async () => {
    t = await makeApp({ now: () => clock });
    await meetingWithTablets(t, 2);
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => pair(String(i).padStart(8, '7'))));
    expect(tally(burst.map((r) => r.statusCode))).toEqual({ 409: 10, 429: 50 });
  });
});
