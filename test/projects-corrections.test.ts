import { describe, expect, it } from 'vitest';
import { accounts, at, votedYear, yearOnTheClock } from './helpers/year.ts';

// Corrections (issue 16): a report filed twice by a double click is one report; a report withdrawn or corrected
// stops counting, on the console and the public page, and the audit holds why; project fields and plan edited.

const y = yearOnTheClock();

describe('corrections', () => {
  it('idempotent reports, withdrawal, correction and project edits, audited and public', async () => {
    const { t, s, call } = y;
    const projects = await votedYear(t, s);
    const park = projects.get('口袋公园建设项目');
    const signIn = await accounts(t, { op: { role: 'operator' }, yl: { role: 'unit', unitName: '园林绿化中心' }, zj: { role: 'unit', unitName: '住建局' } });
    y.clock = at('2023-02-27T10:00:00');
    const yl = await signIn('yl');
    const body = { date: '2023-02-27', milestonesReached: [0], spentWan: 50, note: '设计已批复', clientKey: 'form-0001-abcdef' };

    // A second click with the same key files nothing.
    const first = await call('POST', `/api/projects/${park.id}/reports`, yl, body);
    expect(first.status).toBe(201);
    const before = t.checksum();
    const again = await call('POST', `/api/projects/${park.id}/reports`, yl, { ...body, note: '' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ reportId: first.body.reportId, replayed: true });
    expect(again.body.project.reports).toHaveLength(1);
    expect(t.checksum()).toBe(before);

    // Correction: 50 was a typo for 60. The public page shows 60, marked corrected; staff see the old one and why.
    const wrong = await call('POST', `/api/projects/${park.id}/reports/${first.body.reportId}/correct`, yl, { reason: '录入错误', report: { ...body, clientKey: undefined, spentWan: -1 } });
    expect(wrong.status).toBe(400);
    expect(t.checksum()).toBe(before);
    const { clientKey: _k, ...facts } = body;
    const fixed = await call('POST', `/api/projects/${park.id}/reports/${first.body.reportId}/correct`, yl, { reason: '录入错误，应为 60 万元', report: { ...facts, spentWan: 60 } });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.project.money.spentToDateWan).toBe(60);
    expect(fixed.body.project.reports).toMatchObject([{ spentWan: 60, corrected: true, correctsReportId: first.body.reportId }]);
    expect(fixed.body.project.withdrawnReports).toMatchObject([{ id: first.body.reportId, spentWan: 50, withdrawn: { reason: '更正：录入错误，应为 60 万元' } }]);
    // A unit's correction is public once approved (review on by default).
    expect((await call('POST', `/api/projects/${park.id}/reports/${fixed.body.reportId}/approve`, await signIn('op'))).status).toBe(200);
    let pub = (await call('GET', `/api/public/projects/${park.id}`)).body.project;
    expect(pub.reports).toMatchObject([{ spentWan: 60, corrected: true }]);
    expect(JSON.stringify(pub)).not.toContain('录入错误');
    expect((await call('POST', `/api/projects/${park.id}/reports/${first.body.reportId}/withdraw`, yl, { reason: 'x' })).status).toBe(409);

    // Withdrawal: the report stops counting; another unit may not withdraw it.
    const zj = await signIn('zj');
    expect((await call('POST', `/api/projects/${park.id}/reports/${fixed.body.reportId}/withdraw`, zj, { reason: 'x' })).status).toBe(403);
    expect((await call('POST', `/api/projects/${park.id}/reports/${fixed.body.reportId}/withdraw`, yl, {})).status).toBe(400);
    const gone = await call('POST', `/api/projects/${park.id}/reports/${fixed.body.reportId}/withdraw`, yl, { reason: '重复填报' });
    expect(gone.body.project).toMatchObject({ status: 'not_started', reports: [], money: { spentToDateWan: null } });
    pub = (await call('GET', `/api/public/projects/${park.id}`)).body.project;
    expect(pub).toMatchObject({ status: 'not_started', reports: [] });

    // Project fields and plan: audited before/after; nothing changed is refused.
    const op = await signIn('op');
    const noop = await call('POST', `/api/projects/${park.id}/edit`, op, { reason: '核对', fields: { budgetWan: 1000 } });
    expect(noop.status).toBe(400);
    expect((await call('POST', `/api/projects/${park.id}/edit`, yl, { reason: '追加', fields: { budgetWan: 1100 } })).status).toBe(403);
    const plan = park.milestones.map((m: any) => ({ period: m.period, amountWan: m.amountWan, text: m.text, target: m.target, percent: m.percent }));
    // A corrected period that cannot be read, or lies outside the project's year, would move or drop a due date
    // silently: refused at its node, nothing changes.
    const unchanged = t.checksum();
    for (const period of ['foo', '2031-Q1', '2021-12', '2023-13']) {
      const bad = await call('POST', `/api/projects/${park.id}/edit`, op, { reason: '顺延', milestones: plan.map((m: any, i: number) => (i === 8 ? { ...m, period } : m)) });
      expect(bad.status, period).toBe(400);
      expect(bad.body.error.issues[0].path, period).toBe('milestones.8.period');
    }
    expect(t.checksum()).toBe(unchanged);
    plan[8].period = '2023-11';
    const edited = await call('POST', `/api/projects/${park.id}/edit`, op, { reason: '县政府批准追加预算并顺延工期', fields: { budgetWan: 1100 }, milestones: plan });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.project).toMatchObject({ budgetWan: 1100, completionCheck: { due: '2023-11-30' } });
    expect((await call('GET', `/api/public/projects/${park.id}`)).body.project.budgetWan).toBe(1100);

    const events = (await call('GET', '/api/audit', op)).body.events as { action: string; detail: any }[];
    const byAction = (a: string) => events.filter((e) => e.action === a).map((e) => e.detail);
    expect(byAction('project.reported')).toHaveLength(1);
    expect(byAction('project.report_corrected')).toMatchObject([{ reason: '录入错误，应为 60 万元', before: { spentWan: 50 }, after: { spentWan: 60 } }]);
    expect(byAction('project.report_withdrawn')).toMatchObject([{ reason: '重复填报', report: { spentWan: 60 } }]);
    expect(byAction('project.corrected')).toMatchObject([{ reason: '县政府批准追加预算并顺延工期', before: { budgetWan: 1000 }, after: { budgetWan: 1100 } }]);
    expect(byAction('project.corrected')[0].after.milestones[8].period).toBe('2023-11');
    // Each change is audited under the project's meeting and names the project (server/projects/change.ts).
    const changes = (events as { action: string; meetingId: string | null; detail: any }[]).filter((e) => ['project.report_corrected', 'project.report_withdrawn', 'project.corrected'].includes(e.action));
    expect(changes).toHaveLength(3);
    for (const e of changes) expect({ action: e.action, meetingId: e.meetingId, projectId: e.detail.projectId }).toEqual({ action: e.action, meetingId: s.meetingId, projectId: park.id });
    expect((await call('GET', '/api/audit/verify', op)).body).toMatchObject({ ok: true });
  }, 60_000);
});
