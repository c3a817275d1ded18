import { sql, type Kysely } from 'kysely';

// The year after the vote, continued (DESIGN §11, issue 16): the secretariat reviews unit reports before they are
// public (review_status on each report, a setting in project_setting), and carries an unfinished project over
// into the next year (续建: carried_from_id on the new project, carried_to_id/carried_on on the old one).
export async function up(db: Kysely<any>): Promise<void> {
  // 'approved' for every report filed before review existed: they were public already.
  await db.schema.alterTable('progress_report').addColumn('review_status', 'text', (c) => c.notNull().defaultTo('approved')).execute();
  await db.schema.alterTable('progress_report').addColumn('reviewed_at', 'integer').execute();
  await db.schema.alterTable('progress_report').addColumn('reviewed_by', 'text').execute();
  // Why it was sent back (退回原因).
  await db.schema.alterTable('progress_report').addColumn('review_reason', 'text').execute();
  await sql`create index progress_report_review on progress_report (review_status) where review_status = 'pending'`.execute(db);

  // The secretariat's project settings, one JSON value per key (an absent key is its default).
  await db.schema
    .createTable('project_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('tracked_project').addColumn('carried_from_id', 'text').execute();
  await db.schema.alterTable('tracked_project').addColumn('carried_to_id', 'text').execute();
  // The county's calendar date the carry-over was decided on.
  await db.schema.alterTable('tracked_project').addColumn('carried_on', 'text').execute();
  await db.schema.alterTable('tracked_project').addColumn('carry_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['carry_reason', 'carried_on', 'carried_to_id', 'carried_from_id']) await db.schema.alterTable('tracked_project').dropColumn(c).execute();
  await db.schema.dropTable('project_setting').execute();
  await sql`drop index progress_report_review`.execute(db);
  for (const c of ['review_reason', 'reviewed_by', 'reviewed_at', 'review_status']) await db.schema.alterTable('progress_report').dropColumn(c).execute();
}
