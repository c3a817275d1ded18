import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { setUpQinshui, type Hall } from './hall.ts';
import { Http } from './http.ts';
import { startPostgres } from './postgres.ts';
import { ADMIN_PASSWORD, startServer, type ServerProcess } from './process.ts';

// A real server process over its own data directory, with the secretariat's admin signed in over HTTP: the
// start of every test that drives the hall from outside (sockets, crashes, restarts, browsers).

export interface HallServer {
  server: ServerProcess;
  /** The admin's HTTP client (session cookie set). */
  http: Http;
  /** The temp directory the test owns; the database lives in dataDir below it. */
  dir: string;
  dataDir: string;
  /** Stops the server (SIGTERM, waits) and removes the directory. */
  close: () => Promise<void>;
}

/** An HTTP client for `url` signed in as admin (ADMIN_PASSWORD, as startServer sets it). Throws if login fails. */
export async function adminHttp(url: string): Promise<Http> {
  const http = new Http(url);
  await http.login('admin', ADMIN_PASSWORD);
  return http;
}

/**
 * Starts the server on a fresh data directory named after `name` (piaojue-<name>-XXXX in the temp dir) and
 * signs the admin in. `env` and `args` go to startServer (PIAOJUE_FAULT, LOG_LEVEL, TLS, --demo…); the per-address
 * socket cap is lifted (100000) unless `env` sets MAX_CONNECTIONS_PER_ADDRESS.
 */
export async function startHallServer(name: string, opts: { env?: Record<string, string>; args?: string[] } = {}): Promise<HallServer> {
  const dir = mkdtempSync(path.join(tmpdir(), `piaojue-${name}-`));
  const dataDir = path.join(dir, 'data');
  let server: ServerProcess | undefined;
  try {
    // Every test tablet connects from 127.0.0.1, where a real hall gives each tablet its own address: the
    // per-address socket cap (64 by default) is raised so 150 tablets sending at once are not reset.
    server = await startServer({ dataDir, ...opts, env: { MAX_CONNECTIONS_PER_ADDRESS: '100000', ...opts.env } });
    const started = server;
    return {
      server: started,
      http: await adminHttp(started.url),
      dir,
      dataDir,
      async close() {
        // PIAOJUE_TEST_SERVER_LOG=1: the server's own output, to see why a request was reset.
        if (process.env.PIAOJUE_TEST_SERVER_LOG) console.log(started.output());
        await started.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * For a test file: before its tests a hall server (startHallServer(`name`)) with the Qinshui meeting of `deputies`
 * seated deputies (setUpQinshui), handed to `use`; after them, the server stopped and its directory removed.
 */
export function useQinshuiServer(name: string, deputies: number, use: (q: HallServer & { hall: Hall }) => void): void {
  let hs: HallServer | undefined;
  beforeAll(async () => {
    hs = await startHallServer(name);
    use({ ...hs, hall: await setUpQinshui(hs.http, deputies) });
  }, 60_000);
  afterAll(async () => hs?.close());
}

/**
 * startHallServer(`name`) on either engine (DESIGN §8): on 'postgres' a throwaway cluster is started and the
 * server given DATABASE_URL for a fresh database `database`; close() also stops the cluster. Throws what
 * startPostgres or startServer throw (no PostgreSQL binaries, the server never listened).
 */
export async function startEngineServer(name: string, engine: 'sqlite' | 'postgres', database: string): Promise<HallServer> {
  if (engine === 'sqlite') return startHallServer(name);
  const cluster = await startPostgres();
  try {
    const up = await startHallServer(name, { env: { DATABASE_URL: await cluster.createDatabase(database) } });
    return {
      ...up,
      async close() {
        await up.close();
        await cluster.stop();
      },
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

/** What useServerProcesses hands a test file: fresh data directories, and servers started on them. */
export interface ServerProcesses {
  /** A fresh data directory (piaojue-<name>-XXXX in the temp dir), removed after the file's tests. */
  dataDir: () => string;
  /** Starts the server on `dataDir` (startServer; `env` e.g. PIAOJUE_FAULT) and signs the admin in; stopped after the file's tests. */
  start: (dataDir: string, env?: Record<string, string>) => Promise<{ server: ServerProcess; http: Http }>;
}

/**
 * For a test file that starts and restarts servers itself (kill -9, faults, the same data directory again):
 * every server it starts is stopped, and every directory it makes removed, after its tests.
 */
export function useServerProcesses(name: string): ServerProcesses {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return {
    dataDir() {
      const dir = mkdtempSync(path.join(tmpdir(), `piaojue-${name}-`));
      dirs.push(dir);
      return dir;
    },
    async start(dataDir, env) {
      const server = await startServer({ dataDir, ...(env ? { env } : {}) });
      servers.push(server);
      return { server, http: await adminHttp(server.url) };
    },
  };
}
