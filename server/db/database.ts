import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { sql, Kysely, Migrator, SqliteAdapter, SqliteDialect, type DialectAdapter, type Transaction } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import { engineOf, type Engine } from './engine.ts';
import { checkPostgres, openPostgres, PostgresKysely } from './postgres.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: store functions take this so commands can compose them. */
export type Executor = Kysely<Database> | Transaction<Database>;

// SQLite does have transactional DDL; Kysely's adapter says otherwise to be safe. Saying so lets the
// migrator run every pending migration inside one transaction, so a failed migration leaves nothing behind.
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class PiaojueSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

export interface OpenedDatabase {
  db: Db;
  sqlite: BetterSqlite3.Database;
  file: string;
}

export const DB_FILE_NAME = 'piaojue.db';

/**
 * Opens (creating if needed) the database under dataDir with the durability settings DESIGN.md §6 asks for. The
 * directory is made (or set) 0700 and the database, its WAL and shared-memory files 0600: ballots, sessions and
 * device tokens are for the server's user alone.
 */
/** How long a statement waits for a lock another connection holds (ms), before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(dataDir: string): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = path.join(dataDir, DB_FILE_NAME);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  // FULL: a commit is on disk (WAL fsynced) before we acknowledge anything that depended on it.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Deleted content (a secret ballot's envelopes and key, DESIGN §5) is overwritten with zeros, not left in free pages.
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Database>({ dialect: new PiaojueSqliteDialect({ database: sqlite }) });
  return { db, sqlite, file };
}

/** The store the server runs on: SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL (DESIGN §8). */
export type OpenedStore =
  | (OpenedDatabase & { engine: 'sqlite'; where: string })
  | { engine: 'postgres'; db: Db; where: string; pool: pg.Pool; url: string };

/**
 * Opens the store the configuration asks for: PostgreSQL when `databaseUrl` is set (postgres://…), else the
 * SQLite file under `dataDir` (openDatabase). `where` names it for the start banner (a URL without its password).
 * Nothing is read from PostgreSQL yet: a wrong URL surfaces at the first query (migrateToLatest).
 */
export function openStore(opts: { dataDir: string; databaseUrl?: string | undefined }): OpenedStore {
  if (opts.databaseUrl) {
    // DATA_DIR still holds what is not in the database (photos, the server secret, the escrow key): the server's alone.
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    chmodSync(opts.dataDir, 0o700);
    const { db, where, pool } = openPostgres(opts.databaseUrl);
    return { engine: 'postgres', db, where, pool, url: opts.databaseUrl };
  }
  const opened = openDatabase(opts.dataDir);
  return { ...opened, engine: 'sqlite', where: opened.file };
}

/** A DATABASE_URL must name PostgreSQL; returns the URL, or undefined when unset or empty. Throws Error otherwise. */
export function databaseUrlFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) throw new Error('DATABASE_URL must be a postgres:// URL (unset it to use SQLite under DATA_DIR)');
  return value;
}

export { engineOf, type Engine };

/**
 * Runs `callback` in a write transaction that may run beside other such transactions, and only beside them (the
 * paper batches, DESIGN §6, §8): on PostgreSQL it holds the write lock shared (PostgresKysely.sharedTransaction),
 * so the batches of several processes commit side by side, while open/extend/close/announce and every other
 * command still wait for the batches in flight, and batches asked for after them wait for them. The callback
 * must append nothing to the audit chain, guard every read-then-write by a unique constraint, read what other
 * such callbacks write in one statement (one snapshot) and insert in key order; it may run more than once (a
 * lost race is run again), so it does nothing outside the database. On
 * SQLite a plain transaction: the one connection runs transactions one at a time anyway. Resolves with the
 * callback's value after the commit; rejects with whatever the last attempt threw.
 */
export function sharedWriteTransaction<T>(db: Db, callback: (trx: Trx) => Promise<T>): Promise<T> {
  return (db instanceof PostgresKysely ? db.sharedTransaction() : db.transaction()).execute(callback);
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Brings the schema up to date, on either engine; throws MigrationError naming the migration that failed (or,
 * on PostgreSQL, why the database cannot be used: unreachable, wrong collation). Several processes starting at
 * once are safe: the migrator holds a lock (a row on SQLite, an advisory lock on PostgreSQL) while it runs.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  if (engineOf(db) === 'postgres') {
    try {
      await checkPostgres(db);
    } catch (err) {
      throw new MigrationError(`cannot use the PostgreSQL database: ${(err as Error).message}`);
    }
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The directory of the main database file, as SQLite reports it; null for an in-memory database or PostgreSQL. */
export async function dataDirOf(db: Kysely<Database>): Promise<string | null> {
  if (engineOf(db) === 'postgres') return null;
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const file = rows.find((r) => r.name === 'main')?.file;
  return file ? path.dirname(file) : null;
}
