// RFC 4180 CSV, as spreadsheets (Excel, WPS) export it: comma-separated, fields quoted with ", a quote
// inside a quoted field doubled, line breaks (CRLF, LF or a lone CR) allowed inside quoted fields.
// Lenient where spreadsheets are: a quote inside an unquoted field is taken literally, and text after a closing
// quote is appended to the field. The one thing that cannot be recovered is a quote that never closes.

export interface CsvRow {
  /** The physical line (1-based) the record starts on; a record with multi-line cells spans several. */
  line: number;
  cells: string[];
}

export interface CsvSyntaxError {
  /** The line the unterminated quoted field opened on. */
  line: number;
  /** 0-based index of that field in its record. */
  cell: number;
  /** 0-based index of the record it belongs to (= the spreadsheet row − 1). */
  record: number;
  message: string;
}

export type CsvParseResult =
  | { ok: true; rows: CsvRow[] }
  /** `rows` holds the records completed before the error. */
  | { ok: false; rows: CsvRow[]; error: CsvSyntaxError };

const BOM = '\uFEFF';

/**
 * Splits CSV text into records of string cells. A blank line is a record of one empty cell, as a
 * spreadsheet shows it; a final line break does not start another record. `delimiter` is ',' for CSV and a tab
 * for TSV and for cells pasted from Excel/WPS (which put tab-separated text on the clipboard).
 */
export function parseCsv(text: string, delimiter: ',' | '\t' = ','): CsvParseResult {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = src.length;
  if (n === 0) return { ok: true, rows };

  const endRecord = () => {
    cells.push(field);
    rows.push({ line: rowLine, cells });
    cells = [];
    field = '';
  };

  while (i < n) {
    const ch = src[i];
    if (ch === '"' && field === '') {
      // A quoted field: read to the closing quote.
      const openLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\r' || c === '\n') {
          // A line break inside the field is content; count it once even when it is CRLF.
          if (c === '\r' && src[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
          } else {
            field += c;
            i++;
          }
          line++;
          continue;
        }
        field += c;
        i++;
      }
      if (!closed) {
        return {
          ok: false,
          rows,
          error: {
            line: openLine,
            cell: cells.length,
            record: rows.length,
            message: `unterminated quote: the quoted field opened on line ${openLine} never closes`,
          },
        };
      }
      continue;
    }
    if (ch === delimiter) {
      cells.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      rowLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  // No final line break: the last record ends with the text.
  const last = src[n - 1];
  if (last !== '\n' && last !== '\r') endRecord();
  return { ok: true, rows };
}

export interface ToCsvOptions {
  /** Line break between records; RFC 4180 says CRLF. */
  newline?: '\r\n' | '\n';
  /** Start with a UTF-8 BOM, which Excel needs to read Chinese text in a CSV correctly. */
  bom?: boolean;
}

/** Quotes a field only when it must be: it holds a comma, a quote or a line break, or starts/ends with a space. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes records as CSV, one line per record and a line break after the last. */
export function toCsv(rows: readonly (readonly string[])[], options: ToCsvOptions = {}): string {
  const newline = options.newline ?? '\r\n';
  const body = rows.map((cells) => cells.map(csvField).join(',') + newline).join('');
  return (options.bom ? BOM : '') + body;
}
