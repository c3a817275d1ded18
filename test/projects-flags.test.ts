import { describe, expect, it } from 'vitest';
import { accounts, at, votedYear, yearOnTheClock } from './helpers/year.ts';

// Plausibility flags (issue 16): 9999 万元 against a 5500 budget, 4018 of 4368 check-ups at completion, a 协办 unit
// marking the whole project done with 2800 万元 — each accepted (flags block nothing), each flagged on the report,
// on the project and in the review queue; an ordinary report raises none.

const y = yearOnTheClock();

const codes = (flags: { code: string }[]) => flags.map((f) => f.code);

describe('plausibility flags', () => {
  it('over budget, short of target, a cooperating unit reporting the whole; none on an ordinary report', async () => {
    const projects = await votedYear(y.t, y.s);
    const estates = projects.get('老旧小区改造项目'); // budget 5500
    const disabled = projects.get('残疾人关爱行动'); // targets 6 × 650 + 468 = 4368 check-ups
    const walkway = projects.get('县城中心城区慢行系统改造项目'); // lead 住建局, 协办 交警大队; budget 2800
    const park = projects.get('口袋公园建设项目');
    const signIn = await accounts(y.t, { op: { role: 'operator' }, jj: { role: 'unit', unitName: '交警大队' }, cl: { role: 'unit', unitName: '残联' } });
    y.clock = at('2023-12-28T10:00:00');
    const op = await signIn('op');

    const over = await y.call('POST', `/api/projects/${estates.id}/reports`, op, { date: '2023-12-28', spentWan: 9999 });
    expect(over.status).toBe(201);
    expect(over.body.project.reports[0].flags).toMatchObject([{ code: 'over_budget', params: { spentWan: 9999, budgetWan: 5500 } }]);
    expect(codes(over.body.project.flags)).toEqual(['over_budget']);

    const all = disabled.milestones.map((m: any) => m.position);
    const shortRes = await y.call('POST', `/api/projects/${disabled.id}/reports`, await signIn('cl'), { date: '2023-12-28', milestonesReached: all, spentWan: 250, outputs: { 体检人数: 4018 } });
    expect(shortRes.status).toBe(201);
    expect(shortRes.body.project.status).toBe('completed');
    expect(shortRes.body.project.reports[0].flags).toMatchObject([{ code: 'output_short', params: { achieved: 4018, target: 4368 } }]);
    expect(codes(shortRes.body.project.flags)).toEqual(['output_short']);

    y.clock = at('2023-12-28T10:05:00');
    const whole = await y.call('POST', `/api/projects/${walkway.id}/reports`, await signIn('jj'), { date: '2023-12-28', milestonesReached: [0, 1, 2, 3], spentWan: 2800 });
    expect(whole.status).toBe(201);
    expect(codes(whole.body.project.reports[0].flags)).toEqual(['cooperator_complete', 'cooperator_large_spend']);
    expect(whole.body.project.flags[0].text).toBe('协办单位交警大队填报项目全部完成');

    const fine = await y.call('POST', `/api/projects/${park.id}/reports`, await signIn('op'), { date: '2023-12-28', milestonesReached: [0, 1], spentWan: 100 });
    expect(fine.body.project.reports[0].flags).toEqual([]);
    expect(fine.body.project.flags).toEqual([]);

    // The queue shows the units' two reports with their flags; the public sees no flags.
    const queue = (await y.call('GET', '/api/projects/review-queue', await signIn('op'))).body.items as any[];
    expect(queue.map((i) => [i.project.name, codes(i.flags)])).toEqual([
      ['残疾人关爱行动', ['output_short']],
      ['县城中心城区慢行系统改造项目', ['cooperator_complete', 'cooperator_large_spend']],
    ]);
    expect(codes(queue[0].projectFlags)).toEqual(['output_short']);
    expect(JSON.stringify((await y.call('GET', `/api/public/projects/${estates.id}`)).body)).not.toContain('over_budget');
    // Corrected to a plausible figure, the flag goes.
    const fixed = await y.call('POST', `/api/projects/${estates.id}/reports/${over.body.reportId}/correct`, await signIn('op'), { reason: '多录了一位', report: { date: '2023-12-28', spentWan: 999.9 } });
    expect(fixed.body.project.flags).toEqual([]);
  }, 60_000);
});
