import { type Kysely } from 'kysely';

// The network-wide budget of wrong pairing codes (20 a minute, server/devices/guard.ts) shared by every server
// process on one PostgreSQL database (README "Behind nginx", DESIGN §8): one row per pairing attempt of the last
// minute, counted before its code is checked and deleted when the code proves right. A process counts and inserts
// in one write transaction (under the processes' shared write lock), so two processes never both take the 20th. SQLite runs one process
// and keeps the budget in memory; the table exists there too (one schema) and stays empty.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pairing_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pairing_attempt_at').on('pairing_attempt').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pairing_attempt').execute();
}
