import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWan } from '../client/components/results-view.ts';
import { toCsv } from '../shared/import/csv.ts';
import type { Tally } from '../shared/record.ts';
import { wallTime } from '../shared/time.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { announcedBallot } from './helpers/announced.ts';
import { checkInTablets, meetingWithTablets, openBallot, type Setup } from './helpers/factories.ts';
import { convert, pdfPages, pdfText, pdfToPngs } from './office/libreoffice.ts';

// The ballot's exports, read back by real readers: the .docx printed by LibreOffice and read with pdftotext,
// the CSV opened by LibreOffice Calc, the .xlsx read with exceljs. Issue 15 (exports), issue 12 (CSV injection).

const FORMULA_NAMES = ['=1+1', '+SUM(A1)', '-2+3', '@cmd'];
const SLOW = 240_000;

let t: TestApp;
let s: Setup;
let ballotId: string;
let tally: Tally;
let ballot: { openedAt: number; closedAt: number; announcedAt: number };
let candidates: { id: string; seq: number; name: string; budgetWan: number | null }[];

const get = (url: string, cookie = s.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const flat = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  t = await makeApp();
  // The first four candidates carry the names a CSV-injection attacker would choose.
  s = await meetingWithTablets(t, 9, (list) => list.map((c, i) => (i < FORMULA_NAMES.length ? { ...c, name: FORMULA_NAMES[i] } : c)));
  await checkInTablets(t, s.tokens);
  // Eight of nine vote (one present deputy does not).
  ballotId = await announcedBallot(t, s, '2023年民生实事项目票决');
  const reply = json(await get(`/api/ballots/${ballotId}/tally`));
  tally = reply.tally;
  ballot = reply.ballot;
  candidates = json(await get(`/api/ballots/${ballotId}`)).candidates;
}, SLOW);
afterAll(async () => t?.close());

/** The tally's rows in rank order, as the report prints them. */
function rankedRows() {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return [...tally.candidates]
    .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || (b.counts.for ?? 0) - (a.counts.for ?? 0) || byId.get(a.id)!.seq - byId.get(b.id)!.seq)
    .map((tc) => ({ tc, c: byId.get(tc.id)! }));
}

