import { withDetail } from '../errors.ts';
import { issueDetail, type DuplicateAgainst, type DuplicateMatch } from '../issues.ts';
import { codeKey, MAX_DEPUTIES, nameKey, rosterDocumentSchema, rosterEntrySchema, rosterListSchema, seatKey } from '../roster.ts';
import type { RosterEntry } from '../roster.ts';
import { duplicateProblems, readJsonList, sortProblems } from './problems.ts';
import type { ImportProblem, RosterImportResult } from './problems.ts';
import type { Grid } from './grid.ts';
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

/**
 * What to do with a row that is the same person as another (same name and delegation as people read them, or
 * the same 代表证号): undefined — report it as a 'duplicate' problem and ask; 'skip' — it is the same person,
 * leave the later row out; 'keep' — two people, keep both and note it.
 */
export type DuplicateChoice = 'skip' | 'keep' | undefined;

/**
 * The roster from any grid (CSV text, TSV, .xlsx, .docx). Every problem at once, by row and column; duplicates
 * as described at DuplicateChoice. Skipped and kept duplicates come back as `notes`.
 */
export function parseRosterCsv(source: string | Grid, duplicates: DuplicateChoice = undefined): RosterImportResult {
  const { table, problems } = readTable(source, ROSTER_COLUMNS);
  if (!table) return { ok: false, problems };

  const read: { row: number; entry: RosterEntry | null; name: string; delegation: string; seat: string; code: string }[] = [];
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
  const columns = { name: table.header('name'), seat: table.header('seat'), code: table.header('code') };
  problems.push(...rosterDuplicates(read, columns));
  const same = samePerson(read, columns, duplicates);
  problems.push(...same.problems);

  if (problems.length) return { ok: false, problems: sortProblems(problems) };
  const kept = read.filter((r) => !same.skip.has(r.row));
  return {
    ok: true,
    deputies: kept.map((r) => r.entry as RosterEntry),
    rows: kept.map((r) => r.row),
    ...(same.notes.length ? { notes: same.notes } : {}),
  };
}

/** The person a row was matched with: a row above it in the same file, or a deputy on the saved roster. */
interface Matched {
  against: DuplicateAgainst;
  row?: number;
  name: string;
  delegation: string;
}

/** The English of a duplicate problem (for logs and API users); the screens write it from code and params. */
function duplicateEnglish(p: { name: string; delegation: string; card: string; matchedBy: DuplicateMatch; other: Matched }): string {
  const where = p.other.against === 'file' ? `also on row ${p.other.row}` : 'already on the roster';
  return p.matchedBy === 'card_number' ? `card number ${p.card} is ${where} (${p.other.name}, ${p.other.delegation})` : `${p.name} (${p.delegation}) is ${where}`;
}

/**
 * Rows that name a person already named above them (or in `earlier`, the saved roster): the same 代表证号, or the
 * same name (nameKey) in the same delegation (codeKey). A problem with choice 'duplicate' unless the user chose;
 * then the row is skipped or kept with a note. Every one carries code duplicate_choice / duplicate_skipped /
 * duplicate_kept and params { name, delegation, matchedBy, against, card?, otherRow?, otherName, otherDelegation }
 * (shared/issues.ts), from which each locale writes the whole sentence.
 */
export function samePerson(
  entries: readonly { row: number; name: string; delegation: string; code?: string }[],
  columns: { name: string; code: string },
  choice: DuplicateChoice,
  earlier: readonly { name: string; delegation: string; code?: string | null }[] = [],
  /** false: compare with `earlier` only (the file itself was checked already). */
  withinEntries = true,
): { problems: ImportProblem[]; notes: ImportProblem[]; skip: Set<number> } {
  const byPerson = new Map<string, Matched>();
  const byCode = new Map<string, Matched>();
  for (const e of earlier) {
    const matched: Matched = { against: 'roster', name: e.name, delegation: e.delegation };
    byPerson.set(`${codeKey(e.delegation)}\n${nameKey(e.name)}`, matched);
    if (e.code) byCode.set(codeKey(e.code), matched);
  }
  const problems: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  const skip = new Set<number>();
  for (const e of entries) {
    if (!e.name || !e.delegation) continue;
    const person = `${codeKey(e.delegation)}\n${nameKey(e.name)}`;
    const code = e.code ? codeKey(e.code) : null;
    const byCard = code ? byCode.get(code) : undefined;
    const byName = byPerson.get(person);
    const other = byCard ?? byName;
    if (!other) {
      if (!withinEntries) continue;
      const matched: Matched = { against: 'file', row: e.row, name: e.name, delegation: e.delegation };
      byPerson.set(person, matched);
      if (code) byCode.set(code, matched);
      continue;
    }
    const matchedBy: DuplicateMatch = byCard ? 'card_number' : 'name_delegation';
    const column = byCard ? columns.code : columns.name;
    const params = {
      name: e.name,
      delegation: e.delegation,
      matchedBy,
      against: other.against,
      ...(byCard ? { card: e.code ?? '' } : {}),
      ...(other.row !== undefined ? { otherRow: other.row } : {}),
      otherName: other.name,
      otherDelegation: other.delegation,
    };
    const what = duplicateEnglish({ name: e.name, delegation: e.delegation, card: e.code ?? '', matchedBy, other });
    if (choice === undefined) problems.push({ row: e.row, column, message: `${what}: skip it (the same person) or keep both`, choice: 'duplicate', code: 'duplicate_choice', params });
    else if (choice === 'skip') {
      skip.add(e.row);
      notes.push({ row: e.row, column, message: `skipped: ${what} (the same person)`, code: 'duplicate_skipped', params });
    } else notes.push({ row: e.row, column, message: `kept both: ${what} (two people)`, code: 'duplicate_kept', params });
  }
  return { problems, notes, skip };
}

/** A roster as JSON: an array of entries or `{ deputies: [...] }`. Rows are 1-based positions in the list. */
export function parseRosterJson(value: unknown): RosterImportResult {
  const read = readJsonList(value, 'deputies', rosterListSchema, rosterDocumentSchema, (d) => d.deputies);
  const raw = read.raw;
  const text = (v: unknown, key: string) => {
    const x = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
    return typeof x === 'string' ? x.trim() : '';
  };
  const problems = [
    ...read.problems,
    ...rosterDuplicates(
      raw.map((v, i) => ({ row: i + 1, name: text(v, 'name'), delegation: text(v, 'delegation'), seat: text(v, 'seat') })),
      { seat: 'seat' },
    ),
    ...samePerson(
      raw.map((v, i) => ({ row: i + 1, name: text(v, 'name'), delegation: text(v, 'delegation'), code: text(v, 'code') })),
      { name: 'name', code: 'code' },
      undefined,
    ).problems,
  ];
  if (problems.length || !read.items) return { ok: false, problems: sortProblems(problems) };
  const deputies = read.items;
  return { ok: true, deputies, rows: deputies.map((_, i) => i + 1) };
}

/** Two deputies in one seat: never the same person twice, so no choice resolves it. */
function rosterDuplicates(
  entries: readonly { row: number; name: string; delegation: string; seat: string }[],
  columns: { seat: string },
): ImportProblem[] {
  return [
    ...duplicateProblems(
      entries.map((e) => ({ row: e.row, key: e.seat ? seatKey(e.seat) : null, value: e.seat })),
      columns.seat,
      (seat, first) => ({ message: `seat ${seat} is also given on row ${first}`, code: 'seat_twice', params: { seat, row: first } }),
    ),
  ];
}
