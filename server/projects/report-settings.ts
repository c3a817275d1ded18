import { reportSettingsSchema, type ReportSettings } from '../../shared/projects.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import type { ProjectContext } from './context.ts';
import { projectDb, type ProjectExecutor } from './schema.ts';

// A year's completion report settings (DESIGN §11): the county in the title and the year's themes, each naming
// its projects in order. Read by the report (screen, text, .docx); set by the secretariat, audited.

/** The settings of `year`; an unset year: no county, no themes (the report groups by category). */
export async function loadReportSettings(db: ProjectExecutor, year: number): Promise<ReportSettings> {
  const row = await db.selectFrom('year_report_setting').selectAll().where('year', '=', year).executeTakeFirst();
  if (!row) return { county: '', themes: [] };
  return reportSettingsSchema.parse({ county: row.county, themes: JSON.parse(row.themes) });
}

/**
 * Replaces `year`'s settings with `settings` (already parsed with reportSettingsSchema) and audits the change
 * (`projects.report_settings`). Throws invalid_input (path themes.i.projectIds.j) for a project that is not one of
 * that year's tracked projects; nothing changes then.
 */
export async function saveReportSettings(ctx: ProjectContext, year: number, settings: ReportSettings, actor: string): Promise<ReportSettings> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const db = projectDb(trx);
    const ids = new Set((await db.selectFrom('tracked_project').select('id').where('year', '=', year).execute()).map((r) => r.id));
    settings.themes.forEach((t, i) =>
      t.projectIds.forEach((p, j) => {
        if (!ids.has(p)) throw errors.badInput(`themes.${i}.projectIds.${j}`, `${p} is not a tracked project of ${year}`);
      }),
    );
    const values = { county: settings.county, themes: JSON.stringify(settings.themes), updated_at: now };
    await db
      .insertInto('year_report_setting')
      .values({ year, ...values })
      .onConflict((oc) => oc.column('year').doUpdateSet(values))
      .execute();
    await appendAudit(trx, { actor, action: 'projects.report_settings', detail: { year, ...settings } }, now);
    return settings;
  });
}
