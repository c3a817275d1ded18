import { PostgresAdapter, type Kysely } from 'kysely';

/** The two database engines the same code runs on (DESIGN §8): SQLite by default, PostgreSQL by DATABASE_URL. */
export type Engine = 'sqlite' | 'postgres';

/**
 * Which engine a Kysely instance (or transaction, or the migrator's connection) talks to, read from its
 * adapter, so that code needing an engine-specific statement (a pragma, a trigger, VACUUM) asks the instance it
 * already holds instead of a global. Throws nothing.
 */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** True when `db` talks to PostgreSQL (see engineOf). */
export function isPostgres(db: Kysely<any>): boolean {
  return engineOf(db) === 'postgres';
}
