import type { Kysely } from 'kysely';

// Display tokens: what a projector in the hall holds. Read-only by construction: the token only ever
// authenticates a projector socket and projector reads, never a write.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('display_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('revoked_at', 'integer')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('display_token').execute();
}
