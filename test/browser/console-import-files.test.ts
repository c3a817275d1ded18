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
    expect(await problem.textContent()).toContain('王伟 (城关镇代表团)');
    expect(await problem.textContent()).toContain('请选择跳过（同一人）或都保留');
    await page.getByTestId('import-roster-dup-skip').click();
    await page.locator('[data-testid="import-roster-result"][data-current="true"][data-state="ok"]').waitFor();
    expect(await page.getByTestId('import-roster-parsed').getAttribute('data-count')).toBe('1');
    await shot(page, 'console-import-duplicate-skipped.png');
  });
});
