import { type Kysely } from 'kysely';

// The reserve budget of pairing-code checks (issue 12, server/devices/guard.ts): when a guesser has spent the
// 20 wrong codes a minute, an address with no wrong code in the last minute may still have one code checked a
// minute, against a second budget of 20 a minute. Both budgets share `pairing_attempt` on PostgreSQL, told apart
// by `budget` ('main' | 'reserve'); `address` names who sent each wrong code, for the console's warning (rows are
// now kept 10 minutes). SQLite keeps both budgets in memory; the columns exist there too (one schema).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pairing_attempt').addColumn('budget', 'text', (c) => c.notNull().defaultTo('main')).execute();
  await db.schema.alterTable('pairing_attempt').addColumn('address', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('pairing_attempt_budget_at').on('pairing_attempt').columns(['budget', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('pairing_attempt_budget_at').execute();
  await db.schema.alterTable('pairing_attempt').dropColumn('address').execute();
  await db.schema.alterTable('pairing_attempt').dropColumn('budget').execute();
}
