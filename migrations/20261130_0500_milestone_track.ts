import type { Kysely } from 'kysely';

// 推进计划 read as a reader reads it (issue 15): a node may belong to a parallel sub-plan (`track`, its name) and
// be a recurring duty's occurrence or a yearly target (`kind`: 'recurring' | 'target'; null for a plain step).
// Nullable columns: every stored plan reads as before. Self-contained, like every migration.

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['milestone', 'project_milestone']) {
    await db.schema.alterTable(table).addColumn('track', 'text').execute();
    await db.schema.alterTable(table).addColumn('kind', 'text').execute();
  }
}
