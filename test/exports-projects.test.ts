import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionReport } from '../server/projects/completion.ts';
import { json, type TestApp } from './helpers/app.ts';
import { announcedBallot } from './helpers/announced.ts';
import { appWithMeeting, checkInTablets, meetingWithTablets, submitPaper, type Setup } from './helpers/factories.ts';
import { convert, pdfPages, pdfText, pdfToPngs } from './office/libreoffice.ts';

/** word/document.xml of a .docx (unzip(1), as the LibreOffice helpers use the system's tools). */
function documentXml(docx: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-docx-'));
  try {
    writeFileSync(path.join(dir, 'a.docx'), docx);
    return execFileSync('unzip', ['-p', path.join(dir, 'a.docx'), 'word/document.xml'], { maxBuffer: 32 * 1024 * 1024 }).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The year's projects out to Word and Excel: the 完成情况报告 printed by LibreOffice and read against the report
// data, the project list read back with exceljs. Issue 15.

const SLOW = 240_000;
let t: TestApp;
let s: Setup;
let report: CompletionReport;
let projects: { id: string; name: string; budgetWan: number | null; seq: number; number: number }[];

const get = (url: string, cookie = s.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const flat = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  ({ t, s } = await appWithMeeting(9));
  await announcedBallot(t, s, '2023年民生实事项目票决');
  projects = json(await get('/api/projects?year=2023')).projects;
  expect(projects).toHaveLength(10);
  // Two units report: spending, outputs, a note.
  const file = async (id: string, body: object) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/projects/${id}/reports`, headers: { cookie: s.cookie }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
  };
  await file(projects[0]!.id, { date: '2023-06-30', spentWan: 420.5, outputs: { 新建绿地面积: 12000 }, note: '已完成主体工程，进入苗木养护阶段。' });
  await file(projects[1]!.id, { date: '2023-06-30', spentWan: 60, outputs: { 服务人次: 650 } });
  // One marked complete on a date of its year (issue 16): its row says 按期完成/逾期完成, not 已完成.
  const done = await t.app.inject({
    method: 'POST', url: `/api/projects/${projects[1]!.id}/complete`, headers: { cookie: s.cookie },
    payload: { date: '2023-06-30', openReason: '服务已全部提供，节点未逐项填报' },
  });
  expect(done.statusCode, done.body).toBe(200);
  // The 满意度测评 (issue 16) at the next year's meeting, announced: the first project rated 不满意 (需整改), the
  // rest 满意 — each row's evaluation cell reads as the printed EvaluationCell does.
  const next = await meetingWithTablets(t, 9, undefined, '2024-02-20');
  await checkInTablets(t, next.tokens);
  const post = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie }, payload });
  const created = await post(`/api/meetings/${next.meetingId}/evaluations`, { year: 2023, title: '2023 年民生实事项目满意度测评' });
  expect(created.statusCode, created.body).toBe(201);
  const evaluation = json(created);
  const evalId: string = evaluation.ballot.id;
  expect((await post(`/api/ballots/${evalId}/open`)).statusCode).toBe(200);
  for (let i = 0; i < 9; i++) {
    const marks = Object.fromEntries(
      evaluation.projects.map((p: { projectId: string; itemId: string }) => [p.itemId, p.projectId === projects[0]!.id && i < 6 ? 'dissatisfied' : 'satisfied']),
    );
    const paper = await submitPaper(t, next.tokens[i]!, evalId, { key: `key-eval-${String(i).padStart(16, '0')}`, marks });
    expect(paper.statusCode, paper.body).toBe(201);
  }
  expect((await post(`/api/ballots/${evalId}/close`)).statusCode).toBe(200);
  expect((await post(`/api/ballots/${evalId}/announce`)).statusCode).toBe(200);
  report = json(await get('/api/projects/report?year=2023&format=json')).report;
}, SLOW);
afterAll(async () => t?.close());

describe('完成情况报告 as .docx', () => {
  it('opens in LibreOffice and reads like the printed report, per project figures as computed', { timeout: SLOW }, async () => {
    const res = await get('/api/projects/report.docx?year=2023');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    const pdf = convert(res.rawPayload, 'completion.docx', 'pdf');
    pdfToPngs(pdf, 'export-completion-report');
    expect(pdfPages(pdf)).toBeLessThanOrEqual(4);
    const text = flat(pdfText(pdf, { raw: true }));

    const s = report.totals.statuses;
    // In order: the title, 统计至, 正文 as the county writes it (headline, each theme's heading and lines), then
    // 附表 (the overview, per category its heading and table) and 合计.
    const heads = [
      '2023年民生实事项目完成情况',
      `统计至${report.asOf}（北京时间UTC+8）`,
      flat(report.headline),
      ...report.categories.flatMap((c) => [flat(c.heading), ...c.projects.flatMap((p) => p.lines.map(flat))]),
      '附表：项目明细',
      `共实施民生实事项目${report.totals.projects}件，已完成${s.completed}件，滞后${s.lagging}件，在建${s.in_progress + s.not_started}件，结转续建${s.carried_over}件，完成投资${report.totals.investmentWan}万元。`,
      ...report.categories.map((c) => `${c.category}（${c.projects.length}件，完成投资${c.investmentWan}万元）`),
      '合计',
      `完成投资${report.totals.investmentWan}万元（${report.totals.projectsWithInvestment}件项目列明投资）`,
      '主要产出：新建绿地面积12000；服务人次650',
    ];
    let last = 0;
    for (const h of heads) {
      const i = text.indexOf(h, last);
      expect(i, `missing or out of order: ${h}`).toBeGreaterThanOrEqual(0);
      last = i + h.length;
    }
    const annex = text.indexOf('附表：项目明细');

    // Each project's row in order: 序号 (its year number, as every screen shows it), name (and note), status,
    // investment, outputs, evaluation.
    let n = 0;
    let from = annex;
    for (const c of report.categories) {
      for (const p of c.projects) {
        const outputs = Object.entries(p.outputs).map(([k, v]) => `${k}${v}`).join('');
        const status = p.completion ? p.completion.timelinessLabel : p.statusLabel;
        const e = p.evaluation!;
        const evaluation = `${e.ratingLabel}满意率${(e.satisfactionRate! * 100).toFixed(1)}%${e.rating === 'dissatisfied' ? '需整改' : ''}`;
        n += 1;
        const row = `${p.number}${flat(p.name)}${flat(p.note)}${status}${p.investmentWan ?? '未列明'}${outputs}${evaluation}`;
        const i = text.indexOf(row, from);
        expect(i, `row ${n}: ${row}`).toBeGreaterThanOrEqual(0);
        from = i + row.length;
      }
    }
    expect(n).toBe(10);

    // 状态 gives 按期完成 room (issue 14 review: it touched the column's rules): every 附表 table's 状态 column holds
    // four 五号 characters (4 × 210 twips) inside the cell margins (2 × 60) with at least 1.5 mm (85 twips) to spare
    // on each side.
    const grids = [...documentXml(res.rawPayload).matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1]!.matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1])));
    const tables = grids.filter((g) => g.length === 6);
    expect(tables).toHaveLength(report.categories.length);
    for (const g of tables) expect(g[2]).toBeGreaterThanOrEqual(4 * 210 + 2 * 60 + 2 * 85);
    expect(report.categories.flatMap((c) => c.projects).filter((p) => p.evaluation?.rating === 'dissatisfied')).toHaveLength(1);
    expect(report.totals.investmentWan).toBe(480.5);
    expect(report.totals.onTime + report.totals.late).toBe(1);
  });

  it('needs a year; an as-of date must be a real day not after today', async () => {
    for (const q of ['', '?year=23', '?year=2023&x=1', '?year=2023&asOf=2999-01-01', '?year=2023&asOf=2023-13-01']) {
      const res = await get(`/api/projects/report.docx${q}`);
      expect(res.statusCode).toBe(400);
      expect(json(res).error.code).toBe('invalid_input');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/projects/report.docx?year=2023' })).statusCode).toBe(401);
  });
});

describe('project list as .xlsx', () => {
  it('one row per project, Chinese headers, money and counts as numbers, names as text', async () => {
    const res = await get('/api/projects/list.xlsx?year=2023', (await t.as('scrutineer')).cookie);
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('2023年民生实事项目')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 9)).toEqual(['序号', '项目名称', '类别', '牵头单位', '实施单位', '状态', '预算（万元）', '计划至今（万元）', '已支出（万元）']);
    expect(sheet.rowCount).toBe(11);
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(30);
    let budget = 0;
    for (let r = 2; r <= 11; r++) {
      const row = sheet.getRow(r);
      const p = projects.find((x) => x.name === row.getCell(2).value)!;
      expect(p, String(row.getCell(2).value)).toBeDefined();
      expect(row.getCell(1).value).toBe(p.number);
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(7).type).toBe(ExcelJS.ValueType.Number);
      budget += row.getCell(7).value as number;
    }
    expect(budget).toBe(projects.reduce((sum, p) => sum + (p.budgetWan ?? 0), 0));
    const spent = sheet.getColumn(9).values.filter((v): v is number => typeof v === 'number');
    expect(spent.sort((a, b) => a - b)).toEqual([60, 420.5]);
  });
});
