import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { migrateToLatest, openDatabase } from '../server/db/database.ts';
import { parseTrustProxy } from '../server/net/trust-proxy.ts';

// TRUST_PROXY with real requests (issue 18, README "Behind nginx"): who may name the client in X-Forwarded-For,
// and which values the server refuses to start with rather than trust the whole hall.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A real app over a real SQLite file, trusting `trust` (a TRUST_PROXY value) and capping sockets at `cap`. */
async function appTrusting(trust: string, cap = 100_000): Promise<FastifyInstance> {
  const parsed = parseTrustProxy(trust);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-trust-'));
  const opened = openDatabase(dir);
  await migrateToLatest(opened.db);
  const app = await buildApp({ db: opened.db, maxConnectionsPerAddress: cap, trustProxy: parsed.proxies });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await opened.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  return app;
}

/** One wrong sign-in (a fresh username each time, so only the per-address back-off counts) → the status. */
let n = 0;
async function wrongSignIn(app: FastifyInstance, remoteAddress: string, xff?: string): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/login',
    remoteAddress,
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    payload: { username: `nobody${++n}`, password: 'wrong-password' },
  });
  return res.statusCode;
}

describe('TRUST_PROXY with real requests', () => {
  it('a client that is not the proxy cannot dodge the sign-in back-off by writing X-Forwarded-For', async () => {
    const app = await appTrusting('127.0.0.1');
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push(await wrongSignIn(app, '192.168.1.50', `10.0.0.${i}`));
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  it('through the proxy, each client has its own budget; in a chain `spoofed, real` only the real one counts', async () => {
    const app = await appTrusting('127.0.0.1');
    const codes: number[] = [];
    // What a client wrote itself sits left of what the proxy appended: varying it buys nothing.
    for (let i = 0; i < 7; i++) codes.push(await wrongSignIn(app, '127.0.0.1', `172.16.0.${i}, 192.168.1.60`));
    expect(codes.slice(5)).toEqual([429, 429]);
    // Another client through the same proxy is not held back by the first one's failures.
    expect(await wrongSignIn(app, '127.0.0.1', '192.168.1.61')).toBe(401);
    // The proxy's own requests without the header key on the proxy, apart from the clients behind it.
    expect(await wrongSignIn(app, '127.0.0.1')).toBe(401);
  });

  it('refuses values that would trust every address, and zone indexes Fastify would not match', () => {
    for (const value of ['0.0.0.0/0', '::/0', '::ffff:0:0/96', '::ffff:0.0.0.0/96', 'fe80::1%eth0']) {
      expect(() => loadConfig({ HOST: '127.0.0.1', TRUST_PROXY: value }, []), value).toThrow(/TRUST_PROXY: /);
    }
    for (const value of ['*', 'true', 'all', '127.0.0.1/', '/8']) {
      expect(() => loadConfig({ HOST: '127.0.0.1', TRUST_PROXY: value }, []), value).toThrow(/TRUST_PROXY: /);
    }
  });

  it('an IPv4-mapped entry (::ffff:127.0.0.1) is the IPv4 proxy for both the header and the socket cap', async () => {
    const app = await appTrusting('::ffff:127.0.0.1', 1);
    // The header from 127.0.0.1 is believed: a fresh client address gets its own budget.
    for (let i = 0; i < 5; i++) await wrongSignIn(app, '127.0.0.1', '192.168.1.70');
    expect(await wrongSignIn(app, '127.0.0.1', '192.168.1.70')).toBe(429);
    expect(await wrongSignIn(app, '127.0.0.1', '192.168.1.71')).toBe(401);
    // And the proxy's sockets are not capped at one: three real sockets from 127.0.0.1 all stay open.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const sockets = await Promise.all([0, 1, 2].map(() => openSocket(port)));
    await new Promise((r) => setTimeout(r, 300));
    expect(sockets.map((s) => s.destroyed || s.readyState !== 'open')).toEqual([false, false, false]);
    for (const s of sockets) s.destroy();
  });
});

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}
