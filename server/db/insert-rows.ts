import { CompiledQuery, type Insertable } from 'kysely';
import type { Executor } from './database.ts';
import { isPostgres } from './engine.ts';
import type { Database } from './schema.ts';

/** Rows per statement: 1,000 rows of 8 columns bind 8,000 parameters (SQLite allows 32,766, PostgreSQL 65,535). */
const ROWS_PER_STATEMENT = 1000;

/**
 * Inserts `rows` into `table`, in multi-row statements of at most 1,000 rows, written as SQL text with bound
 * parameters (`?` on SQLite, `$n` on PostgreSQL) instead of through Kysely's query builder: the builder's tree for
 * 3,000 rows takes 20–80 ms to compile, and the close writes 3,000 papers and as many box rows while the hall waits
 * for the result (docs/performance.md). `columns` name what every row carries (a row's missing column is bound as
 * NULL); identifiers come from code, values are always bound, never spliced. On PostgreSQL a column with one value
 * (string, number or null) in every row of a statement is bound once. Throws what the database throws (a
 * constraint, say); nothing on an empty `rows`.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  columns: readonly (keyof Insertable<Database[T]> & string)[],
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (!rows.length) return;
  const pg = isPostgres(db);
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const part = rows.slice(start, start + ROWS_PER_STATEMENT) as readonly Record<string, unknown>[];
    const params: unknown[] = [];
    // On PostgreSQL a column holding one value in every row (a batch's ballot id) is bound once and named by
    // every row: 1,500 envelopes went in some 30 % faster (docs/performance.md, issue 18). SQLite binds in-process.
    const shared = new Map<string, string>();
    if (pg && part.length > 1) {
      for (const column of columns) {
        const value = part[0]![column] ?? null;
        if (typeof value === 'object' && value !== null) continue; // bytes: never compared
        if (part.every((row) => (row[column] ?? null) === value)) shared.set(column, `$${params.push(value)}`);
      }
    }
    const tuples: string[] = [];
    for (const row of part) {
      const marks: string[] = [];
      for (const column of columns) {
        const mark = shared.get(column);
        if (mark) {
          marks.push(mark);
          continue;
        }
        params.push(row[column] ?? null);
        marks.push(pg ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', '), params));
  }
}
