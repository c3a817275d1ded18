import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { PostgresDialect, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readBatch } from '../server/ballots/batch-reads.ts';
import { commitBatch, paperIdFor } from '../server/ballots/paper-batch.ts';
import { openStore, sharedWriteTransaction } from '../server/db/database.ts';
import { openPostgres, PostgresKysely, TypesForPostgres, WRITE_LOCK } from '../server/db/postgres.ts';
import { insertRows } from '../server/db/insert-rows.ts';
import type { Database } from '../server/db/schema.ts';
import { sealReady } from '../shared/seal.ts';
import { json, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, submitPaper } from './helpers/factories.ts';
import { serverOnPostgres } from './helpers/pg-apps.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { asSent, sealedRecordProblems } from './helpers/sealed.ts';

// Paper batches of several server processes commit side by side on PostgreSQL (DESIGN §6, §8; issue 18): they
// hold the write lock shared (sharedWriteTransaction), every other command holds it alone. What keeps that right
// is the lock's two modes and the constraints: one cast per deputy per ballot, one envelope per tracker. Two
// in-process servers, each with its own pool and paper desk, stand for two processes. A trigger that sleeps
// before each statement inserting casts (test-only) keeps every batch in flight long enough for the other
// process's batch, or its close, to meet it.

let cluster: PostgresCluster;
let dir: string;
const apps: TestApp[] = [];
const stores: Kysely<Database>[] = [];
const secret = randomBytes(32);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-pg-race-'));
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const t of apps) await t.close();
  for (const db of stores) await db.destroy();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function twoServers(database: string): Promise<[TestApp, TestApp, string]> {
  const url = await cluster.createDatabase(database);
  // One DATA_DIR for both, as processes share it (the escrow key of a training meeting's ballots).
  const a = await serverOnPostgres(url, secret, path.join(dir, database), 'a');
  apps.push(a);
  const b = await serverOnPostgres(url, secret, path.join(dir, database), 'b');
  apps.push(b);
  return [a, b, url];
}

