import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderConf, startNginx, type NginxPorts } from './helpers/nginx.ts';
import { freePort } from './helpers/process.ts';

// README "Behind nginx" says: copy deploy/nginx/piaojue.conf into /etc/nginx/conf.d/ and reload. Debian's and
// Ubuntu's nginx package also enables /etc/nginx/sites-enabled/default, a `listen 80 default_server` site. A tablet
// that opens http://<hall IP>/ca (its Host is the address, not server_name) then gets nginx's welcome page or a 404
// instead of the root certificate — silently. The shipped file must claim port 80 itself, so that a leftover default
// site stops `nginx -t` with a message rather than hiding the root certificate from the hall.

const DEBIAN_DEFAULT_SITE = (port: number) => `
server {
    listen 127.0.0.1:${port} default_server;
    root /var/www/html;
    server_name _;
    location / { return 404; }
}
`;

const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-nginx-default-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped nginx file and a distribution default site on port 80', () => {
  it('alone, it is port 80’s default: /ca for any Host reaches the helper; with the stock default site nginx refuses to start', async () => {
    // Certificates only so that nginx -t can read them (no process behind it: the answer for /ca is 502, not 404).
    mkdirSync(path.join(dir, 'tls'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(dir, 'tls/server.key'), '-out', path.join(dir, 'tls/server.crt')], { stdio: 'pipe' });
    execFileSync('cp', [path.join(dir, 'tls/server.crt'), path.join(dir, 'tls/root-ca.crt')]);
    const ports: NginxPorts = { https: await freePort(), http: await freePort(), upstreams: [await freePort(), await freePort()], caUpstreams: [await freePort(), await freePort()] };
    const alone = await startNginx(renderConf(dir, ports), ports.https);
    try {
      // A Host that is not server_name (the hall's IP address) still reaches the piaojue site: 502 (no helper runs).
      expect(await plainStatus(ports.http, '/ca', '192.168.1.10')).toBe(502);
    } finally {
      await alone.stop();
    }
    const clash = await startNginx(DEBIAN_DEFAULT_SITE(ports.http) + renderConf(dir, ports), ports.https).then(
      async (started) => (await started.stop(), 'nginx started and the default site took port 80'),
      (err: unknown) => String(err),
    );
    expect(clash).toMatch(/duplicate default server/);
  }, 60_000);
});

function plainStatus(port: number, urlPath: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