describe('表决结果报告 as .docx', () => {
  it('opens in LibreOffice and reads like the printed report, figures as the tally has them', { timeout: SLOW }, async () => {
    const res = await get(`/api/ballots/${ballotId}/report.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''`);
    const pdf = convert(res.rawPayload, 'report.docx', 'pdf');
    const pngs = pdfToPngs(pdf, 'export-ballot-report');
    expect(pngs.length).toBe(pdfPages(pdf));
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);

    const text = flat(pdfText(pdf));
    // In the printed page's order: title, meeting, ballot, rules, times, attendance and papers, table, selected, signatures.
    const order = ['表决结果报告', '测试会议·2023-02-21', '2023年民生实事项目票决', '15选10', '开始', '应到', '名次', '当选项目（10个）', '总监票人（签字）：', '监票人（签字）：', '计票人（签字）：', '日期：', `表决编号${ballotId}`];
    const at = order.map((x) => text.indexOf(x));
    expect(at.every((i) => i >= 0), `missing: ${order.filter((_, i) => at[i]! < 0).join(' ')}`).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));

    // Times in Beijing time, the zone named.
    for (const ms of [ballot.openedAt, ballot.closedAt, ballot.announcedAt]) expect(text).toContain(flat(`${wallTime(ms, 'Asia/Shanghai')}（北京时间 UTC+8）`));

    // 应到 9, 实到 9, 法定人数 6 ✓, 发出 9, 收回 8, 有效 8, 无效 0, 未投 1 — from the tally, in the printed order.
    const labels = '应到实到法定人数发出选票收回有效无效未投';
    const values = `996✓9${tally.papers.returned}${tally.papers.valid}${tally.papers.invalid}${tally.notVoted}`;
    expect(tally.notVoted).toBe(1);
    expect(text).toContain(labels + values);

    // Every candidate's row: 名次 序号 名称 赞成 反对 弃权 过半数 当选, in rank order (pdftotext reads cell by cell).
    const raw = flat(pdfText(pdf, { raw: true }));
    let from = 0;
    for (const { tc, c } of rankedRows()) {
      const row = `${tc.rank ?? '—'}${c.seq}${flat(c.name)}${tc.counts.for}${tc.counts.against}${tc.counts.abstain}${tc.passed ? '是' : '否'}${tc.selected ? '✓当选' : ''}`;
      const i = raw.indexOf(row, from);
      expect(i, `row of ${c.name}: ${row}`).toBeGreaterThanOrEqual(0);
      from = i + row.length;
    }
    // The selected in order, with their budgets, and the total.
    const chosen = tally.selected.map((id) => candidates.find((c) => c.id === id)!);
    expect(chosen).toHaveLength(10);
    chosen.forEach((c, i) => expect(text).toContain(flat(`${i + 1}. ${c.name}（${formatWan(c.budgetWan!)} 万元）`)));
    expect(text).toContain(flat(`预算合计 ${formatWan(chosen.reduce((sum, c) => sum + c.budgetWan!, 0))} 万元`));
  });

  it('names the configured zone when the server keeps another', async () => {
    const { buildBallotReport } = await import('../server/exports/ballot-report.ts');
    const report = await buildBallotReport(t.opened.db, ballotId, 'Europe/Berlin');
    expect(report.times).toContain(`${wallTime(ballot.openedAt, 'Europe/Berlin')}（Europe/Berlin UTC+1）`);
  });

  it('is refused for a ballot still open, an unknown ballot, and without a session', async () => {
    const open = await openBallot(t, s, { title: '未结束', seats: 3 });
    for (const path of ['report.docx', 'results.xlsx', 'results.csv']) {
      const res = await get(`/api/ballots/${open}/${path}`);
      expect(res.statusCode).toBe(409);
      expect(json(res).error.code).toBe('ballot_not_closed');
      expect((await get(`/api/ballots/nope/${path}`)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/${path}` })).statusCode).toBe(401);
    }
    await t.app.inject({ method: 'POST', url: `/api/ballots/${open}/close`, payload: {}, headers: { cookie: s.cookie } });
  });
});

describe('results CSV for Excel/WPS', () => {
  const NAME_COLUMN = 3;
  /** Opens a CSV as LibreOffice Calc does (comma, UTF-8) and reads the sheet back as .xlsx. */
  async function throughCalc(csv: string): Promise<ExcelJS.Worksheet> {
    const xlsx = convert(csv, 'results.csv', 'xlsx', { infilter: 'CSV:44,34,76,1' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    return book.worksheets[0]!;
  }
  const nameCells = (sheet: ExcelJS.Worksheet) => {
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cells.push(row.getCell(NAME_COLUMN));
    });
    return cells;
  };

  it('opens the four formula names as text, not formulas (LibreOffice round-trip)', { timeout: SLOW }, async () => {
    const res = await get(`/api/ballots/${ballotId}/results.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const sheet = await throughCalc(res.body);
    expect(sheet.getRow(1).getCell(NAME_COLUMN).value).toBe('项目名称');
    const cells = nameCells(sheet);
    expect(cells).toHaveLength(15);
    for (const name of FORMULA_NAMES) {
      const cell = cells.find((c) => String(c.value).endsWith(name));
      expect(cell, name).toBeDefined();
      expect(cell!.type, `${name} must be text`).toBe(ExcelJS.ValueType.String);
      expect(cell!.formula).toBeUndefined();
    }
    // Counts stay numbers for Excel to sum.
    expect(sheet.getRow(2).getCell(5).type).toBe(ExcelJS.ValueType.Number);
  });

  it('control: the same names written unescaped do open as formulas (so the test above can fail)', { timeout: SLOW }, async () => {
    const csv = toCsv([['序号', '名次', '项目名称'], ...FORMULA_NAMES.map((n, i) => [String(i + 1), '1', n])], { bom: true });
    const cells = nameCells(await throughCalc(csv));
    const types = Object.fromEntries(cells.map((c, i) => [FORMULA_NAMES[i], { type: c.type, formula: c.formula, value: c.value }]));
    // Calc evaluates "=1+1" (Excel and WPS also run + - @); the neutralised CSV above must not.
    expect(types['=1+1']?.type, JSON.stringify(types)).toBe(ExcelJS.ValueType.Formula);
  });
});

describe('results and turnout as .xlsx', () => {
  async function load(url: string) {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book;
  }

  it('results: Chinese headers, numbers as numbers, names as strings (formula names too), widths set', async () => {
    const book = await load(`/api/ballots/${ballotId}/results.xlsx`);
    const sheet = book.getWorksheet('计票结果')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '名次', '序号', '项目名称', '预算（万元）', '赞成', '反对', '弃权', '过半数', '当选']);
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(30);
    const rows = rankedRows();
    rows.forEach(({ tc, c }, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(2).value).toBe(c.seq);
      expect(row.getCell(3).value).toBe(c.name);
      expect(row.getCell(3).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(4).value).toBe(c.budgetWan);
      for (const [col, key] of [[5, 'for'], [6, 'against'], [7, 'abstain']] as const) {
        expect(row.getCell(col).type).toBe(ExcelJS.ValueType.Number);
        expect(row.getCell(col).value).toBe(tc.counts[key]);
      }
      expect(row.getCell(9).value).toBe(tc.selected ? '是' : '否');
    });
    for (const name of FORMULA_NAMES) {
      const cell = sheet.getColumn(3).values.indexOf(name);
      expect(cell, name).toBeGreaterThan(1);
      expect(sheet.getRow(cell).getCell(3).type).toBe(ExcelJS.ValueType.String);
    }
    const facts = book.getWorksheet('概况')!;
    const fact = (label: string) => facts.getColumn(2).values[facts.getColumn(1).values.indexOf(label)];
    expect(fact('应到')).toBe(9);
    expect(fact('收回')).toBe(tally.papers.returned);
    expect(String(fact('导出时间'))).toMatch(/（北京时间 UTC\+8）$/);
  });

  it('turnout: per delegation 应到/实到/已投 as numbers, the present deputy who did not vote by name', async () => {
    const book = await load(`/api/ballots/${ballotId}/turnout.xlsx`);
    const by = book.getWorksheet('各代表团')!;
    expect(by.getRow(1).values).toEqual([undefined, '代表团', '应到', '实到', '已投', '未投']);
    let seated = 0;
    let voted = 0;
    by.eachRow((row, n) => {
      if (n === 1) return;
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
      seated += row.getCell(2).value as number;
      voted += row.getCell(4).value as number;
    });
    expect(seated).toBe(9);
    expect(voted).toBe(8);
    const missing = book.getWorksheet('已签到未投票')!;
    expect(missing.rowCount).toBe(2);
    const deputies = json(await get(`/api/meetings/${s.meetingId}/deputies`)).deputies as { id: string; name: string }[];
    expect(missing.getRow(2).getCell(2).value).toBe(deputies.find((d) => d.id === s.deputyIds[8])!.name);
  });
});
