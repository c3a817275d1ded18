import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { submitPaper } from './helpers/factories.ts';
import { fixtureText } from './helpers/hall.ts';
import { accounts, at, votedYear, yearOnTheClock } from './helpers/year.ts';

// Nothing acknowledged is lost or doubled in the year after the vote: the forms that create an inspection (视察), a
// deputy's opinion (意见) or a 整改 follow-up send an idempotency key (`clientKey`), as the progress report's does. A
// resend with the key (a double click, a retry after a lost answer) is answered with the first item — 200,
// `replayed: true`, the same id — and writes and audits nothing; two identical requests racing file one; different
// keys file two; a malformed key is refused (400 invalid_input) and changes nothing. Real app, real SQLite file.

const y = yearOnTheClock(9, at('2023-03-01T09:00:00'));
const png = async () => (await sharp({ create: { width: 8, height: 8, channels: 3, background: '#37a' } }).png().toBuffer()).toString('base64');
const BAD_KEYS = ['short', 'has space in it', 'a'.repeat(65), 'key/with/slash', 12345678];

/** How many rows of `table` carry `key`; and the audit events of `action`. */
const rows = (table: string, key: string) => (y.t.opened.sqlite.prepare(`select count(*) as n from ${table} where client_key = ?`).get(key) as { n: number }).n;
const audited = (action: string) => (y.t.opened.sqlite.prepare('select count(*) as n from audit_event where action = ?').get(action) as { n: number }).n;

/**
 * The shared walk over one creating route: bad keys, a key twice, the same key racing, different keys.
 * `idOf` reads the created item's id from the answer; `table` and `action` are where a filing shows.
 */
async function walk(opts: { url: string; cookie: string; body: Record<string, unknown>; idOf: (b: any) => string; table: string; action: string; tag: string }) {
  const { url, cookie, body, idOf, table, action, tag } = opts;
  const send = (extra: object) => y.call('POST', url, cookie, { ...body, ...extra });

  // A malformed key: refused at its path, nothing written.
  const untouched = y.t.checksum();
  for (const clientKey of BAD_KEYS) {
    const bad = await send({ clientKey });
    expect(bad.status, JSON.stringify(bad.body)).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    expect(bad.body.error.issues[0].path).toBe('clientKey');
  }
  expect(y.t.checksum()).toBe(untouched);

  // The same key twice: one row, the same id, `replayed`; nothing written or audited the second time, even when the
  // resend's text differs (the form was edited after a lost answer: the first filing stands).
  const k1 = `${tag}-first-0001`;
  const first = await send({ clientKey: k1 });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  expect(first.body.replayed).toBe(false);
  const events = audited(action);
  const after = y.t.checksum();
  const again = await send({ clientKey: k1 });
  expect(again.status, JSON.stringify(again.body)).toBe(200);
  expect(again.body.replayed).toBe(true);
  expect(idOf(again.body)).toBe(idOf(first.body));
  expect(y.t.checksum()).toBe(after);
  expect(audited(action)).toBe(events);
  expect(rows(table, k1)).toBe(1);

  // Two identical requests at once (a double click): one row; one 201, one replay naming it.
  const k2 = `${tag}-race-00002`;
  const raced = await Promise.all([send({ clientKey: k2 }), send({ clientKey: k2 }), send({ clientKey: k2 })]);
  expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 201]);
  expect(new Set(raced.map((r) => idOf(r.body))).size).toBe(1);
  expect(rows(table, k2)).toBe(1);
  expect(audited(action)).toBe(events + 1);

  // Different keys: two rows.
  const [a, b] = [await send({ clientKey: `${tag}-other-0003` }), await send({ clientKey: `${tag}-other-0004` })];
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(idOf(a.body)).not.toBe(idOf(b.body));
  expect(rows(table, `${tag}-other-0003`) + rows(table, `${tag}-other-0004`)).toBe(2);
  expect(audited(action)).toBe(events + 3);
  return { firstId: idOf(first.body) as string, send };
}

