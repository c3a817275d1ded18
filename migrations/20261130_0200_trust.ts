import { sql, type Kysely } from 'kysely';

// Issue 12, trusting fewer people: a second person's approval for re-pairing a tablet or a manual check-in once a
// meeting's session has opened, and display tokens that expire.
export async function up(db: Kysely<any>): Promise<void> {
  // An operator's request a scrutineer approves (then it is carried out) or refuses. `detail` is JSON.
  await db.schema
    .createTable('approval')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('pairing_code','manual_check_in')`))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id').onDelete('cascade'))
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','approved','refused')`))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'integer')
    .execute();
  await db.schema.createIndex('approval_meeting').on('approval').columns(['meeting_id', 'status']).execute();
  // Who approved a device's code or a check-in (staff username), when a second person did.
  await db.schema.alterTable('device').addColumn('approved_by', 'text').execute();
  await db.schema.alterTable('check_in').addColumn('approved_by', 'text').execute();
  // Display tokens die with their meeting; the tokens made before this migration get a week from their creation.
  await db.schema.alterTable('display_token').addColumn('expires_at', 'integer').execute();
  await sql`update display_token set expires_at = created_at + ${7 * 24 * 3600 * 1000}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('approval').execute();
  await db.schema.alterTable('device').dropColumn('approved_by').execute();
  await db.schema.alterTable('check_in').dropColumn('approved_by').execute();
  await db.schema.alterTable('display_token').dropColumn('expires_at').execute();
}
