import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

// Where the floor server (floor-server.ts) writes its papers: one row per paper, `(id, ballot, marks)`, the
// least a server can keep. Both stores commit a batch durably (as far as the engine is set to) before returning.

/** One paper's row: its id (the tablet's key), its ballot and its marks as JSON text. */
export type FloorRow = [string, string, string];

/** Writes a batch of rows as one transaction; resolves only after the commit. Throws the engine's error. */
export type FloorWrite = (rows: FloorRow[]) => Promise<void>;

/** The floor's paper table, the same on both engines. */
export const FLOOR_TABLE = 'create table if not exists paper (id text primary key, ballot text not null, marks text not null)';

const SQLITE_CHUNK = 5000; // SQLite's limit on bound parameters (32766) / 3 columns, rounded down
const PG_CHUNK = 20000; // PostgreSQL's limit on bound parameters (65535) / 3 columns, rounded down

const values = (n: number, numbered: boolean) =>
  Array.from({ length: n }, (_, i) => (numbered ? `($${3 * i + 1},$${3 * i + 2},$${3 * i + 3})` : '(?,?,?)')).join(',');

/**
 * better-sqlite3 on `dataDir`/floor.db in WAL with synchronous=FULL: one transaction per batch of multi-row
 * inserts (written synchronously, so papers arriving meanwhile wait in the socket buffers for the next batch).
 */
export function sqliteFloor(dataDir: string): FloorWrite {
  mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(path.join(dataDir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(FLOOR_TABLE);
  const write = db.transaction((rows: FloorRow[]) => {
    for (let i = 0; i < rows.length; i += SQLITE_CHUNK) {
      const chunk = rows.slice(i, i + SQLITE_CHUNK);
      db.prepare(`insert into paper (id, ballot, marks) values ${values(chunk.length, false)}`).run(chunk.flat());
    }
  });
  return async (rows) => write(rows);
}

/**
 * One pg connection to `url` (the table made beforehand by the bench, FLOOR_TABLE): a batch is one multi-row
 * insert — its own transaction — or, beyond PG_CHUNK rows, several inside begin/commit. Resolves after the commit.
 */
export async function postgresFloor(url: string): Promise<FloorWrite> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return async (rows) => {
    if (rows.length <= PG_CHUNK) {
      await client.query(`insert into paper (id, ballot, marks) values ${values(rows.length, true)}`, rows.flat());
      return;
    }
    await client.query('begin');
    try {
      for (let i = 0; i < rows.length; i += PG_CHUNK) {
        const chunk = rows.slice(i, i + PG_CHUNK);
        await client.query(`insert into paper (id, ballot, marks) values ${values(chunk.length, true)}`, chunk.flat());
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  };
}
