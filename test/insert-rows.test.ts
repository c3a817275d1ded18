import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openStore, type Db } from '../server/db/database.ts';
import { insertRows } from '../server/db/insert-rows.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';

// insertRows (server/db/insert-rows.ts): the close writes its papers and box as SQL text with bound parameters,
// not through the query builder. On both engines: every row arrives exactly, values are bound (quotes, NULLs,
// bytes, text that looks like SQL), and more rows than one statement takes go in several.

describe.each(['sqlite', 'postgres'] as const)('insertRows on %s', (engine) => {
  let db: Db;
  let cluster: PostgresCluster | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-insert-rows-'));

  beforeAll(async () => {
    let url: string | undefined;
    if (engine === 'postgres') {
      cluster = await startPostgres();
      url = await cluster.createDatabase('insert_rows');
    }
    db = openStore({ dataDir: dir, databaseUrl: url }).db;
    await migrateToLatest(db);
    await db.insertInto('meeting').values({ id: 'm-1', name: 'm', date: '2026-01-01', year: 2026, created_at: 0, scrutineer_public_key: null }).execute();
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every row and value as given, over several statements', async () => {
    await db
      .insertInto('ballot')
      .values({
        id: 'b-1', meeting_id: 'm-1', title: 't', options: '[]', seats: 1, max_approvals: 1, threshold: 'x', blank: 'abstain', ties: 'runoff', secret: 1,
        duration_ms: 1, close_when_all_voted: 0, status: 'closed', runoff_of: null, opened_at: null, deadline_at: null, closed_at: null, close_reason: null,
        announced_at: null, seated: null, present: null, presidium_decision: null, evaluation_report: null, created_at: 0, opening: null,
        seal_public_key: null, seal_plaintext_length: null, paper_only: 0, issued: null, paper_counted_at: null,
      })
      .execute();
    const papers = Array.from({ length: 2_345 }, (_, i) => ({
      ballot_id: 'b-1',
      id: `p-${String(i).padStart(6, '0')}`,
      marks: i % 7 === 0 ? `{"c'1":"for"}); drop table paper; --` : `{"c-${i}":"against"}`,
      valid: i % 2,
      invalid_reason: i % 2 ? null : 'over-cap',
      digest: `d${i}`,
      deputy_id: null,
      source: 'tablet' as const,
    }));
    await db.transaction().execute((trx) => insertRows(trx, 'paper', ['ballot_id', 'id', 'marks', 'valid', 'invalid_reason', 'digest', 'deputy_id', 'source'], papers));
    const back = await db.selectFrom('paper').select(['ballot_id', 'id', 'marks', 'valid', 'invalid_reason', 'digest', 'deputy_id', 'source']).orderBy('id').execute();
    expect(back).toEqual(papers);
    const envelope = { ballot_id: 'b-1', tracker: 't-1', body: Buffer.from([0, 1, 2, 255, 39, 92]) };
    await insertRows(db, 'envelope', ['ballot_id', 'tracker', 'body'], [envelope]);
    const stored = await db.selectFrom('envelope').select('body').executeTakeFirstOrThrow();
    expect(Buffer.from(stored.body).equals(envelope.body)).toBe(true);
  });

  it('writes nothing for no rows, and a constraint violation changes nothing', async () => {
    await insertRows(db, 'ballot_box', ['ballot_id', 'tracker'], []);
    const dup = [{ ballot_id: 'b-1', tracker: 'x' }, { ballot_id: 'b-1', tracker: 'x' }];
    await expect(db.transaction().execute((trx) => insertRows(trx, 'ballot_box', ['ballot_id', 'tracker'], dup))).rejects.toThrow();
    expect(await db.selectFrom('ballot_box').selectAll().execute()).toEqual([]);
  });
});
