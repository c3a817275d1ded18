import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { ensureAdmin } from '../../server/auth/bootstrap.ts';
import { createAccount } from '../../server/auth/store.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../../server/db/database.ts';
import type { StaffRole } from '../../shared/api.ts';
import { dbChecksum } from './checksum.ts';

import { ADMIN_PASSWORD } from './process.ts';

export { ADMIN_PASSWORD };

export interface TestApp {
  app: FastifyInstance;
  opened: OpenedDatabase;
  dir: string;
  /** A session cookie header for a fresh account of that role. */
  as: (role: StaffRole) => Promise<{ cookie: string }>;
  checksum: () => string;
  close: () => Promise<void>;
}

/** A fresh app over a fresh SQLite file in a temp directory; close() removes both. */
export async function makeApp(opts: { now?: () => number } = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-test-'));
  const opened = openDatabase(dir);
  await migrateToLatest(opened.db);
  await ensureAdmin(opened.db, ADMIN_PASSWORD, Date.now(), () => {});
  // Test sockets all come from 127.0.0.1: lift the per-address cap (test/reliability/connections.test.ts tests it).
  const app = await buildApp({ db: opened.db, maxConnectionsPerAddress: 100_000, ...(opts.now ? { now: opts.now } : {}) });
  await app.ready();
  const cookies = new Map<StaffRole, string>();
  let n = 0;
  return {
    app,
    opened,
    dir,
    async as(role) {
      let cookie = cookies.get(role);
      if (!cookie) {
        const username = `${role}${++n}`;
        const password = `${username}-password`;
        if (role === 'admin') {
          cookie = await login(app, 'admin', ADMIN_PASSWORD);
        } else {
          await createAccount(opened.db, { username, password, role }, Date.now());
          cookie = await login(app, username, password);
        }
        cookies.set(role, cookie);
      }
      return { cookie };
    },
    checksum: () => dbChecksum(opened.sqlite),
    async close() {
      await app.close();
      await opened.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  return first!.split(';')[0]!;
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}
