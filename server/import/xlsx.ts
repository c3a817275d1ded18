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
 * inside a merged range is filled with the range's anchor text and listed in `filled`, so the preview can show it.
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
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
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
  return { format: 'xlsx', rows, filled, sheets, sheet: ws.name };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v); // not the display format: 1,000 stays 1000
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}
