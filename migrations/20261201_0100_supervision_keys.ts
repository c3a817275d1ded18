import { sql, type Kysely } from 'kysely';

// "Nothing acknowledged is ever lost or doubled" for the year after the vote (DESIGN §11): the forms that create an
// inspection, a deputy's opinion or a 整改 follow-up send an idempotency key, as the progress report's does
// (20261130_0700_year). A resend with the same key (a double click, a retry after a lost answer on the hall Wi-Fi)
// is answered with the first row; the unique index makes two racing requests file one. Keys are unique per project
// (per 整改 task for its follow-ups); rows made before, or without a key, keep null, which no partial index counts.
// Partial unique indexes (`where client_key is not null`) are the same SQL on SQLite and PostgreSQL.
const KEYED = [
  { table: 'inspection', parent: 'project_id' },
  { table: 'deputy_opinion', parent: 'project_id' },
  { table: 'rectification_report', parent: 'rectification_id' },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, parent } of KEYED) {
    await db.schema.alterTable(table).addColumn('client_key', 'text').execute();
    await sql`create unique index ${sql.raw(`${table}_client_key`)} on ${sql.raw(table)} (${sql.raw(parent)}, client_key) where client_key is not null`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of KEYED) {
    await sql`drop index ${sql.raw(`${table}_client_key`)}`.execute(db);
    await db.schema.alterTable(table).dropColumn('client_key').execute();
  }
}
