import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkServerIdentity, connect, createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateNames, type LanAddress } from '../../server/net/addresses.ts';
import { ensureLocalCa } from '../../server/net/local-ca.ts';

// HTTPS on the hall network with no certificate given (issue 12, DESIGN.md §12): the server certificate the local
// CA makes must be one a tablet accepts at the server's LAN address and name — not only at localhost, which is
// all a test server on loopback can show (local-ca.test.ts). A real TLS server on 127.0.0.1 serves the certificate
// made for a machine whose LAN interfaces are given here; the client trusts only the offered root and checks the
// name or address a tablet would use. A new LAN address remakes the server certificate under the same root.

const LAN: LanAddress[] = [
  { interface: 'wlan0', address: '192.168.1.10', family: 'IPv4' },
  { interface: 'eth0', address: 'fd00::10', family: 'IPv6' },
];
let dir: string;
const servers: Server[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-ca-names-'));
});
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Serves `cert`/`key` over TLS on loopback; resolves its port. */
async function serve(cert: string, key: string): Promise<number> {
  const server = createServer({ cert, key }, (socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * A handshake to the loopback server as a tablet reaching it at `host` (a LAN address or name) would make it,
 * trusting only `rootPem`: the chain must verify and the certificate must name `host`. Resolves null or the error code.
 */
function tabletHandshake(port: number, rootPem: string, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      ca: rootPem,
      ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }),
      checkServerIdentity: (_h, cert) => checkServerIdentity(host, cert),
    });
    socket.once('secureConnect', () => {
      resolve(socket.authorized ? null : String(socket.authorizationError));
      socket.destroy();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('the local CA’s server certificate on the hall network', () => {
  it('verifies against the offered root at every LAN address and at the hall name, and nowhere else', async () => {
    const ca = await ensureLocalCa(dir, certificateNames(['piaojue-hall.local'], LAN));
    expect(ca.made).toEqual({ root: true, server: true });
    const port = await serve(ca.cert, ca.key);
    for (const host of ['192.168.1.10', 'fd00::10', 'piaojue-hall.local', 'localhost', '127.0.0.1']) {
      expect(await tabletHandshake(port, ca.rootPem, host), host).toBeNull();
    }
    // An address the machine does not have is not in the certificate; and a tablet that trusts another root
    // (another hall's, or none) refuses the chain.
    expect(await tabletHandshake(port, ca.rootPem, '192.168.1.99')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    const stranger = await ensureLocalCa(path.join(dir, 'other-hall'), certificateNames([], LAN));
    expect(await tabletHandshake(port, stranger.rootPem, '192.168.1.10')).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    // The server certificate is for serving only: not a CA, so it cannot sign anything a tablet would trust.
    const leaf = new X509Certificate(ca.cert);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(new X509Certificate(ca.rootPem))).toBe(true);
  });

  it('a new LAN address remakes the server certificate under the same root; unchanged names keep it', async () => {
    const before = await ensureLocalCa(dir, certificateNames(['piaojue-hall.local'], LAN));
    expect(before.made).toEqual({ root: false, server: false });
    const moved: LanAddress[] = [...LAN, { interface: 'wlan1', address: '10.20.0.3', family: 'IPv4' }];
    const after = await ensureLocalCa(dir, certificateNames(['piaojue-hall.local'], moved));
    expect(after.made).toEqual({ root: false, server: true });
    expect(after.rootPem).toBe(before.rootPem);
    const port = await serve(after.cert, after.key);
    expect(await tabletHandshake(port, before.rootPem, '10.20.0.3')).toBeNull();
    expect(await tabletHandshake(port, before.rootPem, '192.168.1.10')).toBeNull();
  });

  it('a server certificate that ends within 30 days is remade at start; the root stays', async () => {
    const now = Date.now();
    const current = new X509Certificate((await ensureLocalCa(dir, certificateNames(['piaojue-hall.local'], LAN), now)).cert);
    const late = Date.parse(current.validTo) - 29 * 86_400_000;
    const renewed = await ensureLocalCa(dir, certificateNames(['piaojue-hall.local'], LAN), late);
    expect(renewed.made).toEqual({ root: false, server: true });
    expect(Date.parse(new X509Certificate(renewed.cert).validTo)).toBeGreaterThan(Date.parse(current.validTo));
  });
});
