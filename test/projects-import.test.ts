import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, type TestApp } from './helpers/app.ts';
import { completed2022, operatorAppIn2023 } from './helpers/completed-2022.ts';
import { meetingWithTablets } from './helpers/factories.ts';

// Last year's 完成情况 imported beside this year's candidates: the 2022 report lists all twelve with their figures.

const fixture = completed2022();

let t: TestApp;
let cookie: string;
beforeEach(async () => {
  ({ t, cookie } = await operatorAppIn2023());
});
afterEach(async () => t.close());

const get = async (url: string, auth = true) => {
  const res = await t.app.inject({ method: 'GET', url, ...(auth ? { headers: { cookie } } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const importFixture = () =>
  t.app.inject({ method: 'POST', url: '/api/projects/import-completed', headers: { cookie }, payload: completed2022() });

describe('importing a completed year', () => {
  it('creates the twelve 2022 projects, complete, and the report lists them with their figures', async () => {
    const res = await importFixture();
    expect(res.statusCode, res.body).toBe(201);
    const body = json(res);
    expect(body.imported).toBe(12);
    expect(body.projects.every((p: { status: string; year: number }) => p.status === 'completed' && p.year === 2022)).toBe(true);

    const { report } = json(await get('/api/projects/report?year=2022'));
    expect(report.categories.map((c: { category: string; projects: unknown[] }) => [c.category, c.projects.length])).toEqual([
      ['完善基础设施', 4],
      ['繁荣文化教育', 4],
      ['提升医疗服务', 3],
      ['加强兜底保障', 1],
    ]);
    const listed = report.categories.flatMap((c: { projects: unknown[] }) => c.projects) as { name: string; investmentWan: number | null; outputs: Record<string, number>; statusLabel: string }[];
    expect(listed.map((p) => p.name)).toEqual(fixture.projects.map((p) => p.name));
    for (const [i, p] of fixture.projects.entries()) {
      expect(listed[i]).toMatchObject({ investmentWan: p.investmentWan, outputs: p.outputs, statusLabel: '已完成' });
    }
    expect(listed.find((p) => p.name === '县乡村道水毁修复')!.investmentWan).toBe(26700);
    expect(listed.find((p) => p.name === '管道燃气户内设施安全改造')!.outputs).toEqual({ 受益居民户: 61977 });

    // The totals are the sums.
    const invested = fixture.projects.filter((p) => p.investmentWan !== null);
    const total = invested.reduce((sum, p) => sum + p.investmentWan!, 0);
    expect(report.totals.investmentWan).toBeCloseTo(total, 6);
    expect(report.totals.investmentWan).toBe(36214.35);
    expect(report.totals.projectsWithInvestment).toBe(invested.length);
    const outputs: Record<string, number> = {};
    for (const p of fixture.projects) for (const [k, v] of Object.entries(p.outputs)) outputs[k] = (outputs[k] ?? 0) + v;
    expect(Object.keys(report.totals.outputs).sort()).toEqual(Object.keys(outputs).sort());
    for (const [k, v] of Object.entries(outputs)) expect(report.totals.outputs[k]).toBeCloseTo(v, 6);
    expect(report.totals.statuses).toEqual({ not_started: 0, in_progress: 0, lagging: 0, completed: 12, carried_over: 0 });

    const text = (await get('/api/projects/report?year=2022&format=text')).body;
    expect(text.startsWith('2022 年民生实事项目完成情况\n')).toBe(true);
    expect(text).toContain('2022 年实施民生实事项目 12 件，全部按期完成，完成投资 3.6214 亿元。');
    expect(text).toContain('一、完善基础设施（4 件，完成投资 3.139 亿元）');
    // Each project is its theme's 一是/二是 in the source's own sentence (test/projects-report-seed.test.ts checks
    // every figure); a figure the sentence does not state is added once, in the source's word order.
    expect(text).toContain('\n一是完成县乡村道水毁修复，投资 2.67 亿元，涉及 8 条县道、27 条乡道、77 条村道，保障了群众出行安全。\n');
    expect(text).toContain('对管道燃气户内设施进行安全改造，投资 870 万元，受益居民 61977 户。');
    expect(text).toContain('四、加强兜底保障（1 件，完成投资 86.64 万元）');
    expect(text).toContain('完成投资 3.6214 亿元（9 件项目列明投资）。');
    for (const p of fixture.projects) expect(text).toContain(p.text.replace(/。$/, ''));
    expect(text).not.toMatch(/[#*|]/);
  });

  it("coexists with this year's meeting and candidates; the public sees 2022 until 2023 has projects", async () => {
    await importFixture();
    const s = await meetingWithTablets(t, 3);
    expect(json(await get(`/api/meetings/${s.meetingId}/candidates`)).candidates).toHaveLength(15);
    const pub = json(await get('/api/public/projects', false));
    expect(pub.year).toBe(2022);
    expect(pub.projects).toHaveLength(12);
    expect(pub.projects[0]).toMatchObject({ name: '县乡村道水毁修复', status: 'completed', outputs: { 县道: 8 }, money: { spentToDateWan: 26700 } });
    expect(json(await get('/api/public/projects?year=2023', false)).projects).toEqual([]);
    expect(json(await get('/api/projects/report?year=2023')).report.totals.projects).toBe(0);
  });

  it('refuses the same year twice, changing nothing', async () => {
    expect((await importFixture()).statusCode).toBe(201);
    const before = t.checksum();
    const again = await importFixture();
    expect(again.statusCode).toBe(409);
    expect(json(again).error.message).toBe('projects.0.name: "县乡村道水毁修复" is already a tracked project of 2022');
    expect(t.checksum()).toBe(before);
  });
});
