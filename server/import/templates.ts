import ExcelJS from 'exceljs';
import { CANDIDATE_COLUMNS } from '../../shared/import/candidates-csv.ts';
import { toCsv } from '../../shared/import/csv.ts';
import { ROSTER_COLUMNS } from '../../shared/import/roster.ts';
import type { ColumnSpec } from '../../shared/import/table.ts';

// Empty tables for the secretariat to fill in: the roster (代表名单) and the 附件 (候选项目清单), as .xlsx and as CSV.
// The headers are the import's own (shared/import/roster.ts, candidates-csv.ts), so a filled template always reads.

export const TEMPLATE_KINDS = ['roster', 'candidates'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The budget header of the template states its unit, so bare numbers are never a guess. */
const BUDGET_HEADER = '需财政投入资金（万元）';

const TITLES: Record<TemplateKind, string> = { roster: '代表名单', candidates: '民生实事人大代表票决候选项目清单' };
const HINTS: Record<string, string> = {
  姓名: '如 王伟；两字姓名不必加空格',
  代表团: '如 城关镇代表团',
  座位号: '如 3排12座，可空',
  代表证号: '可空；同一证号只能出现一次',
  序号: '1、2、3…',
  项目名称: '不可重复',
  推进计划: '每行一个节点：2023-02：内容，投资约50万元；也可写 4-5月、第一、二季度、每月…',
  实施单位: '牵头：住建局 / 配合：A、B / 实施：C，每行一种',
  责任人及联系电话: '李慧鑫 182****6981，多人分行',
  [BUDGET_HEADER]: '单位：万元；也可写 500万元、1.2亿元',
};

function headers(kind: TemplateKind): { header: string; required: boolean }[] {
  const specs: readonly ColumnSpec<string>[] = kind === 'roster' ? ROSTER_COLUMNS : CANDIDATE_COLUMNS;
  return specs.map((s) => ({ header: s.key === 'budget' ? BUDGET_HEADER : s.header, required: s.required }));
}

/** The template as CSV: UTF-8 with a BOM (Excel and WPS read Chinese correctly), the header row only. */
export function templateCsv(kind: TemplateKind): Buffer {
  return Buffer.from(toCsv([headers(kind).map((h) => h.header)], { bom: true }), 'utf8');
}

/**
 * The template as .xlsx: the table on the first sheet (header row 1, frozen, required columns marked in bold with
 * a 必填 note), and a 填写说明 sheet listing every column with whether it is required and an example.
 */
export async function templateXlsx(kind: TemplateKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'piaojue';
  const cols = headers(kind);
  const ws = wb.addWorksheet(TITLES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(cols.map((c) => c.header));
  ws.columns = cols.map((c) => ({ width: Math.max(10, Math.min(40, c.header.length * 2.4 + 4)) }));
  cols.forEach((c, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.font = { bold: c.required };
    cell.note = `${c.required ? '必填' : '可空'}${HINTS[c.header] ? `：${HINTS[c.header]}` : ''}`;
    ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  const help = wb.addWorksheet('填写说明');
  help.addRow(['列', '是否必填', '说明']);
  help.getRow(1).font = { bold: true };
  for (const c of cols) help.addRow([c.header, c.required ? '必填' : '可空', HINTS[c.header] ?? '']);
  help.addRow([]);
  help.addRow(['导入时读第一个工作表；合并单元格按左上角的内容填充，并在预览中标出。']);
  help.columns = [{ width: 28 }, { width: 10 }, { width: 70 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
