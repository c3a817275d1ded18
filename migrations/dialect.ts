import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

// What a migration needs to know about the engine it runs on (DESIGN §8: one set of migrations for SQLite and
// PostgreSQL). Migrations write SQLite's type names; on PostgreSQL the connection maps them (integer → bigint,
// real → double precision, blob → bytea; server/db/postgres.ts). Only raw SQL has to branch, with these helpers.
// Kept here, not imported from the server, because migrations never import application code.

/** True when the migration runs on PostgreSQL. */
export function onPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Makes `table` append-only for every connection, the server's or anyone's: an update, delete (or, on
 * PostgreSQL, truncate) raises `<table> is append-only`. SQLite: two triggers named `<table>_no_update` and
 * `<table>_no_delete`, as the core migration always made them; PostgreSQL: one trigger function and its triggers.
 */
export async function appendOnly(db: Kysely<any>, table: string): Promise<void> {
  const t = sql.raw(table);
  const message = sql.lit(`${table} is append-only`);
  if (!onPostgres(db)) {
    await sql`create trigger ${sql.raw(`${table}_no_update`)} before update on ${t}
    begin select raise(abort, ${message}); end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${t}
    begin select raise(abort, ${message}); end`.execute(db);
    return;
  }
  const fn = sql.raw(`${table}_append_only`);
  await sql`create function ${fn}() returns trigger language plpgsql as $$
    begin raise exception ${message} using errcode = 'restrict_violation'; end $$`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_no_update`)} before update or delete on ${t} for each row execute function ${fn}()`.execute(db);
  await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${t} for each statement execute function ${fn}()`.execute(db);
}

/** `without rowid` on SQLite (no rowid to record insertion order, DESIGN §5); nothing on PostgreSQL. */
export function withoutRowid(db: Kysely<any>): RawBuilder<unknown> {
  return onPostgres(db) ? sql`` : sql`without rowid`;
}

/** The 64-bit integer type name for raw SQL: `integer` on SQLite, `bigint` on PostgreSQL. */
export function int64(db: Kysely<any>): RawBuilder<unknown> {
  return sql.raw(onPostgres(db) ? 'bigint' : 'integer');
}

/** The bytes type name for raw SQL: `blob` on SQLite, `bytea` on PostgreSQL. */
export function bytes(db: Kysely<any>): RawBuilder<unknown> {
  return sql.raw(onPostgres(db) ? 'bytea' : 'blob');
}
