import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleScreen, shot, stage, type Screen, type Stage } from './console-driver.ts';

// The console's 测评 form at the edges of issue 14: a year of 30 projects with long names, a year of one, a year
// with none; in both locales. Every setting stays visible beside the project list (none hidden under it), and a
// year with nothing to rate says so and lets the operator go back. An evaluation draft is not offered the 票决
// form to edit, and its printed paper ballots (纸质选票, the tablet's fallback) say what the tablet says: 满意/基本满意/
// 不满意 and the skip wording of its base, never 赞成 or 弃权.

let s: Stage;
let con: Screen;
const LONG = ['县城集中供热管网改造及老旧小区二次管网更新提升工程', '农村公路', '中小学校舍安全改造和寄宿制学校生活设施改善项目', '城乡居民免费健康体检'];

async function meeting(date: string): Promise<string> {
  const res = await s.http.post('/api/meetings', { name: `沁水县人民代表大会（${date}）`, date });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.meeting.id as string;
}

async function importYear(year: number, n: number): Promise<void> {
  const projects = Array.from({ length: n }, (_, i) => ({ category: '改善民生', name: `${LONG[i % 4]}${i + 1}`, investmentWan: 100 + i, outputs: {}, text: '' }));
  const res = await s.http.post('/api/projects/import-completed', { year, projects });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
}

async function openForm(page: Page, meetingId: string): Promise<void> {
  await page.goto(`${s.server.url}/console/#/m/${meetingId}/ballots`);
  await page.getByTestId('evaluation-new').click();
}

/** The boxes of the settings and of the project list: no setting may overlap the list or leave the form. */
async function settingsClearOfList(page: Page) {
  const form = page.getByTestId('evaluation-form');
  await form.waitFor();
  const box = async (sel: string) => (await page.locator(sel).boundingBox())!;
  const list = await box('[data-testid="eval-projects"]');
  const formBox = (await form.boundingBox())!;
  for (const sel of ['#eval-title', '[data-testid="eval-options"]', '#eval-threshold', '#eval-report', '[data-testid="eval-skip-note"]', '#eval-minutes']) {
    const b = await box(sel);
    const overlaps = b.x < list.x + list.width && b.x + b.width > list.x && b.y < list.y + list.height && b.y + b.height > list.y;
    expect(overlaps, `${sel} lies under the project list`).toBe(false);
    expect(b.x, sel).toBeGreaterThanOrEqual(formBox.x);
  }
}

beforeAll(async () => {
  s = await stage();
  await importYear(2023, 30);
  await importYear(2021, 1);
  con = await consoleScreen(s);
}, 180_000);

afterAll(async () => {
  await con?.context.close().catch(() => {});
  await s?.close();
});

describe('测评 form', () => {
  it('30 projects with long names: every setting beside the list, in Chinese and in English', { timeout: 120_000 }, async () => {
    const { page } = con;
    await openForm(page, await meeting('2024-02-20'));
    await expect.poll(() => page.locator('[data-testid^="eval-pick-"]:checked').count()).toBe(30);
    await settingsClearOfList(page);
    await shot(page, 'console-eval-form-30.png');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByTestId('eval-options').textContent()).not.toContain('满意 / 基本满意');
    await settingsClearOfList(page);
    await shot(page, 'console-eval-form-30-en.png');
    await page.getByTestId('lang-toggle').click();
  });

  it('a year of one project: one box, numbered 1', { timeout: 60_000 }, async () => {
    const { page } = con;
    await openForm(page, await meeting('2022-02-20'));
    await expect.poll(() => page.locator('[data-testid^="eval-pick-"]').count()).toBe(1);
    expect(await page.getByTestId('eval-projects').locator('.seq').allTextContents()).toEqual(['1']);
    await settingsClearOfList(page);
  });

  it('a year with no tracked projects says so, and the operator can go back to the ballots', { timeout: 60_000 }, async () => {
    const { page } = con;
    await openForm(page, await meeting('2026-02-20'));
    await expect.poll(() => page.getByTestId('eval-no-projects').textContent()).toContain('2025');
    await shot(page, 'console-eval-form-none.png');
    await page.getByTestId('eval-cancel').click();
    await page.getByTestId('ballot-new').waitFor();
    expect(await page.getByTestId('eval-no-projects').count()).toBe(0);
  });

  it('an evaluation draft offers no 票决 form to edit, and its paper ballots never say 赞成 or 弃权', { timeout: 120_000 }, async () => {
    const { page } = con;
    const meetingId = await meeting('2024-03-01');
    const skip = { 'rated-majority': '未评价的项目不计入该项目的测评。', 'valid-majority': '未评价的项目计入该项目的基数（不计为满意或基本满意）。' };
    for (const base of ['rated-majority', 'valid-majority'] as const) {
      await openForm(page, meetingId);
      await expect.poll(() => page.locator('[data-testid^="eval-pick-"]:checked').count()).toBe(30);
      await page.locator('#eval-threshold').selectOption(base);
      await page.getByTestId('eval-create').click();
      await page.locator('[data-testid="ballot-screen"][data-status="draft"]').waitFor();
      // The draft says why it is not edited; the 票决 form (this meeting's candidates, 赞成/弃权) is not offered.
      await page.getByTestId('draft-evaluation-fixed').waitFor();
      expect(await page.getByTestId('draft-edit').count()).toBe(0);
      expect(await page.getByTestId('ballot-form').count()).toBe(0);

      await page.getByTestId('paper-count').fill('1');
      await page.getByTestId('paper-print').click();
      await expect.poll(() => page.getByTestId('paper-message').textContent()).toContain('0001');
      await page.getByTestId('paper-open-sheets').click();
      const sheet = page.getByTestId('paper-sheet').first();
      await sheet.waitFor();
      expect(await sheet.getByTestId('paper-sheet-rules').locator('li').allTextContents()).toEqual([
        '在选定的方格内画“✓”。每个项目只能画一个“✓”。',
        '对每个项目可评满意、基本满意或不满意。',
        skip[base],
      ]);
      expect(await sheet.locator('thead th').allTextContents()).toEqual(['序号', '项目名称', '满意', '基本满意', '不满意']);
      expect(await sheet.locator('tbody tr').count()).toBe(30);
      expect(await sheet.textContent()).not.toMatch(/赞成|弃权/);
      await shot(page, `console-eval-paper-sheet-${base}.png`);
    }
  });
});
