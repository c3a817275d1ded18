import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { keySequence, submitPaper } from './helpers/factories.ts';
import { fixtureText } from './helpers/hall.ts';
import { accounts, at, votedYear, yearOnTheClock } from './helpers/year.ts';

// Deputies supervise (issue 16, DESIGN §11): inspections with findings and photos, corrected and withdrawn with a
// reason; opinions and the responsible unit's reply (only its own projects); 整改 opened by the announcement of a
// 不满意 rating (once, whatever the re-runs), its deadline, follow-up, overdue flag and closure; a project nobody
// rated shown 无人评价, never 不满意 nor 整改, while the ballot record keeps the tally's rating.

const y = yearOnTheClock(9, at('2023-03-01T09:00:00'));
const key = keySequence('supervise-key-', 10);

const png = async () => (await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a7' } }).png().toBuffer()).toString('base64');
const audit = async (cookie: string, action: string) =>
  ((await y.call('GET', '/api/audit', cookie)).body.events as { action: string; detail: any }[]).filter((e) => e.action === action).map((e) => e.detail);

describe('supervision', () => {
  it('inspections and opinions: roster, photos, corrections, withdrawal, replies by the own unit only', async () => {
    const projects = await votedYear(y.t, y.s);
    const park = projects.get('口袋公园建设项目');
    const signIn = await accounts(y.t, { op: { role: 'operator' }, yl: { role: 'unit', unitName: '园林绿化中心' }, zj: { role: 'unit', unitName: '住建局' } });
    y.clock = at('2023-05-10T10:00:00');
    const op = await signIn('op');
    const url = `/api/projects/${park.id}`;
    const roster = (await y.call('GET', `${url}/supervision`, op)).body.roster as { id: string; name: string }[];
    expect(roster.map((d) => d.id).sort()).toEqual([...y.s.deputyIds].sort());

    // Bad input changes nothing: a deputy of no meeting, a future date, nobody taking part, a unit recording.
    const ylEarly = await signIn('yl');
    const before = y.t.checksum();
    const body = { date: '2023-05-09', kind: 'inspection', deputyIds: [y.s.deputyIds[0], y.s.deputyIds[1]], findings: '园路铺装已完成，绿化苗木待补植。', photos: [{ filename: 'park.png', contentType: 'image/png', dataBase64: await png() }] };
    const stranger = await y.call('POST', `${url}/inspections`, op, { ...body, deputyIds: ['d-stranger'] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.issues[0]).toMatchObject({ path: 'deputyIds.0', code: 'deputy_not_on_roster' });
    expect((await y.call('POST', `${url}/inspections`, op, { ...body, date: '2023-05-11' })).status).toBe(400);
    expect((await y.call('POST', `${url}/inspections`, op, { ...body, deputyIds: [] })).status).toBe(400);
    expect((await y.call('POST', `${url}/inspections`, ylEarly, body)).status).toBe(403);
    expect(y.t.checksum()).toBe(before);

    const made = await y.call('POST', `${url}/inspections`, op, body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const inspectionId = made.body.inspectionId as string;
    const staffView = made.body.supervision.inspections[0];
    expect(staffView).toMatchObject({ kindLabel: '视察', deputyCount: 2, withdrawn: null, corrected: false });
    expect(staffView.deputies.map((d: { id: string }) => d.id)).toEqual(body.deputyIds);
    const photoUrl = staffView.photos[0].url as string;
    expect((await y.t.app.inject({ method: 'GET', url: photoUrl })).headers['content-type']).toBe('image/png');

    // The public sees findings, date and how many deputies — not who.
    const names = roster.filter((d) => body.deputyIds.includes(d.id)).map((d) => d.name);
    let pub = (await y.call('GET', `/api/public/projects/${park.id}/supervision`)).body.supervision;
    expect(pub.inspections).toMatchObject([{ date: '2023-05-09', kind: 'inspection', findings: body.findings, deputyCount: 2 }]);
    for (const n of names) expect(JSON.stringify(pub)).not.toContain(n);
    expect(pub.inspections[0].deputies).toBeUndefined();

    // Corrected (督查, three deputies) and withdrawn, each with a reason, audited; withdrawn leaves the public page.
    const edit = { reason: '补录参加代表', inspection: { date: '2023-05-09', kind: 'supervision', deputyIds: [...body.deputyIds, y.s.deputyIds[2]], findings: body.findings } };
    expect((await y.call('POST', `${url}/inspections/${inspectionId}/edit`, op, { ...edit, reason: '' })).status).toBe(400);
    const edited = await y.call('POST', `${url}/inspections/${inspectionId}/edit`, op, edit);
    expect(edited.body.supervision.inspections[0]).toMatchObject({ kindLabel: '督查', deputyCount: 3, corrected: true });
    expect((await y.call('POST', `${url}/inspections/${inspectionId}/edit`, op, edit)).status).toBe(400);
    const second = await y.call('POST', `${url}/inspections`, op, { ...body, photos: [], date: '2023-05-10', findings: '复查：苗木已补植。' });
    const gone = await y.call('POST', `${url}/inspections/${second.body.inspectionId}/withdraw`, op, { reason: '重复录入' });
    expect(gone.body.supervision.inspections[1].withdrawn).toMatchObject({ reason: '重复录入' });
    expect((await y.call('POST', `${url}/inspections/${second.body.inspectionId}/withdraw`, op, { reason: '重复录入' })).status).toBe(409);
    pub = (await y.call('GET', `/api/public/projects/${park.id}/supervision`)).body.supervision;
    expect(pub.inspections.map((i: { findings: string }) => i.findings)).toEqual([body.findings]);

    // Opinions: recorded by the secretariat, answered by a responsible unit only, the deputy's verdict optional.
    const opinion = await y.call('POST', `${url}/opinions`, op, { deputyId: y.s.deputyIds[3], date: '2023-05-10', text: '建议增设无障碍通道。' });
    expect(opinion.status).toBe(201);
    const opinionId = opinion.body.opinionId as string;
    expect(opinion.body.supervision.opinions).toMatchObject([{ status: 'pending', reply: null, verdict: null }]);
    const zj = await signIn('zj');
    expect((await y.call('GET', `${url}/supervision`, zj)).status).toBe(403);
    expect((await y.call('POST', `${url}/opinions/${opinionId}/reply`, zj, { text: '已安排' })).status).toBe(403);
    expect((await y.call('POST', `${url}/opinions/${opinionId}/reply`, op, { text: '已安排' })).status).toBe(403);
    expect((await y.call('POST', `${url}/opinions/${opinionId}/verdict`, op, { verdict: 'satisfied' })).status).toBe(409);
    const yl = await signIn('yl');
    expect((await y.call('GET', `${url}/supervision`, yl)).body.supervision.opinions).toHaveLength(1);
    const replied = await y.call('POST', `${url}/opinions/${opinionId}/reply`, yl, { text: '已在东侧入口增设无障碍坡道。' });
    expect(replied.body.supervision.opinions[0]).toMatchObject({ status: 'answered', reply: { unit: '园林绿化中心', text: '已在东侧入口增设无障碍坡道。' } });
    expect((await y.call('POST', `${url}/opinions/${opinionId}/reply`, yl, { text: '再答' })).status).toBe(409);
    const verdict = await y.call('POST', `${url}/opinions/${opinionId}/verdict`, op, { verdict: 'satisfied' });
    expect(verdict.body.supervision.opinions[0].verdict).toBe('satisfied');
    pub = (await y.call('GET', `/api/public/projects/${park.id}/supervision`)).body.supervision;
    expect(pub).toMatchObject({ opinionCounts: { total: 1, answered: 1 } });
    expect(pub.opinions).toBeUndefined();

    expect(await audit(op, 'project.inspected')).toHaveLength(2);
    expect(await audit(op, 'project.inspection_corrected')).toMatchObject([{ reason: '补录参加代表', before: { kind: 'inspection' }, after: { kind: 'supervision' } }]);
    expect(await audit(op, 'project.inspection_withdrawn')).toMatchObject([{ reason: '重复录入' }]);
    expect(await audit(op, 'project.opinion_replied')).toMatchObject([{ unit: '园林绿化中心' }]);
    expect(await audit(op, 'project.opinion_verdict')).toMatchObject([{ verdict: 'satisfied' }]);
    expect((await y.call('GET', '/api/audit/verify', op)).body).toMatchObject({ ok: true });
  }, 90_000);

  it('整改 for 不满意, once; deadline, follow-up, overdue, closure; nobody rated is 无人评价', async () => {
    const signIn = await accounts(y.t, { op: { role: 'operator' }, zj: { role: 'unit', unitName: '住建局' } });
    const op = await signIn('op');
    expect((await y.call('POST', '/api/projects/import-completed', op, JSON.parse(fixtureText('qinshui-2022-completed.json')))).status).toBe(201);
    const year = ((await y.call('GET', '/api/projects?year=2022', op)).body.projects as { id: string; seq: number; name: string }[]).sort((a, b) => a.seq - b.seq);
    const [bad, nobody, good] = [year[0]!, year[1]!, year[2]!];
    const created = await y.call('POST', `/api/meetings/${y.s.meetingId}/evaluations`, op, {
      year: 2022,
      title: '2022 年民生实事项目满意度测评',
      projectIds: [bad.id, nobody.id, good.id],
      threshold: 'rated-majority',
    });
    const ballotId = created.body.ballot.id as string;
    expect((await y.call('POST', `/api/ballots/${ballotId}/open`, y.s.cookie)).status).toBe(200);
    for (let i = 0; i < 9; i++) {
      const marks = { [bad.id]: i < 3 ? 'satisfied' : 'dissatisfied', [good.id]: 'satisfied' };
      expect((await submitPaper(y.t, y.s.tokens[i]!, ballotId, { key: key(), marks })).statusCode).toBe(201);
    }
    await y.call('POST', `/api/ballots/${ballotId}/close`, y.s.cookie);
    expect((await y.call('POST', `/api/ballots/${ballotId}/announce`, y.s.cookie)).status).toBe(200);

    // Nobody rated: the record keeps the tally's 不满意 (DESIGN §9); the project shows 无人评价 and gets no 整改.
    const record = (await y.call('GET', `/api/ballots/${ballotId}/record`, y.s.cookie)).body;
    expect(JSON.stringify(record)).toContain(nobody.id);
    const evaluation = async (id: string) => (await y.call('GET', `/api/projects/${id}`, op)).body.project.evaluation;
    expect(await evaluation(nobody.id)).toMatchObject({ unrated: true, rating: null, ratingLabel: '无人评价', satisfactionRate: null, rectification: false });
    expect((await y.call('GET', `/api/public/projects/${nobody.id}`)).body.project.evaluation).toMatchObject({ unrated: true, rating: null, rectification: false });
    expect(await evaluation(bad.id)).toMatchObject({ rating: 'dissatisfied', rectification: true, unrated: false });
    let staff = op;
    const supervision = async (id: string) => (await y.call('GET', `/api/projects/${id}/supervision`, staff)).body.supervision;
    expect((await supervision(nobody.id)).rectifications).toEqual([]);
    expect((await supervision(good.id)).rectifications).toEqual([]);
    const task = (await supervision(bad.id)).rectifications;
    expect(task).toMatchObject([{ ballotId, deadline: null, status: 'no_deadline', overdue: false }]);

    // Promotion re-run: nothing new, nothing written.
    const before = y.t.checksum();
    expect((await y.call('POST', `/api/ballots/${ballotId}/promote`, op)).body.changed).toEqual([]);
    expect(y.t.checksum()).toBe(before);
    expect((await supervision(bad.id)).rectifications).toHaveLength(1);

    const url = `/api/projects/${bad.id}/rectifications/${task[0].id}`;
    // Nothing about the task is dated before it was opened (the day the evaluation was announced): not its
    // follow-up, its closure (销号) nor its deadline — though 2022 is the project's year. Nothing changes.
    const unchanged = y.t.checksum();
    for (const [path, body] of [['reports', { date: '2022-12-01', text: '提前整改' }], ['close', { date: '2023-02-20', note: '已整改' }], ['deadline', { deadline: '2023-02-20' }]] as const) {
      const res = await y.call('POST', `${url}/${path}`, op, body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.issues[0]).toMatchObject({ code: 'date_before_opened', params: { opened: task[0].openedOn } });
    }
    expect(y.t.checksum()).toBe(unchanged);
    expect((await y.call('POST', `${url}/deadline`, op, { deadline: '2023-06-30' })).body.supervision.rectifications[0]).toMatchObject({ deadline: '2023-06-30', status: 'open' });
    expect((await y.call('POST', `${url}/deadline`, op, { deadline: '2023-07-31' })).status).toBe(400); // moving it needs a reason
    expect((await y.call('POST', `/api/projects/${bad.id}/edit`, op, { reason: '明确责任单位', fields: { units: { lead: ['住建局'], cooperate: [], implement: [] } } })).status).toBe(200);
    const zj = await signIn('zj');
    expect((await y.call('POST', `${url}/close`, zj, { date: '2023-03-01', note: 'x' })).status).toBe(403);
    y.clock = at('2023-05-02T09:00:00');
    const zj2 = await signIn('zj');
    const follow = await y.call('POST', `${url}/reports`, zj2, { date: '2023-05-02', text: '已制定整改方案，完成 30 处路面修补。' });
    expect(follow.status, JSON.stringify(follow.body)).toBe(201);
    expect(follow.body.supervision.rectifications[0].reports).toMatchObject([{ unit: '住建局', date: '2023-05-02' }]);

    // After the deadline, open: overdue on the console, the public page and the report.
    y.clock = at('2023-07-02T09:00:00');
    const op2 = await signIn('op');
    staff = op2;
    expect((await supervision(bad.id)).rectifications[0]).toMatchObject({ status: 'overdue', overdue: true });
    expect((await y.call('GET', `/api/public/projects/${bad.id}/supervision`)).body.supervision.rectifications[0]).toMatchObject({ overdue: true });
    let text = (await y.call('GET', '/api/projects/report?year=2022&format=text', op2)).body as string;
    expect(text).toContain('　　整改：逾期未完成（期限 2023-06-30），已报送整改进展 1 次。');
    expect(text).toContain('　　满意度测评：无人评价。');
    expect(text).not.toMatch(/无人评价[^\n]*需整改/);

    const closed = await y.call('POST', `${url}/close`, op2, { date: '2023-07-02', note: '路面全部修复，经代表复查' });
    expect(closed.body.supervision.rectifications[0]).toMatchObject({ status: 'closed', closedOn: '2023-07-02', overdue: false });
    expect((await y.call('POST', `${url}/reports`, op2, { date: '2023-07-02', text: '迟报' })).status).toBe(409);
    text = (await y.call('GET', '/api/projects/report?year=2022&format=text', op2)).body as string;
    expect(text).toContain('　　整改：已于 2023-07-02 销号（路面全部修复，经代表复查）。');
    expect(await audit(op2, 'project.rectification_deadline')).toMatchObject([{ before: null, after: '2023-06-30' }]);
    expect(await audit(op2, 'project.rectification_closed')).toHaveLength(1);
    // The 整改 steps are audited under the project's meeting, naming the project and the task (server/projects/change.ts).
    const steps = ((await y.call('GET', '/api/audit?limit=1000', op2)).body.events as { action: string; meetingId: string | null; detail: any }[]).filter((e) =>
      ['project.rectification_deadline', 'project.rectification_reported', 'project.rectification_closed'].includes(e.action),
    );
    expect(steps.map((e) => e.action)).toEqual(['project.rectification_deadline', 'project.rectification_reported', 'project.rectification_closed']);
    // (This project came in by the 2022 import, so its meeting is none: null, as the project row holds it.)
    const meetingOf = (await y.t.opened.db.selectFrom('tracked_project' as any).select('meeting_id' as any).where('id' as any, '=', bad.id).executeTakeFirstOrThrow()) as { meeting_id: string | null };
    for (const e of steps) expect({ action: e.action, meetingId: e.meetingId, projectId: e.detail.projectId, rectificationId: e.detail.rectificationId }).toEqual({ action: e.action, meetingId: meetingOf.meeting_id, projectId: bad.id, rectificationId: task[0].id });
    expect((await audit(op2, 'projects.evaluated'))[0].rectification).toEqual([bad.id]);

    // 整改 as of a date (统计至, DESIGN §11): as it stood then — on the console, the public page and the report.
    const asOf = async (date: string, who?: string) =>
      (await y.call('GET', `/api/${who ? '' : 'public/'}projects/${bad.id}/supervision?asOf=${date}`, who)).body.supervision;
    expect(await asOf('2023-06-15', op2)).toMatchObject({ asOf: '2023-06-15', rectifications: [{ status: 'open', closedOn: null, closingNote: null, reports: [{ date: '2023-05-02' }] }] });
    expect((await asOf('2023-04-01', op2)).rectifications).toMatchObject([{ status: 'open', reports: [] }]);
    expect((await asOf('2023-07-01')).rectifications).toMatchObject([{ status: 'overdue', overdue: true, closedOn: null }]);
    expect((await asOf('2023-07-02')).rectifications).toMatchObject([{ status: 'closed', closedOn: '2023-07-02' }]);
    expect((await asOf('2023-02-28', op2)).rectifications).toEqual([]); // opened at the announcement, 2023-03-01
    expect((await asOf('2023-02-28')).rectifications).toEqual([]);
    const future = await y.call('GET', `/api/projects/${bad.id}/supervision?asOf=2023-07-03`, op2);
    expect(future.status).toBe(400);
    expect(future.body.error.issues[0]).toMatchObject({ path: 'asOf', code: 'as_of_future' });
    text = (await y.call('GET', '/api/projects/report?year=2022&format=text&asOf=2023-07-01', op2)).body as string;
    expect(text).toContain('　　整改：逾期未完成（期限 2023-06-30），已报送整改进展 1 次。');
    text = (await y.call('GET', '/api/projects/report?year=2022&format=text&asOf=2023-02-28', op2)).body as string;
    expect(text).not.toContain('整改：');
  }, 90_000);
});
