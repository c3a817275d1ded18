import mammoth from 'mammoth';
import type { FilledCell, Grid, GridRow } from '../../shared/import/grid.ts';
import { errors } from '../errors.ts';

// The table inside a Word document — the 附件 of the government's report. mammoth turns the document into
// plain HTML (merged cells as rowspan/colspan, paragraphs as <p>); the tables are read from that HTML here.

interface HtmlCell {
  text: string;
  rowspan: number;
  colspan: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? all),
  );
const span = (attrs: string, name: string) => {
  const m = new RegExp(`${name}="(\\d+)"`).exec(attrs);
  return m ? Math.max(1, Math.min(1000, Number(m[1]))) : 1;
};

/** A table of the document and the paragraphs just above it (a title, "单位：元"), at most BEFORE_LINES. */
export interface HtmlTable {
  rows: HtmlCell[][];
  before: string[];
  /** How many non-blank paragraphs stand between this table and the one before it (or the document's start). */
  gap: number;
}
const BEFORE_LINES = 3;

/**
 * The tables in mammoth's HTML, outermost only (a table nested in a cell becomes that cell's text), each with the
 * non-blank paragraphs between it and the table (or start of the document) before it, the last BEFORE_LINES.
 */
export function htmlTables(html: string): HtmlTable[] {
  const tables: HtmlTable[] = [];
  let outside: string[] = [];
  let paragraph = '';
  const tag = /<(\/?)(table|tr|td|th|p|br)\b([^>]*)>|<[^>]*>|([^<]+)/gi;
  let depth = 0;
  let rows: HtmlCell[][] = [];
  let cell: HtmlCell | null = null;
  let paragraphs: string[] = [];
  let text = '';
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [, close, name, attrs, chars] = m;
    if (chars !== undefined) {
      if (cell) text += decode(chars);
      else if (depth === 0) paragraph += decode(chars);
      continue;
    }
    const n = name?.toLowerCase();
    if (n === 'table') {
      depth += close ? -1 : 1;
      if (!close && depth === 1) rows = [];
      if (close && depth === 0) {
        tables.push({ rows, before: outside.slice(-BEFORE_LINES), gap: outside.length });
        outside = [];
      }
      continue;
    }
    if (depth === 0) {
      if (n === 'p' && close && paragraph.trim()) outside.push(paragraph.trim());
      if (n === 'p') paragraph = '';
      continue;
    }
    if (depth !== 1) {
      if (cell && (n === 'p' || n === 'br') && (close || n === 'br')) text += '\n';
      continue;
    }
    if (n === 'tr' && !close) rows.push([]);
    else if ((n === 'td' || n === 'th') && !close) {
      cell = { text: '', rowspan: span(attrs ?? '', 'rowspan'), colspan: span(attrs ?? '', 'colspan') };
      paragraphs = [];
      text = '';
    } else if ((n === 'td' || n === 'th') && close && cell) {
      paragraphs.push(text);
      cell.text = paragraphs.map((p) => p.trim()).filter(Boolean).join('\n');
      rows.at(-1)?.push(cell);
      cell = null;
    } else if (cell && n === 'p' && close) {
      paragraphs.push(text);
      text = '';
    } else if (cell && n === 'br') text += '\n';
  }
  return tables;
}

/**
 * Lays out rows of cells with rowspan/colspan as a grid: each covered position gets the anchor's text and is listed
 * in `filled` ("row 3, column 1" names the anchor, 1-based, as the user counts in Word).
 */
export function layoutTable(rows: HtmlCell[][]): Pick<Grid, 'rows' | 'filled'> {
  const grid: (string | undefined)[][] = [];
  const filled: FilledCell[] = [];
  rows.forEach((cells, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of cells) {
      while (grid[r]![c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) {
          (grid[r + dr] ??= [])[c + dc] = cell.text;
          if ((dr || dc) && cell.text) filled.push({ row: r + dr + 1, col: c + dc, from: `row ${r + 1}, column ${c + 1}` });
        }
      }
      c += cell.colspan;
    }
  });
  return { rows: grid.map((cells, i) => ({ row: i + 1, cells: Array.from(cells, (x) => x ?? '') })), filled };
}

/**
 * The largest table of a .docx (the 附件 of a report is its table; the letterhead's layout tables are smaller),
 * or the `table`-th (1-based) when given — with the tables right after it that repeat its header row, with at most
 * a 续表 mark between, appended (a table split across pages), their header rows left out — and the paragraphs just above it as `before` (where
 * "单位：元" sits). Throws invalid_input when the bytes are not a Word document or it holds no such table.
 */
export async function docxToGrid(bytes: Buffer, table?: number): Promise<Grid> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch {
    throw errors.badInput('file', 'the file is not a Word document (.docx) that can be read; save it again as .docx');
  }
  const tables = htmlTables(html);
  if (tables.length === 0) throw errors.badInput('file', 'the Word document holds no table');
  // A table split in two (a page break, or pasted in parts) repeats its header: the parts right after it with the
  // same header row are its continuation, read with it — never the largest part alone, the others silently
  // dropped. Only right after it: nothing but a 续表 mark may stand between, so 附件2 with the same header (备选
  // 项目, say) is another table, never read as more candidates.
  const headerOf = (t: HtmlTable) => (t.rows[0] ?? []).map((c) => c.text.normalize('NFKC').replace(/\s+/g, '')).join('\t');
  const continues = (j: number) => {
    const t = tables[j]!;
    const previous = tables[j - 1];
    return !!previous && headerOf(t) !== '' && headerOf(t) === headerOf(previous) && t.gap === t.before.length && t.before.every((line) => line.includes('续'));
  };
  const parts = (i: number) => {
    const out: HtmlTable[] = [];
    for (let j = i + 1; j < tables.length && continues(j); j++) out.push(tables[j]!);
    return out;
  };
  const size = (i: number) => tables[i]!.rows.length + parts(i).reduce((sum, t) => sum + t.rows.length - 1, 0);
  const first = (i: number) => !continues(i);
  const index = table !== undefined ? table - 1 : tables.reduce((best, _, i) => (first(i) && size(i) > size(best) ? i : best), 0);
  const found = tables[index];
  if (!found) throw errors.badInput('sheet', `the Word document has ${tables.length} table(s); there is no table ${table}`);
  const chosen = { ...found, rows: [...found.rows, ...parts(index).flatMap((t) => t.rows.slice(1))] };
  const laid = layoutTable(chosen.rows);
  const rows: GridRow[] = laid.rows;
  return { format: 'docx', ...laid, rows, sheets: tables.map((_, i) => String(i + 1)), sheet: String(index + 1), ...(chosen.before.length ? { before: chosen.before } : {}) };
}
