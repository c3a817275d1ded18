import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../helpers/process.ts';

// HTTPS with a certificate the secretariat provides (TLS_CERT, TLS_KEY): the real server process serves the
// API over TLS only, with the session cookie Secure, HttpOnly and SameSite=Strict and the security headers on
// every answer. Over plain HTTP the cookie is HttpOnly and SameSite=Strict, without Secure.

let dir: string;
let cert: string;
let key: string;
const servers: ServerProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-tls-'));
  cert = path.join(dir, 'cert.pem');
  key = path.join(dir, 'key.pem');
  // A self-signed certificate for this run only; the subjectAltName lets the client check it by name and IP.
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-days', '1', '-keyout', key, '-out', cert],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl failed (${made.status}): ${made.stderr}`);
});

afterAll(async () => {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface HttpsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  peer: PeerCertificate;
}

/** One request over HTTPS, trusting only the test's certificate. */
function https(port: number, method: string, pathname: string, opts: { body?: unknown; cookie?: string } = {}): Promise<HttpsReply> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const options: RequestOptions = {
    host: '127.0.0.1',
    port,
    method,
    path: pathname,
    ca: readFileSync(cert),
    headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...(opts.cookie ? { cookie: opts.cookie } : {}) },
  };
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      // Asked now: once the body is read the socket goes back to the agent.
      const peer = (res.socket as TLSSocket).getPeerCertificate();
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, peer }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith('pj_session='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return found;
}

const attributes = (cookie: string) => cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());

function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>, what: string) {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
}

describe('with TLS_CERT and TLS_KEY', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ dataDir: path.join(dir, 'data-tls'), env: { TLS_CERT: cert, TLS_KEY: key } });
    servers.push(server);
    expect(server.output()).toContain(`listening on https://localhost:${server.port}`);
  });

  it('serves HTTPS with the given certificate, and the security headers on every answer', async () => {
    const health = await https(server.port, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
    expect(health.peer.fingerprint256).toBe(new X509Certificate(readFileSync(cert)).fingerprint256);
    expectSecurityHeaders(health.headers, '/healthz');
    expectSecurityHeaders((await https(server.port, 'GET', '/api/no-such-route')).headers, 'a 404');
    expectSecurityHeaders((await https(server.port, 'GET', '/api/meetings')).headers, 'a 401');
    const tablet = await https(server.port, 'GET', '/tablet/');
    expect(tablet.status).toBe(200);
    expectSecurityHeaders(tablet.headers, 'the tablet page');
  });

  it('the session cookie is Secure, HttpOnly and SameSite=Strict, and works over HTTPS', async () => {
    const res = await https(server.port, 'POST', '/api/login', { body: { username: 'admin', password: 'test-admin-password' } });
    expect(res.status, res.body).toBe(200);
    const cookie = sessionCookie(res.headers['set-cookie']);
    expect(attributes(cookie)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
    const me = await https(server.port, 'GET', '/api/me', { cookie: cookie.split(';')[0]! });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body).account.username).toBe('admin');
  });

  it('does not answer plain HTTP on the TLS port, nor TLS older than 1.2', async () => {
    const plain = await fetch(`http://127.0.0.1:${server.port}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(plain).not.toBe(200);
    const old = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: server.port, ca: readFileSync(cert), maxVersion: 'TLSv1.1', minVersion: 'TLSv1' });
      socket.on('secureConnect', () => {
        resolve(`connected with ${socket.getProtocol()}`);
        socket.destroy();
      });
      socket.on('error', () => resolve('refused'));
    });
    expect(old).toBe('refused');
  });
});

describe('without TLS', () => {
  it('the session cookie is HttpOnly and SameSite=Strict, without Secure', async () => {
    const server = await startServer({ dataDir: path.join(dir, 'data-plain') });
    servers.push(server);
    const res = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }),
    });
    expect(res.status).toBe(200);
    const cookie = sessionCookie(res.headers.getSetCookie());
    expect(attributes(cookie)).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(attributes(cookie)).not.toContain('secure');
    expectSecurityHeaders(Object.fromEntries(res.headers), '/api/login');
  });

  it('a half-configured or unreadable certificate stops the start instead of falling back to HTTP', async () => {
    await expect(startServer({ dataDir: path.join(dir, 'data-half'), env: { TLS_CERT: cert } })).rejects.toThrow(/exited with 2 before listening/);
    await expect(startServer({ dataDir: path.join(dir, 'data-missing'), env: { TLS_CERT: path.join(dir, 'nope.pem'), TLS_KEY: key } })).rejects.toThrow(
      /exited with 1 before listening/,
    );
  });
});
