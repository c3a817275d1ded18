import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../server/db/database.ts';
import { json, makeApp } from './helpers/app.ts';
import { fixtureText } from './helpers/hall.ts';
import { run, startOutcome } from './helpers/process.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'piaojue-store-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the database', () => {
  it('is opened durable: WAL, synchronous=FULL, foreign keys on', async () => {
    const { db, sqlite } = openDatabase(tempDir());
    await migrateToLatest(db);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.destroy();
  });

  it('a failed migration stops the server with a non-zero exit and leaves no half-made schema', async () => {
    const dataDir = tempDir();
    const sqlite = new BetterSqlite3(path.join(dataDir, 'piaojue.db'));
    sqlite.exec('create table meeting (something_else text)'); // the core migration's CREATE TABLE meeting fails
    sqlite.close();
    const started = await startOutcome({ dataDir });
    expect(started).toMatch(/exited with 1 before listening/);
    expect(started).toContain('migration 20261129_0001_core failed');
    const after = new BetterSqlite3(path.join(dataDir, 'piaojue.db'), { readonly: true });
    const tables = after.prepare(`select name from sqlite_master where type = 'table' and name in ('account', 'ballot')`).all();
    after.close();
    expect(tables).toEqual([]);
    const migrate = await run(['--import', 'tsx', 'scripts/migrate.ts'], { env: { DATA_DIR: dataDir } });
    expect(migrate.code).toBe(1);
  });
});

describe('the audit chain', () => {
  it('audit:verify passes on an intact log and names the first altered, removed or inserted event', async () => {
    const t = await makeApp();
    const { cookie } = await t.as('operator');
    for (const name of ['一', '二', '三']) {
      await t.app.inject({ method: 'POST', url: '/api/meetings', headers: { cookie }, payload: { name, date: '2023-02-21' } });
    }
    const file = t.opened.file;
    const verify = () => run(['--import', 'tsx', 'scripts/audit-verify.ts', '--data-dir', t.dir]);
    expect((await verify()).code).toBe(0);
    expect(() => t.opened.sqlite.exec('update audit_event set actor = 1')).toThrow(/append-only/);
    expect(() => t.opened.sqlite.exec('delete from audit_event')).toThrow(/append-only/);
    await t.app.close();
    await t.opened.db.destroy();

    // The table refuses edits through SQL; someone with the file can drop the guard, and the chain catches them.
    const tamper = (sql: string) => {
      const db = new BetterSqlite3(file);
      db.exec('drop trigger if exists audit_event_no_update; drop trigger if exists audit_event_no_delete;');
      const snapshot = db.prepare('select * from audit_event order by seq').all();
      db.exec(sql);
      db.close();
      return () => {
        const restore = new BetterSqlite3(file);
        restore.exec('delete from audit_event');
        const insert = restore.prepare('insert into audit_event values (@seq, @at, @actor, @action, @meeting_id, @ballot_id, @detail, @prev_hash, @hash)');
        for (const row of snapshot) insert.run(row);
        restore.close();
      };
    };
    let undo = tamper(`update audit_event set detail = '{"name":"改"}' where seq = 3`);
    let out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('event 3');
    undo();
    expect((await verify()).code).toBe(0);

    undo = tamper('delete from audit_event where seq = 2');
    out = await verify();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('event 2');
    undo();

    undo = tamper(`insert into audit_event select 99, at, actor, action, meeting_id, ballot_id, detail, prev_hash, hash from audit_event where seq = 1`);
    out = await verify();
    expect(out.code).toBe(1);
    undo();
    rmSync(t.dir, { recursive: true, force: true });
  });
});

describe('imports', () => {
  it('re-importing the same candidates is refused with the spreadsheet row of each clash', async () => {
    const t = await makeApp();
    const { cookie } = await t.as('operator');
    const meeting = json(await t.app.inject({ method: 'POST', url: '/api/meetings', headers: { cookie }, payload: { name: '会议', date: '2023-02-21' } }));
    const url = `/api/meetings/${meeting.meeting.id}/candidates/import`;
    const csv = fixtureText('qinshui-2023-candidates.csv');
    const before = t.checksum();
    const preview = await t.app.inject({ method: 'POST', url: `${url}?dryRun=true`, headers: { cookie }, payload: { csv } });
    expect(json(preview).candidates).toHaveLength(15);
    expect(t.checksum()).toBe(before);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { csv } })).statusCode).toBe(201);
    const again = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { csv } });
    expect(again.statusCode).toBe(400);
    const problems = json(again).error.problems as { row: number; column: string }[];
    expect(problems).toHaveLength(30);
    expect(problems[0]).toMatchObject({ row: 2, column: '序号' });
    await t.close();
  });
});
