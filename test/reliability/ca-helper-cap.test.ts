import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CA_HELPER_PER_ADDRESS, createCaHelper } from '../../server/net/ca-page.ts';
import { ensureLocalCa } from '../../server/net/local-ca.ts';

// The plain-HTTP helper that hands tablets the root certificate had one cap for everyone (256 sockets) and none
// per address: one laptop on the hall Wi-Fi holding 300 idle sockets shut every tablet out of the root (and took
// 256 descriptors from the server's reserve). Now one address keeps at most CA_HELPER_PER_ADDRESS. Loopback only:
// the flood comes from 127.0.0.1, the tablet from 127.0.0.2.
const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-ca-helper-'));
const idle: Socket[] = [];
const helper = { close: () => {} } as { close: () => void };
afterAll(() => {
  for (const s of idle) s.destroy();
  helper.close();
  rmSync(dir, { recursive: true, force: true });
});

it('300 idle sockets from one address leave the root certificate to another', { timeout: 60_000 }, async () => {
  const ca = await ensureLocalCa(dir, { dns: ['localhost'], ips: ['127.0.0.1'] });
  const server = createCaHelper(() => ca, () => 8443);
  helper.close = () => server.close();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await Promise.all(
    Array.from({ length: 300 }, () => new Promise<void>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      idle.push(s);
      s.on('error', () => {});
      s.once('connect', () => resolve());
      s.once('close', () => resolve());
    })),
  );
  const pem = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/ca.pem', localAddress: '127.0.0.2', timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 5 s')));
    req.on('error', reject);
  });
  expect(pem.status).toBe(200);
  expect(pem.body).toBe(ca.rootPem);
  const open = () => idle.filter((s) => !s.destroyed && s.readyState === 'open').length;
  await expect.poll(open, { timeout: 10_000, interval: 200 }).toBeLessThanOrEqual(CA_HELPER_PER_ADDRESS);
});
