import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle, AlignmentType } from 'docx';
import type { BallotReport, Cell, Column } from './ballot-report.ts';
import { CONTENT_WIDTH, packA4, para, run, SIZE, table, type DocxColumn } from './docx-common.ts';

/** A cell as the printed table shows it: numbers as digits, a rate as "92.3%", nothing as "—". */
export function cellText(value: Cell, kind: Column['kind']): string {
  if (value === null) return '—';
  if (typeof value === 'number' && kind === 'percent') return `${(value * 100).toFixed(1)}%`;
  return String(value);
}

/**
 * A line ending in the audit hash (or "SEQ:HASH"), the hash moved whole onto a line of its own: LibreOffice and
 * Word would otherwise break it anywhere, and a scrutineer compares and copies it by eye.
 */
function hashLine(text: string): TextRun[] {
  const cut = text.lastIndexOf(' ');
  if (cut < 0) return [run(text, { size: SIZE.small })];
  return [run(text.slice(0, cut), { size: SIZE.small }), new TextRun({ break: 1 }), run(text.slice(cut + 1), { size: SIZE.small })];
}

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

/** 应到 … 未投 (or 发出/收回 per source) as a printed stats row: labels above, figures below, equal columns. */
function summaryTable(summary: BallotReport['summary']): Table {
  const width = Math.floor(CONTENT_WIDTH / summary.length);
  const row = (texts: string[], size: number, title: boolean) =>
    new TableRow({
      children: texts.map(
        (text) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: [run(text, { size, title })] })],
          }),
      ),
    });
  return new Table({
    width: { size: width * summary.length, type: WidthType.DXA },
    columnWidths: summary.map(() => width),
    borders: NO_BORDERS,
    rows: [row(summary.map((s) => s.label), SIZE.small, false), row(summary.map((s) => String(s.value)), SIZE.heading, true)],
  });
}

/**
 * The signature block as the printed page draws it: each label, then one ruled line to sign on (two for 监票人)
 * — a borderless table whose line cells keep only a bottom rule, so Word, WPS and LibreOffice all draw it whole.
 */
function signatures(list: BallotReport['signatures']): Table {
  const cols = [2400, 3400, 400, 3400];
  const rule = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const cell = (i: number, text: string, ruled: boolean) =>
    new TableCell({
      width: { size: cols[i]!, type: WidthType.DXA },
      borders: { top: none, left: none, right: none, bottom: ruled ? rule : none },
      children: [new Paragraph({ spacing: { before: 360, after: 0 }, children: [run(text)] })],
    });
  return new Table({
    width: { size: cols.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: cols,
    borders: NO_BORDERS,
    rows: list.map(
      (s) => new TableRow({ cantSplit: true, children: [cell(0, s.label, false), cell(1, '', true), cell(2, '', false), cell(3, '', s.lines > 1)] }),
    ),
  });
}

/**
 * The 表决结果报告 as a Word document (A4), in the printed page's order: title, meeting, ballot, rules, times,
 * 应到/实到 and papers, threshold, notes, the per-candidate table, the selected, the pairings and manual check-ins after the
 * session opened, the audit log's head for the scrutineers to sign, signature lines, foot.
 */
export async function ballotReportDocx(r: BallotReport): Promise<Buffer> {
  const columns: DocxColumn[] = r.table.columns.map((c) => ({ header: c.header, width: c.width, align: c.kind === 'text' ? 'left' : 'right' }));
  const rows = r.table.rows.map((row) => ({ cells: row.cells.map((v, i) => [cellText(v, r.table.columns[i]?.kind ?? 'text')]), shade: row.selected }));
  return packA4(`${r.title} · ${r.ballotTitle}`, [
    para(r.title, { title: true, size: SIZE.title, center: true, after: 120 }),
    para(`${r.meeting.name} · ${r.meeting.date}`, { center: true, after: 240 }),
    ...(r.training ? [para(r.training, { size: SIZE.small, after: 160 })] : []),
    para(r.ballotTitle, { title: true, size: SIZE.heading, after: 120 }),
    para(r.rules, { size: SIZE.small, after: 60 }),
    para(r.times, { size: SIZE.small, after: 200 }),
    summaryTable(r.summary),
    ...(r.bySource.length ? [para('', { after: 60 }), summaryTable(r.bySource)] : []),
    para(r.thresholdNote, { size: SIZE.small, before: 160, after: 120 }),
    ...r.notes.map((n) => para(`· ${n}`, { size: SIZE.small, after: 60 })),
    table(columns, rows),
    ...(r.selected
      ? [
          para(r.selected.heading, { title: true, size: SIZE.heading, before: 240, after: 120 }),
          ...r.selected.items.map((item, i) => para(`${i + 1}. ${item}`, { after: 40 })),
          para(r.selected.total, { size: SIZE.small, before: 80 }),
        ]
      : []),
    para(r.oversight.title, { title: true, size: SIZE.heading, before: 240, after: 120 }),
    ...(r.oversight.lines.length ? r.oversight.lines.map((l) => para(l, { size: SIZE.small, after: 40 })) : [para(r.oversight.none, { size: SIZE.small })]),
    ...(r.anchor
      ? [para(r.anchor.title, { title: true, size: SIZE.heading, before: 240, after: 120 }), para(hashLine(r.anchor.text), { after: 40 }), para(hashLine(r.anchor.howTo))]
      : []),
    para('', { after: 120 }),
    signatures(r.signatures),
    para(r.foot, { size: SIZE.small, before: 360 }),
  ]);
}
