import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';

// The page and type of the Word exports: A4 portrait with 2 cm margins (the secretariat's printed reports), body
// in 宋体 and titles in 黑体 — the fonts every Chinese Word and WPS installation has. A reader without them (a
// Linux LibreOffice) falls back by the zh-CN language mark on every run to its own CJK font.

/** A4 in twentieths of a point (twips). */
export const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
/** The text width a table may use: A4 less both margins, in twips. */
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;

/** 宋体 for body text; Latin digits in the same face so numbers line up with the Chinese. */
export const BODY_FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体', cs: 'SimSun' };
/** 黑体 for titles and table headers. */
export const TITLE_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体', cs: 'SimHei' };
const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' };

/** Half-points: 小二 18 pt for titles, 四号 14 pt for section heads, 小四 12 pt body, 五号 10.5 pt tables. */
export const SIZE = { title: 36, heading: 28, body: 24, table: 21, small: 20 };

/** One run of text in the body font (or the title font when `bold` heading text is wanted). */
export function run(text: string, opts: { size?: number; bold?: boolean; title?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: opts.title ? TITLE_FONT : BODY_FONT,
    size: opts.size ?? SIZE.body,
    bold: opts.bold ?? false,
    language: LANGUAGE,
  });
}

/** A paragraph of body text; `center` for titles, `before`/`after` spacing in twips; titles keep with the next paragraph. */
export function para(
  text: string | TextRun[],
  opts: { size?: number; title?: boolean; center?: boolean; after?: number; before?: number; keepNext?: boolean } = {},
): Paragraph {
  const runs = typeof text === 'string' ? [run(text, { ...(opts.size ? { size: opts.size } : {}), ...(opts.title ? { title: true } : {}) })] : text;
  return new Paragraph({
    children: runs,
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    // A heading stays on the page of what it heads.
    keepNext: opts.keepNext ?? opts.title ?? false,
    spacing: { after: opts.after ?? 120, before: opts.before ?? 0, line: 360 },
  });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

export interface DocxColumn {
  header: string;
  /** Relative width; the columns share CONTENT_WIDTH in these proportions. */
  width: number;
  align: 'left' | 'right' | 'center';
}

/**
 * A ruled table that fits the text width: fixed layout, widths in twips summing to CONTENT_WIDTH, the header row
 * repeated on every page, rows never split across pages. `cells` are already text; `shade` marks rows (当选).
 */
export function table(columns: DocxColumn[], rows: { cells: string[][]; shade?: boolean }[]): Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / total) * CONTENT_WIDTH));
  const align = (a: DocxColumn['align']) => (a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
  const cell = (lines: string[], i: number, header: boolean, shade: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 30, bottom: 30 },
      ...(shade || header ? { shading: { fill: header ? 'E7E7E7' : 'F2F2F2', type: 'clear', color: 'auto' } } : {}),
      children: (lines.length ? lines : ['']).map(
        (text, j) =>
          new Paragraph({
            alignment: header ? AlignmentType.CENTER : align(columns[i]?.align ?? 'left'),
            spacing: { after: 0, line: 276 },
            children: [run(text, { size: j > 0 ? SIZE.small : SIZE.table, title: header })],
          }),
      ),
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell([c.header], i, true, false)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.cells.map((lines, i) => cell(lines, i, false, r.shade ?? false)) })),
    ],
  });
}

/** Packs one A4 section into .docx bytes; `title` becomes the document's own title property. */
export async function packA4(title: string, children: ISectionOptions['children']): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: '票决',
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body, language: LANGUAGE } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
