import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergedDown, workbook } from '../helpers/office-files.ts';
import { consoleScreen, createMeetingUi, previewCsv, saveImport, shot, stage, type Screen, type Stage } from './console-driver.ts';

// Issue 15: the console's import screen takes the office's own files. A workbook with merged cells is chosen in the
// file picker, sent as bytes with its media type, previewed (the filled cells shown), and saved as 15 candidates;
// a roster holding one deputy twice (王　伟 / 王伟) asks, and the answer "the same person" previews clean.

let s: Stage;
let screen: Screen;
let dir: string;

beforeAll(async () => {
  s = await stage();
  screen = await consoleScreen(s);
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-import-'));
}, 120_000);

afterAll(async () => {
  await screen?.context.close().catch(() => {});
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the import screen reads the office’s files', () => {
  it('previews and saves an .xlsx 附件 with merged cells: 15 candidates, 12575 万元, the filled cells shown', { timeout: 120_000 }, async () => {
    const { page } = screen;
    const meetingId = await createMeetingUi(page);
    const file = path.join(dir, '附件-候选项目.xlsx');
    writeFileSync(file, await workbook({ tableSheet: 1 }));

    // The panel names the columns it reads and links the templates.
    const panel = page.getByTestId('import-candidates-panel');
    expect(await panel.getByTestId('import-candidates-columns').textContent()).toContain('推进计划');
    const template = await page.request.get(`${s.server.url}${await panel.getByTestId('import-candidates-template-xlsx').getAttribute('href')}`);
    expect(template.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toContain('推进计划');

    expect(await previewCsv(page, 'candidates', { file })).toBe('clean');
    expect(await page.getByTestId('import-candidates-parsed').getAttribute('data-count')).toBe('15');
    expect(await page.getByTestId('import-candidates-format').textContent()).toContain('XLSX');
    await expect.poll(() => page.getByTestId('import-candidates-filled-count').getAttribute('data-count')).toBe(String(mergedDown.length));
    expect(await page.locator('[data-testid="import-candidates-sheet"] td[data-filled]').count()).toBe(mergedDown.length);
    await page.getByTestId('import-candidates-sheet').scrollIntoViewIfNeeded();
    await shot(page, 'console-import-xlsx-preview.png');

    expect(await saveImport(page, 'candidates')).toContain('15');
    const saved = (await s.http.get(`/api/meetings/${meetingId}/candidates`)).body.candidates as { budgetWan: number }[];
    expect(saved).toHaveLength(15);
    expect(saved.reduce((sum, c) => sum + c.budgetWan, 0)).toBe(12575);
  });

  it('asks about 王　伟 and 王伟 in one roster, and previews clean once told they are the same person', { timeout: 60_000 }, async () => {
    const { page } = screen;
    const file = path.join(dir, 'roster-one-file.csv');
    writeFileSync(file, readFileSync(new URL('../fixtures/cases/roster-padded-names/roster-one-file.csv', import.meta.url)));
    expect(await previewCsv(page, 'roster', { file })).toBe('problems');
    const problem = page.getByTestId('import-roster-problem');
    expect(await problem.getAttribute('data-choice')).toBe('duplicate');
    // One Chinese sentence written by the catalogue from the problem's params: whom, matched how, against which row.
    expect(await problem.textContent()).toContain('王伟（城关镇代表团）与第 2 行同名、同代表团：请选择跳过（同一人）或都保留');
    expect(await problem.textContent()).not.toMatch(/is also on row|skip it/);
    await page.getByTestId('import-roster-dup-skip').click();
    await page.locator('[data-testid="import-roster-result"][data-current="true"][data-state="ok"]').waitFor();
    expect(await page.getByTestId('import-roster-parsed').getAttribute('data-count')).toBe('1');
    await shot(page, 'console-import-duplicate-skipped.png');
  });

  it('the office’s reported files, through the picker and the paste box: each previews as the table it is', { timeout: 120_000 }, async () => {
    // shared/cases: xlsx-upload (the workbook, Excel's Unicode text), excel-paste-tsv (cells pasted from Excel),
    // unit-line-yuan (单位：元 above the header). Before the fixes the first two were decoded into garbage in the
    // browser, the third split on commas only, the fourth read 10000000 as 万元 — each now reads its own rows.
    const { page } = screen;
    await page.goto(`${s.server.url}/console/`);
    await page.getByTestId('meetings-screen').waitFor();
    await createMeetingUi(page, '案例会议', '2027-02-21');
    const cases = new URL('../fixtures/cases/', import.meta.url);
    const copy = (name: string) => {
      const file = path.join(dir, path.basename(name));
      writeFileSync(file, readFileSync(new URL(name, cases)));
      return file;
    };
    const rows = async (kind: 'roster' | 'candidates') =>
      page.getByTestId(`import-${kind}-parsed`).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const three = [
      ['1', '王大明', '城关镇代表团', '1排1座', '—'],
      ['2', '李小红', '城关镇代表团', '1排2座', '—'],
      ['3', '张建国', '龙港镇代表团', '2排1座', '—'],
    ];
    for (const name of ['xlsx-upload/roster.xlsx', 'xlsx-upload/roster-unicode.txt']) {
      expect(await previewCsv(page, 'roster', { file: copy(name) }), name).toBe('clean');
      expect(await rows('roster'), name).toEqual(three);
    }
    await page.getByTestId('import-roster-clear-file').click(); // back to the paste box
    expect(await previewCsv(page, 'roster', readFileSync(new URL('excel-paste-tsv/roster.tsv', cases), 'utf8'))).toBe('clean');
    expect(await rows('roster')).toEqual(three.slice(0, 2));
    await shot(page, 'console-import-case-tsv.png');
    expect(await previewCsv(page, 'candidates', { file: copy('unit-line-yuan/candidates.csv') })).toBe('clean');
    const cand = await rows('candidates');
    expect(cand.map((r) => [r[1], r[3]])).toEqual([['测试项目甲', '1000']]);
  });
});
