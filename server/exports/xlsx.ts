import ExcelJS from 'exceljs';

// Workbooks for the office's Excel/WPS: Chinese headers in bold on a frozen first row, column widths set, numbers
// written as numbers (so they sum), text written as text (numFmt "@") — a name like "=1+1" is a string cell,
// never a formula.

export type SheetValue = string | number | null;

export interface SheetColumn {
  header: string;
  /** text: always a string cell; number/percent: numbers; mixed: each value as it is (a facts sheet). */
  kind: 'text' | 'number' | 'percent' | 'mixed';
  /** Width in characters (a Chinese character counts two). */
  width: number;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: SheetValue[][];
}

/** Width in Excel characters for a header: CJK characters count two, with a little room. */
export function widthFor(header: string, atLeast: number): number {
  let n = 0;
  for (const ch of header) n += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return Math.max(atLeast, n + 2);
}

function addSheet(book: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c, i) => ({
    key: `c${i}`,
    width: widthFor(c.header, c.width),
    style: c.kind === 'text' ? { numFmt: '@' } : c.kind === 'percent' ? { numFmt: '0.0%' } : {},
  }));
  const header = sheet.getRow(1);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E7E7' } };
  });
  spec.rows.forEach((values, r) => {
    const row = sheet.getRow(r + 2);
    values.forEach((v, i) => {
      const kind = spec.columns[i]?.kind ?? 'text';
      const cell = row.getCell(i + 1);
      if (v === null) return;
      // A number in a text column (a 座位 "12") stays text as the office typed it; text is never parsed.
      cell.value = kind === 'text' ? String(v) : v;
      if (typeof cell.value === 'string') cell.numFmt = '@';
    });
  });
  if (spec.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
}

/**
 * A workbook of the given sheets, as .xlsx bytes. Sheet names must be unique and at most 31 characters (Excel's
 * rule; exceljs throws otherwise).
 */
export async function workbook(sheets: SheetSpec[], title: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '票决';
  book.title = title;
  for (const s of sheets) addSheet(book, s);
  const out = await book.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** A two-column sheet of label → value (概况: the report's heading facts), numbers kept numbers. */
export function factsSheet(name: string, facts: [string, SheetValue][]): SheetSpec {
  return {
    name,
    columns: [
      { header: '项目', kind: 'text', width: 16 },
      { header: '内容', kind: 'mixed', width: 60 },
    ],
    rows: facts.map(([k, v]) => [k, v]),
  };
}