/** Every statement inserting casts first sleeps `seconds` (a test-only trigger): batches stay in flight. */
async function slowCastInserts(url: string, seconds: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create function test_slow_casts() returns trigger language plpgsql as $$ begin perform pg_sleep(${seconds}); return null; end $$`);
    await client.query('create trigger test_slow_casts before insert on "cast" for each statement execute function test_slow_casts()');
  } finally {
    await client.end();
  }
}

async function counts(url: string, ballotId: string): Promise<{ casts: number; envelopes: number; doubled: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (q: string) => Number((await client.query(q, [ballotId])).rows[0].n);
    return {
      casts: await one('select count(*) as n from "cast" where ballot_id = $1'),
      envelopes: await one('select count(*) as n from envelope where ballot_id = $1'),
      doubled: await one('select count(*) as n from (select deputy_id from "cast" where ballot_id = $1 group by deputy_id having count(*) > 1) d'),
    };
  } finally {
    await client.end();
  }
}

const answer = (res: LightMyRequestResponse) => ({ status: res.statusCode, body: json(res) });

it('paper batches run side by side; any other write waits for those in flight, and batches asked for after it wait for it', async () => {
  const url = await cluster.createDatabase('lock_modes');
  // Two pools on one database: two processes. No schema needed: the lock is taken before the callback runs.
  const one = openStore({ dataDir: path.join(dir, 'locks-1'), databaseUrl: url }).db;
  const two = openStore({ dataDir: path.join(dir, 'locks-2'), databaseUrl: url }).db;
  stores.push(one, two);
  const events: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const firstIn = new Promise<void>((r) => (entered = r));
  const first = sharedWriteTransaction(one, async () => {
    events.push('batch 1 in');
    entered();
    await gate;
    events.push('batch 1 out');
  });
  await firstIn;
  // The other process's batch runs while the first is still inside (held alone, it would wait for ever).
  const second = sharedWriteTransaction(two, async () => void events.push('batch 2 in'));
  await Promise.race([second, sleep(10_000).then(() => Promise.reject(new Error('a batch waited for the other process’s batch')))]);

  const waiting = async () => (await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(one)).rows[0]!.n;
  const until = async (n: number) => {
    for (let i = 0; i < 200 && (await waiting()) < n; i++) await sleep(25);
    expect(await waiting()).toBe(n);
  };
  // A command (open, close…: the lock alone) asked for now waits for batch 1; a batch asked for after it, for it.
  const command = two.transaction().execute(async () => {
    events.push('command in');
    await sleep(100);
    events.push('command out');
  });
  await until(1);
  const third = sharedWriteTransaction(one, async () => void events.push('batch 3 in'));
  await until(2);
  await sleep(200);
  expect(events).toEqual(['batch 1 in', 'batch 2 in']);
  release();
  await Promise.all([first, command, third]);
  expect(events).toEqual(['batch 1 in', 'batch 2 in', 'batch 1 out', 'command in', 'command out', 'batch 3 in']);
}, 60_000);

it("one deputy's paper on two processes at once: one cast and one envelope, the other answered as a duplicate or already_voted", async () => {
  const DEPUTIES = 70;
  const [a, b, url] = await twoServers('paper_race');
  await slowCastInserts(url, 0.2);
  const s = await meetingWithTablets(a, DEPUTIES);
  await checkInTablets(a, s.tokens);
  await sealReady();
  const ballotId = await openBallot(a, s, { secret: true });
  const [c1, c2] = s.candidateIds as [string, string];
  const envelope = (i: number, c: string) => (asSent(ballotId, { key: `race-${String(i).padStart(16, '0')}`, marks: { [c]: 'for' } }) as { envelope: string }).envelope;
  type Answer = { receipt: { ballotId: string; tracker?: string }; duplicate: boolean } | { code: string };
  // Each desk gets its papers in one event-loop turn, so each commits them as one batch; the two batches read
  // before either inserts (the trigger holds them), so they meet at the keys.
  const race = async (toA: [number, string][], toB: [number, string][]) => {
    const submit = (t: TestApp, [i, c]: [number, string]): Promise<Answer> =>
      t.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[i]!, envelope: envelope(i, c) }).catch((e: { code: string }) => ({ code: e.code }));
    const fromA = toA.map((p) => submit(a, p));
    const fromB = toB.map((p) => submit(b, p));
    return { a: await Promise.all(fromA), b: await Promise.all(fromB) };
  };
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
  const receipts = new Map<number, { ballotId: string; tracker?: string }>();
  const marks = new Map<number, Record<string, string>>();
  const stored = (i: number, answer: Answer, c: string) => {
    expect(answer).toMatchObject({ duplicate: false });
    expect(receipts.has(i)).toBe(false); // stored once, by one process
    receipts.set(i, (answer as { receipt: { ballotId: string; tracker: string } }).receipt);
    marks.set(i, { [c]: 'for' });
  };
  // One stored it, the other found it stored: the same receipt from both.
  const resent = (i: number, x: Answer, y: Answer) => {
    const [first, again] = 'duplicate' in x && !x.duplicate ? [x, y] : [y, x];
    stored(i, first, c1);
    expect(again).toEqual({ ...first, duplicate: true });
  };

  // 1. Deputies 0–19 send one paper to both processes at once (a resend racing its original).
  const one = await race(range(0, 20).map((i) => [i, c1]), range(0, 20).map((i) => [i, c1]));
  range(0, 20).forEach((i, k) => resent(i, one.a[k]!, one.b[k]!));

  // 2. Deputies 20–39 send a different paper to each (a tablet cannot, a hostile client could): one counts.
  const two = await race(range(20, 40).map((i) => [i, c1]), range(20, 40).map((i) => [i, c2]));
  range(20, 40).forEach((i, k) => {
    const [x, y] = [two.a[k]!, two.b[k]!];
    const [won, lost, c] = 'duplicate' in x ? [x, y, c1] : [y, x, c2];
    stored(i, won, c);
    expect(lost).toEqual({ code: 'already_voted' });
  });

  // 3. A's batch: 40–59; B's batch: 40–49 again and 60–69, fresh. The batch that loses is decided again whole:
  // its resends answered as duplicates, its fresh papers stored and acknowledged once.
  const three = await race(range(40, 60).map((i) => [i, c1]), [...range(40, 50), ...range(60, 70)].map((i) => [i, c1]));
  range(40, 50).forEach((i, k) => resent(i, three.a[k]!, three.b[k]!));
  range(50, 60).forEach((i, k) => stored(i, three.a[10 + k]!, c1));
  range(60, 70).forEach((i, k) => stored(i, three.b[10 + k]!, c1));

  expect(await counts(url, ballotId)).toEqual({ casts: DEPUTIES, envelopes: DEPUTIES, doubled: 0 });

  // Closed on the other process: every paper counted once, each tablet's receipt in the box.
  const operator = await b.as('operator');
  const closed = await b.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: operator.cookie } });
  expect(closed.statusCode, closed.body).toBe(200);
  const tally = json(await b.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: operator.cookie } })).tally;
  expect(tally.papers).toMatchObject({ returned: DEPUTIES, valid: DEPUTIES });
  const record = json(await b.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/record`, headers: { cookie: operator.cookie } }));
  expect(sealedRecordProblems(record, [...receipts.values()], [...marks.values()])).toEqual([]);
}, 240_000);

