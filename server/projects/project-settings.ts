import { DEFAULT_PROJECT_SETTINGS, projectSettingsSchema, type ProjectSettings } from '../../shared/projects-review.ts';
import { appendAudit } from '../audit/store.ts';
import type { ProjectContext } from './context.ts';
import { projectDb, type ProjectExecutor } from './schema.ts';

// The secretariat's project settings (DESIGN §11): kept in the database's project_setting table (one JSON value
// per key), not in the environment — they are the congress's working rules, changed in the console and audited,
// and travel with the data in a backup. An absent key is its default (DEFAULT_PROJECT_SETTINGS).

/** The settings now in force; absent keys take their defaults (review of unit reports: on). */
export async function loadProjectSettings(db: ProjectExecutor): Promise<ProjectSettings> {
  const rows = await db.selectFrom('project_setting').selectAll().execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return projectSettingsSchema.parse({ ...DEFAULT_PROJECT_SETTINGS, ...stored });
}

/** Saves every key of `settings` (parsed with projectSettingsSchema); audited as projects.settings with before/after. */
export async function saveProjectSettings(ctx: ProjectContext, settings: ProjectSettings, actor: string): Promise<ProjectSettings> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const before = await loadProjectSettings(db);
    for (const [key, value] of Object.entries(settings)) {
      const row = { value: JSON.stringify(value), updated_at: now };
      await db.insertInto('project_setting').values({ key, ...row }).onConflict((oc) => oc.column('key').doUpdateSet(row)).execute();
    }
    await appendAudit(trx, { actor, action: 'projects.settings', detail: { before, after: settings } }, now);
    return settings;
  });
}
