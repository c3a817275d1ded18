import { execFileSync } from 'node:child_process';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { BUDGET, CSV, data, header, LEADER, mergedDown, records, report, workbook } from './helpers/office-files.ts';

// The seed's 附件 table (the shipped CSV) saved the ways an office saves it — a workbook with a title, a unit line
// and merged cells, Excel's "Unicode 文本" (UTF-16LE) and UTF-16BE, the table inside a Word report — must import
// to the same 15 candidates as the CSV, 12575 万元 in all. The files are built here, in the test, with exceljs and
// docx (no binary fixtures in git).

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let t: TestApp;
let cookie: string;
let meetingId: string;
let expected: unknown[];
beforeAll(async () => {
  t = await makeApp();
  cookie = (await t.as('operator')).cookie;
  meetingId = json(await t.app.inject({ method: 'POST', url: '/api/meetings', payload: { name: '测试会议', date: '2023-02-21' }, headers: { cookie } })).meeting.id;
  const res = await preview(CSV, 'text/csv');
  expect(res.status).toBe(200);
  expected = res.body.candidates;
});
afterAll(async () => t.close());

async function preview(body: Buffer | string, type: string, query = '') {
  const res = await t.app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/candidates/import?dryRun=true${query}`, payload: body, headers: { cookie, 'content-type': type } });
  return { status: res.statusCode, body: json(res) };
}

const total = (candidates: { budgetWan: number }[]) => Math.round(candidates.reduce((s, c) => s + c.budgetWan, 0) * 1e6) / 1e6;

/** GB18030 bytes of `text` (Node's TextEncoder writes UTF-8 only): iconv through the system's encoder. */
function encodeGb18030(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
}

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

describe('the seed’s 附件 in every format imports to the same 15 candidates', () => {
  it('the shipped CSV: 15 candidates, 12575 万元', () => {
    expect(expected).toHaveLength(15);
    expect(total(expected as { budgetWan: number }[])).toBe(12575);
  });

  it('.xlsx with a merged title, a merged unit line and merged leader cells: same candidates, filled cells shown', async () => {
    const res = await preview(await workbook({ tableSheet: 1 }), XLSX);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.candidates).toEqual(expected);
    expect(total(res.body.candidates)).toBe(12575);
    // The preview lists the leader cells filled from their anchors (sheet rows 9 and 13 from C8 and C12).
    const leaderCells = res.body.table.filled.filter((f: { row: number; col: number }) => f.col === LEADER && f.row > 3);
    expect(leaderCells).toEqual(mergedDown.map((i) => ({ row: 4 + i, col: LEADER, from: `${String.fromCharCode(65 + LEADER)}${3 + i}` })));
    expect(mergedDown).toHaveLength(2);
  });

  it('.xlsx whose table is on the second sheet: chosen by name; the first sheet alone says what is missing', async () => {
    const book = await workbook({ tableSheet: 2 });
    const chosen = await preview(book, XLSX, `&sheet=${encodeURIComponent('附件')}`);
    expect(chosen.body.candidates).toEqual(expected);
    expect(chosen.body.table).toMatchObject({ sheets: ['说明', '附件'], sheet: '附件' });
    const first = await preview(book, XLSX);
    expect(first.status).toBe(400);
    expect(first.body.error.problems[0]).toMatchObject({ message: 'missing column' });
    expect(first.body.error.table.sheets).toEqual(['说明', '附件']);
    const none = await preview(book, XLSX, '&sheet=Sheet9');
    expect(none.body.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/no sheet "Sheet9"/) });
  });

  it('UTF-16 with a BOM, little- and big-endian, as CSV and as TSV', async () => {
    const tsv = records.map((cells) => cells.map((c) => (/[\t\n"]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join('\t')).join('\r\n');
    for (const [body, encoding] of [
      [utf16(CSV, 'le'), 'utf-16le'],
      [utf16(CSV, 'be'), 'utf-16be'],
      [utf16(tsv, 'le'), 'utf-16le'],
    ] as const) {
      const res = await preview(body, 'text/plain');
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      expect(res.body.table.encoding).toBe(encoding);
      expect(res.body.candidates).toEqual(expected);
    }
  });

  it('UTF-8 with and without a BOM and GB18030 (what Excel on Chinese Windows saves), as the file itself', async () => {
    const gb18030 = encodeGb18030(CSV);
    expect(new TextDecoder('gb18030').decode(gb18030)).toBe(CSV);
    for (const [body, encoding] of [
      [Buffer.from(CSV, 'utf8'), 'utf-8'],
      [Buffer.from(`\uFEFF${CSV}`, 'utf8'), 'utf-8'],
      [gb18030, 'gb18030'],
    ] as const) {
      const res = await preview(body, 'text/csv');
      expect(res.status, `${encoding}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
      expect(res.body.table.encoding).toBe(encoding);
      expect(res.body.candidates).toEqual(expected);
    }
  });

  it('the downloaded templates (.xlsx and .csv), filled in as an office fills them, read to the same candidates', async () => {
    const download = async (format: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/import-templates/candidates/${format}`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      return res.rawPayload;
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);
    const ws = book.worksheets[0]!;
    const columns = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    // The template's columns are the 附件's, its budget header states 万元: amounts go in as numbers.
    const from = (name: string) => header.findIndex((h) => h.startsWith(name.replace(/（.*$/, '')));
    for (const cells of data) ws.addRow(columns.map((c) => (c.startsWith('需财政投入资金') ? Number(cells[BUDGET]!.replace('万元', '')) : (cells[from(c)] ?? ''))));
    const xlsx = await preview(Buffer.from(await book.xlsx.writeBuffer()), XLSX);
    expect(xlsx.status, JSON.stringify(xlsx.body).slice(0, 300)).toBe(200);
    expect(xlsx.body.candidates).toEqual(expected);

    const csvTemplate = (await download('csv')).toString('utf8');
    const rows = data.map((cells) => columns.map((c) => (c.startsWith('需财政投入资金') ? cells[BUDGET]!.replace('万元', '') : (cells[from(c)] ?? ''))));
    const filled = csvTemplate + rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n');
    const csv = await preview(Buffer.from(filled, 'utf8'), 'text/csv');
    expect(csv.status, JSON.stringify(csv.body).slice(0, 300)).toBe(200);
    expect(csv.body.candidates).toEqual(expected);
  });

  it('the table inside a .docx report (mammoth), merged leader cells filled and shown', async () => {
    const res = await preview(await report(), DOCX);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.candidates).toEqual(expected);
    expect(total(res.body.candidates)).toBe(12575);
    expect(res.body.table.filled).toEqual(mergedDown.map((i) => ({ row: 2 + i, col: LEADER, from: `row ${1 + i}, column ${LEADER + 1}` })));
  });

  it('a .docx whose 单位：元 is a paragraph above the table: bare amounts read in 元, as the unit line of a sheet', async () => {
    // 300000 元 read as 万元 would be 30 亿元: plausible, so nothing would ask.
    const cell = (text: string) => new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)) });
    const rows = [new TableRow({ children: header.map((h, i) => cell(i === BUDGET ? '需财政投入资金' : h)) })];
    for (const cells of data) rows.push(new TableRow({ children: cells.map((c, i) => cell(i === BUDGET ? String(Number(c.replace('万元', '')) * 10_000) : c)) }));
    const doc = new Document({ sections: [{ children: [new Paragraph('附件'), new Paragraph('2023年沁水县民生实事候选项目清单'), new Paragraph('单位：元'), new Table({ rows })] }] });
    const res = await preview(await Packer.toBuffer(doc), DOCX);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.candidates).toEqual(expected);
    expect(res.body.table.before).toEqual(['附件', '2023年沁水县民生实事候选项目清单', '单位：元']);
  });

  it('a .docx whose 附件 table is split in two (续表, the header repeated): all 15 rows, not the larger part alone', async () => {
    const cell = (text: string) => new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)) });
    const table = (part: string[][]) => new Table({ rows: [header, ...part].map((cells) => new TableRow({ children: cells.map(cell) })) });
    const letterhead = new Table({ rows: [new TableRow({ children: [cell('沁水县人民政府'), cell('沁政发〔2023〕1号')] })] });
    const doc = new Document({
      sections: [{ children: [letterhead, new Paragraph('附件'), table(data.slice(0, 9)), new Paragraph('（续表）'), table(data.slice(9))] }],
    });
    const res = await preview(await Packer.toBuffer(doc), DOCX);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.candidates).toEqual(expected);
    expect(total(res.body.candidates)).toBe(12575);
    expect(res.body.table).toMatchObject({ sheets: ['1', '2', '3'], sheet: '2' });
  });

  it('a .docx with 附件2 under the same header as 附件1 (备选项目): another table, not more candidates; 续表 after a page note still joins', async () => {
    const cell = (text: string) => new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)) });
    const table = (part: string[][]) => new Table({ rows: [header, ...part].map((cells) => new TableRow({ children: cells.map(cell) })) });
    const two = new Document({
      sections: [{ children: [new Paragraph('附件1'), new Paragraph('候选项目'), table(data.slice(0, 9)), new Paragraph('附件2'), new Paragraph('备选项目'), table(data.slice(9))] }],
    });
    const res = await preview(await Packer.toBuffer(two), DOCX);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.candidates).toEqual(expected.slice(0, 9));
    // Header cells written with full-width or half-width brackets and spaces are the same header.
    const halfWidth = header.map((h) => h.replace('（', '(').replace('）', ')'));
    const widthTable = (part: string[][]) => new Table({ rows: [halfWidth, ...part].map((cells) => new TableRow({ children: cells.map(cell) })) });
    const split = new Document({ sections: [{ children: [new Paragraph('附件'), table(data.slice(0, 9)), new Paragraph('续表'), widthTable(data.slice(9))] }] });
    const joined = await preview(await Packer.toBuffer(split), DOCX);
    expect(joined.status, JSON.stringify(joined.body).slice(0, 300)).toBe(200);
    expect(joined.body.candidates).toEqual(expected);
  });

  it('amounts whose cell format writes the unit (0"万元", #,##0"元", 0.00"亿元", 0!.0000"万元" over 元) read in that unit', async () => {
    // The header names no unit, so bare numbers would be 万元: 800,000 shown as "800,000元" would become 80 亿元 —
    // under the plausibility bound, so nothing would ask. The format is part of what the cell says.
    const wan = (c: string) => Number(c.replace('万元', ''));
    for (const [fmt, value] of [
      ['0"万元"', (w: number) => w],
      ['#,##0"元"', (w: number) => w * 10_000],
      ['"¥"#,##0.00"元"', (w: number) => w * 10_000],
      ['0.00"亿元"', (w: number) => w / 10_000],
      ['0.00\\亿\\元', (w: number) => w / 10_000],
      ['0!.0000"万元"', (w: number) => w * 10_000],
      ['#,##0.0,"千元"', (w: number) => w * 10_000],
      // Found in review: formats whose literal is not the unit alone, and Chinese Excel's General.
      ['"人民币"#,##0"元"', (w: number) => w * 10_000],
      ['#,##0"元整"', (w: number) => w * 10_000],
      ['G/通用格式"元"', (w: number) => w * 10_000],
      ['0"."0000"万元"', (w: number) => w * 10_000],
    ] as const) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('附件');
      ws.addRow(header.map((h, i) => (i === BUDGET ? '需财政投入资金' : h)));
      for (const cells of data) ws.addRow(cells.map((c, i) => (i === BUDGET ? value(wan(c)) : c))).getCell(BUDGET + 1).numFmt = fmt;
      const res = await preview(Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
      expect(res.status, `${fmt}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
      expect(res.body.candidates, fmt).toEqual(expected);
    }
  });

  it('a table in 千元 whose header says 万元: the preview asks, and 千元 can be chosen (it was 元, 万元 or 亿元 only)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('附件');
    ws.addRow(['单位：千元']);
    ws.addRow(header.map((h, i) => (i === BUDGET ? '需财政投入资金（万元）' : h)));
    for (const cells of data) ws.addRow(cells.map((c, i) => (i === BUDGET ? String(Number(c.replace('万元', '')) * 10) : c)));
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const asked = await preview(file, XLSX);
    expect(asked.body.error.problems).toEqual([expect.objectContaining({ code: 'unit_conflict', choice: 'unit' })]);
    const chosen = await preview(file, XLSX, `&unit=${encodeURIComponent('千元')}`);
    expect(chosen.status, JSON.stringify(chosen.body).slice(0, 300)).toBe(200);
    expect(chosen.body.candidates).toEqual(expected);
    expect(total(chosen.body.candidates)).toBe(12575);
  });

  it('a blank left in a required column without a merge is a problem by row and column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('附件');
    ws.addRow(header);
    data.forEach((cells, i) => ws.addRow(cells.map((c, col) => (i === 5 && col === LEADER ? '' : c))));
    const res = await preview(Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(res.body.error.problems).toMatchObject([{ row: 7, column: '县级分管领导', message: 'empty cell in a required column' }]);
  });
});
