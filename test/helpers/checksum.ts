import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * A digest of every row of every table (content, in a fixed order), to prove a refused request changed nothing.
 */
export function dbChecksum(sqlite: BetterSqlite3.Database): string {
  const hash = createHash('sha256');
  const tables = sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .all() as { name: string }[];
  for (const { name } of tables) {
    const cols = (sqlite.prepare(`pragma table_info("${name}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
    const rows = sqlite.prepare(`select ${cols.join(',')} from "${name}" order by ${cols.join(',')}`).raw().all();
    hash.update(`${name}\n${JSON.stringify(rows)}\n`);
  }
  return hash.digest('hex');
}
