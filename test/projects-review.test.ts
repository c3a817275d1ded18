import { describe, expect, it } from 'vitest';
import { accounts, at, votedYear, yearOnTheClock } from './helpers/year.ts';

// The secretariat's review of unit reports (issue 16, DESIGN §11): a 责任单位's report waits in the queue; the
// public page and public figures show only approved reports; staff see pending ones marked; sending back needs a
// reason; both are audited. The setting (on by default) lets reports through unreviewed when off.

const y = yearOnTheClock();

describe('review of unit reports', () => {
  it('pending until approved, returned with a reason, audited; off lets them through', async () => {
    const projects = await votedYear(y.t, y.s);
    const park = projects.get('口袋公园建设项目');
    const signIn = await accounts(y.t, { op: { role: 'operator' }, jg: { role: 'scrutineer' }, yl: { role: 'unit', unitName: '园林绿化中心' } });
    y.clock = at('2023-02-27T10:00:00');
    const [op, jg, yl] = [await signIn('op'), await signIn('jg'), await signIn('yl')];
    expect((await y.call('GET', '/api/projects/settings', op)).body.settings).toEqual({ reviewUnitReports: true });

    const filed = await y.call('POST', `/api/projects/${park.id}/reports`, yl, { date: '2023-02-27', milestonesReached: [0], spentWan: 50, note: '设计已批复' });
    expect(filed.status).toBe(201);
    const reportId = filed.body.reportId as string;
    // Staff see it, marked pending, and count it; the public neither sees nor counts it.
    expect(filed.body.project).toMatchObject({ pendingReports: 1, money: { spentToDateWan: 50 }, reports: [{ id: reportId, review: { status: 'pending' }, byUnit: true }] });
    let pub = (await y.call('GET', `/api/public/projects/${park.id}`)).body.project;
    expect(pub).toMatchObject({ status: 'not_started', reports: [], money: { spentToDateWan: null } });
    const pubList = (await y.call('GET', '/api/public/projects?year=2023')).body.projects as any[];
    expect(pubList.find((p) => p.id === park.id).reports).toEqual([]);
    expect((await y.call('GET', '/api/projects/report?year=2023', op)).body.report.totals.investmentWan).toBe(0);

    // The queue, oldest first; a scrutineer reads it but cannot decide; a unit may not read it.
    const queue = (await y.call('GET', '/api/projects/review-queue?year=2023', jg)).body.items as any[];
    expect(queue).toMatchObject([{ project: { id: park.id, name: '口袋公园建设项目' }, report: { id: reportId, spentWan: 50, note: '设计已批复' } }]);
    expect((await y.call('GET', '/api/projects/review-queue', yl)).status).toBe(403);
    expect((await y.call('POST', `/api/projects/${park.id}/reports/${reportId}/approve`, jg)).status).toBe(403);
    expect((await y.call('POST', `/api/projects/${park.id}/reports/${reportId}/approve`, yl)).status).toBe(403);

    // Approved: public from now on, gone from the queue; a second decision is a conflict.
    const ok = await y.call('POST', `/api/projects/${park.id}/reports/${reportId}/approve`, op);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.project).toMatchObject({ pendingReports: 0, reports: [{ review: { status: 'approved', by: 'staff:op' } }] });
    pub = (await y.call('GET', `/api/public/projects/${park.id}`)).body.project;
    expect(pub).toMatchObject({ status: 'in_progress', money: { spentToDateWan: 50 }, reports: [{ id: reportId, note: '设计已批复' }] });
    expect(JSON.stringify(pub)).not.toContain('review');
    expect((await y.call('GET', '/api/projects/review-queue', op)).body.items).toEqual([]);
    expect((await y.call('POST', `/api/projects/${park.id}/reports/${reportId}/return`, op, { reason: 'x' })).status).toBe(409);

    // Sent back: a reason is required (nothing changes without one); the report then counts nowhere.
    y.clock = at('2023-03-31T10:00:00');
    const second = await y.call('POST', `/api/projects/${park.id}/reports`, await signIn('yl'), { date: '2023-03-31', milestonesReached: [1], spentWan: 9999 });
    const secondId = second.body.reportId as string;
    const op2 = await signIn('op');
    const before = y.t.checksum();
    expect((await y.call('POST', `/api/projects/${park.id}/reports/${secondId}/return`, op2, {})).status).toBe(400);
    expect((await y.call('POST', `/api/projects/${park.id}/reports/${secondId}/return`, op2, { reason: '' })).status).toBe(400);
    expect(y.t.checksum()).toBe(before);
    const back = await y.call('POST', `/api/projects/${park.id}/reports/${secondId}/return`, op2, { reason: '投资额有误，请核实' });
    expect(back.status).toBe(200);
    expect(back.body.project).toMatchObject({ money: { spentToDateWan: 50 }, reports: [{ id: reportId }], returnedReports: [{ id: secondId, review: { status: 'returned', reason: '投资额有误，请核实' } }] });
    // The unit corrects it: a new pending report replaces the returned one.
    const fixed = await y.call('POST', `/api/projects/${park.id}/reports/${secondId}/correct`, await signIn('yl'), {
      reason: '按退回意见更正',
      report: { date: '2023-03-31', milestonesReached: [1], spentWan: 99.99 },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.project).toMatchObject({ pendingReports: 1, returnedReports: [] });
    expect((await y.call('GET', `/api/public/projects/${park.id}`)).body.project.money.spentToDateWan).toBe(50);

    // Off: a unit's report is public as filed; the change is audited. Only operators may change it.
    expect((await y.call('PUT', '/api/projects/settings', await signIn('jg'), { reviewUnitReports: false })).status).toBe(403);
    expect((await y.call('PUT', '/api/projects/settings', await signIn('op'), { reviewUnitReports: 'no' })).status).toBe(400);
    expect((await y.call('PUT', '/api/projects/settings', await signIn('op'), { reviewUnitReports: false })).body.settings).toEqual({ reviewUnitReports: false });
    y.clock = at('2023-04-28T10:00:00');
    const third = await y.call('POST', `/api/projects/${park.id}/reports`, await signIn('yl'), { date: '2023-04-28', milestonesReached: [2], spentWan: 300 });
    expect(third.body.project.reports.at(-1).review.status).toBe('approved');
    expect((await y.call('GET', `/api/public/projects/${park.id}`)).body.project.money.spentToDateWan).toBe(300);

    const events = (await y.call('GET', '/api/audit', await signIn('op'))).body.events as { action: string; detail: any }[];
    const byAction = (a: string) => events.filter((e) => e.action === a).map((e) => e.detail);
    expect(byAction('project.report_approved')).toMatchObject([{ reportId, report: { spentWan: 50 } }]);
    expect(byAction('project.report_returned')).toMatchObject([{ reportId: secondId, reason: '投资额有误，请核实', report: { spentWan: 9999 } }]);
    expect(byAction('projects.settings')).toMatchObject([{ before: { reviewUnitReports: true }, after: { reviewUnitReports: false } }]);
    expect(byAction('project.reported').map((d) => d.review)).toEqual(['pending', 'pending', 'approved']);
  }, 60_000);
});
