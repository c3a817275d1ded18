import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRoster, rosterCsv } from '../../server/demo/roster.ts';
import { chinaDate } from '../../shared/rules/progress.ts';
import { fixtureText, pairTablets, TOWNSHIPS } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { startServer, type ServerProcess } from '../helpers/process.ts';
import { artifactPath, launchChromium } from './chromium.ts';
import { closeBallot, ok, voted2023, voteAndAnnounce } from './support.ts';

// Issue 5 item 3: the public page (通过政府信息平台及时公开，动态更新，接受监督). A real server with three years of
// projects — 2022 imported from its completion report, 2023 voted, reported on and rated, and the current year
// voted with its plan moved to this year so that 推进中 and 未开工 exist on the real clock — read on a phone-sized
// Chromium. Every figure checked is read from the page.

interface Completed {
  category: string;
  name: string;
  investmentWan: number | null;
  outputs: Record<string, number>;
}
interface CandidateFixture {
  name: string;
  budgetWan: number | null;
  annualTask: string;
  milestones: { period: string }[];
}
const completed2022 = JSON.parse(fixtureText('qinshui-2022-completed.json')) as { year: number; projects: Completed[] };
const candidates = (JSON.parse(fixtureText('qinshui-2023-candidates.json')) as { candidates: CandidateFixture[] }).candidates;

const PARK = '口袋公园建设项目';
const OLD_ESTATES = '老旧小区改造项目';
const WALKWAY = '县城中心城区慢行系统改造项目';
const INSURANCE = '“1+N”防贫综合保险项目';
const TODAY = chinaDate(Date.now());
const THIS_YEAR = Number(TODAY.slice(0, 4));
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const RED = 'rgb(179, 20, 29)';
const GREEN = 'rgb(11, 107, 46)';

let server: ServerProcess;
let browser: Browser;
let http: Http;
let dir: string;
let keyN = 0;
const ids = { park: '', oldEstates: '', walkway: '', insurance: '' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-public-'));
  server = await startServer({ dataDir: path.join(dir, 'data') });
  http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  const page = await fetch(`${server.url}/public/`);
  if (page.status !== 200) throw new Error(`GET /public/ answered ${page.status}: build the client first (npm run build)`);
  browser = await launchChromium();
  await seed(await sitePhotos());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the data, over the real HTTP API

/** Three small JPEG "site photos", drawn by the browser itself. */
async function sitePhotos(): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: 480, height: 360 } });
  const shots: string[] = [];
  for (const [bg, label] of [['#4a7a3a', '口袋公园 · 施工现场'], ['#8c6a3f', '园路铺装'], ['#2f5d8a', '设计批复']] as const) {
    await page.setContent(
      `<body style="margin:0"><div style="width:480px;height:360px;background:${bg};color:#fff;display:flex;align-items:center;justify-content:center;font:40px 'WenQuanYi Zen Hei',sans-serif">${label}</div></body>`,
    );
    shots.push((await page.screenshot({ type: 'jpeg', quality: 70 })).toString('base64'));
  }
  await page.close();
  return shots;
}

/** Votes the first ten candidates in (three deputies, all for), closes and announces: ten tracked projects. */
async function projectsOf(year: number): Promise<Map<string, any>> {
  const { projects } = await ok(http.get(`/api/projects?year=${year}`), 'projects');
  return new Map((projects as any[]).map((p) => [p.name as string, p]));
}

const report = (projectId: string, body: object) => ok(http.post(`/api/projects/${projectId}/reports`, body), 'report');

