import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { createAccount } from '../server/auth/store.ts';
import { migrateToLatest, openStore } from '../server/db/database.ts';
import { PAIRING_GLOBAL_PER_MINUTE } from '../server/devices/guard.ts';
import type { StaffRole } from '../shared/api.ts';
import { json, login, type TestApp } from './helpers/app.ts';
import { meetingWithTablets } from './helpers/factories.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';

// The network-wide budget of wrong pairing codes (20 a minute, server/devices/guard.ts) with two servers on one
// PostgreSQL database (issue 18, README "Behind nginx"): the 20 are shared through the database, so a guesser
// spread over both processes (and over many addresses, so no per-address back-off holds it) gets 20, not 40.
// Two in-process apps, each with its own connection pool, stand for two processes.

let cluster: PostgresCluster;
let dir: string;
const apps: TestApp[] = [];
/** Both servers' clock (ms): one machine's time. */
let clock = Date.UTC(2026, 11, 1, 9, 0, 0);

async function serverOn(url: string, secret: Buffer, name: string): Promise<TestApp> {
  const store = openStore({ dataDir: path.join(dir, name), databaseUrl: url });
  if (store.engine !== 'postgres') throw new Error('expected PostgreSQL');
  await migrateToLatest(store.db);
  const app = await buildApp({ db: store.db, secret, dataDir: path.join(dir, name), maxConnectionsPerAddress: 100_000, now: () => clock });
  await app.ready();
  let n = 0;
  const t: TestApp = {
    app,
    opened: undefined as never,
    dir,
    async as(role: StaffRole) {
      const username = `${name}-${role}${++n}`;
      await createAccount(store.db, { username, password: `${username}-password`, role }, clock);
      return { cookie: await login(app, username, `${username}-password`) };
    },
    checksum: () => '',
    async close() {
      await app.close();
      await store.db.destroy();
    },
  };
  apps.push(t);
  return t;
}

/** A wrong code sent to `t` from its own address (10.0.<n>.1: no per-address back-off ever applies). */
let addresses = 0;
async function wrongCode(t: TestApp): Promise<{ status: number; code: string }> {
  const n = ++addresses;
  const res = await t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: `9${String(n).padStart(7, '0')}` }, remoteAddress: `10.0.${n}.1` });
  return { status: res.statusCode, code: json(res).error.code };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-pg-budget-'));
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const t of apps) await t.close();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('20 wrong codes spread over two processes spend the budget for both; a right code is given back; a minute later it is whole again', async () => {
  expect(PAIRING_GLOBAL_PER_MINUTE).toBe(20);
  const url = await cluster.createDatabase('pairing_budget');
  const secret = randomBytes(32);
  const a = await serverOn(url, secret, 'a');
  const b = await serverOn(url, secret, 'b');
  // Two tablets paired on A: their attempts were counted and given back (nothing of the budget spent).
  const s = await meetingWithTablets(a, 2);

  // 19 wrong codes, alternating A and B.
  for (let i = 0; i < 19; i++) expect(await wrongCode(i % 2 ? b : a)).toEqual({ status: 409, code: 'pairing_code_invalid' });
  // A right code on B still pairs (the 20th attempt, given back once it proved right).
  const issued = await a.app.inject({
    method: 'POST',
    url: `/api/meetings/${s.meetingId}/deputies/${s.deputyIds[0]}/pairing-code`,
    payload: { replace: true },
    headers: { cookie: s.cookie },
  });
  expect(issued.statusCode).toBe(201);
  const paired = await b.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: json(issued).code }, remoteAddress: '10.1.0.1' });
  expect(paired.statusCode).toBe(200);
  // The 20th wrong code, on B; then the budget is spent for both processes, whatever the address.
  expect(await wrongCode(b)).toEqual({ status: 409, code: 'pairing_code_invalid' });
  expect(await wrongCode(a)).toEqual({ status: 429, code: 'rate_limited' });
  expect(await wrongCode(b)).toEqual({ status: 429, code: 'rate_limited' });

  // A minute after the first wrong code the budget is whole again, on both.
  clock += 60_001;
  expect(await wrongCode(a)).toEqual({ status: 409, code: 'pairing_code_invalid' });
  expect(await wrongCode(b)).toEqual({ status: 409, code: 'pairing_code_invalid' });
}, 120_000);

it('100 wrong codes at once over both processes: exactly 20 are checked, 80 refused (no two processes take the last of the budget)', async () => {
  clock += 120_000; // a fresh minute
  const url = await cluster.createDatabase('pairing_budget_burst');
  const secret = randomBytes(32);
  const a = await serverOn(url, secret, 'c');
  const b = await serverOn(url, secret, 'd');
  const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => wrongCode(i % 2 ? b : a)));
  expect(answers.filter((r) => r.code === 'pairing_code_invalid')).toHaveLength(20);
  expect(answers.filter((r) => r.code === 'rate_limited')).toHaveLength(80);
  // Both processes checked some of the 20.
  const checked = answers.map((r, i) => ({ ...r, on: i % 2 ? 'b' : 'a' })).filter((r) => r.code === 'pairing_code_invalid');
  expect(new Set(checked.map((r) => r.on))).toEqual(new Set(['a', 'b']));
}, 120_000);
