import { sql, type Kysely } from 'kysely';

// Deputies supervise (DESIGN §11, 人大督): inspections (视察/督查) with the deputies taking part, findings and
// photos; deputies' opinions on a project (意见建议) and the responsible unit's reply (办理答复); 整改 for a project
// rated 不满意, with its deadline, the unit's follow-up reports and the secretariat's closure. Nothing is deleted:
// an inspection is withdrawn with a reason. A project's evaluation also records whether nobody rated it (无人评价).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tracked_project.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('inspection','supervision')`))
    .addColumn('deputy_ids', 'text', (c) => c.notNull()) // JSON string[]: deputy.id of the project's meeting roster
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer')
    .addColumn('withdrawn_at', 'integer')
    .addColumn('withdrawn_reason', 'text')
    .execute();
  await db.schema.createIndex('inspection_project').on('inspection').columns(['project_id', 'date']).execute();
  await db.schema
    .createTable('inspection_photo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspection.id'))
    .addColumn('file', 'text', (c) => c.notNull().unique()) // name under DATA_DIR/photos/, as report photos
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_photo_inspection').on('inspection_photo').column('inspection_id').execute();

  await db.schema
    .createTable('deputy_opinion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tracked_project.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    // 办理答复: by a responsible unit's account.
    .addColumn('reply_text', 'text')
    .addColumn('reply_unit', 'text')
    .addColumn('reply_actor', 'text')
    .addColumn('replied_at', 'integer')
    // The deputy's view of the reply, as the secretariat records it; optional.
    .addColumn('verdict', 'text', (c) => c.check(sql`verdict in ('satisfied','dissatisfied')`))
    .addColumn('verdict_at', 'integer')
    .execute();
  await db.schema.createIndex('deputy_opinion_project').on('deputy_opinion').columns(['project_id', 'date']).execute();

  await db.schema
    .createTable('rectification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tracked_project.id'))
    // The announced evaluation that rated the project 不满意: one task per project per evaluation (idempotent).
    .addColumn('ballot_id', 'text', (c) => c.notNull().references('ballot.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('closed_at', 'integer')
    .addColumn('closed_on', 'text')
    .addColumn('closing_note', 'text')
    .addUniqueConstraint('rectification_project_ballot', ['project_id', 'ballot_id'])
    .execute();
  await db.schema
    .createTable('rectification_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rectification_id', 'text', (c) => c.notNull().references('rectification.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  // 1 when the evaluation's base for this project was zero papers (rated-majority, nobody rated it): 无人评价.
  await db.schema.alterTable('tracked_project').addColumn('evaluation_unrated', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tracked_project').dropColumn('evaluation_unrated').execute();
  for (const table of ['rectification_report', 'rectification', 'deputy_opinion', 'inspection_photo', 'inspection']) {
    await db.schema.dropTable(table).execute();
  }
}
