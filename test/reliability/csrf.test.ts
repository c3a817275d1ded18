import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_BODY_LIMIT } from '../../server/net/request-guards.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot } from '../helpers/factories.ts';
import { request } from 'node:http';

// Cross-site request forgery (issue 12: a bodyless POST — open, close, announce, revoke… — was accepted from a
// foreign Origin on the same site, e.g. another port of the same host, and the websocket checked no Origin) and
// the anonymous body limit applied before parsing.

let t: TestApp;
afterEach(async () => t?.close());

const FOREIGN = 'http://localhost:9999'; // same site (host), another port: another origin

async function hallWithOpenBallot() {
  t = await makeApp();
  const s = await meetingWithTablets(t, 5);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s);
  return { s, ballotId };
}

describe('state-changing routes', () => {
  it('refuse a bodyless cross-origin POST with the staff cookie, and change nothing', async () => {
    const { s, ballotId } = await hallWithOpenBallot();
    const before = t.checksum();
    const close = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, headers: { cookie: s.cookie, ...headers } });
    const foreign = await close({ origin: FOREIGN, 'content-type': 'application/json' });
    expect(foreign.statusCode).toBe(403);
    expect(json(foreign).error.code).toBe('forbidden');
    expect((await close({ 'sec-fetch-site': 'same-site', 'content-type': 'application/json' })).statusCode).toBe(403);
    expect((await close({ origin: 'null', 'content-type': 'application/json' })).statusCode).toBe(403);
    // Same origin but no JSON type (what a form or a no-cors fetch sends): refused too.
    const form = await close({ origin: 'http://localhost:80', 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(415);
    const bare = await close({ origin: 'http://localhost:80' });
    expect(bare.statusCode).toBe(415);
    expect(json(bare).error.code).toBe('unsupported_media_type');
    expect(t.checksum()).toBe(before);
    // The console's own request: same origin, application/json, no body.
    const own = await close({ origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('apply to tablets too: a deputy token from a foreign page is refused', async () => {
    const { s, ballotId } = await hallWithOpenBallot();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/deputy/ballots/${ballotId}/papers`,
      headers: { authorization: `Bearer ${s.tokens[0]}`, origin: FOREIGN, 'content-type': 'application/json' },
      payload: JSON.stringify({ key: 'k'.repeat(20), marks: {} }),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('the websocket upgrade', () => {
  it('refuses a foreign Origin and accepts the page’s own', async () => {
    t = await makeApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const { cookie } = await t.as('operator');
    const open = (origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin, headers: { cookie } });
        ws.once('open', () => {
          resolve('open');
          ws.close();
        });
        ws.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
        ws.once('error', (err) => resolve(`error ${err.message}`));
      });
    expect(await open(`http://127.0.0.1:${port + 1}`)).toBe('refused 403');
    expect(await open('https://evil.example')).toBe('refused 403');
    expect(await open(`http://127.0.0.1:${port}`)).toBe('open');
  });
});

describe('anonymous bodies', () => {
  it('an anonymous 11 MB report body is refused before it is read, and the server keeps serving', async () => {
    t = await makeApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const size = 11 * 1024 * 1024;
    // Only the headers and 64 KB go out; the answer must come without the rest (a parser would wait for it).
    const answer = (chunked: boolean) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/projects/p-nope/reports',
          headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(size) }) },
        });
        const timer = setTimeout(() => reject(new Error('no answer: the server is waiting for the body')), 5000);
        req.on('response', (res) => {
          let body = '';
          res.on('data', (b: Buffer) => (body += b.toString()));
          res.on('end', () => {
            clearTimeout(timer);
            req.destroy();
            resolve({ status: res.statusCode!, body });
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
        req.write(Buffer.alloc(ANONYMOUS_BODY_LIMIT + 1, 0x20));
        // no end(): the rest of the 11 MB never comes
      });
    for (const chunked of [false, true]) {
      const res = await answer(chunked);
      expect(res.status, `chunked=${chunked}`).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});
