import { buildApp } from '../../server/app.ts';
import { ensureAdmin } from '../../server/auth/bootstrap.ts';
import { createAccount } from '../../server/auth/store.ts';
import { migrateToLatest, openStore } from '../../server/db/database.ts';
import { PostgresHallBus } from '../../server/realtime/pg-bus.ts';
import type { StaffRole } from '../../shared/api.ts';
import { ADMIN_PASSWORD, login, type TestApp } from './app.ts';

/**
 * One in-process server on a shared PostgreSQL database at `url`, with its own pool and its own PostgreSQL hall
 * bus, as server/main.ts builds it: several of these on one database stand for several server processes (each
 * with its own paper desk, key holder and timers). `secret` is the server secret every process shares; `dataDir`
 * its DATA_DIR (processes share one: the escrow key); `name` tells its staff accounts apart from the others'.
 * close() closes the app and its pool.
 */
export async function serverOnPostgres(url: string, secret: Buffer, dataDir: string, name: string): Promise<TestApp> {
  const store = openStore({ dataDir, databaseUrl: url });
  if (store.engine !== 'postgres') throw new Error('expected PostgreSQL');
  await migrateToLatest(store.db);
  await ensureAdmin(store.db, ADMIN_PASSWORD, Date.now(), () => {});
  const bus = await PostgresHallBus.start(store.pool, store.url, { warn: () => {}, error: () => {} });
  const app = await buildApp({ db: store.db, bus, secret, dataDir, maxConnectionsPerAddress: 100_000 });
  await app.ready();
  let n = 0;
  return {
    app,
    opened: undefined as never,
    dir: dataDir,
    async as(role: StaffRole) {
      if (role === 'admin') return { cookie: await login(app, 'admin', ADMIN_PASSWORD) };
      const username = `${name}-${role}${++n}`;
      await createAccount(store.db, { username, password: `${username}-password`, role }, Date.now());
      return { cookie: await login(app, username, `${username}-password`) };
    },
    checksum: () => '',
    async close() {
      await app.close();
      await store.db.destroy();
    },
  };
}
