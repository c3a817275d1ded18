import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { artifactPath } from './chromium.ts';
import { consoleScreen, downloaded, openScreen, printed, stage, type Screen, type Stage } from './console-driver.ts';
import { ok, voted2023 } from './support.ts';

// Issue 5 on the console: the 民生实事项目 screens. A real server with 2022 imported from its completion report
// and 2023 voted in (ten tracked projects, none reported on, so on today's clock all 滞后); the admin reads the
// 2022 完成情况 and the 2023 list, the 园林绿化中心 unit signs in, sees only its project and files a report
// through the form — a refused one first, then a good one. Every figure checked is read from the page.

const PARK = '口袋公园建设项目';
const UNIT = '园林绿化中心';
const UNIT_USER = 'yuanlin';
const UNIT_PASSWORD = 'yuanlin-password-2023';
const RED = 'rgb(179, 20, 29)';
const completed2022 = JSON.parse(fixtureText('qinshui-2022-completed.json')) as { year: number; projects: { name: string }[] };

let s: Stage;
let dir: string;
const screens: Screen[] = [];

beforeAll(async () => {
  s = await stage();
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-console-projects-'));
  await ok(s.http.post('/api/projects/import-completed', completed2022), 'import 2022');
  await voted2023(s.http);
  await ok(s.http.post('/api/accounts', { username: UNIT_USER, password: UNIT_PASSWORD, role: 'unit', unitName: UNIT }), 'unit account');
}, 180_000);

