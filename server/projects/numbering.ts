import type { ProjectExecutor } from './schema.ts';

// A tracked project's number within its year (issue 14): "第 N 项" on the public page, 序号 on the console and in
// the completion report's 附表, the number on the 满意度测评 paper — one number for one project everywhere.

/**
 * The year's order of its tracked projects: by `seq` (the candidate's number on the selecting ballot, or the row of
 * an imported report), then when the project was created (ms), then its id — a total order, so every screen
 * counts the same way. The rows of one year; returns a new array.
 */
export function inYearOrder<T extends { seq: number; created_at: number; id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.seq - b.seq || a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Each tracked project's number as the public knows it: its place 1…n in its year's list, in the year's order
 * (inYearOrder) over all of that year's tracked projects — completed, in progress and carried over alike. `seq`
 * stays what it is (the ballot's candidate number, which the ballot record keeps, e.g. 1, 4, 6, 7, 13, 14 for the
 * six selected of fifteen); `number` is 1…6. A project imported later with a lower `seq` moves the numbers after it.
 * `years`: the years to number (duplicates allowed); returns project id → number (1-based) for every project of
 * those years. Throws only what the database throws.
 */
export async function yearNumbers(db: ProjectExecutor, years: readonly number[]): Promise<Map<string, number>> {
  const wanted = [...new Set(years)];
  const numbers = new Map<string, number>();
  if (wanted.length === 0) return numbers;
  const rows = await db.selectFrom('tracked_project').select(['id', 'year', 'seq', 'created_at']).where('year', 'in', wanted).execute();
  for (const year of wanted) inYearOrder(rows.filter((r) => r.year === year)).forEach((r, i) => numbers.set(r.id, i + 1));
  return numbers;
}
