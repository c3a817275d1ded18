import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { parseCsv } from '../../shared/import/csv.ts';
import { fixtureText } from './hall.ts';

// The seed's 附件 table (the shipped CSV) as an office saves it: a workbook with a title, a unit line and merged
// cells, and a Word report holding the table. Built in the test run with exceljs and docx; nothing binary in git.

export const CSV = fixtureText('qinshui-2023-candidates.csv');
export const records = (() => {
  const parsed = parseCsv(CSV);
  if (!parsed.ok) throw new Error('the fixture CSV does not parse');
  return parsed.rows.map((r) => r.cells);
})();
export const header = records[0]!;
export const data = records.slice(1);
export const LEADER = header.indexOf('县级分管领导');
export const BUDGET = header.indexOf('需财政投入资金（初步估算）');
// Rows whose 县级分管领导 equals the row above (序号 6 and 10: 于小丽): an office merges such cells.
export const mergedDown = data.flatMap((cells, i) => (i > 0 && cells[LEADER] === data[i - 1]![LEADER] ? [i] : []));

/** The 附件 as an office lays it out in Excel: title and unit line merged across, amounts as numbers, equal leaders merged. */
export async function workbook(opts: { tableSheet: number }): Promise<Buffer> {
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
export async function report(): Promise<Buffer> {
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

