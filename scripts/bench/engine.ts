import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startPostgres, type PostgresCluster } from '../../test/helpers/postgres.ts';
import { FLOOR_TABLE } from './floor-stores.ts';

// The bench's store for one engine: SQLite files in temp directories, or databases in one throwaway PostgreSQL
// cluster started the way the tests start theirs (test/helpers/postgres.ts), the floor and piaojue each on a
// fresh database of the same cluster in every run.

/** A place for one run's data, and how to remove it. */
export interface RunStore {
  /** A fresh temp directory: the SQLite file(s), or on PostgreSQL what stays on disk (DATA_DIR: keys, photos). */
  dataDir: string;
  /** floor-server.ts's arguments: `sqlite DIR` or `postgres URL`. */
  floorArgs: string[];
  /** What piaojue's server processes add to their environment: `DATABASE_URL` on PostgreSQL, nothing on SQLite. */
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** One engine for the whole bench. */
export interface BenchEngine {
  name: 'sqlite' | 'postgres';
  /** The settings that bear on the figures (PostgreSQL: version, fsync, synchronous_commit…), one line. */
  settings: string;
  /** A fresh store for the floor's run `run` (the paper table made). */
  floor: (run: number) => Promise<RunStore>;
  /** A fresh store for piaojue's run `run` (empty: the server migrates it). */
  piaojue: (run: number) => Promise<RunStore>;
  stop: () => Promise<void>;
}

const tempDir = (prefix: string): RunStore => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dataDir: dir, floorArgs: ['sqlite', dir], env: {}, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
};

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Starts the engine: nothing for SQLite; for PostgreSQL a throwaway cluster (fsync and full_page_writes off, as the
 * tests run it, unless `fsync` is true; the settings read back from the server are in `settings`).
 * Throws when PostgreSQL's binaries are missing or the cluster does not start.
 */
export async function startEngine(name: 'sqlite' | 'postgres', opts: { fsync: boolean }): Promise<BenchEngine> {
  if (name === 'sqlite') {
    return { name, settings: 'SQLite (WAL; the floor synchronous=FULL)', floor: async () => tempDir('piaojue-floor-'), piaojue: async () => tempDir('piaojue-bench-'), stop: async () => {} };
  }
  const cluster = await startPostgres({ durable: opts.fsync });
  try {
    return await onCluster(cluster);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

async function onCluster(cluster: PostgresCluster): Promise<BenchEngine> {
  const admin = cluster.url('postgres');
  const show = async (setting: string) => (await query(admin, `show ${setting}`)).rows[0][setting] as string;
  const settings =
    `PostgreSQL ${await show('server_version')} (throwaway cluster, unix socket; fsync=${await show('fsync')}, ` +
    `full_page_writes=${await show('full_page_writes')}, synchronous_commit=${await show('synchronous_commit')}, ` +
    `shared_buffers=${await show('shared_buffers')}, wal_level=${await show('wal_level')})`;
  const database = (kind: string, run: number) => async (): Promise<RunStore> => {
    const db = `${kind}_${run}`;
    const url = await cluster.createDatabase(db);
    if (kind === 'floor') await query(url, FLOOR_TABLE);
    const { dataDir, cleanup } = tempDir(`piaojue-${kind}-`);
    const drop = async () => {
      await cleanup();
      await query(admin, `drop database if exists "${db}" with (force)`);
    };
    return { dataDir, floorArgs: ['postgres', url], env: { DATABASE_URL: url }, cleanup: drop };
  };
  return {
    name: 'postgres',
    settings,
    floor: (run) => database('floor', run)(),
    piaojue: (run) => database('piaojue', run)(),
    stop: () => cluster.stop(),
  };
}
