import ExcelJS from 'exceljs';
import type { FilledCell, Grid, GridRow } from '../../shared/import/grid.ts';
import { errors } from '../errors.ts';

/** More rows than any roster (5000 deputies) or 附件 table needs: a sheet beyond it is refused, not read. */
export const MAX_SHEET_ROWS = 6000;
export const MAX_SHEET_COLUMNS = 60;

/** A sheet a person sees and that holds at least one cell: Excel's empty Sheet1 and hidden sheets are not it. */
function visibleWithData(ws: ExcelJS.Worksheet): boolean {
  return ws.state === 'visible' && ws.actualRowCount > 0;
}

/**
 * An .xlsx workbook's sheet as a grid (shared/import/grid.ts): the first visible sheet that holds any cell (the
 * first sheet when none does), or the one named `sheet`. Cells
 * are read as Excel shows them (`cell.text`: a formula's result, rich text joined, numbers as displayed); a cell
 * inside a merged range is filled with the range's anchor text and listed in `filled`, so the preview can show it;
 * hidden rows are listed in `hiddenRows` and hidden columns in `hiddenColumns` (readTable names each hidden row under
 * the header, and each hidden column it would read, as a problem).
 * Throws invalid_input (column "file") when the bytes are not a workbook, `sheet` names no sheet, or the sheet is
 * larger than MAX_SHEET_ROWS × MAX_SHEET_COLUMNS.
 */
export async function xlsxToGrid(bytes: Buffer, sheet?: string): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw errors.badInput('file', 'the file is not an Excel workbook (.xlsx) that can be read; save it again as .xlsx or CSV');
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? (wb.worksheets.find(visibleWithData) ?? wb.worksheets[0]) : wb.getWorksheet(sheet);
  if (!ws) throw errors.badInput('sheet', sheet === undefined ? 'the workbook has no sheet' : `the workbook has no sheet "${sheet}" (it has ${sheets.join('、')})`);
  if (ws.rowCount > MAX_SHEET_ROWS || ws.columnCount > MAX_SHEET_COLUMNS) {
    throw errors.badInput('file', `the sheet "${ws.name}" has ${ws.rowCount} rows and ${ws.columnCount} columns; at most ${MAX_SHEET_ROWS} rows and ${MAX_SHEET_COLUMNS} columns are read`);
  }
  const rows: GridRow[] = [];
  const filled: FilledCell[] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.hidden) hiddenRows.push(r);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      const text = cellText(master);
      if (master !== cell && text !== '') filled.push({ row: r, col: c - 1, from: master.address });
      cells.push(text);
    }
    rows.push({ row: r, cells });
  }
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) hiddenColumns.push(c - 1);
  return { format: 'xlsx', rows, filled, sheets, sheet: ws.name, ...(hiddenRows.length ? { hiddenRows } : {}), ...(hiddenColumns.length ? { hiddenColumns } : {}) };
}

/**
 * The money unit a number format writes after the number — 0"万元", #,##0.00"元", 0.00\亿\元, 0.00亿元 — and what the
 * format divides the value by before showing it: 0!.0000"万元" (the office's trick to show 元 as 万元) shifts the
 * decimal point 4 places, each trailing comma (0,"千元") divides by 1000. null when the format names no money unit.
 * Only the first section (positive numbers) is read.
 */
export function formatUnit(numFmt: string | undefined): { unit: string; divisor: number } | null {
  const f = splitFormat(numFmt);
  if (!f) return null;
  // The unit anywhere in the format's literal text, the longest first: "¥"#,##0"元" (the currency sign is not the
  // unit), "人民币"#,##0"元", #,##0"元整", 0.00"（元）" — any money unit the format writes is part of the amount.
  const literal = (f.prefix + f.suffix).normalize('NFKC').replace(/\s/g, '');
  const unit = /亿元|百万元|万元|千元|元|亿|百万|万/.exec(literal)?.[0];
  if (!unit) return null;
  const shift = /!\.([0#?]+)/.exec(f.code)?.[1]?.length ?? 0;
  const commas = /[0#?.](,+)(?![0#?])/.exec(f.code)?.[1]?.length ?? 0;
  return { unit, divisor: 10 ** shift * 1000 ** commas };
}

/**
 * A whole number as a zero-padded format shows it — 000 shows 1 as 001, "QS"0000 as QS0001 — the way a 代表证号
 * column is often kept; null for any other format. Read as 1, the code would not match the QS0001 of a later CSV.
 */
export function paddedCode(numFmt: string | undefined, n: number): string | null {
  const f = splitFormat(numFmt);
  if (!f || !/^0+$/.test(f.code) || !Number.isInteger(n) || n < 0) return null;
  return `${f.prefix}${String(n).padStart(f.code.length, '0')}${f.suffix}`;
}

/**
 * The first section (positive numbers) of a number format: the literal text before and after the digit code
 * ("…", \X, and Han characters, which Chinese Excel writes without quotes), and the code itself, where a literal
 * point (!. or \.) is kept as "!.". null for no format or General.
 */
function splitFormat(numFmt: string | undefined): { prefix: string; code: string; suffix: string } | null {
  // General, also as Chinese Excel and WPS write it (G/通用格式), possibly with a unit after it: G/通用格式"元".
  const fmt = numFmt?.replace(/G\/通用格式|通用格式|General/g, '');
  if (!fmt) return null;
  const section = fmt.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)[0] ?? '';
  let prefix = '';
  let suffix = '';
  let code = '';
  const literal = (text: string) => {
    if (code === '') prefix += text;
    else suffix += text;
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const quoted = section.slice(i + 1, end < 0 ? undefined : end);
      // 0"."0000"万元": a quoted point between digit placeholders shifts the decimal point, as !. does.
      if (quoted === '.' && /[0#?]$/.test(code) && /^[0#?]/.test(section.slice(end + 1))) code += '!.';
      else literal(quoted);
      i = end < 0 ? section.length : end;
    } else if ((ch === '\\' || ch === '!') && section[i + 1] === '.') {
      code += '!.'; // a literal point: the decimal point shifted
      i++;
    } else if (ch === '\\' || ch === '!') {
      literal(section[i + 1] ?? '');
      i++;
    } else if (/\p{Script=Han}/u.test(ch)) {
      literal(ch); // 0.00亿元: Chinese Excel writes such a literal without quotes
    } else code += ch;
  }
  return { prefix, code: code.trim(), suffix };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // A number, or a formula's numeric result.
  const n = typeof v === 'number' ? v : typeof v === 'object' && 'result' in v && typeof v.result === 'number' ? v.result : null;
  if (n !== null) {
    // Not the display format (1,000 stays 1000), but a unit the format writes is part of what the cell says:
    // 800000 shown as "800,000元" is 80 万元, never 800000 万元.
    const money = formatUnit(cell.numFmt);
    if (money) return `${Number((n / money.divisor).toPrecision(15))}${money.unit}`;
    return paddedCode(cell.numFmt, n) ?? String(n);
  }
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}
