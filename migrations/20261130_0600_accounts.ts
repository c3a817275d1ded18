import type { Kysely } from 'kysely';

// Accounts the admin manages from the console: a one-time password must be changed before anything else
// (must_change_password = 1), and an account can be disabled (disabled_at) without losing its audit trail.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('account').addColumn('disabled_at', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').dropColumn('disabled_at').execute();
  await db.schema.alterTable('account').dropColumn('must_change_password').execute();
}
