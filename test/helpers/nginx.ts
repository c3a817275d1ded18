import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './process.ts';

// nginx in front of real server processes (issue 18, README "Behind nginx"): the shipped deploy/nginx/piaojue.conf
// with only its ports and paths substituted, run by a throwaway nginx on loopback ports with its own prefix
// directory (no system service, nothing on port 80/443). Debian's package is installed when missing, as
// test/helpers/postgres.ts installs PostgreSQL; no nginx is a loud failure, never a skip.

/** The shipped configuration the test runs. */
export const SHIPPED_CONF = path.join(REPO_ROOT, 'deploy/nginx/piaojue.conf');

const NGINX_CANDIDATES = [process.env.NGINX_BIN, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];
const nginxOrNull = () => NGINX_CANDIDATES.find((p) => p && existsSync(p)) ?? null;

/**
 * The nginx binary, installed with apt (nginx-light, else nginx; `apt-get update` first) when missing and we are
 * root. Throws with apt's output when it cannot be installed (no network), or a clear message when not root.
 */
export function ensureNginx(): string {
  const found = nginxOrNull();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    throw new Error('nginx was not found (NGINX_BIN, /usr/sbin/nginx). Install it (`apt-get install -y nginx-light`, as root) or set NGINX_BIN. The nginx test does not skip itself.');
  }
  try {
    // policy-rc.d (where present) keeps the package from starting a system nginx on port 80.
    execFileSync('sh', ['-c', 'apt-get update && (apt-get install -y --no-install-recommends nginx-light || apt-get install -y --no-install-recommends nginx)'], {
      stdio: 'pipe',
      timeout: 300_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (err) {
    const out = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
    throw new Error(`nginx is missing and \`apt-get install -y nginx-light\` failed (no network?). The nginx test does not skip itself:\n${out}`);
  }
  const installed = nginxOrNull();
  if (!installed) throw new Error('apt-get installed nginx but no nginx binary was found in /usr/sbin');
  return installed;
}

/** The shipped file's values the test replaces, each expected exactly once (else the file drifted: fail loudly). */
export interface NginxPorts {
  /** nginx's HTTPS and plain-HTTP ports (the file's 443 and 80), on 127.0.0.1. */
  https: number;
  http: number;
  /** The two processes' PORT (the file's 8443, 8444) and CA_PORT (8080, 8081). */
  upstreams: [number, number];
  caUpstreams: [number, number];
}

/**
 * The shipped configuration with test ports and DATA_DIR substituted: listen on 127.0.0.1 only (the IPv6 listens
 * dropped), upstream ports, and /var/lib/piaojue/ → `dataDir`. `edit` may change the text further (to break it on
 * purpose). Throws when an expected value is not in the file exactly as often as expected.
 */
export function renderConf(dataDir: string, ports: NginxPorts, edit: (conf: string) => string = (c) => c): string {
  let conf = readFileSync(SHIPPED_CONF, 'utf8');
  const swap = (from: string, to: string, times = 1) => {
    const n = conf.split(from).length - 1;
    if (n !== times) throw new Error(`deploy/nginx/piaojue.conf: expected ${times} × "${from}", found ${n}`);
    conf = conf.split(from).join(to);
  };
  swap('    listen 443 ssl;', `    listen 127.0.0.1:${ports.https} ssl;`);
  swap('    listen [::]:443 ssl;\n', '');
  swap('    listen 80 default_server;', `    listen 127.0.0.1:${ports.http} default_server;`);
  swap('    listen [::]:80 default_server;\n', '');
  swap('server 127.0.0.1:8443 ', `server 127.0.0.1:${ports.upstreams[0]} `);
  swap('server 127.0.0.1:8444 ', `server 127.0.0.1:${ports.upstreams[1]} `);
  swap('server 127.0.0.1:8080 ', `server 127.0.0.1:${ports.caUpstreams[0]} `);
  swap('server 127.0.0.1:8081 ', `server 127.0.0.1:${ports.caUpstreams[1]} `);
  swap('/var/lib/piaojue/', `${dataDir.replace(/\/$/, '')}/`, 3);
  return edit(conf);
}

export interface NginxProcess {
  /** https://127.0.0.1:<https port> */
  url: string;
  dir: string;
  /** nginx's error log so far. */
  errors: () => string;
  stop: () => Promise<void>;
}

/**
 * Runs nginx in the foreground (daemon off) with its own prefix directory, pid file, logs and temp paths, the site
 * file `conf` included in a minimal `http {}`. Resolves when its HTTPS port accepts connections; throws with
 * `nginx -t`'s output for a configuration it refuses, or the error log when it does not come up in 20 s.
 */
export async function startNginx(conf: string, httpsPort: number): Promise<NginxProcess> {
  const bin = ensureNginx();
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-nginx-'));
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp);
  // Run by root, nginx's workers drop to `nobody`: they write request bodies and buffered answers here.
  chmodSync(dir, 0o755);
  chmodSync(tmp, 0o777);
  writeFileSync(path.join(dir, 'piaojue.conf'), conf);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `    ${k}_temp_path ${tmp}/${k};`).join('\n');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents { worker_connections 1024; }\n` +
      `http {\n    access_log ${dir}/access.log;\n${temp}\n    include ${dir}/piaojue.conf;\n}\n`,
  );
  const args = ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`];
  const checked = spawnSync(bin, [...args, '-t'], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`nginx refused the configuration:\n${checked.stderr}\n--- piaojue.conf ---\n${conf}`);
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const errors = () => out + (existsSync(`${dir}/error.log`) ? readFileSync(`${dir}/error.log`, 'utf8') : '');
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode}:\n${errors()}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(httpsPort, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${httpsPort} in 20 s:\n${errors()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `https://127.0.0.1:${httpsPort}`,
    dir,
    errors,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM'); // fast shutdown: open websockets do not hold it up
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fetch for Http (test/helpers/http.ts) over HTTPS trusting only `ca`, from the loopback address `localAddress`
 * (127.0.0.2, …: to nginx each is another device). Status, headers (Set-Cookie kept apart) and body as text.
 */
export function fetchVia(ca: string, localAddress: string): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const body = typeof init.body === 'string' ? init.body : undefined;
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(
        { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, ca, localAddress, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('end', () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, one);
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks);
            resolve(new Response([101, 204, 304].includes(status) ? null : text, { status, headers }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }) as typeof fetch;
}
