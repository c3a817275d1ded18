import { sql, type Kysely } from 'kysely';
import { onPostgres } from './dialect.ts';

// An evaluation ballot (满意度测评) rates tracked projects, not the meeting's candidates (issue 14). Until now each
// rated project was copied into the meeting's candidate list as a "stand-in" (序号 901…), which put last year's
// projects into this year's 票决 form. From here on an evaluation's items are projects, in their own table, with
// the number the paper shows (1…n in the year's list) and a snapshot of what the paper showed.
//
// Existing evaluation ballots keep their papers, receipts and tallies unchanged: their items keep the stand-in
// candidate's id as item id (the id the marks use), the stand-in rows leave the candidate list, and the
// project_evaluation link table goes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ballot_item')
    .addColumn('ballot_id', 'text', (c) => c.notNull().references('ballot.id').onDelete('cascade'))
    // The id papers mark: the project's id (or, for a ballot made before this migration, the stand-in's id).
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tracked_project.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('budget_wan', 'real')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('annual_task', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballot_item_pk', ['ballot_id', 'item_id'])
    .addUniqueConstraint('ballot_item_project', ['ballot_id', 'project_id'])
    .execute();

  // What an announced evaluation reports: a rating (满意/基本满意/不满意) with its 满意率, or the 满意率 only.
  await db.schema
    .alterTable('ballot')
    .addColumn('evaluation_report', 'text', (c) => c.check(sql`evaluation_report in ('rating','rate')`))
    .execute();
  await sql`update ballot set evaluation_report = 'rating' where options = '["satisfied","basically_satisfied","dissatisfied"]'`.execute(db);

  // Numbers as the public lists the year: position by 序号 within the year.
  await sql`
    insert into ballot_item (ballot_id, item_id, project_id, position, number, name, category, budget_wan, summary, annual_task)
    select bc.ballot_id, bc.candidate_id, pe.project_id, bc.position,
           (select count(*) from tracked_project o where o.year = tp.year and (o.seq < tp.seq or (o.seq = tp.seq and o.created_at <= tp.created_at))),
           tp.name, tp.category, tp.budget_wan, tp.summary, tp.annual_task
    from ballot_candidate bc
    join project_evaluation pe on pe.candidate_id = bc.candidate_id
    join tracked_project tp on tp.id = pe.project_id`.execute(db);
  // The link table goes first (it references the stand-ins), so their ids are kept aside for the deletes.
  await sql`create temp table stand_in as select candidate_id as id from project_evaluation`.execute(db);
  await db.schema.dropTable('project_evaluation').execute();
  // The temporary schema is `temp` on SQLite, `pg_temp` on PostgreSQL.
  const standIn = sql.raw(onPostgres(db) ? 'pg_temp.stand_in' : 'temp.stand_in');
  const standIns = sql`(select id from ${standIn})`;
  await sql`delete from ballot_candidate where candidate_id in ${standIns}`.execute(db);
  await sql`delete from milestone where candidate_id in ${standIns}`.execute(db);
  await sql`delete from candidate where id in ${standIns}`.execute(db);
  await sql`drop table ${standIn}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The stand-in candidates are not re-created: a database taken back keeps its ballots, minus their items.
  await db.schema
    .createTable('project_evaluation')
    .addColumn('candidate_id', 'text', (c) => c.primaryKey().references('candidate.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('tracked_project.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addUniqueConstraint('project_evaluation_meeting_project', ['meeting_id', 'project_id'])
    .execute();
  await db.schema.alterTable('ballot').dropColumn('evaluation_report').execute();
  await db.schema.dropTable('ballot_item').execute();
}
