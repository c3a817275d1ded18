import type { z } from 'zod';
import type { CandidateInput } from '../candidate.ts';
import { withDetail, type ImportProblem } from '../errors.ts';
import { issueDetail, type IssueDetail } from '../issues.ts';
import type { RosterEntry } from '../roster.ts';
import { safeParse } from '../safe-parse.ts';

export type { ImportProblem };

// What every import returns: all of the data, or every problem found — never part of the data.
// `rows[i]` is the row entry i came from, so that problems found later (a clash with what is already saved)
// can name the row the secretariat sees.
export type CandidateImportResult =
  | { ok: true; candidates: CandidateInput[]; rows: number[] }
  | { ok: false; problems: ImportProblem[] };
/** `notes`: rows skipped or kept after a duplicate choice, shown in the preview and written to the audit log. */
export type RosterImportResult =
  | { ok: true; deputies: RosterEntry[]; rows: number[]; notes?: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

// Row numbers in problems:
// - CSV: the spreadsheet row, as Excel/WPS show it when the file is opened — the header is row 1, the first
//   data row is row 2. A record whose cells span several lines is still one row. Problems with the table as a
//   whole (no data rows) are on row 1.
// - JSON: the entry's position, 1-based (candidates[0] is row 1). Problems with the document as a whole are
//   on row 0.
// `column` is the CSV header as written in the file, or the JSON field path ("milestones.0.period"); '' when
// the problem is with a whole row or the whole file.

/** Problems found at once, in row order; a row's problems in the order its cells were read. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.row - b.p.row || a.i - b.i).map(({ p }) => p);
}

/**
 * zod issues from parsing a JSON list as problems. `listPath` is where the list sits in the document
 * ([] for a bare array, ['candidates'] for the document form); anything outside it is a row-0 problem.
 */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], listPath: readonly PropertyKey[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    const inList = listPath.every((k, i) => path[i] === k) && typeof path[listPath.length] === 'number';
    const row = inList ? (path[listPath.length] as number) + 1 : 0;
    const rest = inList ? path.slice(listPath.length + 1) : path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ row, column: joinPath([...rest, key]), message: 'unknown field' });
    } else {
      problems.push(withDetail({ row, column: joinPath(rest), message: issue.message }, issueDetail(issue)));
    }
  }
  return problems;
}

/**
 * A JSON import's list: `value` is an array of entries (checked by `list`) or a document with the array under `key`
 * (checked by `document`, the list taken out by `pick`). The two shapes are parsed one at a time, so that the
 * problems speak of the shape that was sent rather than of a union that did not match. Returns the entries as sent
 * (`raw`, for the duplicate checks, which look at the input so that duplicates are reported even when other fields
 * are wrong), the schema's problems, and the parsed entries (null when there are problems). A value that is not an
 * object is one row-0 problem.
 */
export function readJsonList<L extends z.ZodType, D extends z.ZodType>(
  value: unknown,
  key: string,
  list: L,
  document: D,
  pick: (doc: z.output<D>) => z.output<L>,
): { raw: unknown[]; problems: ImportProblem[]; items: z.output<L> | null } {
  if (typeof value !== 'object' || value === null) {
    return { raw: [], problems: [{ row: 0, column: '', message: `expected an array of ${key} or { "${key}": [...] }` }], items: null };
  }
  const isList = Array.isArray(value);
  const rawList: unknown = isList ? value : (value as Record<string, unknown>)[key];
  const raw = Array.isArray(rawList) ? rawList : [];
  if (isList) {
    const parsed = safeParse(list, value);
    return parsed.success ? { raw, problems: [], items: parsed.data } : { raw, problems: issuesToProblems(parsed.error.issues, []), items: null };
  }
  const parsed = safeParse(document, value);
  return parsed.success ? { raw, problems: [], items: pick(parsed.data) } : { raw, problems: issuesToProblems(parsed.error.issues, [key]), items: null };
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * One problem for each entry that repeats an earlier entry's key (the first occurrence is not flagged).
 * Entries whose key is null are skipped: they could not be read and already have a problem of their own.
 */
export function duplicateProblems<T>(
  entries: readonly { row: number; key: string | null; value: T }[],
  column: string,
  describe: (value: T, firstRow: number) => string | ({ message: string } & IssueDetail),
): ImportProblem[] {
  const firstRow = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const e of entries) {
    if (e.key === null) continue;
    const first = firstRow.get(e.key);
    if (first === undefined) firstRow.set(e.key, e.row);
    else {
      const said = describe(e.value, first);
      problems.push(typeof said === 'string' ? { row: e.row, column, message: said } : { row: e.row, column, ...said });
    }
  }
  return problems;
}
