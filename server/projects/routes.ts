import type { FastifyInstance } from 'fastify';
import {
  completeProjectBodySchema,
  correctionReasonBodySchema,
  correctReportBodySchema,
  editProjectBodySchema,
  reportParamsSchema,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_REPORT,
  progressReportBodySchema,
  projectListQuerySchema,
  projectParamsSchema,
  projectViewQuerySchema,
} from '../../shared/projects.ts';
import { DEFAULT_LAG_MARGIN } from '../../shared/rules/progress.ts';
import { dataDirOf } from '../db/database.ts';
import { actorOf, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { assertMayRead, mayRead, PROJECT_READERS, PROJECT_REPORTERS, todayOf, viewDate, type ProjectContext } from './context.ts';
import { presentProject } from './presenters.ts';
import publicRoutes from './public-routes.ts';
import { markComplete, undoCompletion } from './completing.ts';
import { correctReport, editProject, withdrawReport } from './corrections.ts';
import { fileReport } from './reports.ts';
import { projectDb } from './schema.ts';
import reviewRoutes from './review-routes.ts';
import secretariatRoutes from './secretariat-routes.ts';
import yearEndRoutes from './year-end-routes.ts';
import projectExportRoutes from '../exports/project-routes.ts';
import supervisionRoutes from '../supervision/routes.ts';
import { getProject, loadProjects } from './store.ts';

export interface ProjectRoutesOptions {
  /** Where the SQLite file lives; photos go under it. Defaults to the directory of the open database file. */
  dataDir?: string | undefined;
  /** Spending this share below the plan-to-date is 滞后 (default 0.2). */
  lagMargin?: number | undefined;
}

export { dataDirOf };

// Base64 photos ride in the JSON body, so this route takes more than the app's 2 MB default.
const REPORT_BODY_LIMIT = MAX_PHOTOS_PER_REPORT * Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 256 * 1024;

/** Tracked projects (民生实事项目): tracking by the responsible units, the secretariat's tools, the public view. */
export default async function projectRoutes(app: FastifyInstance, opts: ProjectRoutesOptions) {
  const ctx: ProjectContext = {
    db: app.db,
    now: app.now,
    dataDir: opts.dataDir ?? (await dataDirOf(app.db)),
    lagMargin: opts.lagMargin ?? DEFAULT_LAG_MARGIN,
    timeZone: app.timeZone,
  };
  const readers = { preHandler: app.requireStaff(...PROJECT_READERS) };
  const db = projectDb(app.db);
  const staffView = (all: boolean) => ({ audience: 'staff' as const, allReports: all });

  // A unit sees the projects it leads, cooperates on or implements; the secretariat sees all.
  app.get('/api/projects', readers, async (req) => {
    const { year, asOf } = parse(projectListQuerySchema, req.query);
    const day = viewDate(ctx, asOf);
    const projects = (await loadProjects(db, { year })).filter((p) => mayRead(req.staff!, p));
    return { asOf: day, projects: projects.map((p) => presentProject(p, day, ctx.lagMargin, staffView(false))) };
  });

  app.get('/api/projects/:id', readers, async (req) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { asOf } = parse(projectViewQuerySchema, req.query);
    const day = viewDate(ctx, asOf);
    const project = await getProject(db, id);
    assertMayRead(req.staff!, project);
    return { project: presentProject(project, day, ctx.lagMargin, staffView(true)) };
  });

  app.post('/api/projects/:id/reports', { preHandler: app.requireStaff(...PROJECT_REPORTERS), bodyLimit: REPORT_BODY_LIMIT }, async (req, reply) => {
    const { id } = parse(projectParamsSchema, req.params);
    const body = parse(progressReportBodySchema, req.body);
    const { reportId, replayed } = await fileReport(ctx, id, body, req.staff!, actorOf(req));
    reply.code(replayed ? 200 : 201);
    return { reportId, replayed, project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView(true)) };
  });

  app.post('/api/projects/:id/complete', { preHandler: app.requireStaff(...OPERATORS) }, async (req) => {
    const { id } = parse(projectParamsSchema, req.params);
    const body = parse(completeProjectBodySchema, req.body ?? {});
    await markComplete(ctx, id, body, actorOf(req));
    return { project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView(true)) };
  });

  app.post('/api/projects/:id/complete/undo', { preHandler: app.requireStaff(...OPERATORS) }, async (req) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { reason } = parse(correctionReasonBodySchema, req.body);
    await undoCompletion(ctx, id, reason, actorOf(req));
    return { project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView(true)) };
  });

  const reporters = { preHandler: app.requireStaff(...PROJECT_REPORTERS) };
  app.post('/api/projects/:id/reports/:reportId/withdraw', reporters, async (req) => {
    const { id, reportId } = parse(reportParamsSchema, req.params);
    const { reason } = parse(correctionReasonBodySchema, req.body);
    await withdrawReport(ctx, id, reportId, reason, req.staff!, actorOf(req));
    return { project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView(true)) };
  });

  app.post('/api/projects/:id/reports/:reportId/correct', reporters, async (req) => {
    const { id, reportId } = parse(reportParamsSchema, req.params);
    const body = parse(correctReportBodySchema, req.body);
    const newId = await correctReport(ctx, id, reportId, body, req.staff!, actorOf(req));
    return { reportId: newId, project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView(true)) };
  });

  app.post('/api/projects/:id/edit', { preHandler: app.requireStaff(...OPERATORS) }, async (req) => {
    const { id } = parse(projectParamsSchema, req.params);
    const body = parse(editProjectBodySchema, req.body);
    await editProject(ctx, id, body, actorOf(req));
    return { project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView(true)) };
  });

  await secretariatRoutes(app, ctx);
  await reviewRoutes(app, ctx);
  await yearEndRoutes(app, ctx);
  await projectExportRoutes(app, ctx);
  await publicRoutes(app, ctx);
  await supervisionRoutes(app, ctx);
}
