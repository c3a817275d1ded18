import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/import/csv.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { fixtureText } from './helpers/hall.ts';

// The seed's 附件 table (the shipped CSV) saved the ways an office saves it — a workbook with a title, a unit line
// and merged cells, Excel's "Unicode 文本" (UTF-16LE) and UTF-16BE, the table inside a Word report — must import
// to the same 15 candidates as the CSV, 12575 万元 in all. The files are built here, in the test, with exceljs and
// docx (no binary fixtures in git).

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CSV = fixtureText('qinshui-2023-candidates.csv');
const records = (() => {
  const parsed = parseCsv(CSV);
  if (!parsed.ok) throw new Error('the fixture CSV does not parse');
  return parsed.rows.map((r) => r.cells);
})();
const header = records[0]!;
const data = records.slice(1);
const LEADER = header.indexOf('县级分管领导');
const BUDGET = header.indexOf('需财政投入资金（初步估算）');
// Rows whose 县级分管领导 equals the row above (序号 6 and 10: 于小丽): an office merges such cells.
const mergedDown = data.flatMap((cells, i) => (i > 0 && cells[LEADER] === data[i - 1]![LEADER] ? [i] : []));

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

/** The 附件 as an office lays it out in Excel: title and unit line merged across, amounts as numbers, equal leaders merged. */
async function workbook(opts: { tableSheet: number }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (opts.tableSheet === 2) wb.addWorksheet('说明').addRow(['本表由县政府办公室提供']);
  const ws = wb.addWorksheet('附件');
  const width = header.length;
  ws.addRow(['附件：2023年沁水县民生实事人大代表票决候选项目清单']);
  ws.mergeCells(1, 1, 1, width);
  ws.addRow(['单位：万元']);
  ws.mergeCells(2, 1, 2, width);
  ws.addRow(header);
  for (const cells of data) {
    ws.addRow(cells.map((c, i) => (i === BUDGET ? Number(c.replace('万元', '')) : c)));
  }
  for (const i of mergedDown) {
    const below = 4 + i; // sheet row of data[i]
    ws.getCell(below, LEADER + 1).value = null;
    ws.mergeCells(below - 1, LEADER + 1, below, LEADER + 1);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The government's report: a heading, a unit line and the 附件 as a Word table with the same merges. */
async function report(): Promise<Buffer> {
  const cell = (text: string, rowSpan = 1) => new TableCell({ rowSpan, children: text.split('\n').map((line) => new Paragraph(line)) });
  const rows = [new TableRow({ children: header.map((h) => cell(h)) })];
  data.forEach((cells, i) => {
    const children = cells.flatMap((c, col) => {
      if (col !== LEADER) return [cell(c)];
      if (mergedDown.includes(i)) return []; // covered by the cell above
      return [cell(c, mergedDown.includes(i + 1) ? 2 : 1)];
    });
    rows.push(new TableRow({ children }));
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('沁水县人民政府关于2023年民生实事候选项目的报告'),
          new Paragraph('附件：2023年沁水县民生实事人大代表票决候选项目清单'),
          new Table({ rows }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
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

  it('the table inside a .docx report (mammoth), merged leader cells filled and shown', async () => {
    const res = await preview(await report(), DOCX);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.candidates).toEqual(expected);
    expect(total(res.body.candidates)).toBe(12575);
    expect(res.body.table.filled).toEqual(mergedDown.map((i) => ({ row: 2 + i, col: LEADER, from: `row ${1 + i}, column ${LEADER + 1}` })));
  });

  it('a blank left in a required column without a merge is a problem by row and column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('附件');
    ws.addRow(header);
    data.forEach((cells, i) => ws.addRow(cells.map((c, col) => (i === 5 && col === LEADER ? '' : c))));
    const res = await preview(Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(res.body.error.problems).toEqual([{ row: 7, column: '县级分管领导', message: 'empty cell in a required column' }]);
  });
});
