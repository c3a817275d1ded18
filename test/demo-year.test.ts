import { afterEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../server/demo/load-demo.ts';
import { makeApp, type TestApp } from './helpers/app.ts';
import { at, caller } from './helpers/year.ts';

// The demo plays a plausible year on the real clock (issue 16: "the demo (dated 2023, running today) shows every
// project 滞后"): loaded on any day, its tracked projects are some completed 按期, some on schedule, exactly one
// 滞后, and one unit report waits in the review queue with a plausibility flag. Tried on several days of the year.

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const DAYS = ['2026-11-30T10:00:00', '2026-06-15T10:00:00', '2027-04-02T10:00:00', '2027-02-10T10:00:00', '2026-12-31T20:00:00'];

describe('demo year', () => {
  it.each(DAYS)('on %s: done 按期, on schedule, one 滞后 with a reason, one flagged report to review', async (day) => {
    const clock = at(day);
    t = await makeApp({ now: () => clock });
    const summary = await loadDemo(t.opened.db, clock);
    expect(summary).toMatch(/6 projects tracked/);
    const call = caller(t);
    const { cookie } = await t.as('operator');
    const meeting = await t.opened.db.selectFrom('meeting').selectAll().executeTakeFirstOrThrow();
    const expectedYear = day.slice(5, 7) >= '04' ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1;
    expect(meeting.year).toBe(expectedYear);
    expect(meeting.date).toBe(`${expectedYear}-02-21`);

    const list = await call('GET', `/api/projects?year=${meeting.year}`, cookie);
    expect(list.status).toBe(200);
    const projects = list.body.projects as any[];
    const byStatus = (s: string) => projects.filter((p) => p.status === s).map((p) => p.name as string);
    expect(projects).toHaveLength(6);
    // Chosen by vote at the session (no counts made up), never "imported from a completion report".
    for (const p of projects) expect(p).toMatchObject({ source: 'ballot', selection: { via: 'vote', votes: { for: null } } });
    expect(byStatus('lagging'), JSON.stringify(projects.map((p) => [p.name, p.status]))).toEqual(['全民健身体育设施改造提升全覆盖项目']);
    const done = projects.filter((p) => p.status === 'completed');
    expect(done.length).toBeGreaterThanOrEqual(2);
    for (const p of done) expect(p.completed).toMatchObject({ timeliness: 'on_time' });
    // In the year's course (April on), the others run on schedule (口袋公园 ends in October: done by then); in
    // January–March the year is over and they are done.
    if (day.slice(5, 7) >= '04') expect(byStatus('in_progress')).toEqual(expect.arrayContaining(['县城中心城区慢行系统改造项目', '老旧小区改造项目']));
    expect(byStatus('completed').length + byStatus('in_progress').length).toBe(5);
    const late = projects.find((p) => p.status === 'lagging');
    expect(late.reports.at(-1).note).toMatch(/未按期完成/);
    for (const p of projects) expect(p.reports.every((r: any) => r.by !== undefined && !String(r.by).startsWith("demo"))).toBe(true);

    // The county is named: in the report's title and on the public page (issue 16: "the county is never named").
    expect((await call('GET', `/api/projects/report?year=${meeting.year}`, cookie)).body.report.title).toBe(`沁水县 ${meeting.year} 年民生实事项目完成情况`);
    expect((await call('GET', `/api/public/projects?year=${meeting.year}`)).body).toMatchObject({ year: meeting.year, county: '沁水县' });
    expect((await call('GET', '/api/public/projects')).body).toMatchObject({ year: meeting.year, county: '沁水县' });

    const queue = await call('GET', `/api/projects/review-queue?year=${meeting.year}`, cookie);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({ project: { name: '县城中心城区慢行系统改造项目' } });
    expect(JSON.stringify(queue.body.items[0].flags ?? queue.body.items[0].report.flags)).toContain('over_budget');

    // Every report is dated on or before today; the vote can still be run, and promoting it does not track twice.
    const today = day.slice(0, 10);
    for (const p of projects) for (const r of p.reports) expect(r.date <= today).toBe(true);
    const tracked = await t.opened.db.selectFrom('tracked_project' as any).select('candidate_id' as any).execute();
    expect(tracked.every((r: any) => typeof r.candidate_id === 'string')).toBe(true);
    expect(await loadDemo(t.opened.db, clock)).toMatch(/already loaded/);
  });
});