async function seed(photos: string[]) {
  // 2022: the completion report, twelve projects.
  await ok(http.post('/api/projects/import-completed', completed2022), 'import 2022');

  // 2023: the session's vote, unit reports (one project finished, one behind with photos), the rest behind.
  await voted2023(http);
  const y2023 = await projectsOf(2023);
  ids.park = y2023.get(PARK).id;
  ids.oldEstates = y2023.get(OLD_ESTATES).id;
  const jpeg = (i: number, name: string) => ({ filename: name, contentType: 'image/jpeg', dataBase64: photos[i]! });
  await report(ids.park, { date: '2023-03-01', milestonesReached: [0], spentWan: 50, outputs: { 完成设计批复: 1 }, note: '初步设计已批复，财政评审完成', photos: [jpeg(2, '设计批复.jpg')] });
  await report(ids.park, {
    date: '2023-05-10',
    milestonesReached: [1],
    spentWan: 180,
    outputs: { 新建口袋公园个: 2 },
    note: '两处口袋公园开工建设，园路铺装完成六成',
    photos: [jpeg(0, '施工现场.jpg'), jpeg(1, '园路铺装.jpg')],
  });
  // Every node of its plan reached (as many as the plan reads into: ranges, recurring duties).
  const estates = (await ok(http.get(`/api/projects/${ids.oldEstates}`), 'old estates')).project;
  const allNodes = (estates.milestones as { position: number }[]).map((m) => m.position);
  await report(ids.oldEstates, { date: '2023-12-20', milestonesReached: allNodes, spentWan: 5400, outputs: { 改造小区个: 12, 受益居民户: 3600 }, note: '12 个小区改造全部完工' });

  // This year: the same candidates with their plan moved to this year, so the real clock finds work in progress.
  const moved = JSON.parse(fixtureText('qinshui-2023-candidates.json').replaceAll('"period": "2023', `"period": "${THIS_YEAR}`));
  const meeting = await ok(http.post('/api/meetings', { name: `${THIS_YEAR} 年县人民代表大会`, date: `${THIS_YEAR}-02-20` }), 'meeting');
  const meetingId: string = meeting.meeting.id;
  const imported = await ok(http.post(`/api/meetings/${meetingId}/candidates/import`, moved), 'candidates');
  await ok(http.post(`/api/meetings/${meetingId}/deputies/import`, { csv: rosterCsv(demoRoster(TOWNSHIPS, 3)) }), 'roster');
  const deputies = (await ok(http.get(`/api/meetings/${meetingId}/deputies`), 'deputies')).deputies as { id: string }[];
  const tokens = await pairTablets(http, meetingId, deputies.map((d) => d.id));
  await voteAndAnnounce(http, meetingId, tokens, (imported.candidates as { id: string }[]).slice(0, 10).map((c) => c.id));
  const current = await projectsOf(THIS_YEAR);
  ids.walkway = current.get(WALKWAY).id;
  ids.insurance = current.get(INSURANCE).id;
  // Every node due by today reached, spending on plan: 推进中 (its Q4 node cannot be due before the year ends).
  const walkway = (await ok(http.get(`/api/projects/${ids.walkway}`), 'walkway')).project;
  const due = (walkway.milestones as { position: number; due: boolean }[]).filter((m) => m.due).map((m) => m.position);
  await report(ids.walkway, { date: TODAY, milestonesReached: due, spentWan: walkway.money.plannedToDateWan ?? 0, outputs: { 人行道改造米: 1200 }, note: '人行道改造按计划推进' });

  // The same meeting rates 2023's projects (满意度测评): the park 2 of 3 satisfied.
  const evaluation = await ok(http.post(`/api/meetings/${meetingId}/evaluations`, { year: 2023, title: '2023 年民生实事项目满意度测评' }), 'evaluation');
  const evalId: string = evaluation.ballot.id;
  await ok(http.post(`/api/ballots/${evalId}/open`), 'open evaluation');
  for (const [i, token] of tokens.entries()) {
    const marks: Record<string, string> = {};
    for (const p of evaluation.projects as { projectId: string; itemId: string }[]) {
      marks[p.itemId] = p.projectId === ids.park ? (i < 2 ? 'satisfied' : 'dissatisfied') : 'basically_satisfied';
    }
    await ok(http.post(`/api/deputy/ballots/${evalId}/papers`, { key: `public-page-key-${String(++keyN).padStart(6, '0')}`, marks }, token), 'rating');
  }
  await closeBallot(http, evalId);
  await ok(http.post(`/api/ballots/${evalId}/announce`), 'announce evaluation');
}

// ---------------------------------------------------------------- the page

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext(PHONE);
  // A missing element fails with its locator named, well inside the test's own timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

async function listOf(page: Page, year: number) {
  await page.locator(`[data-testid="year-view"][data-year="${year}"][data-state="ok"]`).waitFor();
  return page.getByTestId('project-card');
}

const card = (page: Page, name: string) => page.getByTestId('project-card').filter({ has: page.getByTestId('project-name').getByText(name, { exact: true }) });
const text = async (l: Locator) => (await l.innerText()).replace(/\s+/g, ' ').trim();
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: artifactPath(name), fullPage });

/** GET /api/public/projects without a year: the page's first question. */
const latestUrl = (url: URL) => url.pathname === '/api/public/projects' && url.search === '';

