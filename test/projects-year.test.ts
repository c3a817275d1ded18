import { describe, expect, it } from 'vitest';
import { accounts, at, votedYear, yearOnTheClock } from './helpers/year.ts';

// The clock moved through 2023 (issue 16): on-time and late completions and a lagging project show as such on the
// console API, the public API and the completion report; any view can be had as of a date (统计至 6月30日).

const y = yearOnTheClock();

describe('a year on the clock', () => {
  it('on time, late and lagging projects, as of any date', async () => {
    const { t, s, call } = y;
    const projects = await votedYear(t, s);
    const park = projects.get('口袋公园建设项目'); // 9 monthly nodes, 2023-02 … 2023-10
    const insurance = projects.get('“1+N”防贫综合保险项目'); // one node: 2023
    const walkway = projects.get('县城中心城区慢行系统改造项目'); // quarterly, 120/500/1000/1180 万元
    const tcm = projects.get('中医巡回医疗服务项目'); // quarterly, never reported: 滞后
    const signIn = await accounts(t, { op: { role: 'operator' } });
    const report = async (id: string, date: string, body: object) => {
      y.clock = at(`${date}T18:00:00`);
      const res = await call('POST', `/api/projects/${id}/reports`, await signIn('op'), { date, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    await report(park.id, '2023-02-27', { milestonesReached: [0], spentWan: 50 });
    await report(walkway.id, '2023-03-31', { milestonesReached: [0], spentWan: 130 });
    await report(park.id, '2023-06-28', { milestonesReached: [1, 2, 3, 4], spentWan: 550 });
    await report(walkway.id, '2023-09-30', { milestonesReached: [1, 2], spentWan: 1600 });
    await report(park.id, '2023-10-20', { milestonesReached: [5, 6, 7, 8], spentWan: 1000, note: '全部完工' });
    await report(insurance.id, '2023-12-20', { milestonesReached: [0], spentWan: 170, outputs: { 参保人: 9500 } });

    // January 2024: the walkway is finished late; the TCM tours were never reported.
    y.clock = at('2024-01-15T09:00:00');
    const op = await signIn('op');
    expect((await call('POST', `/api/projects/${walkway.id}/complete`, op, { lateReason: '冬季管网改迁推迟', openReason: '四季度节点与竣工验收同日' })).status).toBe(200);

    const now = async (id: string, q = '') => (await call('GET', `/api/projects/${id}${q}`, op)).body.project;
    expect(await now(park.id)).toMatchObject({ status: 'completed', completed: { on: '2023-10-20', timeliness: 'on_time', marked: false } });
    expect(await now(insurance.id)).toMatchObject({ status: 'completed', completed: { timeliness: 'on_time' } });
    expect(await now(walkway.id)).toMatchObject({ status: 'completed', completed: { on: '2024-01-15', timeliness: 'late', lateReason: '冬季管网改迁推迟' } });
    expect((await now(tcm.id)).status).toBe('lagging');

    // As of 30 June: what the mid-year report said, whatever was filed since.
    const june = await now(park.id, '?asOf=2023-06-30');
    expect(june).toMatchObject({ asOf: '2023-06-30', status: 'in_progress', completed: null, money: { spentToDateWan: 550, plannedToDateWan: 400 } });
    expect(await now(park.id, '?asOf=2023-05-01')).toMatchObject({ status: 'lagging', lag: { overdue: [1, 2] }, money: { spentToDateWan: 50 } });
    expect(june.reports.map((r: any) => r.date)).toEqual(['2023-02-27', '2023-06-28']);
    expect(await now(walkway.id, '?asOf=2023-12-31')).toMatchObject({ status: 'in_progress', completed: null });
    expect(await now(walkway.id, '?asOf=2024-01-01')).toMatchObject({ status: 'lagging', completed: null, lag: { overdue: [3] } });
    const bad = await call('GET', `/api/projects/${park.id}?asOf=2024-02-01`, op);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('asOf');

    // The public page, now and as of June.
    const pub = (await call('GET', '/api/public/projects?year=2023')).body.projects as any[];
    const pubOf = (list: any[], id: string) => list.find((p) => p.id === id);
    expect(pubOf(pub, walkway.id)).toMatchObject({ statusLabel: '已完成', completed: { timelinessLabel: '逾期完成' } });
    expect(pubOf(pub, park.id)).toMatchObject({ completed: { timelinessLabel: '按期完成' } });
    const pubJune = (await call('GET', '/api/public/projects?year=2023&asOf=2023-06-30')).body;
    expect(pubJune.asOf).toBe('2023-06-30');
    expect(pubOf(pubJune.projects, park.id).statusLabel).toBe('推进中');
    expect(pubOf(pubJune.projects, tcm.id).statusLabel).toBe('滞后');

    // The report: 按期 and 逾期 counted, the late reason and the lag's reason given; as of June nothing is complete.
    const { report: r } = (await call('GET', '/api/projects/report?year=2023', op)).body;
    expect(r.totals).toMatchObject({ projects: 10, onTime: 2, late: 1 });
    const text = (await call('GET', '/api/projects/report?year=2023&format=text', op)).body as string;
    expect(text).toContain('（统计至 2024-01-15）');
    expect(text).toContain('2023 年实施民生实事项目 10 件，按期完成 2 件、逾期完成 1 件，滞后 7 件，完成投资 2770 万元。');
    expect(text).toContain('逾期原因：冬季管网改迁推迟');
    expect(text).toMatch(/中医巡回医疗服务项目[^\n]*（滞后）\n　　滞后原因：2023-Q1、2023-Q2、2023-Q3、2023-Q4 节点未按期完成。/);
    const midYear = (await call('GET', '/api/projects/report?year=2023&asOf=2023-06-30', op)).body.report;
    expect(midYear).toMatchObject({ asOf: '2023-06-30', totals: { onTime: 0, late: 0, statuses: { completed: 0 } } });
  }, 60_000);
});
