import { statSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type ServerProcess } from '../helpers/process.ts';

// HTTPS by default off loopback (DESIGN.md §12), with no certificate given: the server makes a local CA in
// DATA_DIR/tls and serves HTTPS whose chain verifies against the root it offers for download. A test may only
// listen on loopback, so the start here asks for the local CA on 127.0.0.1 (PIAOJUE_LOCAL_CA=1); that an
// off-loopback HOST chooses the local CA by itself is loadConfig's decision, checked below.

let dir: string;
let server: ServerProcess;
let caPort: number;
const dataDir = () => path.join(dir, 'data');

/** A plain-HTTP GET to the root-certificate helper. */
function plainGet(port: number, pathname: string): Promise<{ status: number; headers: Record<string, unknown>; body: string; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path: pathname, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: raw.toString('utf8'), raw });
      });
    }).on('error', reject);
  });
}

/** A TLS handshake to the server trusting only `ca` (or the system roots when undefined); its verdict. */
function handshake(port: number, ca: string | undefined, servername: string | undefined): Promise<{ authorized: boolean; error: string | null }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ...(ca ? { ca } : {}), ...(servername ? { servername } : {}), rejectUnauthorized: true });
    socket.once('secureConnect', () => {
      resolve({ authorized: socket.authorized, error: null });
      socket.destroy();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve({ authorized: false, error: err.code ?? err.message }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-ca-'));
  server = await startServer({ dataDir: dataDir(), env: { PIAOJUE_LOCAL_CA: '1', CA_PORT: '0', LOG_LEVEL: 'warn' } });
  expect(server.output()).toContain(`listening on https://localhost:${server.port}`);
  const m = /root cert: http:\/\/localhost:(\d+)\/ca/.exec(server.output());
  if (!m) throw new Error(`no root certificate address in the banner:\n${server.output()}`);
  caPort = Number(m[1]);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local CA', () => {
  it('serves HTTPS whose chain verifies against the root offered for download, by name and by address', async () => {
    const pem = await plainGet(caPort, '/ca.pem');
    expect(pem.status).toBe(200);
    expect(pem.body).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // Without the root nothing verifies: the trust comes from that download and nothing else.
    expect((await handshake(server.port, undefined, 'localhost')).authorized).toBe(false);
    expect(await handshake(server.port, pem.body, 'localhost')).toEqual({ authorized: true, error: null });
    // By IP (no SNI): the certificate names 127.0.0.1 in its subjectAltName.
    const byIp = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/healthz', ca: pem.body }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(byIp).toBe(200);
  });

  it('offers the root as DER, an install page in zh-CN and English, and sends everything else to HTTPS', async () => {
    const der = await plainGet(caPort, '/ca.crt');
    expect(der.status).toBe(200);
    expect(der.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(der.raw[0]).toBe(0x30); // an ASN.1 SEQUENCE
    const page = await plainGet(caPort, '/ca');
    expect(page.status).toBe(200);
    expect(page.body).toContain('安卓平板');
    expect(page.body).toContain('iPad');
    expect(page.body).toContain('Certificate Trust Settings');
    expect(page.body.indexOf('安装票决根证书')).toBeLessThan(page.body.indexOf('Install the piaojue root certificate'));
    const other = await plainGet(caPort, '/tablet/');
    expect(other.status).toBe(301);
    expect(other.headers.location).toBe(`https://127.0.0.1:${server.port}/tablet/`);
  });

  it('keeps the keys and the database to the server user: directory 0700, files 0600', () => {
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dataDir())).toBe(0o700);
    expect(mode(path.join(dataDir(), 'tls'))).toBe(0o700);
    for (const f of ['tls/root-ca.key', 'tls/root-ca.crt', 'tls/server.key', 'tls/server.crt', 'piaojue.db', 'piaojue.db-wal']) {
      expect(mode(path.join(dataDir(), f)), f).toBe(0o600);
    }
  });

  it('sends HSTS and the content security policy over TLS', async () => {
    const pem = (await plainGet(caPort, '/ca.pem')).body;
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/console/', ca: pem, servername: 'localhost' }, (res) => {
        res.resume();
        resolve(res.headers);
      });
      req.on('error', reject);
      req.end();
    });
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('a restart keeps the same root (the tablets installed it once)', async () => {
    const before = (await plainGet(caPort, '/ca.pem')).body;
    await server.stop();
    server = await startServer({ dataDir: dataDir(), env: { PIAOJUE_LOCAL_CA: '1', CA_PORT: '0', LOG_LEVEL: 'warn' } });
    caPort = Number(/root cert: http:\/\/localhost:(\d+)\/ca/.exec(server.output())![1]);
    expect((await plainGet(caPort, '/ca.pem')).body).toBe(before);
    expect((await handshake(server.port, before, 'localhost')).authorized).toBe(true);
  });
});

describe('how the server chooses to speak', () => {
  const env = (e: Record<string, string>) => loadConfig(e, []).transport;
  it('CA_PUBLIC_PORT: the root certificate page’s port behind a proxy, only with the local CA; unset, the helper’s own', () => {
    expect(loadConfig({ CA_PUBLIC_PORT: '80' }, []).caPublicPort).toBe(80);
    expect(loadConfig({}, []).caPublicPort).toBeUndefined();
    expect(() => loadConfig({ CA_PUBLIC_PORT: '0' }, [])).toThrow(/CA_PUBLIC_PORT/);
    expect(() => loadConfig({ CA_PUBLIC_PORT: 'eighty' }, [])).toThrow(/CA_PUBLIC_PORT/);
    expect(() => loadConfig({ CA_PUBLIC_PORT: '80', HOST: '127.0.0.1' }, [])).toThrow(/CA_PUBLIC_PORT: only the local CA/);
  });
  it('off loopback: HTTPS with the local CA, unless a certificate is given or plain HTTP is asked for', () => {
    expect(env({})).toEqual({ kind: 'local-ca' }); // HOST defaults to 0.0.0.0
    expect(env({ HOST: '192.168.1.10' })).toEqual({ kind: 'local-ca' });
    expect(env({ HOST: '0.0.0.0', TLS_CERT: 'c', TLS_KEY: 'k' })).toEqual({ kind: 'given', cert: 'c', key: 'k' });
    expect(env({ HOST: '0.0.0.0', PIAOJUE_INSECURE_HTTP: '1' })).toEqual({ kind: 'http', insecure: true });
  });
  it('on loopback, and the demo: plain HTTP', () => {
    expect(env({ HOST: '127.0.0.1' })).toEqual({ kind: 'http', insecure: false });
    expect(env({ HOST: 'localhost' })).toEqual({ kind: 'http', insecure: false });
    expect(loadConfig({}, ['--demo'])).toMatchObject({ host: '127.0.0.1', transport: { kind: 'http', insecure: false } });
  });
  it('refuses contradictions and a hall address with the wrong scheme', () => {
    expect(() => env({ PIAOJUE_INSECURE_HTTP: '1', TLS_CERT: 'c', TLS_KEY: 'k' })).toThrow(/PIAOJUE_INSECURE_HTTP/);
    expect(() => env({ PUBLIC_URL: 'http://192.168.1.10:8080' })).toThrow(/must start with https/);
    expect(() => env({ HOST: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.2:8080/tablet/' })).toThrow(/only the address/);
    expect(loadConfig({ HOST: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.2:8080/' }, []).publicUrl).toBe('http://127.0.0.2:8080');
  });
});
