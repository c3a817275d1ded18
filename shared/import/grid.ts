import { z } from 'zod';
import { parseCsv } from './csv.ts';
import type { CsvSyntaxError } from './csv.ts';

// A table as the secretariat's file holds it, whatever the format: rows of text cells, numbered as the
// spreadsheet (or the Word table) numbers them. Every reader (CSV, TSV, pasted cells, .xlsx, .docx) produces one,
// and the import and its preview read only this — so the preview is the same for every format.

export const GRID_FORMATS = ['csv', 'tsv', 'xlsx', 'docx'] as const;
export type GridFormat = (typeof GRID_FORMATS)[number];

export interface GridRow {
  /** Spreadsheet row number, 1-based (a CSV's record index + 1, an .xlsx row number, a Word table's row + 1). */
  row: number;
  cells: string[];
}

/** A cell that was blank in the file because it lay inside a merged range, filled with the range's anchor text. */
export interface FilledCell {
  row: number;
  /** 0-based column index in the grid. */
  col: number;
  /** The anchor's address as the user sees it ("A3" in .xlsx, "row 3, column 1" in .docx). */
  from: string;
}

export interface Grid {
  format: GridFormat;
  rows: GridRow[];
  filled: FilledCell[];
  /** Only for a text file: the first unterminated quote; `rows` holds the records completed before it. */
  syntaxError?: CsvSyntaxError;
  /** .xlsx: every sheet's name, and the one read. */
  sheets?: string[];
  sheet?: string;
  /** A text file's encoding as detected (decodeText). */
  encoding?: TextEncodingName;
  /**
   * .docx: the paragraphs just above the table (a title, "单位：元"), which a spreadsheet would hold in the rows
   * above the header; read as those rows are (the unit line), without shifting the table's row numbers.
   */
  before?: string[];
  /** .xlsx: the rows hidden in the sheet (a withdrawn deputy kept out of sight, or a filter): never read silently. */
  hiddenRows?: number[];
  /** .xlsx: the columns hidden in the sheet (0-based, as `filled.col`): a column read from them is named, never read unseen. */
  hiddenColumns?: number[];
}

/** The grid as the preview shows it (the import's answer carries it, also with problems). */
export const previewGridSchema = z.strictObject({
  format: z.enum(GRID_FORMATS),
  rows: z.array(z.strictObject({ row: z.number().int(), cells: z.array(z.string()) })),
  filled: z.array(z.strictObject({ row: z.number().int(), col: z.number().int(), from: z.string() })),
  sheets: z.array(z.string()).optional(),
  sheet: z.string().optional(),
  encoding: z.string().optional(),
  before: z.array(z.string()).optional(),
  hiddenRows: z.array(z.number().int()).optional(),
  hiddenColumns: z.array(z.number().int()).optional(),
});
export type PreviewGrid = z.infer<typeof previewGridSchema>;

/** The grid without its parse state, for the preview. */
export function previewOf(grid: Grid): PreviewGrid {
  const { syntaxError: _ignored, ...rest } = grid;
  return rest;
}

/**
 * Text as a spreadsheet exports or the clipboard carries it: tab-separated when the first lines hold more tabs
 * than commas (Excel and WPS put tab-separated cells on the clipboard; "Unicode 文本" is TSV too), else CSV.
 */
export function textToGrid(text: string): Grid {
  const head = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/).filter((l) => l.trim() !== '').slice(0, 10).join('\n');
  const tabs = head.split('\t').length - 1;
  const commas = head.split(',').length - 1;
  const delimiter = tabs > commas ? '\t' : ',';
  const parsed = parseCsv(text, delimiter);
  return {
    format: delimiter === '\t' ? 'tsv' : 'csv',
    rows: parsed.rows.map((r, i) => ({ row: i + 1, cells: r.cells })),
    filled: [],
    ...(parsed.ok ? {} : { syntaxError: parsed.error }),
  };
}

/** Which text encoding a file's bytes are in, as named to the user. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * A text file's characters: a byte-order mark decides (UTF-8, UTF-16 LE as Excel's "Unicode 文本" writes it,
 * UTF-16 BE); without one, valid UTF-8 is UTF-8 and anything else is GB18030 (a superset of GBK, which
 * spreadsheets on Chinese Windows save). The BOM is not part of the text.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (a === 0xff && b === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (a === 0xfe && b === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** True when the bytes start a ZIP archive (.xlsx and .docx are ZIPs): such bytes are never read as text. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** "A1"-style column letters for a 0-based column index. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