it('a close on one process racing paper batches on the other counts every acknowledged paper exactly once', async () => {
  const DEPUTIES = 16;
  const [a, b, url] = await twoServers('close_race');
  await slowCastInserts(url, 0.3);
  const s = await meetingWithTablets(a, DEPUTIES);
  await checkInTablets(a, s.tokens);
  await sealReady();
  const ballotId = await openBallot(a, s, { secret: true });
  const operator = await a.as('operator');
  const paper = (i: number) => ({ key: `close-race-${String(i).padStart(16, '0')}`, marks: { [s.candidateIds[i % s.candidateIds.length]!]: 'for' } });
  const submit = (i: number) =>
    b.app.paperDesk
      .submit({ ballotId, deputyId: s.deputyIds[i]!, envelope: (asSent(ballotId, paper(i)) as { envelope: string }).envelope })
      .then((outcome) => ({ i, outcome }))
      .catch((e: { code: string }) => ({ i, code: e.code }));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const poll = async (query: string) => {
    for (let n = 0; n < 100; n++) {
      if (Number((await client.query(query)).rows[0].n) > 0) return true;
      await sleep(50);
    }
    return false;
  };
  try {
    // B commits a batch of 8 papers, held in flight (the trigger) after it read the ballot open.
    const first = Array.from({ length: 8 }, (_, i) => submit(i));
    expect(await poll(`select count(*) as n from pg_stat_activity where wait_event = 'PgSleep'`)).toBe(true);
    // A's console presses close meanwhile: it waits for that batch (on PostgreSQL's lock; nothing to wait for
    // in A's own desk).
    const closing = a.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: operator.cookie } });
    await poll(`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`);
    // Papers B takes while the close waits form B's next batch, which waits for the close and finds it closed.
    const second = Array.from({ length: 8 }, (_, i) => submit(8 + i));
    expect((await closing).statusCode).toBe(200);
    const replies = [...(await Promise.all(first)), ...(await Promise.all(second))];

    const acknowledged = replies.flatMap((r) => ('outcome' in r ? [r] : []));
    expect(acknowledged.map((r) => [r.i, r.outcome.duplicate])).toEqual(Array.from({ length: 8 }, (_, i) => [i, false]));
    expect(replies.slice(8)).toEqual(Array.from({ length: 8 }, (_, i) => ({ i: 8 + i, code: 'ballot_not_open' })));
    // Every acknowledged paper counted, once; nothing else.
    const tally = json(await a.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: operator.cookie } })).tally;
    expect(tally.papers.returned).toBe(8);
    const record = json(await a.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/record`, headers: { cookie: operator.cookie } }));
    const receipts = acknowledged.map((r) => r.outcome.receipt);
    expect(sealedRecordProblems(record, receipts, acknowledged.map((r) => paper(r.i).marks))).toEqual([]);
    expect(await counts(url, ballotId)).toEqual({ casts: 8, envelopes: 0, doubled: 0 });
  } finally {
    await client.end();
  }
}, 120_000);

it("a batch reads a ballot's casts and envelopes as one snapshot: another process's batch committing midway is seen whole or not at all", async () => {
  const [a, , url] = await twoServers('snapshot_race');
  const s = await meetingWithTablets(a, 4);
  await checkInTablets(a, s.tokens);
  await sealReady();
  const ballotId = await openBallot(a, s, { secret: true });
  const envelope = (asSent(ballotId, { key: 'snapshot-race-00000001', marks: { [s.candidateIds[0]!]: 'for' } }) as { envelope: string }).envelope;

  // The other process: its own pool, whose batch pauses right after its first statement reading casts, while
  // this deputy's paper, resent to A, commits there.
  let reached!: () => void;
  const paused = new Promise<void>((r) => (reached = r));
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held = false;
  const { pool } = openPostgres(url, 2);
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    client.query = (async (...args: unknown[]) => {
      const result = await query(...args);
      const text = typeof args[0] === 'string' ? args[0] : '';
      if (!held && /^select\b.*\bfrom "cast"/i.test(text)) {
        held = true;
        reached();
        await gate;
      }
      return result;
    }) as typeof client.query;
  });
  const other = new PostgresKysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new TypesForPostgres()] });
  stores.push(other);
  const batch = sharedWriteTransaction(other, (trx) => commitBatch(trx, [{ ballotId, deputyId: s.deputyIds[0]!, envelope, receivedAt: Date.now() }]));
  await paused;
  const first = await a.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[0]!, envelope });
  expect(first.duplicate).toBe(false);
  release();
  // Run on, the batch sees A's cast and envelope together (a duplicate), or neither (then its insert meets A's
  // keys, and it is decided again): never the envelope without the cast (paper_conflict) or the reverse.
  const { outcomes } = await batch;
  expect(outcomes).toEqual([{ ...first, duplicate: true }]);
  expect(await counts(url, ballotId)).toEqual({ casts: 1, envelopes: 1, doubled: 0 });
}, 120_000);

/** The advisory locks `db`'s connection holds right now, as pg_locks shows them (mode ShareLock / ExclusiveLock). */
async function heldLocks(trx: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ mode: string }>`select mode from pg_locks
    where locktype = 'advisory' and pid = pg_backend_pid() and objid = ${WRITE_LOCK}`.execute(trx);
  return rows.map((r) => r.mode);
}

it('a write transaction takes the write lock with its begin, in one round trip; over any other dialect as its first statement', async () => {
  const url = await cluster.createDatabase('begin_lock');
  const { db, pool } = openPostgres(url);
  stores.push(db);
  const sent: string[] = [];
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    client.query = ((...args: unknown[]) => {
      if (typeof args[0] === 'string') sent.push(args[0]);
      return query(...args);
    }) as typeof client.query;
  });
  expect(await sharedWriteTransaction(db, (trx) => heldLocks(trx))).toEqual(['ShareLock']);
  expect(sent).toEqual([`begin; select pg_advisory_xact_lock_shared(${WRITE_LOCK})`, expect.stringContaining('pg_locks'), 'commit']);
  sent.length = 0;
  expect(await db.transaction().execute((trx) => heldLocks(trx))).toEqual(['ExclusiveLock']);
  expect(sent[0]).toBe(`begin; select pg_advisory_xact_lock(${WRITE_LOCK})`);
  // Held to the end of the transaction only.
  expect(await heldLocks(db)).toEqual([]);

  // Over Kysely's own PostgreSQL dialect the lock is a statement of its own, still before the callback.
  const plain = new PostgresKysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }), plugins: [new TypesForPostgres()] });
  stores.push(plain);
  expect(await sharedWriteTransaction(plain, (trx) => heldLocks(trx))).toEqual(['ShareLock']);
  expect(await plain.transaction().execute((trx) => heldLocks(trx))).toEqual(['ExclusiveLock']);
}, 120_000);

it('a write lock that cannot be had fails the transaction and leaves its connection clean for the next', async () => {
  const url = await cluster.createDatabase('lock_timeout');
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query(`select pg_advisory_lock(${WRITE_LOCK})`); // held by another session
  await holder.query(`alter database lock_timeout set lock_timeout = '50ms'`);
  const { db } = openPostgres(url, 1); // one connection: the next transaction gets the same one
  stores.push(db);
  try {
    await expect(sharedWriteTransaction(db, async () => 1)).rejects.toMatchObject({ code: '55P03' }); // lock_not_available
    await holder.query(`select pg_advisory_unlock(${WRITE_LOCK})`);
    // Not "current transaction is aborted" (25P02): the failed begin was rolled back before the pool got it back.
    expect(await sharedWriteTransaction(db, (trx) => heldLocks(trx))).toEqual(['ShareLock']);
    expect(await heldLocks(db)).toEqual([]);
  } finally {
    await holder.end();
  }
}, 120_000);

it('a backend terminated while a paper batch waits for the write lock: the paper is refused, the process lives on, the next is acknowledged', async () => {
  const [a, , url] = await twoServers('terminated_wait');
  const s = await meetingWithTablets(a, 2);
  await checkInTablets(a, s.tokens);
  await sealReady();
  const ballotId = await openBallot(a, s, { secret: true });
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query(`select pg_advisory_lock(${WRITE_LOCK})`); // a close on another process, say
    const envelope = (i: number) => (asSent(ballotId, { key: `kd-${String(i).padStart(20, '0')}`, marks: { [s.candidateIds[0]!]: 'for' } }) as { envelope: string }).envelope;
    const submitted = a.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[0]!, envelope: envelope(0) }).then(
      () => 'acknowledged',
      () => 'refused',
    );
    let terminated = false;
    for (let i = 0; i < 250 && !terminated; i++) {
      const { rows } = await holder.query(`select pid from pg_locks where locktype = 'advisory' and not granted`);
      if (rows.length) terminated = (await holder.query('select pg_terminate_backend($1) as ok', [rows[0].pid])).rows[0].ok;
      else await sleep(20);
    }
    expect(terminated).toBe(true);
    expect(await submitted).toBe('refused'); // nothing acknowledged, so nothing lost: the tablet resends
    await holder.query(`select pg_advisory_unlock(${WRITE_LOCK})`);
    await sleep(300); // the client's late 'error' event: without a listener, an uncaught exception ends the process
    const next = await a.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[1]!, envelope: envelope(1) });
    expect(next.duplicate).toBe(false);
  } finally {
    await holder.end();
  }
}, 120_000);

it('on PostgreSQL the server opens envelopes when its desk is quiet, not on receipt', async () => {
  const [a] = await twoServers('quiet_mode');
  expect(a.app.ballots.opened.mode).toBe('quiet');
}, 120_000);

// After the paper path was cut to fewer round trips (by the r18 attack, which had not written it): on PostgreSQL
// envelopes wait for a quiet desk before they are opened (OpeningMode 'quiet'), so a close that comes at once finds
// them unopened — on its own process, or on the other one, which holds none of them. Every acknowledged paper must
// still be counted exactly once, and the record must recount. And the batch's reads bind id lists as text[]
// parameters, and insertRows binds a shared column once: odd characters must survive both.

for (const closer of ['the same', 'the other'] as const) {
  it(`papers acknowledged on one process (half resent to the other), closed at once on ${closer} process inside the quiet window: each counted once`, async () => {
    const N = 20;
    const [a, b] = await twoServers(`quiet_close_${closer.replace(' ', '_')}`);
    const s = await meetingWithTablets(a, N);
    await checkInTablets(a, s.tokens);
    await sealReady();
    for (let round = 0; round < 2; round++) {
      const ballotId = await openBallot(a, s, { secret: true, title: `第${round + 1}轮` });
      const paper = (i: number) => ({ key: `q${round}-${String(i).padStart(20, '0')}`, marks: { [s.candidateIds[i % s.candidateIds.length]!]: 'for' } });
      const acks = await Promise.all(
        Array.from({ length: N }, async (_, i) => {
          const envelope = (asSent(ballotId, paper(i)) as { envelope: string }).envelope;
          const one = a.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[i]!, envelope });
          // The second half is resent to the other process at once, as a tablet that reconnected there would.
          const two = i >= N / 2 ? b.app.paperDesk.submit({ ballotId, deputyId: s.deputyIds[i]!, envelope }) : one;
          const [first] = await Promise.all([one, two]);
          return { i, receipt: first.receipt };
        }),
      );
      const t = closer === 'the same' ? a : b;
      const operator = await t.as('operator');
      const closed = await t.app.inject({ method: 'POST', url: `/api/ballots/${ballotId}/close`, payload: {}, headers: { cookie: operator.cookie } });
      expect(closed.statusCode, closed.body).toBe(200);
      const tally = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/tally`, headers: { cookie: operator.cookie } })).tally;
      expect(tally.papers).toMatchObject({ returned: N, valid: N });
      const record = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/record`, headers: { cookie: operator.cookie } }));
      expect(sealedRecordProblems(record, acks.map((r) => r.receipt), acks.map((r) => paper(r.i).marks))).toEqual([]);
      await sleep(2500); // past both processes' quiet timers: nothing opened late, no key kept
      for (const p of [a, b]) {
        expect(p.app.ballots.opened.count(ballotId)).toBe(0);
        expect(p.app.ballots.keys.get(ballotId)).toBeUndefined();
      }
    }
  }, 180_000);
}

it('ids with quotes, commas, braces, backslashes and CJK go through the text[] parameters and shared binds unchanged', async () => {
  const [a] = await twoServers('odd_ids');
  const s = await meetingWithTablets(a, 4);
  await checkInTablets(a, s.tokens);
  const ballotId = await openBallot(a, s, { secret: false });
  const key = `named-${'0'.repeat(20)}`;
  const res = await submitPaper(a, s.tokens[0]!, ballotId, { key, marks: { [s.candidateIds[0]!]: 'for' } });
  expect(res.statusCode, res.body).toBeLessThan(300);
  const odd = ['a"b', 'c,d', '{e}', 'f\\g', 'NULL', '中文', "o'q", '', ' sp ', 'x\ny', '"', '\\', '{', '}', 'a}b{"', 'null'];
  const reads = await sharedWriteTransaction(a.app.db, (trx) =>
    readBatch(trx, ballotId, { deputyIds: [s.deputyIds[0]!, ...odd], trackers: odd, paperIds: odd, markIds: true }),
  );
  expect(reads.deputies.map((d) => d.id)).toEqual([s.deputyIds[0]]);
  expect(reads.taken.map((t) => [t.kind, t.key])).toEqual([['cast', s.deputyIds[0]]]);
  expect(reads.markIds).toEqual(s.candidateIds);
  const paperId = paperIdFor(ballotId, key);
  const again = await sharedWriteTransaction(a.app.db, (trx) => readBatch(trx, ballotId, { deputyIds: odd, trackers: [], paperIds: [paperId, ...odd], markIds: false }));
  expect(again.deputies).toEqual([]);
  expect(again.taken.map((t) => [t.kind, t.key])).toEqual([['paper', paperId]]);

  // A scratch table: a column shared by every row (bound once), one that differs, a number, bytes; then all-null.
  await sql`create table scratch (a text, b text, c bigint, d bytea)`.execute(a.app.db);
  const rows = odd.map((v, i) => ({ a: 'same"\\,{}', b: v, c: 7, d: Buffer.from([i]) }));
  await insertRows(a.app.db as never, 'scratch' as never, ['a', 'b', 'c', 'd'] as never, rows as never);
  await insertRows(a.app.db as never, 'scratch' as never, ['a', 'b', 'c'] as never, [{ a: null, b: 'x', c: null }, { a: null, b: 'y', c: null }] as never);
  const back = (await sql<{ a: string | null; b: string; c: number | null; d: Buffer | null }>`select a, b, c, d from scratch order by d nulls last, b`.execute(a.app.db)).rows;
  expect(back.slice(0, odd.length).map((r) => r.b)).toEqual(odd);
  expect(back.slice(0, odd.length).every((r, i) => r.a === 'same"\\,{}' && r.c === 7 && r.d?.[0] === i)).toBe(true);
  expect(back.slice(odd.length)).toEqual([
    { a: null, b: 'x', c: null, d: null },
    { a: null, b: 'y', c: null, d: null },
  ]);
}, 120_000);
