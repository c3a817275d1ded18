import { textToGrid } from './grid.ts';
import type { Grid } from './grid.ts';
import type { ImportProblem } from './problems.ts';

// A grid (CSV, TSV, pasted cells, .xlsx, .docx — see grid.ts) read as a table with a header row: columns found
// by their header, data rows numbered as a spreadsheet numbers them (see problems.ts).

export interface ColumnSpec<K extends string> {
  key: K;
  /** The header as the secretariat's table writes it; named in "missing column" problems. */
  header: string;
  /** Other headers accepted for this column. */
  aliases?: readonly string[];
  required: boolean;
}

export interface TableRow {
  /** Spreadsheet row number (header row = 1 when it is the file's first line). */
  row: number;
  cells: string[];
}

export interface Table<K extends string> {
  rows: TableRow[];
  /** The header as written in the file for a column that is present, else the spec's header. */
  header(key: K): string;
  has(key: K): boolean;
  /** What a header said in parentheses after the name: "初步估算" for 需财政投入资金（初步估算）. */
  headerNote(key: K): string;
  /** The cell, trimmed, line breaks as \n; '' when the column is absent or the row is short. */
  cell(row: TableRow, key: K): string;
  /** True when the cell was blank in the file and filled from a merged range's anchor. */
  filled(row: TableRow, key: K): boolean;
  /** Every filled cell in a column this table reads, with the column's header: what the preview shows. */
  filledCells: { row: number; column: string; from: string }[];
  /** The text of the lines above the header (a title, "单位：元"), one string per line; for a .docx, the paragraphs above the table first. */
  aboveHeader: string[];
}

/**
 * How headers are compared: full-width forms folded (（）→ (), ：→ :), whitespace dropped, case ignored,
 * and a trailing parenthesised note set aside — 需财政投入资金（初步估算）, 需财政投入资金 (初步估算) and
 * 需财政投入资金(万元) all name one column.
 */
export function normaliseHeader(header: string): { name: string; note: string } {
  const folded = header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const m = /^(.*?)\(([^()]*)\)$/.exec(folded);
  return m && m[1] ? { name: m[1], note: m[2] ?? '' } : { name: folded, note: '' };
}

/** How many of the first records may sit above the header (a title line, a "单位：万元" line). */
const HEADER_SEARCH = 10;

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/**
 * Reads the header and the data rows. `table` is null when the header itself is wrong (a required column
 * missing, a column twice): then only those problems are reported.
 */
