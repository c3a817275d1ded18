import { toCsv } from '../import/csv.ts';

// CSV for people to open in Excel or WPS. A cell that starts with = + - @ (or a tab or carriage return, which
// Excel strips before looking) is read as a formula: a candidate named "=HYPERLINK(…)" or "@SUM(…)" would run
// on the secretariat's machine. Such cells get a leading apostrophe, as OWASP's "CSV Injection" page recommends:
// the spreadsheet then shows the text, not a result. (Issue 12.)

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** True when a spreadsheet would read `cell` as a formula (its first character is = + - @, tab or CR). */
export function isFormulaLike(cell: string): boolean {
  return cell.length > 0 && TRIGGERS.has(cell[0]!);
}

/**
 * The cell as safe text: "'" + cell when it is formula-like, else unchanged. A plain number ("-3", "12.5") is
 * left alone: it cannot run anything and must stay a number in the sheet. Numbers are passed as numbers.
 */
export function neutraliseCell(cell: string | number | null): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (isFormulaLike(cell) && !/^[-+]?\d+(\.\d+)?$/.test(cell)) return `'${cell}`;
  return cell;
}

/**
 * Rows as CSV for Excel/WPS: every cell neutralised, a UTF-8 BOM (so Excel reads Chinese as UTF-8, not GBK),
 * CRLF line ends, RFC 4180 quoting.
 */
export function toSpreadsheetCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return toCsv(
    rows.map((r) => r.map(neutraliseCell)),
    { bom: true },
  );
}
