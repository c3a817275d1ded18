import { sql, type Kysely } from 'kysely';
import { onPostgres } from './dialect.ts';

// The year after the vote (DESIGN §11): a completion has a date (completed_on, the county's calendar date) and,
// when late or early, the reasons given; a progress report can be withdrawn (with a reason) or replaced by a
// correction, and carries the client's idempotency key so that a second click files nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tracked_project').addColumn('completed_on', 'text').execute();
  // Why the completion came after the plan's last milestone (逾期).
  await db.schema.alterTable('tracked_project').addColumn('completion_late_reason', 'text').execute();
  // Why it was marked complete with milestones open or targets unmet.
  await db.schema.alterTable('tracked_project').addColumn('completion_open_reason', 'text').execute();
  // Rows completed before this migration: their date is the day of marking (China time), imports the year's end.
  const dayOfMarking = onPostgres(db)
    ? sql`to_char(to_timestamp(completed_at / 1000) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
    : sql`date(completed_at / 1000, 'unixepoch', '+8 hours')`;
  await sql`update tracked_project set completed_on = case when source = 'import' then year || '-12-31'
    else ${dayOfMarking} end where completed_at is not null`.execute(db);

  await db.schema.alterTable('progress_report').addColumn('client_key', 'text').execute();
  await db.schema.alterTable('progress_report').addColumn('withdrawn_at', 'integer').execute();
  await db.schema.alterTable('progress_report').addColumn('withdrawn_reason', 'text').execute();
  // The report this one corrects (that one is withdrawn in the same transaction).
  await db.schema.alterTable('progress_report').addColumn('corrects_report_id', 'text').execute();
  await sql`create unique index progress_report_client_key on progress_report (project_id, client_key) where client_key is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index progress_report_client_key`.execute(db);
  for (const c of ['corrects_report_id', 'withdrawn_reason', 'withdrawn_at', 'client_key']) {
    await db.schema.alterTable('progress_report').dropColumn(c).execute();
  }
  for (const c of ['completion_open_reason', 'completion_late_reason', 'completed_on']) {
    await db.schema.alterTable('tracked_project').dropColumn(c).execute();
  }
}
