import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first admin's password in every test server and app (PIAOJUE_ADMIN_PASSWORD). */
export const ADMIN_PASSWORD = 'test-admin-password';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on 127.0.0.1 (bound, read, released): for a server that must come back on the same address
 * after a restart, or a PostgreSQL cluster. Rejects with the listen error. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<number | null>;
  /** SIGKILL: the crash, nothing flushed by us. */
  kill9: () => Promise<void>;
}

/**
 * Starts the real server (`node --import tsx server/main.ts`) as one process on a free port. `fdLimit` runs it
 * under `ulimit -n` (the shell execs node, so it stays one process).
 */
export async function startServer(opts: { dataDir: string; args?: string[]; env?: Record<string, string>; fdLimit?: number }): Promise<ServerProcess> {
  const argv = ['--import', 'tsx', 'server/main.ts', ...(opts.args ?? [])];
  const [command, args] = opts.fdLimit ? ['/bin/sh', ['-c', `ulimit -n ${opts.fdLimit} && exec "$0" "$@"`, process.execPath, ...argv]] : [process.execPath, argv];
  const proc = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: opts.dataDir, LOG_LEVEL: 'warn', PIAOJUE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // Every test tablet connects from 127.0.0.1; a hall's come from as many addresses. The cap has its own test.
      MAX_CONNECTIONS_PER_ADDRESS: '100000', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    // 60 s: on a shared 2-core machine under load, tsx alone can take 20 s to compile the server.
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /listening on https?:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs a command to completion and collects its output. */
export function run(args: string[], opts: { env?: Record<string, string> } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    proc.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts the server as startServer does and says how it went: 'started' (the server is then stopped at once), or
 * the start's error message (e.g. "server exited with 1 before listening: …" with the server's output), for the
 * tests of a start that must fail.
 */
export async function startOutcome(opts: Parameters<typeof startServer>[0]): Promise<string> {
  return startServer(opts).then(
    async (s) => {
      await s.stop();
      return 'started';
    },
    (err: Error) => err.message,
  );
}
