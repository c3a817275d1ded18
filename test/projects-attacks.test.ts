import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, type Setup } from './helpers/factories.ts';
import { accounts, at, caller, votedYear } from './helpers/year.ts';

// A reviewer's attacks on the year after the vote (issue 16), each a case that once went through: a 协办 unit
// withdrawing the lead unit's approved report (the public page changed at once, without review), and a project
// carried over into the next year then marked complete as well (counted twice in the report's headline).

let clock = at('2023-02-21T09:00:00');
let t: TestApp;
let s: Setup;
let call: ReturnType<typeof caller>;

beforeEach(async () => {
  clock = at('2023-02-21T09:00:00');
  t = await makeApp({ now: () => clock });
  s = await meetingWithTablets(t, 9);
  await checkInTablets(t, s.tokens);
  call = caller(t);
});
afterEach(async () => t.close());

describe('attacks on the year after the vote', () => {
  it('a unit withdraws or corrects only the reports its own unit filed', async () => {
    const projects = await votedYear(t, s);
    const walkway = projects.get('县城中心城区慢行系统改造项目'); // lead 住建局, 协办 园林绿化服务中心 …
    const signIn = await accounts(t, {
      op: { role: 'operator' },
      zj: { role: 'unit', unitName: '住建局' },
      zj2: { role: 'unit', unitName: '住建局' },
      yl: { role: 'unit', unitName: '园林绿化服务中心' },
    });
    clock = at('2023-03-31T10:00:00');
    const zj = await signIn('zj');
    const op = await signIn('op');
    const filed = await call('POST', `/api/projects/${walkway.id}/reports`, zj, { date: '2023-03-31', milestonesReached: [0], spentWan: 120, note: '一季度完成' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const reportId = filed.body.reportId as string;
    expect((await call('POST', `/api/projects/${walkway.id}/reports/${reportId}/approve`, op)).status).toBe(200);
    const byOp = await call('POST', `/api/projects/${walkway.id}/reports`, op, { date: '2023-03-31', spentWan: 130, note: '秘书处代录' });
    expect(byOp.status).toBe(201);

    // The 协办 unit may read the project and report on it, but not withdraw or correct what 住建局 filed.
    const yl = await signIn('yl');
    const before = t.checksum();
    const withdrawn = await call('POST', `/api/projects/${walkway.id}/reports/${reportId}/withdraw`, yl, { reason: '数据不对' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(403);
    expect(withdrawn.body.error.code).toBe('forbidden');
    const corrected = await call('POST', `/api/projects/${walkway.id}/reports/${reportId}/correct`, yl, {
      reason: '数据不对',
      report: { date: '2023-03-31', milestonesReached: [], spentWan: 120 },
    });
    expect(corrected.status).toBe(403);
    // Nor may 住建局 withdraw what the secretariat typed in for it.
    expect((await call('POST', `/api/projects/${walkway.id}/reports/${byOp.body.reportId}/withdraw`, zj, { reason: 'x' })).status).toBe(403);
    expect(t.checksum()).toBe(before);
    const pub = (await call('GET', `/api/public/projects/${walkway.id}`)).body.project;
    expect(pub.reports.map((r: any) => r.spentWan).sort()).toEqual([120, 130]);

    // Another account of the same unit may (the unit's report, not the person's); so may the secretariat.
    const zj2 = await signIn('zj2');
    expect((await call('POST', `/api/projects/${walkway.id}/reports/${reportId}/withdraw`, zj2, { reason: '重复填报' })).status).toBe(200);
    expect((await call('POST', `/api/projects/${walkway.id}/reports/${byOp.body.reportId}/withdraw`, op, { reason: '录错项目' })).status).toBe(200);
  }, 60_000);

  it('a project carried over cannot be marked complete as well (counted once in the headline and the 附表)', async () => {
    const projects = await votedYear(t, s);
    const estates = projects.get('老旧小区改造项目');
    const signIn = await accounts(t, { op: { role: 'operator' } });
    clock = at('2023-07-31T18:00:00');
    let op = await signIn('op');
    expect((await call('POST', `/api/projects/${estates.id}/reports`, op, { date: '2023-07-31', milestonesReached: [0, 1, 2], spentWan: 2100 })).status).toBe(201);
    clock = at('2023-12-29T10:00:00');
    op = await signIn('op');
    expect((await call('POST', `/api/projects/${estates.id}/carry-over`, op, { reason: '冬季无法施工，结转续建' })).status).toBe(201);
    const before = t.checksum();
    const done = await call('POST', `/api/projects/${estates.id}/complete`, op, { lateReason: 'x', openReason: 'y' });
    expect(done.status, JSON.stringify(done.body)).toBe(409);
    expect(t.checksum()).toBe(before);
    const { report } = (await call('GET', '/api/projects/report?year=2023', op)).body;
    expect(report.totals).toMatchObject({ projects: 10, onTime: 0, late: 0, statuses: { carried_over: 1 } });
    // The .docx's 附表 overview adds up to the projects: the carried-over one is counted, not left out.
    const docx = await call('GET', '/api/projects/report.docx?year=2023', op);
    expect(docx.status).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: docx.raw.rawPayload });
    const overview = value.split('\n').find((l) => l.startsWith('共实施民生实事项目'));
    const st = report.totals.statuses;
    expect(overview).toBe(`共实施民生实事项目 10 件，已完成 ${st.completed} 件，滞后 ${st.lagging} 件，在建 ${st.in_progress + st.not_started} 件，结转续建 1 件，完成投资 ${report.totals.investmentWan} 万元。`);
  }, 60_000);
});
