import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { createAccount } from '../server/auth/store.ts';
import { migrateToLatest, openStore } from '../server/db/database.ts';
import { PAIRING_GLOBAL_PER_MINUTE, PAIRING_RESERVE_PER_MINUTE, PairingGuard } from '../server/devices/guard.ts';
import { tabletListSchema } from '../shared/responses/devices.ts';
import type { StaffRole } from '../shared/api.ts';
import { json, login, type TestApp } from './helpers/app.ts';
import { meetingWithTablets } from './helpers/factories.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';

// The network-wide budget of wrong pairing codes (20 a minute, server/devices/guard.ts) and its reserve (20 a
// minute, for addresses with no wrong code in the last minute: issue 12) with two servers on one PostgreSQL
// database (issue 18, README "Behind nginx"): both are shared through the database, so a guesser spread over both
// processes (and over many addresses, so no per-address back-off holds it) gets 20 + 20, not 80.
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
/** A wrong code sent to `t` from `address`. */
async function wrongCodeFrom(t: TestApp, address: string): Promise<{ status: number; code: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: `8${String(++addresses).padStart(7, '0')}` }, remoteAddress: address });
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
  // The 20th wrong code, on B; then the budget is spent for both processes: an address that sent a wrong code waits.
  expect(await wrongCode(b)).toEqual({ status: 409, code: 'pairing_code_invalid' });
  expect(await wrongCodeFrom(a, '10.0.1.1')).toEqual({ status: 429, code: 'rate_limited' });
  expect(await wrongCodeFrom(b, '10.0.2.1')).toEqual({ status: 429, code: 'rate_limited' });

  // A minute after the first wrong code the budget is whole again, on both.
  clock += 60_001;
  expect(await wrongCode(a)).toEqual({ status: 409, code: 'pairing_code_invalid' });
  expect(await wrongCode(b)).toEqual({ status: 409, code: 'pairing_code_invalid' });
}, 120_000);

it('100 wrong codes at once from 100 fresh addresses over both processes: exactly 20 + 20 (reserve) are checked, 60 refused (no two processes take the last of either budget)', async () => {
  clock += 120_000; // a fresh minute
  const url = await cluster.createDatabase('pairing_budget_burst');
  const secret = randomBytes(32);
  const a = await serverOn(url, secret, 'c');
  const b = await serverOn(url, secret, 'd');
  const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => wrongCode(i % 2 ? b : a)));
  expect(answers.filter((r) => r.code === 'pairing_code_invalid')).toHaveLength(PAIRING_GLOBAL_PER_MINUTE + PAIRING_RESERVE_PER_MINUTE);
  expect(answers.filter((r) => r.code === 'rate_limited')).toHaveLength(100 - PAIRING_GLOBAL_PER_MINUTE - PAIRING_RESERVE_PER_MINUTE);
  // Both processes checked some of the 20.
  const checked = answers.map((r, i) => ({ ...r, on: i % 2 ? 'b' : 'a' })).filter((r) => r.code === 'pairing_code_invalid');
  expect(new Set(checked.map((r) => r.on))).toEqual(new Set(['a', 'b']));
}, 120_000);

it('the reserve is shared by both processes: a guesser spends the budget on A and B from 3 addresses; fresh tablets pair on either; 20 fresh wrong codes spend the reserve for both; both consoles warn', async () => {
  clock += 120_000; // a fresh minute
  const url = await cluster.createDatabase('pairing_reserve');
  const secret = randomBytes(32);
  const a = await serverOn(url, secret, 'e');
  const b = await serverOn(url, secret, 'f');
  const s = await meetingWithTablets(a, 3);
  const guesser = ['10.9.0.1', '10.9.0.2', '10.9.0.3'];
  // Each guesser address keeps to one process (nginx sends an address to one), the third to A too.
  const on = (i: number) => (i % 3 === 1 ? b : a);
  const guesses = [];
  for (let i = 0; i < 30; i++) guesses.push(await wrongCodeFrom(on(i), guesser[i % 3]!));
  expect(guesses.filter((r) => r.status === 409)).toHaveLength(PAIRING_GLOBAL_PER_MINUTE);
  expect(guesses.slice(PAIRING_GLOBAL_PER_MINUTE).every((r) => r.code === 'rate_limited')).toBe(true);
  // Fresh tablets pair on B and on A: their checks came from the reserve and were given back.
  const issue = async (deputy: string) =>
    json(await a.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/deputies/${deputy}/pairing-code`, payload: { replace: true }, headers: { cookie: s.cookie } })).code as string;
  const pairOn = (t: TestApp, code: string, address: string) => t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code }, remoteAddress: address });
  expect((await pairOn(b, await issue(s.deputyIds[0]!), '10.8.0.1')).statusCode).toBe(200);
  expect((await pairOn(a, await issue(s.deputyIds[1]!), '10.8.0.2')).statusCode).toBe(200);
  // Five wrong codes sent at once from one fresh address (to one process: nginx sends an address to one, and the
  // per-address memory is the process's): one is checked, on the one reserve turn the address has.
  const burst = await Promise.all(Array.from({ length: 5 }, () => wrongCodeFrom(b, '10.6.0.1')));
  expect(burst.map((r) => r.status).sort()).toEqual([409, 429, 429, 429, 429]);
  // The same, with all five in one tick, on a third process's guard: one admitted.
  const third = openStore({ dataDir: path.join(dir, 'g'), databaseUrl: url });
  try {
    const guard = new PairingGuard(third.db, () => clock);
    const admitted = await Promise.allSettled(Array.from({ length: 5 }, () => guard.admit('10.6.0.2')));
    expect(admitted.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  } finally {
    await third.db.destroy();
  }
  // 18 more wrong codes from fresh addresses, alternating A and B, spend the reserve; then a fresh address waits on both.
  for (let i = 2; i < PAIRING_RESERVE_PER_MINUTE; i++) expect(await wrongCodeFrom(i % 2 ? b : a, `10.7.0.${i}`)).toEqual({ status: 409, code: 'pairing_code_invalid' });
  const late = await issue(s.deputyIds[2]!);
  expect((await pairOn(a, late, '10.8.0.3')).statusCode).toBe(429);
  expect((await pairOn(b, late, '10.8.0.4')).statusCode).toBe(429);
  // Both consoles see the same figures, from the database: 40 wrong codes, the guesser's three addresses first.
  for (const t of [a, b]) {
    const { cookie } = await t.as('operator');
    const res = await t.app.inject({ method: 'GET', url: `/api/meetings/${s.meetingId}/tablets`, headers: { cookie } });
    const { guessing } = tabletListSchema.parse(json(res));
    expect(guessing).toMatchObject({ wrongCodes: 40, reserveChecks: 20 }); // 20 of the guesser, 1 + 1 + 18 fresh
    expect(guessing!.addresses.slice(0, 3).map((x) => x.address).sort()).toEqual(guesser);
  }
  clock += 60_001;
  expect((await pairOn(b, late, '10.8.0.4')).statusCode).toBe(200);
}, 120_000);