afterAll(async () => {
  for (const x of screens) await x.context.close().catch(() => {});
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('民生实事项目 on the console', () => {
  it('prints the 2022 completion report with the figures the API holds', { timeout: 120_000 }, async () => {
    const con = await consoleScreen(s);
    screens.push(con);
    const { page } = con;
    await con.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.server.url });
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('projects-screen').waitFor();
    await page.getByTestId('projects-year').selectOption('2022');
    await page.locator('[data-testid="projects-screen"][data-year="2022"] [data-testid="projects-summary"]').waitFor();
    expect(await page.getByTestId('projects-summary').getAttribute('data-count')).toBe('12');
    await page.getByTestId('projects-report-link').click();
    await page.getByTestId('completion-report').waitFor();

    const { report } = await ok(s.http.get('/api/projects/report?year=2022&format=json'), 'report json');
    const text = await (await fetch(`${s.server.url}/api/projects/report?year=2022&format=text`, { headers: { cookie: s.http.cookie! } })).text();

    // 县乡村道水毁修复: 26700 万元; 管道燃气户内设施安全改造: 受益居民户 61977.
    const roads = page.locator('[data-testid="completion-project"][data-name="县乡村道水毁修复"]');
    expect((await roads.getByTestId('completion-investment').textContent())?.trim()).toBe('26700');
    const gas = page.locator('[data-testid="completion-project"][data-name="管道燃气户内设施安全改造"]');
    expect(await gas.getByTestId('completion-outputs').textContent()).toContain('受益居民户 61977');
    expect(await page.getByTestId('completion-report').textContent()).toContain('受益居民户 61977');

    // Grouped by category as the API groups them; the totals as the API sums them.
    const categories = await page.getByTestId('completion-category').evaluateAll((els) => els.map((e) => e.getAttribute('data-category')));
    expect(categories).toEqual(report.categories.map((c: { category: string }) => c.category));
    expect(await page.getByTestId('completion-project').count()).toBe(report.totals.projects);
    expect(report.totals.projects).toBe(12);
    const shownTotal = Number((await page.getByTestId('completion-total-investment').textContent())?.trim());
    expect(shownTotal).toBe(report.totals.investmentWan);
    const shownOutputs = await page
      .getByTestId('completion-total-outputs')
      .locator('span[data-label]')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(shownOutputs.map((x) => x.replace(/^；/, ''))).toEqual(Object.entries(report.totals.outputs).map(([label, n]) => `${label} ${n}`));
    expect(await page.getByTestId('completion-overview').textContent()).toContain(`共实施民生实事项目 12 件，已完成 12 件`);

    // 复制文本: the text format, shown in the <pre> and put on the clipboard.
    await page.locator('[data-testid="completion-copy"]:not([disabled])').waitFor();
    expect(await page.getByTestId('completion-text').textContent()).toBe(text);
    expect(text).toContain('县乡村道水毁修复');
    await page.getByTestId('completion-copy').click();
    await page.getByTestId('completion-copied').waitFor();
    expect(await page.getByTestId('completion-copied').getAttribute('data-ok')).toBe('true');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    // 附表's 序号 is each project's year number, as on every screen (issue 14); on A4 the 状态 cell (按期完成) keeps at
    // least 1.5 mm between its text and the column's rules.
    const numbers = new Map<string, number>(report.categories.flatMap((c: { projects: { name: string; number: number }[] }) => c.projects.map((p) => [p.name, p.number] as const)));
    const shownNumbers = await page.getByTestId('completion-project').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-name') ?? '', Number(r.querySelector('[data-testid="completion-number"]')?.textContent)] as const),
    );
    expect(new Map(shownNumbers)).toEqual(numbers);
    const viewport = page.viewportSize();
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    const room = await page.getByTestId('completion-status').evaluateAll((cells) =>
      cells.map((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        const text = range.getBoundingClientRect();
        const box = td.getBoundingClientRect();
        return { text: td.textContent ?? '', left: text.left - box.left, right: box.right - text.right };
      }),
    );
    await page.emulateMedia({ media: 'screen' });
    if (viewport) await page.setViewportSize(viewport);
    expect(room.some((c) => c.text.length === 4)).toBe(true);
    const mm = 96 / 25.4;
    for (const c of room) expect(Math.min(c.left, c.right) / mm, c.text).toBeGreaterThanOrEqual(1.5);

    // The same report as Word, beside the print button.
    const docx = await downloaded(page, () => page.getByTestId('completion-docx').click());
    expect(docx.name).toBe('2022年民生实事项目完成情况.docx');
    expect(docx.text.startsWith('PK')).toBe(true);

    await page.screenshot({ path: artifactPath('console-projects-report.png'), fullPage: false });
    await printed(page, 'console-projects-report');
    expect(con.errors).toEqual([]);
  });

  it('flags the 2023 projects behind plan, with the reason', { timeout: 60_000 }, async () => {
    const con = screens[0]!;
    const { page } = con;
    await page.goto(`${s.server.url}/console/#/projects/2023`);
    await page.locator('[data-testid="projects-screen"][data-year="2023"] [data-testid="projects-summary"]').waitFor();
    const { projects } = await ok(s.http.get('/api/projects?year=2023'), 'projects 2023');
    expect(projects).toHaveLength(10);
    const lagging = (projects as { id: string; status: string }[]).filter((p) => p.status === 'lagging');
    expect(lagging.length).toBeGreaterThan(0);
    expect(await page.getByTestId('projects-summary').getAttribute('data-lagging')).toBe(String(lagging.length));
    for (const p of projects as { id: string; number: number; status: string; progress: { milestonesReached: number; milestonesTotal: number } }[]) {
      const row = page.getByTestId(`project-row-${p.id}`);
      expect(await row.getAttribute('data-status')).toBe(p.status);
      expect(await row.getByTestId('project-milestones').textContent()).toBe(`${p.progress.milestonesReached}/${p.progress.milestonesTotal}`);
      // 序号: the project's year number (issue 14), not the ballot's candidate number.
      expect(await row.getByTestId('project-number').textContent()).toBe(String(p.number));
      if (p.status !== 'lagging') continue;
      const badge = row.getByTestId('project-status');
      expect(await badge.textContent()).toContain('滞后');
      expect(await badge.evaluate((e) => getComputedStyle(e).color)).toBe(RED);
      expect(await row.getByTestId('lag-reason').textContent()).toMatch(/逾期未完成|低于计划/);
    }
    await page.screenshot({ path: artifactPath('console-projects-list.png'), fullPage: true });

    // The import screen refuses a year with no projects, by the field, and imports nothing.
    await page.getByTestId('projects-import-link').click();
    await page.getByTestId('import-completed-text').fill(JSON.stringify({ year: 2021, projects: [] }));
    await page.getByTestId('import-completed-submit').click();
    await page.getByTestId('error-import-completed-text').waitFor();
    expect((await ok(s.http.get('/api/projects?year=2021'), 'projects 2021')).projects).toHaveLength(0);
    expect(con.errors).toEqual([]);
  });

  it('lets the unit see only its project and file a report through the form', { timeout: 120_000 }, async () => {
    const unitHttp = new Http(s.server.url);
    await unitHttp.login(UNIT_USER, UNIT_PASSWORD);
    const mine = (await ok(unitHttp.get('/api/projects'), 'unit projects')).projects as { id: string; name: string; units: { lead: string[]; cooperate: string[]; implement: string[] } }[];
    expect(mine.map((p) => p.name)).toContain(PARK);
    for (const p of mine) expect([...p.units.lead, ...p.units.cooperate, ...p.units.implement]).toContain(UNIT);
    const park = mine.find((p) => p.name === PARK)!;

    const con = await openScreen(s.browser, `${s.server.url}/console/`);
    screens.push(con);
    const { page } = con;
    await page.locator('#login-username').fill(UNIT_USER);
    await page.locator('#login-password').fill(UNIT_PASSWORD);
    await page.getByTestId('login-submit').click();
    // A unit lands on its projects, not on the meetings.
    await page.locator('[data-testid="projects-screen"][data-year="2023"] [data-testid="projects-table"]').waitFor();
    expect(await page.getByTestId('meetings-screen').count()).toBe(0);
    const names = await page.locator('[data-testid^="project-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names).toEqual(mine.filter((p) => (p as unknown as { year: number }).year === 2023).map((p) => p.name));
    expect(await page.getByTestId('projects-import-link').count()).toBe(0);

    await page.getByTestId(`project-row-${park.id}`).getByTestId('project-link').click();
    await page.locator(`[data-testid="project-detail"][data-project-id="${park.id}"]`).waitFor();
    expect(await page.getByTestId('project-complete').count()).toBe(0);
    expect(await page.getByTestId('milestone-0').getAttribute('data-overdue')).toBe('true');

    // A refused report: negative spending, told by its field (in Chinese); nothing saved.
    await page.locator('#report-date').fill('2023-03-20');
    await page.locator('#report-spent').fill('-5');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('error-report-spent').waitFor();
    expect(await page.getByTestId('error-report-spent').textContent()).toBe('不能为负数');
    expect(await page.locator('#report-spent').inputValue()).toBe('-5');
    expect((await ok(s.http.get(`/api/projects/${park.id}`), 'park')).project.reports).toHaveLength(0);
    expect(await page.getByTestId('reports').getAttribute('data-count')).toBe('0');

    // The good one, with two nodes reached, an output, a note and a site photo.
    const photo = path.join(dir, '施工现场.png');
    writeFileSync(photo, await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 160, height: 120 } }));
    await page.locator('#report-spent').fill('100');
    await page.getByTestId('report-milestone-0').check();
    await page.getByTestId('report-milestone-1').check();
    await page.getByTestId('report-output-label-0').fill('新建口袋公园个');
    await page.getByTestId('report-output-n-0').fill('2');
    await page.locator('#report-note').fill('初步设计已批复，招标完成并开工建设');
    await page.locator('#report-photos').setInputFiles(photo);
    await page.locator('[data-testid="report-photos-chosen"][data-count="1"]').waitFor();
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-saved').waitFor();
    await page.locator('[data-testid="reports"][data-count="1"]').waitFor();
    expect(await page.getByTestId('error-report-spent').count()).toBe(0);

    const saved = (await ok(s.http.get(`/api/projects/${park.id}`), 'park')).project;
    expect(saved.reports).toHaveLength(1);
    expect(saved.reports[0]).toMatchObject({ date: '2023-03-20', spentWan: 100, milestonesReached: [0, 1], outputs: { 新建口袋公园个: 2 }, note: '初步设计已批复，招标完成并开工建设' });
    expect(saved.reports[0].photos).toHaveLength(1);
    const item = page.getByTestId(`report-${saved.reports[0].id}`);
    expect(await item.getByTestId('report-note').textContent()).toBe('初步设计已批复，招标完成并开工建设');
    expect(await item.getByTestId('report-outputs').textContent()).toContain('新建口袋公园个 2');
    await expect.poll(() => item.getByTestId('report-photo').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByTestId('milestone-0').getAttribute('data-reached')).toBe('true');
    expect(await page.getByTestId('milestone-1').getAttribute('data-reached')).toBe('true');
    expect(await page.getByTestId('detail-spent').textContent()).toBe('100');
    expect(await page.getByTestId('detail-milestones').textContent()).toBe(`2/${saved.milestones.length}`);
    expect(await page.getByTestId('money-chart').getAttribute('data-actual')).toBe('1');
    // The unit may withdraw its own report, not one the secretariat typed in (the server refuses it too).
    const bySecretariat = await ok(s.http.post(`/api/projects/${park.id}/reports`, { date: '2023-03-25', milestonesReached: [], spentWan: 120, note: '秘书处代录' }), 'secretariat report');
    await page.reload();
    await page.getByTestId(`report-${bySecretariat.reportId}`).waitFor();
    expect(await page.getByTestId(`report-withdraw-${saved.reports[0].id}`).count()).toBe(1);
    expect(await page.getByTestId(`report-withdraw-${bySecretariat.reportId}`).count()).toBe(0);
    const staffView = (await ok(s.http.get(`/api/projects/${park.id}`), 'park')).project.reports as { id: string; unit: string | null }[];
    expect(staffView.map((r) => r.unit)).toEqual([UNIT, null]);
    await page.screenshot({ path: artifactPath('console-projects-detail.png'), fullPage: true });
    expect(con.errors).toEqual([]);
  });
});
