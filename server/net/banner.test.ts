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

it('a start on every interface prints the console, tablet and projector addresses (and the root page) per LAN interface', () => {
  const lan = [
    { interface: 'wlan0', address: '192.168.1.10', family: 'IPv4' as const },
    { interface: 'eth0', address: '10.0.0.5', family: 'IPv4' as const },
    { interface: 'eth0', address: 'fd00::5', family: 'IPv6' as const },
  ];
  const text = startBanner(input({ host: '0.0.0.0', lan, fingerprint256: 'AB:CD' }));
  for (const [name, host] of [['wlan0', '192.168.1.10'], ['eth0', '10.0.0.5']] as const) {
    const block = text.slice(text.indexOf(`[${name}]`));
    expect(block).toMatch(new RegExp(`^\\[${name}\\]\\n    控制台 console:    https://${host}:18443/console/\\n    平板 tablet:       https://${host}:18443/tablet/\\n    投影 projector:    https://${host}:18443/projector/`));
    expect(block).toContain(`root cert:   http://${host}:18444/ca`);
  }
  // 0.0.0.0 listens on IPv4 only: no IPv6 line; :: on both, in brackets.
  expect(text).not.toContain('fd00::5');
  expect(startBanner(input({ host: '::', lan }))).toContain('https://[fd00::5]:18443/tablet/');
  expect(text).toContain('root SHA-256: AB:CD');
  expect(text).not.toContain('this machine only');
  // Plain HTTP on the hall network, asked for: the banner says so.
  expect(startBanner(input({ host: '0.0.0.0', lan, scheme: 'http', caPort: null, insecureHttp: true }))).toMatch(/WARNING: plain HTTP on the hall network/);
});
