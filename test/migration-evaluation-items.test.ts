import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.ts';
import { ballotCandidates, ballotItems } from '../server/ballots/store.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../server/db/database.ts';

// Migration 0005 (issue 14): an evaluation made before it rated "stand-in" candidates (序号 901…) that sat in the
// meeting's candidate list. On a real database file, such a ballot keeps its papers and marks unchanged, its
// items become projects, and the stand-ins leave the candidate list (so the next 票决 form no longer offers them).

let dir: string;
let opened: OpenedDatabase;
afterEach(async () => {
  await opened?.db.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const project = (id: string, seq: number, name: string) => ({
  id, year: 2023, seq, source: 'import', name, summary: '', annual_task: '任务', units_lead: '[]', units_cooperate: '[]', units_implement: '[]',
  county_leader: '', responsible_leader: '', leader_in_charge: '', contacts: '[]', remarks: '', created_at: 1,
});
const candidate = (id: string, seq: number, name: string) => ({
  id, meeting_id: 'm1', seq, name, summary: '', annual_task: '', units_lead: '[]', units_cooperate: '[]', units_implement: '[]',
  county_leader: '', responsible_leader: '', leader_in_charge: '', contacts: '[]', remarks: '', created_at: 1,
});

describe('migration 0005: evaluation items', () => {
  it('turns stand-in candidates into the ballot’s project items, papers untouched', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'piaojue-mig5-'));
    opened = openDatabase(dir);
    const db = opened.db as any;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock' });
    expect((await migrator.migrateTo('20261130_0200_trust')).error).toBeUndefined();

    await db.insertInto('meeting').values({ id: 'm1', name: '2024', date: '2024-02-20', year: 2024, created_at: 1 }).execute();
    await db.insertInto('tracked_project').values([project('pr-b', 7, '乙项目'), project('pr-a', 3, '甲项目')]).execute();
    await db.insertInto('candidate').values([candidate('c-own', 1, '本年候选'), candidate('c-901', 901, '甲项目（2023年）'), candidate('c-902', 902, '乙项目')]).execute();
    await db.insertInto('project_evaluation').values([
      { candidate_id: 'c-901', project_id: 'pr-a', meeting_id: 'm1' },
      { candidate_id: 'c-902', project_id: 'pr-b', meeting_id: 'm1' },
    ]).execute();
    await db.insertInto('ballot').values({
      id: 'b1', meeting_id: 'm1', title: '测评', options: '["satisfied","basically_satisfied","dissatisfied"]', max_approvals: null, seats: null,
      threshold: 'valid-majority', blank: 'abstain', ties: 'runoff', secret: 1, duration_ms: 60000, close_when_all_voted: 0, status: 'closed', created_at: 1,
    }).execute();
    await db.insertInto('ballot_candidate').values([
      { ballot_id: 'b1', candidate_id: 'c-901', position: 0 },
      { ballot_id: 'b1', candidate_id: 'c-902', position: 1 },
    ]).execute();
    const marks = '{"c-901":"satisfied","c-902":"dissatisfied"}';
    await db.insertInto('paper').values({ ballot_id: 'b1', id: 'p-1', marks, valid: 1, invalid_reason: null, digest: 'd', deputy_id: null }).execute();

    // Every migration from 0300 on applies to the old database (later ones too, as they are added).
    expect(await migrateToLatest(opened.db)).toEqual(Object.keys(migrations).filter((name) => name >= '20261130_0300').sort());

    const candidates = await db.selectFrom('candidate').select(['id', 'seq']).execute();
    expect(candidates).toEqual([{ id: 'c-own', seq: 1 }]);
    expect(await ballotItems(opened.db, 'b1')).toMatchObject([
      { id: 'c-901', projectId: 'pr-a', seq: 1, name: '甲项目', annualTask: '任务' },
      { id: 'c-902', projectId: 'pr-b', seq: 2, name: '乙项目' },
    ]);
    expect((await ballotCandidates(opened.db, 'b1')).map((c) => c.id)).toEqual(['c-901', 'c-902']);
    expect((await db.selectFrom('paper').select('marks').executeTakeFirst()).marks).toBe(marks);
    expect((await db.selectFrom('ballot').select('evaluation_report').executeTakeFirst()).evaluation_report).toBe('rating');
    const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r: { name: string }) => r.name);
    expect(tables).not.toContain('project_evaluation');
  });
});
