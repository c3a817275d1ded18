import type { Kysely } from 'kysely';

// A year's completion report settings (DESIGN §11): the county named in the title and the year's themes (JSON:
// [{name, projectIds}]), as the secretariat groups the projects into the county's own themes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('year_report_setting')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('county', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('year_report_setting').execute();
}
