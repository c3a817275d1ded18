import type { FastifyInstance } from 'fastify';
import { projectListQuerySchema } from '../../shared/projects.ts';
import { approveReportBodySchema, projectSettingsSchema, returnReportBodySchema, reviewParamsSchema } from '../../shared/projects-review.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { todayOf, viewDate, type ProjectContext } from './context.ts';
import { projectFlags, reportFlags } from './flags.ts';
import { presentProject } from './presenters.ts';
import { loadProjectSettings, saveProjectSettings } from './project-settings.ts';
import { reviewQueue, reviewReport } from './review.ts';
import { projectDb } from './schema.ts';
import { getProject } from './store.ts';

/** The secretariat's review of unit reports: settings, the queue (with plausibility flags), approve and send back. */
export default async function reviewRoutes(app: FastifyInstance, ctx: ProjectContext) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const db = projectDb(app.db);
  const staffView = { audience: 'staff' as const, allReports: true };

  app.get('/api/projects/settings', staff, async () => ({ settings: await loadProjectSettings(db) }));

  app.put('/api/projects/settings', operators, async (req) => {
    const settings = parse(projectSettingsSchema, req.body);
    return { settings: await saveProjectSettings(ctx, settings, actorOf(req)) };
  });

  // Oldest first; each with its report's plausibility flags and the project's (computed; neither blocks).
  app.get('/api/projects/review-queue', staff, async (req) => {
    const { year, asOf } = parse(projectListQuerySchema, req.query);
    const day = viewDate(ctx, asOf);
    const items = await reviewQueue(db, year);
    return {
      asOf: day,
      items: items.map(({ project, report }) => ({
        project: { id: project.row.id, year: project.row.year, seq: project.row.seq, number: project.number, name: project.row.name, budgetWan: project.row.budget_wan, units: project.units },
        report: {
          id: report.id,
          date: report.date,
          spentWan: report.spentWan,
          milestonesReached: report.milestonesReached,
          outputs: report.outputs,
          note: report.note,
          by: report.actor,
          filedAt: report.createdAt,
          photos: report.photos.length,
          corrected: report.correctsReportId !== null,
        },
        flags: reportFlags(project, report),
        projectFlags: projectFlags(project, day, ctx.lagMargin),
      })),
    };
  });

  app.post('/api/projects/:id/reports/:reportId/approve', operators, async (req) => {
    const { id, reportId } = parse(reviewParamsSchema, req.params);
    const { note } = parse(approveReportBodySchema, req.body ?? {});
    await reviewReport(ctx, id, reportId, { status: 'approved', note }, actorOf(req));
    return { project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView) };
  });

  app.post('/api/projects/:id/reports/:reportId/return', operators, async (req) => {
    const { id, reportId } = parse(reviewParamsSchema, req.params);
    const { reason } = parse(returnReportBodySchema, req.body);
    await reviewReport(ctx, id, reportId, { status: 'returned', reason }, actorOf(req));
    return { project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView) };
  });
}
