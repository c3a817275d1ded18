import { describe, expect, it } from 'vitest';
import { accounts, at, votedYear, yearOnTheClock } from './helpers/year.ts';

// The year's end (issue 16): the clock moved through 2023 — on-time, late and carried-over (结转续建) projects show as
// such on the console API, the public API and the report text; the carried project continues in 2024 linked to
// its original vote; undo is refused once the new project has a report. And the milestone calendar, as of a date.

const y = yearOnTheClock();

describe('the year end', () => {
  it('on time, late and carried over, on the console, the public page and the report; carry-over undone and redone', async () => {
    const projects = await votedYear(y.t, y.s);
    const park = projects.get('口袋公园建设项目'); // 2023-02 … 2023-10
    const walkway = projects.get('县城中心城区慢行系统改造项目'); // quarterly, budget 2800
    const estates = projects.get('老旧小区改造项目'); // 2023-03 … 2023-12, budget 5500
    const signIn = await accounts(y.t, { op: { role: 'operator' } });
    const report = async (id: string, date: string, body: object) => {
      y.clock = at(`${date}T18:00:00`);
      const res = await y.call('POST', `/api/projects/${id}/reports`, await signIn('op'), { date, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    await report(park.id, '2023-10-20', { milestonesReached: [0, 1, 2, 3, 4, 5, 6, 7, 8], spentWan: 1000, note: '全部完工' });
    await report(walkway.id, '2023-09-30', { milestonesReached: [0, 1, 2], spentWan: 1600 });
    await report(estates.id, '2023-07-31', { milestonesReached: [0, 1, 2], spentWan: 2100, note: '3 个小区主体完工' });

    // Too early: a project carries over from its year's last month on. Nothing changes.
    y.clock = at('2023-11-20T09:00:00');
    let op = await signIn('op');
    const before = y.t.checksum();
    const early = await y.call('POST', `/api/projects/${estates.id}/carry-over`, op, { reason: '冬季停工' });
    expect(early.status).toBe(400);
    expect(early.body.error.issues[0]).toMatchObject({ path: 'date', code: 'carry_too_early' });
    expect((await y.call('POST', `/api/projects/${park.id}/carry-over`, op, { reason: 'x', date: '2023-12-01' })).status).toBe(400); // the future
    expect(y.t.checksum()).toBe(before);

    // Year end: the estates are carried into 2024; the park (finished) cannot be.
    y.clock = at('2023-12-29T10:00:00');
    op = await signIn('op');
    expect((await y.call('POST', `/api/projects/${park.id}/carry-over`, op, { reason: 'x' })).status).toBe(409);
    expect((await y.call('POST', `/api/projects/${estates.id}/carry-over`, op, {})).status).toBe(400);
    const carried = await y.call('POST', `/api/projects/${estates.id}/carry-over`, op, { reason: '3 个小区冬季无法施工，结转 2024 年续建' });
    expect(carried.status, JSON.stringify(carried.body)).toBe(201);
    const next = carried.body.next;
    expect(carried.body.project).toMatchObject({ status: 'carried_over', statusLabel: '结转续建', completed: null, carriedOver: { projectId: next.id, year: 2024, on: '2023-12-29' } });
    expect(next).toMatchObject({
      year: 2024,
      seq: 1,
      name: '老旧小区改造项目',
      budgetWan: 3400,
      status: 'not_started',
      carriedFrom: { projectId: estates.id, year: 2023 },
      selection: { ballotId: estates.selection.ballotId, votes: estates.selection.votes },
    });
    expect(next.milestones.map((m: any) => m.period)).toEqual(['2024-09', '2024-10', '2024-12']);
    expect((await y.call('POST', `/api/projects/${estates.id}/carry-over`, op, { reason: 'again' })).status).toBe(409);

    // Undo, then carry it over again (the audit keeps both).
    const undone = await y.call('POST', `/api/projects/${estates.id}/carry-over/undo`, op, { reason: '县政府决定年内抢工' });
    expect(undone.body.project).toMatchObject({ status: 'lagging', carriedOver: null });
    expect((await y.call('GET', `/api/projects/${next.id}`, op)).status).toBe(404);
    const again = await y.call('POST', `/api/projects/${estates.id}/carry-over`, op, { reason: '3 个小区冬季无法施工，结转 2024 年续建' });
    const nextId = again.body.next.id as string;

    // January 2024: the walkway finished late; a report on the carried project; undo is now refused.
    y.clock = at('2024-01-15T09:00:00');
    op = await signIn('op');
    expect((await y.call('POST', `/api/projects/${walkway.id}/complete`, op, { lateReason: '冬季管网改迁推迟', openReason: '四季度节点与竣工验收同日' })).status).toBe(200);
    expect((await y.call('POST', `/api/projects/${nextId}/reports`, op, { date: '2024-01-15', spentWan: 100 })).status).toBe(201);
    expect((await y.call('POST', `/api/projects/${estates.id}/carry-over/undo`, op, { reason: 'x' })).status).toBe(409);

    // Console, public page and report: on time, late, carried over — each as such.
    const staff = async (id: string, q = '') => (await y.call('GET', `/api/projects/${id}${q}`, op)).body.project;
    expect(await staff(park.id)).toMatchObject({ status: 'completed', completed: { timeliness: 'on_time' } });
    expect(await staff(walkway.id)).toMatchObject({ status: 'completed', completed: { timeliness: 'late', lateReason: '冬季管网改迁推迟' } });
    expect(await staff(estates.id)).toMatchObject({ status: 'carried_over', completed: null, lag: { overdue: [] } });
    expect(await staff(estates.id, '?asOf=2023-12-28')).toMatchObject({ status: 'lagging', carriedOver: null });
    expect(await staff(nextId)).toMatchObject({ year: 2024, carriedFrom: { projectId: estates.id } });
    const pub = (await y.call('GET', '/api/public/projects?year=2023')).body.projects as any[];
    const pubOf = (id: string) => pub.find((p) => p.id === id);
    expect(pubOf(park.id)).toMatchObject({ statusLabel: '已完成', completed: { timelinessLabel: '按期完成' } });
    expect(pubOf(walkway.id)).toMatchObject({ statusLabel: '已完成', completed: { timelinessLabel: '逾期完成' } });
    expect(pubOf(estates.id)).toMatchObject({ status: 'carried_over', statusLabel: '结转续建', carriedOver: { projectId: nextId, year: 2024 } });
    const pub2024 = (await y.call('GET', '/api/public/projects?year=2024')).body.projects as any[];
    expect(pub2024).toMatchObject([{ id: nextId, carriedFrom: { projectId: estates.id, year: 2023 } }]);

    const { report: r } = (await y.call('GET', '/api/projects/report?year=2023', op)).body;
    expect(r.totals).toMatchObject({ projects: 10, onTime: 1, late: 1, statuses: { carried_over: 1, completed: 2 } });
    const text = (await y.call('GET', '/api/projects/report?year=2023&format=text', op)).body as string;
    expect(text).toContain('按期完成 1 件、逾期完成 1 件，滞后 7 件、结转续建 1 件');
    expect(text).toMatch(/3 个小区主体完工[^\n]*（结转续建）/);

    const events = (await y.call('GET', '/api/audit', op)).body.events as { action: string; detail: any }[];
    const byAction = (a: string) => events.filter((e) => e.action === a).map((e) => e.detail);
    expect(byAction('project.carried_over')).toHaveLength(2);
    expect(byAction('project.carry_over_undone')).toMatchObject([{ reason: '县政府决定年内抢工', removedProjectId: next.id }]);
    expect((await y.call('GET', '/api/audit/verify', op)).body).toMatchObject({ ok: true });
  }, 60_000);

  it('the calendar: milestones due this month and next, per unit, as of any date; a unit sees its own', async () => {
    const projects = await votedYear(y.t, y.s);
    const park = projects.get('口袋公园建设项目');
    const signIn = await accounts(y.t, { op: { role: 'operator' }, yl: { role: 'unit', unitName: '园林绿化中心' } });
    y.clock = at('2023-06-10T09:00:00');
    const op = await signIn('op');
    expect((await y.call('POST', `/api/projects/${park.id}/reports`, op, { date: '2023-06-09', milestonesReached: [0, 1, 2, 3, 4], spentWan: 550 })).status).toBe(201);

    const cal = (await y.call('GET', '/api/projects/calendar', op)).body;
    expect(cal.asOf).toBe('2023-06-10');
    expect(cal.months.map((m: any) => m.month)).toEqual(['2023-06', '2023-07']);
    const june = cal.months[0].units as any[];
    expect(june.find((u) => u.unit === '园林绿化中心').milestones).toMatchObject([{ name: '口袋公园建设项目', period: '2023-06', due: '2023-06-30', reached: true }]);
    expect(june.find((u) => u.unit === '住建局').milestones.map((m: any) => [m.name, m.period])).toEqual([['县城中心城区慢行系统改造项目', '2023-Q2']]);
    expect(cal.months[1].units.find((u: any) => u.unit === '园林绿化中心').milestones[0]).toMatchObject({ period: '2023-07', reached: false, overdue: false });

    // As of 31 March, three months on; a unit sees only its own projects.
    const march = (await y.call('GET', '/api/projects/calendar?asOf=2023-03-31&months=2', await signIn('yl'))).body;
    expect(march.months.map((m: any) => m.month)).toEqual(['2023-03', '2023-04', '2023-05']);
    expect(march.months.flatMap((m: any) => m.units.map((u: any) => u.unit))).toEqual(['园林绿化中心', '园林绿化中心', '园林绿化中心']);
    expect(march.months[0].units[0].milestones[0]).toMatchObject({ period: '2023-03', reached: false, overdue: false });
    expect((await y.call('GET', '/api/projects/calendar?months=12', op)).status).toBe(400);
    expect((await y.call('GET', '/api/projects/calendar?asOf=2024-01-01', op)).status).toBe(400);
  }, 60_000);
});
