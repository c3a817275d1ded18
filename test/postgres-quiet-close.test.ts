import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readBatch } from '../server/ballots/batch-reads.ts';
import { paperIdFor } from '../server/ballots/paper-batch.ts';
import { sharedWriteTransaction } from '../server/db/database.ts';
import { insertRows } from '../server/db/insert-rows.ts';
import { sealReady } from '../shared/seal.ts';
import { json, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, submitPaper } from './helpers/factories.ts';
import { serverOnPostgres } from './helpers/pg-apps.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { asSent, sealedRecordProblems } from './helpers/sealed.ts';

// Issue 18, after the paper path was cut to fewer round trips (by the r18 attack, which had not written it): on
// PostgreSQL envelopes wait for a quiet desk before they are opened (OpeningMode 'quiet'), so a close that comes
// at once finds them unopened — on its own process, or on the other one, which holds none of them. Every
// acknowledged paper must still be counted exactly once, and the record must recount. And the batch's reads bind
// id lists as text[] parameters, and insertRows binds a shared column once: odd characters must survive both.

let cluster: PostgresCluster;
let dir: string;
const apps: TestApp[] = [];
const secret = randomBytes(32);
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-pg-quiet-'));
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const t of apps) await t.close();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function twoServers(database: string): Promise<[TestApp, TestApp]> {
  const url = await cluster.createDatabase(database);
  const a = await serverOnPostgres(url, secret, path.join(dir, database), 'a');
  apps.push(a);
  const b = await serverOnPostgres(url, secret, path.join(dir, database), 'b');
  apps.push(b);
  return [a, b];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
