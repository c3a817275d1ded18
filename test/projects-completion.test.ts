import { describe, expect, it } from 'vitest';
import { fixtureText } from './helpers/hall.ts';
import { accounts, at, votedYear, yearOnTheClock } from './helpers/year.ts';

// 标记完成 with a date (issue 16): 按期 or 逾期 against the plan's last milestone, the reason when late or when
// milestones are open or a target unmet, undo as an audited correction; an imported year completes on its own date.

const y = yearOnTheClock();

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('completion with a date', () => {
  it('is 按期 or 逾期 against the last milestone, asks why when late or open, and can be undone', async () => {
    const { t, s, call } = y;
    const projects = await votedYear(t, s);
    const park = projects.get('口袋公园建设项目'); // last node 2023-10
    const disabled = projects.get('残疾人关爱行动'); // targets 650×6 + 468 = 4368
    const walkway = projects.get('县城中心城区慢行系统改造项目'); // last node 2023-Q4
    const signIn = await accounts(t, { op: { role: 'operator' } });
    expect(park.completionCheck).toMatchObject({ due: '2023-10-31', openMilestones: all(9), target: null });
    expect(disabled.completionCheck).toMatchObject({ due: '2023-12-31', target: { plannedTotal: 4368, achieved: 0, met: false } });

    // The park's last node is reported two days late; marking it complete that day needs the reason.
    y.clock = at('2023-11-02T10:00:00');
    let op = await signIn('op');
    const filed = await call('POST', `/api/projects/${park.id}/reports`, op, { date: '2023-11-02', milestonesReached: all(9), spentWan: 1000 });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // Every node reached: completed by its reports, on the day of the last, and late.
    expect(filed.body.project.completed).toMatchObject({ on: '2023-11-02', due: '2023-10-31', timeliness: 'late', timelinessLabel: '逾期完成', marked: false });
    let before = t.checksum();
    const noReason = await call('POST', `/api/projects/${park.id}/complete`, op, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toBe('lateReason');
    expect(t.checksum()).toBe(before);
    const future = await call('POST', `/api/projects/${park.id}/complete`, op, { date: '2023-11-03', lateReason: 'x' });
    expect(future.status).toBe(400);
    expect(future.body.error.issues[0].path).toBe('date');
    const marked = await call('POST', `/api/projects/${park.id}/complete`, op, { lateReason: '雨季推迟了苗木栽植', note: '竣工验收' });
    expect(marked.status).toBe(200);
    expect(marked.body.project).toMatchObject({
      status: 'completed',
      completed: { on: '2023-11-02', timeliness: 'late', lateReason: '雨季推迟了苗木栽植', marked: true, note: '竣工验收', openReason: null },
    });
    expect(marked.body.project.completionCheck).toBeUndefined();
    expect((await call('POST', `/api/projects/${park.id}/complete`, op, { lateReason: 'again' })).status).toBe(409);

    // The disabled-care project: every node reported but 4018 of 4368 check-ups — complete only with the reason.
    const d = await call('POST', `/api/projects/${disabled.id}/reports`, op, { date: '2023-10-31', milestonesReached: all(10), spentWan: 200, outputs: { 体检人次: 4018 } });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    before = t.checksum();
    const short = await call('POST', `/api/projects/${disabled.id}/complete`, op, { date: '2023-10-31' });
    expect(short.status).toBe(400);
    expect(short.body.error.issues[0].path).toBe('openReason');
    expect(short.body.error.message).toContain('4018 of the planned 4368');
    expect(t.checksum()).toBe(before);
    const done = await call('POST', `/api/projects/${disabled.id}/complete`, op, { date: '2023-10-31', openReason: '350 人外出务工，年后补检' });
    expect(done.body.project.completed).toMatchObject({ on: '2023-10-31', timeliness: 'on_time', timelinessLabel: '按期完成', openReason: '350 人外出务工，年后补检', lateReason: null });

    // 0 of 4 milestones reached: the secretariat must say why it is complete; on time by its Q4 plan.
    const open = await call('POST', `/api/projects/${walkway.id}/complete`, op, { date: '2023-11-01' });
    expect(open.body.error.message).toContain('4 of 4 milestones not reached');
    expect((await call('POST', `/api/projects/${walkway.id}/complete`, op, { date: '2023-11-01', openReason: '施工单位提交竣工资料，节点未逐项填报' })).status).toBe(200);

    // Undo is a correction: it needs a reason, is audited, and the project is judged by its plan again.
    before = t.checksum();
    expect((await call('POST', `/api/projects/${walkway.id}/complete/undo`, op, {})).status).toBe(400);
    expect(t.checksum()).toBe(before);
    const undone = await call('POST', `/api/projects/${walkway.id}/complete/undo`, op, { reason: '竣工验收未通过' });
    expect(undone.status).toBe(200);
    expect(undone.body.project).toMatchObject({ completed: null, status: 'lagging' });
    expect((await call('POST', `/api/projects/${walkway.id}/complete/undo`, op, { reason: 'again' })).status).toBe(409);

    // Finished in January of the next year: 逾期, with its reason.
    y.clock = at('2024-01-15T09:00:00');
    op = await signIn('op');
    const jan = await call('POST', `/api/projects/${walkway.id}/complete`, op, { lateReason: '冬季停工', openReason: '节点未逐项填报' });
    expect(jan.body.project.completed).toMatchObject({ on: '2024-01-15', due: '2023-12-31', timeliness: 'late' });

    const events = (await call('GET', '/api/audit', op)).body.events as { action: string; detail: any }[];
    const undo = events.find((e) => e.action === 'project.completion_undone')!;
    expect(undo.detail).toMatchObject({ projectId: walkway.id, reason: '竣工验收未通过', undone: { date: '2023-11-01' } });
    expect(events.filter((e) => e.action === 'project.completed').map((e) => [e.detail.date, e.detail.timeliness])).toEqual([
      ['2023-11-02', 'late'],
      ['2023-10-31', 'on_time'],
      ['2023-11-01', 'on_time'],
      ['2024-01-15', 'late'],
    ]);
  }, 60_000);

  it('an imported year completes on its own date, not the day of the import', async () => {
    const { t, s, call } = y;
    y.clock = at('2023-02-21T09:00:00');
    const fixture = JSON.parse(fixtureText('qinshui-2022-completed.json'));
    const res = await call('POST', '/api/projects/import-completed', s.cookie, fixture);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    for (const p of res.body.projects) expect(p.completed).toMatchObject({ on: '2022-12-31', due: '2022-12-31', timeliness: 'on_time' });
    const bad = { year: 2022, projects: [{ name: 'x', investmentWan: 1, outputs: {}, completedOn: '2023-03-01' }] };
    expect((await call('POST', '/api/projects/import-completed', s.cookie, bad)).body.error.issues[0].path).toBe('projects.0.completedOn');
  });
});