async function yearsOffered(page: Page): Promise<number[]> {
  return page.getByTestId('year-option').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-year'))));
}

describe('the public page on a phone', () => {
  it('opens on the latest year: the years present, the summary, 推进中 and 未开工, readable and no wider than the phone', async () => {
    const { context, page, errors } = await phone();
    try {
      await page.goto(`${server.url}/public/`);
      const cards = await listOf(page, THIS_YEAR);
      expect(await cards.count()).toBe(10);
      await expect.poll(() => yearsOffered(page)).toEqual([THIS_YEAR, 2023, 2022]);
      expect(await page.locator('[data-testid="year-option"][aria-pressed="true"]').getAttribute('data-year')).toBe(String(THIS_YEAR));
      expect(await text(page.getByTestId('page-title'))).toBe('民生实事项目进展公开');
      expect(await page.getByTestId('summary-projects').getAttribute('data-value')).toBe('10');

      const walkway = card(page, WALKWAY);
      expect(await walkway.getByTestId('status-badge').getAttribute('data-status')).toBe('in_progress');
      expect(await text(walkway.getByTestId('status-badge'))).toContain('推进中');
      expect(await text(walkway.getByTestId('latest-report'))).toContain('人行道改造米 1200');
      const insurance = card(page, INSURANCE);
      expect(await text(insurance.getByTestId('status-badge'))).toContain('未开工');
      expect(await text(insurance.getByTestId('latest-report'))).toContain('尚无进度报告');
      expect(await text(insurance.getByTestId('money-budget'))).toBe('170 万元');

      // Phone-first: large type, nothing wider than the screen, cards tall enough to tap.
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(18);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect((await page.getByTestId('year-option').first().boundingBox())!.height).toBeGreaterThanOrEqual(48);
      await shot(page, 'public-list-current.png');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches to 2022 and shows all twelve completed projects with their figures', async () => {
    // The county named in 2022's report settings heads its summary (issue 16: "the county is never named").
    await ok(http.request('PUT', '/api/projects/report-settings?year=2022', { county: '沁水县', themes: [] }), 'report settings');
    const { context, page, errors } = await phone();
    try {
      await page.goto(`${server.url}/public/`);
      await listOf(page, THIS_YEAR);
      await page.locator('[data-testid="year-option"][data-year="2022"]').tap();
      const cards = await listOf(page, 2022);
      expect(new URL(page.url()).searchParams.get('year')).toBe('2022');
      expect(await cards.count()).toBe(12);
      expect(await cards.getByTestId('project-name').allInnerTexts()).toEqual(completed2022.projects.map((p) => p.name));

      for (const [i, p] of completed2022.projects.entries()) {
        const c = card(page, p.name);
        expect(await text(c.getByTestId('project-seq'))).toBe(`第 ${i + 1} 项`);
        expect(await text(c.getByTestId('project-category'))).toBe(p.category);
        expect(await text(c.getByTestId('status-badge'))).toBe('✓ 已完成');
        if (p.investmentWan === null) expect(await text(c.getByTestId('money-none'))).toBe('资金情况未列明');
        else expect(await text(c.getByTestId('money-spent'))).toBe(`${p.investmentWan} 万元`);
        const outputs = c.getByTestId('latest-report').locator('[data-testid="outputs"] li');
        expect(await outputs.allInnerTexts().then((xs) => xs.map((x) => x.replace(/\s+/g, ' ')))).toEqual(Object.entries(p.outputs).map(([k, v]) => `${k} ${v}`));
      }
      expect(await text(card(page, '县乡村道水毁修复'))).toContain('26700 万元');
      const gas = await text(card(page, '管道燃气户内设施安全改造'));
      expect(gas).toContain('受益居民户 61977');
      expect(gas).toContain('870 万元');

      expect(await text(page.locator('#summary-heading'))).toBe('沁水县 2022 年民生实事项目概况');
      expect(await page.getByTestId('summary-projects').getAttribute('data-value')).toBe('12');
      expect(await page.getByTestId('summary-completed').getAttribute('data-value')).toBe('12');
      expect(await page.getByTestId('summary-lagging').getAttribute('data-value')).toBe('0');
      expect(await text(page.getByTestId('summary-spent'))).toBe('36214.35 万元');
      expect(await text(page.getByTestId('summary-budget'))).toBe('未列明');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'public-list-2022.png', true);

      // Back to the latest year through the switcher, and the browser's back button returns to 2022.
      await page.locator(`[data-testid="year-option"][data-year="${THIS_YEAR}"]`).tap();
      await listOf(page, THIS_YEAR);
      await page.goBack();
      expect(await (await listOf(page, 2022)).count()).toBe(12);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows 2023 from ?year=: 滞后 in red, 已完成 in green; a tap opens the detail with plan, reports, photos and rating', async () => {
    const { context, page, errors } = await phone();
    try {
      await page.goto(`${server.url}/public/?year=2023`);
      const cards = await listOf(page, 2023);
      expect(await cards.count()).toBe(10);
      expect(await page.getByTestId('summary-completed').getAttribute('data-value')).toBe('1');
      expect(await page.getByTestId('summary-lagging').getAttribute('data-value')).toBe('9');
      const budget = candidates.slice(0, 10).reduce((s, c) => s + (c.budgetWan ?? 0), 0);
      expect(await text(page.getByTestId('summary-budget'))).toBe(`${budget} 万元`);
      expect(await text(page.getByTestId('summary-spent'))).toBe(`${180 + 5400} 万元`);

      const park = card(page, PARK);
      const lagging = park.getByTestId('status-badge');
      expect(await text(lagging)).toBe('! 滞后');
      expect(await lagging.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(RED);
      expect(await text(park.getByTestId('lag-note'))).toContain('7 个节点逾期未完成');
      expect(await park.getByTestId('milestone-progress').getAttribute('data-reached')).toBe('2');
      expect(await text(park.getByTestId('milestone-progress'))).toContain('已完成 2 / 9 个');
      expect(await text(park.getByTestId('money-spent'))).toBe('180 万元');
      expect(await text(park.getByTestId('money-budget'))).toBe('1000 万元');
      const latest = await text(park.getByTestId('latest-report'));
      expect(latest).toContain('2023年5月10日');
      expect(latest).toContain('两处口袋公园开工建设');
      expect(latest).toContain('新建口袋公园个 2');
      const done = card(page, OLD_ESTATES).getByTestId('status-badge');
      expect(await text(done)).toBe('✓ 已完成');
      expect(await done.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(GREEN);
      await shot(page, 'public-list-2023.png');

      // Tap the card (anywhere on it, not only the name) → the detail.
      const money = park.getByTestId('money');
      await money.scrollIntoViewIfNeeded();
      const box = (await money.boundingBox())!;
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      const detail = page.getByTestId('project-detail');
      await detail.waitFor();
      expect(new URL(page.url()).searchParams.get('project')).toBe(ids.park);
      expect(await text(page.getByTestId('detail-name'))).toBe(PARK);
      const task = candidates.find((c) => c.name === PARK)!.annualTask;
      expect(await text(page.getByTestId('annual-task'))).toContain(task.replace(/\s+/g, ' ').slice(0, 30));
      const nodes = page.getByTestId('milestone');
      expect(await nodes.count()).toBe(9);
      expect(await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['reached', 'reached', ...Array(7).fill('overdue')]);
      expect(await text(nodes.nth(0))).toContain('2023年2月');
      expect(await text(nodes.nth(0))).toContain('已完成（2023年3月1日报告）');
      expect(await text(nodes.nth(0))).toContain('计划投入 50 万元');
      expect(await text(nodes.nth(2))).toContain('逾期未完成');
      const reports = page.getByTestId('reports').getByTestId('report');
      expect(await reports.evaluateAll((els) => els.map((e) => e.getAttribute('data-date')))).toEqual(['2023-05-10', '2023-03-01']);
      expect(await text(reports.nth(1))).toContain('初步设计已批复');
      const photos = page.getByTestId('report-photo');
      expect(await photos.count()).toBe(3);
      for (const src of await photos.evaluateAll((els) => els.map((e) => e.getAttribute('src')))) expect(src).toMatch(/^\/api\/public\/photos\/[A-Za-z0-9_-]+$/);
      for (let i = 0; i < 3; i++) {
        await photos.nth(i).scrollIntoViewIfNeeded();
        await expect.poll(() => photos.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
      }
      const evaluation = page.getByTestId('evaluation');
      expect(await evaluation.getAttribute('data-rating')).toBe('satisfied');
      expect(await text(evaluation)).toContain('满意度测评');
      expect(await text(page.getByTestId('satisfaction-rate'))).toBe('满意率 66.7%');
      expect(await text(page.getByTestId('selection'))).toContain('赞成 3 票，反对 0 票，弃权 0 票');
      expect(await text(page.getByTestId('total-outputs'))).toContain('新建口袋公园个 2');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'public-detail.png');
      await shot(page, 'public-detail-full.png', true);

      // Back: the 2023 list again, the park's card brought back into view.
      await page.getByTestId('back').tap();
      await listOf(page, 2023);
      expect(new URL(page.url()).search).toBe('?year=2023');
      await expect.poll(() => card(page, PARK).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`card-${ids.park}`);

      // A shared link to the detail opens it directly; its back button goes to the project's year.
      await page.goto(`${server.url}/public/?project=${ids.oldEstates}`);
      expect(await text(page.getByTestId('detail-name'))).toBe(OLD_ESTATES);
      expect(await page.getByTestId('milestone').evaluateAll((els) => els.every((e) => e.getAttribute('data-state') === 'reached'))).toBe(true);
      expect(await text(page.getByTestId('evaluation'))).toContain('基本满意');
      await page.getByTestId('back').tap();
      await listOf(page, 2023);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches to English and back', async () => {
    const { context, page, errors } = await phone();
    try {
      await page.goto(`${server.url}/public/?year=2022`);
      await listOf(page, 2022);
      await page.getByTestId('lang-toggle').tap();
      await expect.poll(() => text(page.getByTestId('page-title'))).toBe("People's livelihood projects: progress");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      const roads = card(page, '县乡村道水毁修复');
      expect(await text(roads.getByTestId('status-badge'))).toBe('✓ Completed');
      expect(await text(roads.getByTestId('money-spent'))).toBe('26,700 × 10k yuan');
      expect(await text(page.getByTestId('summary-spent'))).toBe('36,214.35 × 10k yuan');
      await shot(page, 'public-en.png');
      // The choice is remembered on this phone.
      await page.reload();
      await expect.poll(() => text(page.getByTestId('page-title'))).toBe("People's livelihood projects: progress");
      await page.getByTestId('lang-toggle').tap();
      await expect.poll(() => text(page.getByTestId('page-title'))).toBe('民生实事项目进展公开');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says so when loading fails, offers a retry, and shows empty years plainly', async () => {
    const { context, page } = await phone();
    try {
      // The server failing: the error is on the page, and 重试 recovers once the server answers again.
      let failing = true;
      await context.route(latestUrl, (route) =>
        failing ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'internal error' } }) }) : route.continue(),
      );
      await page.goto(`${server.url}/public/`);
      const notice = page.getByTestId('error-notice');
      await notice.waitFor();
      expect(await text(notice)).toContain('数据加载失败');
      expect(await text(notice)).toContain('服务器返回错误（500）');
      expect(await text(notice)).toContain('服务器内部错误'); // said by its code, not as the server's English
      await shot(page, 'public-error.png');
      failing = false;
      await page.getByTestId('retry').tap();
      expect(await (await listOf(page, THIS_YEAR)).count()).toBe(10);
      await context.unrouteAll();

      // No network at all.
      await context.route((url) => url.pathname === '/api/public/projects' && url.searchParams.get('year') === '2022', (route) => route.abort('internetdisconnected'));
      await page.goto(`${server.url}/public/?year=2022`);
      await page.locator('[data-testid="year-view"][data-state="error"]').waitFor();
      expect(await text(page.getByTestId('error-notice'))).toContain('无法连接服务器');
      await context.unrouteAll();
      await page.getByTestId('retry').tap();
      expect(await (await listOf(page, 2022)).count()).toBe(12);

      // A year without projects, a project that does not exist, and a server with nothing published yet.
      const future = THIS_YEAR + 3;
      await page.goto(`${server.url}/public/?year=${future}`);
      await page.getByTestId('empty-state').waitFor();
      expect(await text(page.getByTestId('empty-state'))).toBe(`${future} 年暂无民生实事项目。`);
      await expect.poll(() => yearsOffered(page)).toEqual([future, THIS_YEAR, 2023, 2022]);
      await page.goto(`${server.url}/public/?project=nosuchproject`);
      expect(await text(page.getByTestId('error-notice'))).toContain('未找到该项目');
      await context.route(latestUrl, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ year: null, county: '', asOf: '2026-11-30', projects: [] }) }));
      await page.goto(`${server.url}/public/`);
      expect(await text(page.getByTestId('empty-state'))).toBe('暂无公开的民生实事项目。');
      await shot(page, 'public-empty.png');
    } finally {
      await context.close();
    }
  });
});
