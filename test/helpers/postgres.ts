import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './process.ts';

// A real, throwaway PostgreSQL cluster for the tests that run the server on PostgreSQL (issue 18, DESIGN §8):
// initdb into a temp directory, pg_ctl start on a free port with its unix socket in that directory (no TCP at
// all), stop and delete after. Debian's server binaries are used; no binaries is a loud failure, never a skip.

let installTried = false;

/**
 * Installs Debian's PostgreSQL server when its binaries are missing and we are root (once per `npm test`, from
 * test/global-setup.ts, as Chromium is). Throws with apt's output when the install fails.
 */
export function ensurePostgres(): void {
  if (binDirOrNull()) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || installTried) return;
  installTried = true;
  try {
    execFileSync('sh', ['-c', 'apt-get update && apt-get install -y postgresql'], { stdio: 'pipe', timeout: 300_000 });
  } catch (err) {
    const out = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
    throw new Error(`PostgreSQL's server binaries are missing and \`apt-get install -y postgresql\` failed:\n${out}`);
  }
}

/** Where Debian (and this machine) put the server binaries, newest first; PG_BIN overrides. */
function findBinDir(): string {
  const dir = binDirOrNull();
  if (dir) return dir;
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found in PG_BIN, /usr/local/bin or /usr/lib/postgresql/*/bin. ' +
      'Install them (`apt-get update && apt-get install -y postgresql`, as root) or set PG_BIN. The PostgreSQL tests do not skip themselves.',
  );
}

function binDirOrNull(): string | null {
  const candidates = [process.env.PG_BIN, '/usr/local/bin'];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debian, v, 'bin'));
  }
  for (const dir of candidates) if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  return null;
}

export interface PostgresCluster {
  /** The cluster's temp directory (data in ./data, the socket in the directory itself). */
  dir: string;
  port: number;
  /** A connection URL for database `name` (the socket directory as `host`). */
  url: (name: string) => string;
  /** Creates an empty database (C collation, UTF-8) and returns its URL. */
  createDatabase: (name: string) => Promise<string>;
  /** Stops the cluster (immediate) and deletes its directory. */
  stop: () => Promise<void>;
}

const SUPERUSER = 'piaojue';

/**
 * Starts a throwaway cluster. As root (initdb refuses root), the binaries run as the `postgres` system user,
 * which owns the temp directory. fsync (and full_page_writes) are off: the tests crash server processes, never the
 * machine; `durable: true` turns both on (the benchmark's `--pg-fsync`, where a commit should cost its fsync).
 * Throws with a clear message when the binaries are missing or the cluster does not start.
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = findBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-pg-'));
  const data = path.join(dir, 'data');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const runAs = (cmd: string, args: string[]) => {
    const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  };
  const port = await freePort();
  runAs('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=''", `-c fsync=${opts.durable ? 'on' : 'off'}`, `-c full_page_writes=${opts.durable ? 'on' : 'off'}`, '-c max_connections=200'].join(' ');
  runAs('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start']);
  const url = (name: string) => `postgres://${SUPERUSER}@/${name}?host=${encodeURIComponent(dir)}&port=${port}`;
  let stopped = false;
  return {
    dir,
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        runAs('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