export function readTable<K extends string>(
  source: string | Grid,
  specs: readonly ColumnSpec<K>[],
): { table: Table<K> | null; problems: ImportProblem[] } {
  const grid = typeof source === 'string' ? textToGrid(source) : source;
  const records = grid.rows;
  const parsed = grid.syntaxError ? { ok: false as const, error: grid.syntaxError } : { ok: true as const };
  const problems: ImportProblem[] = [];

  const byName = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) {
    for (const h of [spec.header, ...(spec.aliases ?? [])]) byName.set(normaliseHeader(h).name, spec);
  }
  const specOf = (header: string) => byName.get(normaliseHeader(header).name);

  // The header row: the first record naming a required column, else the first non-blank record.
  const candidates = records.map((r, i) => ({ r, i })).filter(({ r }) => !isBlank(r.cells)).slice(0, HEADER_SEARCH);
  const found = candidates.find(({ r }) => r.cells.some((c) => specOf(c)?.required)) ?? candidates[0];

  if (!found) {
    if (!parsed.ok) problems.push(syntaxProblem(parsed.error, null));
    else problems.push({ row: 1, column: '', message: 'the file is empty' });
    if (grid.format === 'docx') problems.push({ row: 1, column: '', message: 'the Word document holds no table' });
    return { table: null, problems };
  }

  const headerCells = found.r.cells;
  const columns = new Map<K, { index: number; written: string; note: string }>();
  headerCells.forEach((written, index) => {
    const spec = specOf(written);
    if (!spec) return; // a column we do not read
    const prior = columns.get(spec.key);
    if (prior) {
      problems.push({ row: found.r.row, column: written.trim(), message: `column repeats ${prior.written} (column ${prior.index + 1})` });
      return;
    }
    columns.set(spec.key, { index, written: written.trim(), note: normaliseHeader(written).note });
  });
  for (const spec of specs) {
    if (spec.required && !columns.has(spec.key)) problems.push({ row: found.r.row, column: spec.header, message: 'missing column', code: 'missing_column' });
  }
  // A hidden column (old amounts kept out of sight, say) that the import would read: named, never read unseen.
  const hiddenColumns = new Set(grid.hiddenColumns ?? []);
  for (const c of columns.values()) {
    if (hiddenColumns.has(c.index)) problems.push({ row: found.r.row, column: c.written, message: 'the column is hidden in the sheet: unhide it and check it, or delete it', code: 'column_hidden' });
  }
  // Rows read against a wrong header would only repeat the header's problem on every row.
  if (problems.length) {
    if (!parsed.ok) problems.push(syntaxProblem(parsed.error, headerCells));
    return { table: null, problems };
  }

  // The header's width: its last non-blank cell (spreadsheets pad rows with empty cells to the used range).
  let width = headerCells.length;
  while (width > 0 && headerCells[width - 1]!.trim() === '') width--;
  const rows: TableRow[] = [];
  const hidden = new Set(grid.hiddenRows ?? []);
  records.forEach((r, i) => {
    if (i <= found.i || isBlank(r.cells)) return;
    const row = r.row;
    // A row with more or fewer cells than the header has lost or gained a separator: its cells have shifted, and
    // reading them by position would put each under the wrong header. Named, never read as if nothing happened.
    // A hidden row (a withdrawn deputy or project kept out of sight, or a filter) is neither read nor dropped unseen.
    if (hidden.has(row)) problems.push({ row, column: '', message: 'the row is hidden in the sheet: unhide it and check it, or delete it', code: 'row_hidden' });
    let used = r.cells.length;
    while (used > width && r.cells[used - 1]!.trim() === '') used--;
    if (used > width) {
      problems.push({ row, column: headerCells[width - 1]?.trim() ?? '', message: `${used} cells, but the header has ${width} columns: a cell holds a stray separator or the cells have shifted`, code: 'cell_count', params: { cells: used, columns: width } });
    } else if (r.cells.length < width) {
      const missing = headerCells[r.cells.length]?.trim() ?? '';
      problems.push({ row, column: missing, message: `${r.cells.length} cells, but the header has ${width} columns: the row ends before ${missing}, so its cells may have shifted`, code: 'cell_count', params: { cells: r.cells.length, columns: width } });
    }
    rows.push({ row, cells: r.cells });
  });
  if (!parsed.ok) problems.push(syntaxProblem(parsed.error, headerCells));

  const specByKey = new Map(specs.map((s) => [s.key, s] as const));
  const filledAt = new Map(grid.filled.map((f) => [`${f.row}|${f.col}`, f] as const));
  const readColumns = new Map([...columns.values()].map((c) => [c.index, c.written] as const));
  const table: Table<K> = {
    rows,
    header: (key) => columns.get(key)?.written ?? specByKey.get(key)?.header ?? key,
    has: (key) => columns.has(key),
    headerNote: (key) => columns.get(key)?.note ?? '',
    cell: (row, key) => {
      const col = columns.get(key);
      return col ? (row.cells[col.index] ?? '').replace(/\r\n?/g, '\n').trim() : '';
    },
    filled: (row, key) => {
      const col = columns.get(key);
      return col !== undefined && filledAt.has(`${row.row}|${col.index}`);
    },
    filledCells: grid.filled
      .filter((f) => f.row > found.r.row && readColumns.has(f.col))
      .map((f) => ({ row: f.row, column: readColumns.get(f.col)!, from: f.from })),
    aboveHeader: [...(grid.before ?? []), ...records.slice(0, found.i).map((r) => r.cells.map((c) => c.trim()).filter(Boolean).join(' ')).filter(Boolean)],
  };
  return { table, problems };
}

function syntaxProblem(error: { line: number; cell: number; record: number; message: string }, header: readonly string[] | null): ImportProblem {
  return { row: error.record + 1, column: header?.[error.cell]?.trim() ?? '', message: error.message };
}
