import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText, pairTablets, setUpQinshui } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { startPostgres, type PostgresCluster } from './helpers/postgres.ts';
import { startServer, type ServerProcess } from './helpers/process.ts';

// The supervision forms' idempotency keys (migration 20261201_0100_supervision_keys) on PostgreSQL, with two server
// processes on one database (DESIGN §8): the same inspection, opinion and 整改 follow-up sent to both processes at
// once files one row — the loser's transaction, run again under the write lock, finds the winner and answers it
// `replayed` — and a later resend to either process answers the same id; other keys file other rows; a bad key is
// refused with nothing written.
describe('supervision clientKeys on PostgreSQL, two processes', () => {
  let dir: string;
  let cluster: PostgresCluster;
  let url: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let httpA: Http;
  let httpB: Http;
  let client: pg.Client;
  let projectId: string;
  let taskId: string;
  let today: string;
  let deputyIds: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'piaojue-pgkeys-'));
    cluster = await startPostgres();
    url = await cluster.createDatabase('supervision_keys');
    const start = () => startServer({ dataDir: path.join(dir, 'data'), env: { DATABASE_URL: url } });
    [a, b] = await Promise.all([start(), start()]);
    httpA = new Http(a.url);
    httpB = new Http(b.url);
    await httpA.login('admin', 'test-admin-password');
    await httpB.login('admin', 'test-admin-password');
    client = new pg.Client({ connectionString: url });
    await client.connect();

    // A 2022 project rated 不满意 at the 2023 session: it has a 整改 task; the roster is the session's.
    expect((await httpA.post('/api/projects/import-completed', JSON.parse(fixtureText('qinshui-2022-completed.json')))).status).toBe(201);
    const hall = await setUpQinshui(httpA, 3);
    deputyIds = hall.deputies.map((d) => d.id);
    const year = ((await httpA.get('/api/projects?year=2022')).body.projects as { id: string; seq: number }[]).sort((x, y) => x.seq - y.seq);
    projectId = year[0]!.id;
    const created = await httpA.post(`/api/meetings/${hall.meetingId}/evaluations`, { year: 2022, title: '2022 年民生实事项目满意度测评', projectIds: [projectId], threshold: 'rated-majority' });
    expect(created.status).toBe(201);
    const ballotId = created.body.ballot.id as string;
    const tokens = await pairTablets(httpA, hall.meetingId, deputyIds);
    for (const token of tokens) expect((await httpA.post('/api/deputy/check-in', {}, token)).status).toBe(201);
    expect((await httpA.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);
    for (const [i, token] of tokens.entries()) {
      expect((await httpA.post(`/api/deputy/ballots/${ballotId}/papers`, { key: `pg-keys-paper-${String(i).padStart(6, '0')}`, marks: { [projectId]: 'dissatisfied' } }, token)).status).toBe(201);
    }
    expect((await httpA.post(`/api/ballots/${ballotId}/close`)).status).toBe(200);
    expect((await httpA.post(`/api/ballots/${ballotId}/announce`)).status).toBe(200);
    const task = (await httpA.get(`/api/projects/${projectId}/supervision`)).body.supervision.rectifications[0];
    taskId = task.id;
    today = task.openedOn; // opened at the announcement, today: every date below is that day
  }, 240_000);

  afterAll(async () => {
    await client?.end();
    await a?.stop();
    await b?.stop();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const count = async (table: string, key: string) => Number((await client.query(`select count(*) as n from ${table} where client_key = $1`, [key])).rows[0].n);
  const total = async (table: string) => Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
  const audited = async (action: string) => Number((await client.query('select count(*) as n from audit_event where action = $1', [action])).rows[0].n);

  const cases = () => [
    { what: 'inspection', route: `/api/projects/${projectId}/inspections`, body: { date: today, kind: 'inspection', deputyIds: [deputyIds[0]], findings: '现场已围挡。' }, id: 'inspectionId', table: 'inspection', action: 'project.inspected' },
    { what: 'opinion', route: `/api/projects/${projectId}/opinions`, body: { deputyId: deputyIds[1], date: today, text: '建议公开整改台账。' }, id: 'opinionId', table: 'deputy_opinion', action: 'project.opinion_recorded' },
    { what: '整改 follow-up', route: `/api/projects/${projectId}/rectifications/${taskId}/reports`, body: { date: today, text: '已修补路面。' }, id: 'reportId', table: 'rectification_report', action: 'project.rectification_reported' },
  ];

  it('the same key on both processes at once files one row; a resend answers it; other keys file others; a bad key nothing', async () => {
    for (const c of cases()) {
      const rowsBefore = await total(c.table);
      const eventsBefore = await audited(c.action);
      const bad = await httpB.post(c.route, { ...c.body, clientKey: 'bad key!' });
      expect(bad.status, c.what).toBe(400);
      expect(bad.body.error.code).toBe('invalid_input');
      expect(await total(c.table)).toBe(rowsBefore);

      const key = `pg-${c.table.replaceAll('_', '-')}-race`;
      const raced = await Promise.all([httpA, httpB, httpA, httpB].map((h) => h.post(c.route, { ...c.body, clientKey: key })));
      expect(raced.map((r) => r.status).sort(), `${c.what}: ${JSON.stringify(raced.map((r) => r.body.error ?? r.status))}`).toEqual([200, 200, 200, 201]);
      const ids = new Set(raced.map((r) => r.body[c.id] as string));
      expect(ids.size, c.what).toBe(1);
      expect(raced.filter((r) => r.body.replayed === true)).toHaveLength(3);
      expect(await count(c.table, key)).toBe(1);

      const again = await httpB.post(c.route, { ...c.body, clientKey: key });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ [c.id]: [...ids][0], replayed: true });

      const [x, y] = await Promise.all([httpA.post(c.route, { ...c.body, clientKey: `${key}-x` }), httpB.post(c.route, { ...c.body, clientKey: `${key}-y` })]);
      expect([x.status, y.status]).toEqual([201, 201]);
      expect(x.body[c.id]).not.toBe(y.body[c.id]);
      expect(await total(c.table)).toBe(rowsBefore + 3);
      expect(await audited(c.action)).toBe(eventsBefore + 3);
    }
    expect((await httpA.get('/api/audit/verify')).body).toMatchObject({ ok: true });
  }, 120_000);
});
