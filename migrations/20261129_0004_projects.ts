import { sql, type Kysely } from 'kysely';

// Tracked projects (民生实事项目): the winners of a selection ballot, or a completed year imported from its
// report; their plan as milestones, the responsible units' progress reports and photos, and the link between a
// project and the candidate row that stands for it on a later evaluation ballot (满意度测评).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tracked_project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('ballot','import')`))
    // source = 'ballot': the main selection ballot, the ballot whose announcement selected it (the same, or a
    // run-off), the candidate — once only, which makes promotion idempotent — and its votes on the main ballot.
    .addColumn('meeting_id', 'text', (c) => c.references('meeting.id'))
    .addColumn('ballot_id', 'text', (c) => c.references('ballot.id'))
    .addColumn('selected_by_ballot_id', 'text', (c) => c.references('ballot.id'))
    .addColumn('selected_via', 'text', (c) => c.check(sql`selected_via in ('vote','presidium','runoff')`))
    .addColumn('candidate_id', 'text', (c) => c.unique().references('candidate.id'))
    .addColumn('votes_for', 'integer')
    .addColumn('votes_against', 'integer')
    .addColumn('votes_abstain', 'integer')
    .addColumn('vote_rank', 'integer')
    // Copied from the candidate, so that the project stays as voted whatever happens to the candidate list.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('budget_wan', 'real')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('annual_task', 'text', (c) => c.notNull())
    .addColumn('units_lead', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('units_cooperate', 'text', (c) => c.notNull())
    .addColumn('units_implement', 'text', (c) => c.notNull())
    .addColumn('county_leader', 'text', (c) => c.notNull())
    .addColumn('responsible_leader', 'text', (c) => c.notNull())
    .addColumn('leader_in_charge', 'text', (c) => c.notNull())
    .addColumn('contacts', 'text', (c) => c.notNull()) // JSON {name, phone}[]
    .addColumn('remarks', 'text', (c) => c.notNull())
    // Marked complete by the secretariat (or imported as complete).
    .addColumn('completed_at', 'integer')
    .addColumn('completion_note', 'text')
    // The latest announced evaluation of the project.
    .addColumn('evaluation_ballot_id', 'text', (c) => c.references('ballot.id'))
    .addColumn('evaluation_rating', 'text', (c) => c.check(sql`evaluation_rating in ('satisfied','basically_satisfied','dissatisfied')`))
    .addColumn('evaluation_rate', 'real')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tracked_project_year').on('tracked_project').columns(['year', 'seq']).execute();

  await db.schema
    .createTable('project_milestone')
    .addColumn('project_id', 'text', (c) => c.notNull().references('tracked_project.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('amount_wan', 'real')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('target', 'real')
    .addColumn('percent', 'real')
    .addPrimaryKeyConstraint('project_milestone_pk', ['project_id', 'position'])
    .execute();

  await db.schema
    .createTable('progress_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tracked_project.id'))
    // 'final': the year's figures from an imported 完成情况 report.
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('progress','final')`))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('spent_wan', 'real') // cumulative
    .addColumn('milestones_reached', 'text', (c) => c.notNull()) // JSON number[]
    .addColumn('outputs', 'text', (c) => c.notNull()) // JSON {label: number}, this report's own amounts
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('account.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('progress_report_project').on('progress_report').columns(['project_id', 'date']).execute();

  await db.schema
    .createTable('report_photo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('progress_report.id'))
    .addColumn('file', 'text', (c) => c.notNull().unique()) // name under DATA_DIR/photos/
    .addColumn('filename', 'text', (c) => c.notNull()) // as uploaded
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_photo_report').on('report_photo').column('report_id').execute();

  // The candidate row that stands for a project on evaluation ballots in a meeting: one per project per meeting.
  await db.schema
    .createTable('project_evaluation')
    .addColumn('candidate_id', 'text', (c) => c.primaryKey().references('candidate.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('tracked_project.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addUniqueConstraint('project_evaluation_meeting_project', ['meeting_id', 'project_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['project_evaluation', 'report_photo', 'progress_report', 'project_milestone', 'tracked_project']) {
    await db.schema.dropTable(table).execute();
  }
}
