import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../server/audit/store.ts';
import { migrateToLatest, openStore } from '../server/db/database.ts';
import { engineOf } from '../server/db/engine.ts';
import { migrations } from '../migrations/index.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { run, startOutcome } from './helpers/process.ts';

// The store on PostgreSQL (issue 18, DESIGN §8): the one set of migrations, `npm run migrate`, start-up
// migrations, a failed migration, and what the code relies on (64-bit times, an append-only audit log).
describe('the store on PostgreSQL', () => {
  let cluster: PostgresCluster;
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'piaojue-pgstore-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('npm run migrate applies every migration once; a second run has nothing to do', async () => {
    const url = await cluster.createDatabase('migrate_twice');
    const first = await run(['--import', 'tsx', 'scripts/migrate.ts'], { env: { DATABASE_URL: url, DATA_DIR: tempDir() } });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const name of Object.keys(migrations)) expect(first.stdout).toContain(name);
    expect(first.stdout).toContain('postgres://piaojue@');
    const second = await run(['--import', 'tsx', 'scripts/migrate.ts'], { env: { DATABASE_URL: url, DATA_DIR: tempDir() } });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is up to date');

    const store = openStore({ dataDir: tempDir(), databaseUrl: url });
    try {
      expect(store.engine).toBe('postgres');
      expect(engineOf(store.db)).toBe('postgres');
      // Times are milliseconds since the epoch: 64-bit on PostgreSQL as on SQLite; money a double, envelopes bytes.
      const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name, data_type from information_schema.columns where table_schema = 'public'`.execute(store.db);
      const type = (t: string, c: string) => rows.find((r) => r.table_name === t && r.column_name === c)?.data_type;
      expect(type('ballot', 'deadline_at')).toBe('bigint');
      expect(type('paper_serial', 'printed_at')).toBe('bigint');
      expect(type('candidate', 'budget_wan')).toBe('double precision');
      expect(type('envelope', 'body')).toBe('bytea');
      expect(rows.filter((r) => r.data_type === 'integer' || r.data_type === 'real')).toEqual([]);
    } finally {
      await store.db.destroy();
    }
  }, 120_000);

  it('keeps the audit log append-only for any connection, reads bigint times back as numbers, and audit:verify checks it', async () => {
    const url = await cluster.createDatabase('audit_append_only');
    const store = openStore({ dataDir: tempDir(), databaseUrl: url });
    try {
      await migrateToLatest(store.db);
      const at = Date.UTC(2026, 11, 1, 8, 0, 0, 123);
      await store.db.transaction().execute((trx) => appendAudit(trx, { actor: 'test', action: 'test.event', detail: { n: 1 } }, at));
      const row = await store.db.selectFrom('audit_event').selectAll().executeTakeFirstOrThrow();
      expect(row.at).toBe(at);
      expect(row.seq).toBe(1);
      // A plain connection, not the server's, meets the same wall.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await expect(client.query(`update audit_event set actor = 'forger'`)).rejects.toThrow(/audit_event is append-only/);
        await expect(client.query('delete from audit_event')).rejects.toThrow(/audit_event is append-only/);
        await expect(client.query('truncate audit_event')).rejects.toThrow(/audit_event is append-only/);
        expect((await client.query('select count(*)::int as n from audit_event')).rows[0]).toEqual({ n: 1 });

        // npm run audit:verify reads PostgreSQL's log; an owner who lifts the triggers and edits an event is caught.
        await store.db.transaction().execute((trx) => appendAudit(trx, { actor: 'test', action: 'test.event', detail: { n: 2 } }, at + 1));
        const verify = () => run(['--import', 'tsx', 'scripts/audit-verify.ts'], { env: { DATABASE_URL: url, DATA_DIR: tempDir() } });
        const intact = await verify();
        expect(intact.stdout).toContain('audit log intact: 2 events');
        expect(intact.code).toBe(0);
        await client.query('alter table audit_event disable trigger user');
        await client.query(`update audit_event set detail = '{"n":3}' where seq = 2`);
        await client.query('alter table audit_event enable trigger user');
        const broken = await verify();
        expect(broken.stderr).toContain('audit log BROKEN at event 2');
        expect(broken.code).toBe(1);
      } finally {
        await client.end();
      }
    } finally {
      await store.db.destroy();
    }
  }, 60_000);

  it('a failed migration stops the server with exit 1 and leaves no half-made schema; so does npm run migrate', async () => {
    const url = await cluster.createDatabase('failed_migration');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('create table meeting (something_else text)'); // the core migration's CREATE TABLE meeting fails
      const started = await startOutcome({ dataDir: tempDir(), env: { DATABASE_URL: url } });
      expect(started).toMatch(/exited with 1 before listening/);
      expect(started).toContain('migration 20261129_0001_core failed');
      const { rows } = await client.query(`select table_name from information_schema.tables where table_schema = 'public' and table_name in ('account', 'ballot')`);
      expect(rows).toEqual([]);
      const migrate = await run(['--import', 'tsx', 'scripts/migrate.ts'], { env: { DATABASE_URL: url, DATA_DIR: tempDir() } });
      expect(migrate.code).toBe(1);
      expect(migrate.stderr).toContain('migration 20261129_0001_core failed');
    } finally {
      await client.end();
    }
  }, 120_000);

  it('refuses a database that does not sort text bytewise, and an unreachable one, with exit 1', async () => {
    // ICU's root collation sorts 'B' before 'a' differently from bytes: the server must refuse it, not sort wrongly.
    const client = new pg.Client({ connectionString: cluster.url('postgres') });
    await client.connect();
    try {
      await client.query(`create database wrong_collation template template0 encoding 'UTF8' locale_provider icu icu_locale 'und' lc_collate 'C' lc_ctype 'C'`);
    } finally {
      await client.end();
    }
    const wrong = await run(['--import', 'tsx', 'scripts/migrate.ts'], { env: { DATABASE_URL: cluster.url('wrong_collation'), DATA_DIR: tempDir() } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('piaojue needs C');
    const unreachable = await run(['--import', 'tsx', 'scripts/migrate.ts'], {
      env: { DATABASE_URL: `postgres://piaojue@/nowhere?host=${encodeURIComponent(cluster.dir)}&port=${cluster.port}`, DATA_DIR: tempDir() },
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('nowhere');
    const notPostgres = await run(['--import', 'tsx', 'scripts/migrate.ts'], { env: { DATABASE_URL: 'mysql://x/y', DATA_DIR: tempDir() } });
    expect(notPostgres.code).not.toBe(0);
    expect(notPostgres.stderr).toContain('DATABASE_URL must be a postgres:// URL');
  }, 60_000);
});
