import { expect, it } from 'vitest';
import { startBanner, type BannerInput } from './banner.ts';

const input = (over: Partial<BannerInput>): BannerInput => ({
  scheme: 'https', host: '127.0.0.1', port: 18443, publicUrl: null, caPort: 18444, fingerprint256: null, insecureHttp: false, database: 'db', keep: [], ...over,
});

it('a loopback-only start prints the addresses that reach it: localhost for 127.0.0.1, the address itself for another', () => {
  const plain = startBanner(input({}));
  expect(plain.split('\n')[0]).toBe('piaojue listening on https://localhost:18443 (database db)');
  expect(plain).toContain('this machine only: https://localhost:18443/console/');
  expect(plain).toContain('root cert: http://localhost:18444/ca');
  // Bound to 127.0.0.2, `localhost` (127.0.0.1) reaches nothing: the banner names 127.0.0.2.
  const alias = startBanner(input({ host: '127.0.0.2' }));
  expect(alias).toContain('this machine only: https://127.0.0.2:18443/console/');
  expect(alias).toContain('root cert: http://127.0.0.2:18444/ca');
  expect(alias).not.toContain('//localhost:18443/console/');
});

it('behind a proxy the hall address names the proxy’s root-certificate port (CA_PUBLIC_PORT), the helper line the process’s own', () => {
  const behind = startBanner(input({ publicUrl: 'https://piaojue.local', caPort: 8080, caPublicPort: 80 }));
  expect(behind).toContain('root cert:   http://piaojue.local/ca  (install once per tablet)');
  expect(behind).not.toContain('piaojue.local:8080');
  expect(behind).toContain('this process on port 8080 (CA_PORT), the hall at port 80 (CA_PUBLIC_PORT)');
  // Unset: the process's own port, as without a proxy, and no helper line.
  const direct = startBanner(input({ publicUrl: 'https://piaojue.local', caPort: 8080 }));
  expect(direct).toContain('root cert:   http://piaojue.local:8080/ca');
  expect(direct).not.toContain('root-cert helper');
});
