import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../helpers/hall.ts';
import { artifactPath } from './chromium.ts';
import { consoleAt, openScreen, type Screen, type Stage, useStage } from './console-driver.ts';
import { ok, voted2023 } from './support.ts';

// Issue 16 on screen: a 2023 project completed late (with its reason), one completed on time, a report corrected
// and one withdrawn; the console project page, the public page and the completion report show them so.
// Screenshots: test/artifacts/year-console-project.png, year-public-project.png, year-report.png.

const completed2022 = JSON.parse(fixtureText('qinshui-2022-completed.json'));
const { s, screens } = useStage();

let park: any;
let walkway: any;

beforeAll(async () => {
  await ok(s.http.post('/api/projects/import-completed', completed2022), 'import 2022');
  await voted2023(s.http);
  const { projects } = await ok(s.http.get('/api/projects?year=2023'), 'projects');
  park = projects.find((p: any) => p.name === '口袋公园建设项目');
  walkway = projects.find((p: any) => p.name === '县城中心城区慢行系统改造项目');
  const all = park.milestones.map((m: any) => m.position);
  const first = await ok(s.http.post(`/api/projects/${park.id}/reports`, { date: '2023-06-28', milestonesReached: all.slice(0, 5), spentWan: 500, note: '苗木栽植完成' }), 'report');
  await ok(s.http.post(`/api/projects/${park.id}/reports/${first.reportId}/correct`, { reason: '支出录入错误', report: { date: '2023-06-28', milestonesReached: all.slice(0, 5), spentWan: 550, note: '苗木栽植完成' } }), 'correct');
  const dup = await ok(s.http.post(`/api/projects/${park.id}/reports`, { date: '2023-07-01', spentWan: 550 }), 'dup');
  await ok(s.http.post(`/api/projects/${park.id}/reports/${dup.reportId}/withdraw`, { reason: '重复填报' }), 'withdraw');
  await ok(s.http.post(`/api/projects/${park.id}/reports`, { date: '2023-11-02', milestonesReached: all.slice(5), spentWan: 1000, note: '全部完工并通过验收' }), 'report');
  await ok(s.http.post(`/api/projects/${park.id}/complete`, { date: '2023-11-02', lateReason: '雨季推迟了土建施工' }), 'complete late');
  await ok(s.http.post(`/api/projects/${walkway.id}/reports`, { date: '2023-12-20', milestonesReached: [0, 1, 2, 3], spentWan: 2800 }), 'walkway');
}, 180_000);

describe('the year after the vote, on screen', () => {
  it('console project page, public page and report show 按期/逾期 and corrections', { timeout: 120_000 }, async () => {
    const con = await consoleAt(s, screens, `/project/${park.id}`, 'completion');
    const { page } = con;
    expect(await page.getByTestId('completion').getAttribute('data-timeliness')).toBe('late');
    expect(await page.getByTestId('completion-late-reason').textContent()).toContain('雨季推迟了土建施工');
    expect(await page.getByTestId('withdrawn-reports').textContent()).toContain('重复填报');
    expect(await page.getByTestId('withdrawn-reports').textContent()).toContain('更正：支出录入错误');
    await page.screenshot({ path: artifactPath('year-console-project.png'), fullPage: true });

    const pub = await openScreen(s.browser, `${s.server.url}/public/?year=2023&project=${park.id}`);
    screens.push(pub);
    await pub.page.getByTestId('completion-note').first().waitFor();
    expect(await pub.page.getByTestId('completion-note').first().textContent()).toContain('逾期完成');
    expect(await pub.page.getByTestId('completion-note').first().textContent()).toContain('雨季推迟了土建施工');
    const body = await pub.page.locator('body').textContent();
    expect(body).not.toContain('重复填报');
    await pub.page.screenshot({ path: artifactPath('year-public-project.png'), fullPage: true });

    await page.goto(`${s.server.url}/console/#/projects/2023/report`);
    await page.getByTestId('completion-report').waitFor();
    await page.locator('[data-testid="completion-copy"]:not([disabled])').waitFor();
    const text = await page.getByTestId('completion-text').textContent();
    expect(text).toContain('按期完成 1 件、逾期完成 1 件');
    expect(text).toContain('逾期原因：雨季推迟了土建施工');
    await page.screenshot({ path: artifactPath('year-report.png'), fullPage: true });
    expect(con.errors).toEqual([]);
  });
});