describe('supervision forms file once per clientKey', () => {
  it('inspections (视察): replay, race (photos written once), different keys, bad keys; keys are per project', async () => {
    const projects = await votedYear(y.t, y.s);
    const [park, other] = [projects.get('口袋公园建设项目'), [...projects.values()].find((p) => p.name !== '口袋公园建设项目')];
    const signIn = await accounts(y.t, { op: { role: 'operator' } });
    y.clock = at('2023-05-10T10:00:00');
    const op = await signIn('op');
    const photos = [{ filename: 'site.png', contentType: 'image/png', dataBase64: await png() }];
    const body = { date: '2023-05-09', kind: 'inspection', deputyIds: [y.s.deputyIds[0]], findings: '施工现场已围挡。', photos };
    const photoDir = path.join(y.t.dir, 'photos');
    const files = () => (existsSync(photoDir) ? readdirSync(photoDir).length : 0);

    const { firstId, send } = await walk({ url: `/api/projects/${park.id}/inspections`, cookie: op, body, idOf: (b) => b.inspectionId, table: 'inspection', action: 'project.inspected', tag: 'in' });
    // Four inspections filed, one photo each: the replays' and the race losers' photo files were removed.
    expect(files()).toBe(4);
    const view = (await y.call('GET', `/api/projects/${park.id}/supervision`, op)).body.supervision;
    expect(view.inspections).toHaveLength(4);
    expect(JSON.stringify(view)).not.toContain('in-first-0001'); // the key is the form's, not shown

    // A resend answers with the first even when its findings were edited meanwhile; and without a key, each
    // submission is a new inspection (as before keys).
    const edited = await send({ clientKey: 'in-first-0001', findings: '改过的文字' });
    expect(edited.body).toMatchObject({ inspectionId: firstId, replayed: true });
    expect(files()).toBe(4);
    const plain = { date: body.date, kind: body.kind, deputyIds: body.deputyIds, findings: body.findings };
    expect((await y.call('POST', `/api/projects/${park.id}/inspections`, op, plain)).status).toBe(201);
    expect((await y.call('POST', `/api/projects/${park.id}/inspections`, op, plain)).status).toBe(201);

    // The same key on another project is another form: a new inspection there.
    const elsewhere = await y.call('POST', `/api/projects/${other.id}/inspections`, op, { ...body, photos: [], clientKey: 'in-first-0001' });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);
    expect(elsewhere.body.inspectionId).not.toBe(firstId);
    expect((await y.call('GET', '/api/audit/verify', op)).body).toMatchObject({ ok: true });
  }, 90_000);

  it('opinions (意见): replay, race, different keys, bad keys', async () => {
    const projects = await votedYear(y.t, y.s);
    const park = projects.get('口袋公园建设项目');
    const signIn = await accounts(y.t, { op: { role: 'operator' } });
    y.clock = at('2023-05-10T10:00:00');
    const op = await signIn('op');
    const body = { deputyId: y.s.deputyIds[2], date: '2023-05-10', text: '建议夜间照明延长。' };
    await walk({ url: `/api/projects/${park.id}/opinions`, cookie: op, body, idOf: (b) => b.opinionId, table: 'deputy_opinion', action: 'project.opinion_recorded', tag: 'op' });
    expect((await y.call('GET', `/api/projects/${park.id}/supervision`, op)).body.supervision.opinions).toHaveLength(4);
    expect((await y.call('GET', '/api/audit/verify', op)).body).toMatchObject({ ok: true });
  }, 90_000);

  it('整改 follow-ups: replay (also after closure), race, different keys, bad keys; keys are per task', async () => {
    const signIn = await accounts(y.t, { op: { role: 'operator' }, zj: { role: 'unit', unitName: '住建局' } });
    const op = await signIn('op');
    expect((await y.call('POST', '/api/projects/import-completed', op, JSON.parse(fixtureText('qinshui-2022-completed.json')))).status).toBe(201);
    const year = ((await y.call('GET', '/api/projects?year=2022', op)).body.projects as { id: string; seq: number }[]).sort((a, b) => a.seq - b.seq);
    const bad = year[0]!;
    const created = await y.call('POST', `/api/meetings/${y.s.meetingId}/evaluations`, op, { year: 2022, title: '2022 年民生实事项目满意度测评', projectIds: [bad.id], threshold: 'rated-majority' });
    const ballotId = created.body.ballot.id as string;
    expect((await y.call('POST', `/api/ballots/${ballotId}/open`, y.s.cookie)).status).toBe(200);
    for (let i = 0; i < 9; i++) {
      expect((await submitPaper(y.t, y.s.tokens[i]!, ballotId, { key: `rect-paper-${String(i).padStart(8, '0')}`, marks: { [bad.id]: 'dissatisfied' } })).statusCode).toBe(201);
    }
    await y.call('POST', `/api/ballots/${ballotId}/close`, y.s.cookie);
    expect((await y.call('POST', `/api/ballots/${ballotId}/announce`, y.s.cookie)).status).toBe(200);
    const task = (await y.call('GET', `/api/projects/${bad.id}/supervision`, op)).body.supervision.rectifications[0];
    expect(task).toBeDefined();
    expect((await y.call('POST', `/api/projects/${bad.id}/edit`, op, { reason: '明确责任单位', fields: { units: { lead: ['住建局'], cooperate: [], implement: [] } } })).status).toBe(200);
    y.clock = at('2023-05-02T09:00:00');
    const zj = await signIn('zj');
    const url = `/api/projects/${bad.id}/rectifications/${task.id}`;
    const { firstId, send } = await walk({ url: `${url}/reports`, cookie: zj, body: { date: '2023-05-02', text: '已修补路面 30 处。' }, idOf: (b) => b.reportId, table: 'rectification_report', action: 'project.rectification_reported', tag: 'rr' });
    expect((await y.call('GET', `/api/projects/${bad.id}/supervision`, zj)).body.supervision.rectifications[0].reports).toHaveLength(4);

    // Closed, the task takes no new follow-up (409), but a resend of one it took is still answered as filed.
    const op2 = await signIn('op');
    expect((await y.call('POST', `${url}/close`, op2, { date: '2023-05-02', note: '已整改' })).status).toBe(200);
    expect((await send({ clientKey: 'rr-new-after-close' })).status).toBe(409);
    const late = await send({ clientKey: 'rr-first-0001' });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ reportId: firstId, replayed: true });
    expect((await y.call('GET', '/api/audit/verify', op2)).body).toMatchObject({ ok: true });
  }, 120_000);
});
