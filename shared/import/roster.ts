import { withDetail } from '../errors.ts';
import { issueDetail } from '../issues.ts';
import { MAX_DEPUTIES, rosterDocumentSchema, rosterEntrySchema, rosterListSchema, seatKey } from '../roster.ts';
import type { RosterEntry } from '../roster.ts';
import { duplicateProblems, issuesToProblems, sortProblems } from './problems.ts';
import type { ImportProblem, RosterImportResult } from './problems.ts';
import { readTable } from './table.ts';
import type { ColumnSpec } from './table.ts';

// The deputy roster (代表名册): CSV with Chinese or English headers, or JSON. Row numbers as in problems.ts.

export type { RosterImportResult };

type Key = 'name' | 'delegation' | 'seat' | 'code';

export const ROSTER_COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'name', header: '姓名', aliases: ['name', '代表姓名'], required: true },
  { key: 'delegation', header: '代表团', aliases: ['delegation', '所在代表团'], required: true },
  { key: 'seat', header: '座位号', aliases: ['seat', '座位', '座号'], required: false },
  { key: 'code', header: '代表证号', aliases: ['code', '代表编号', '代表证编号'], required: false },
];

export function parseRosterCsv(text: string): RosterImportResult {
  const { table, problems } = readTable(text, ROSTER_COLUMNS);
  if (!table) return { ok: false, problems };

  const read: { row: number; entry: RosterEntry | null; name: string; delegation: string; seat: string }[] = [];
  for (const row of table.rows) {
    const cells = {
      name: table.cell(row, 'name'),
      delegation: table.cell(row, 'delegation'),
      seat: table.cell(row, 'seat'),
      code: table.cell(row, 'code'),
    };
    const checked = rosterEntrySchema.safeParse({
      name: cells.name,
      delegation: cells.delegation,
      seat: cells.seat || null,
      ...(cells.code ? { code: cells.code } : {}),
    });
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const key = issue.path[0] as Key | undefined;
        problems.push(withDetail({ row: row.row, column: key ? table.header(key) : '', message: issue.message }, issueDetail(issue)));
      }
    }
    read.push({ row: row.row, entry: checked.success ? checked.data : null, ...cells });
  }
  if (read.length === 0) problems.push({ row: 1, column: '', message: 'the roster has no deputies' });
  if (read.length > MAX_DEPUTIES) problems.push({ row: 1, column: '', message: `at most ${MAX_DEPUTIES} deputies` });
  problems.push(...rosterDuplicates(read, { name: table.header('name'), seat: table.header('seat') }));

  if (problems.length) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, deputies: read.map((r) => r.entry as RosterEntry), rows: read.map((r) => r.row) };
}

/** A roster as JSON: an array of entries or `{ deputies: [...] }`. Rows are 1-based positions in the list. */
export function parseRosterJson(value: unknown): RosterImportResult {
  if (typeof value !== 'object' || value === null) {
    return { ok: false, problems: [{ row: 0, column: '', message: 'expected an array of deputies or { "deputies": [...] }' }] };
  }
  const isList = Array.isArray(value);
  const listPath = isList ? [] : ['deputies'];
  const parsed = isList ? rosterListSchema.safeParse(value) : rosterDocumentSchema.safeParse(value);
  const rawList = isList ? value : (value as Record<string, unknown>)['deputies'];
  const raw = Array.isArray(rawList) ? rawList : [];
  const text = (v: unknown, key: string) => {
    const x = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
    return typeof x === 'string' ? x.trim() : '';
  };
  const problems = [
    ...(parsed.success ? [] : issuesToProblems(parsed.error.issues, listPath)),
    ...rosterDuplicates(
      raw.map((v, i) => ({ row: i + 1, name: text(v, 'name'), delegation: text(v, 'delegation'), seat: text(v, 'seat') })),
      { name: 'name', seat: 'seat' },
    ),
  ];
  if (problems.length || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  const deputies = Array.isArray(parsed.data) ? parsed.data : parsed.data.deputies;
  return { ok: true, deputies, rows: deputies.map((_, i) => i + 1) };
}

/** Two deputies in one seat, or one deputy (same name, same delegation) listed twice. */
function rosterDuplicates(
  entries: readonly { row: number; name: string; delegation: string; seat: string }[],
  columns: { name: string; seat: string },
): ImportProblem[] {
  return [
    ...duplicateProblems(
      entries.map((e) => ({ row: e.row, key: e.seat ? seatKey(e.seat) : null, value: e.seat })),
      columns.seat,
      (seat, first) => ({ message: `seat ${seat} is also given on row ${first}`, code: 'seat_twice', params: { seat, row: first } }),
    ),
    ...duplicateProblems(
      entries.map((e) => ({ row: e.row, key: e.name && e.delegation ? `${e.delegation}\n${e.name}` : null, value: e })),
      columns.name,
      (e, first) => `${e.name} (${e.delegation}) is also on row ${first}`,
    ),
  ];
}
