import type { FastifyInstance } from 'fastify';
import { photoParamsSchema, projectListQuerySchema, projectParamsSchema, projectViewQuerySchema } from '../../shared/projects.ts';
import { errors } from '../errors.ts';
import { parse } from '../validate.ts';
import { viewDate, type ProjectContext } from './context.ts';
import { readPhotoFile } from './photos.ts';
import { presentProject } from './presenters.ts';
import { loadReportSettings } from './report-settings.ts';
import { projectDb } from './schema.ts';
import { getProject, loadProjects } from './store.ts';

/** No sign-in: citizens and deputies follow the projects on their phones. No contacts, no who-filed-what. */
export default async function publicRoutes(app: FastifyInstance, ctx: ProjectContext) {
  const db = projectDb(app.db);
  const view = { audience: 'public' as const, allReports: false };

  // Without ?year, the latest year that has projects. With the county named in that year's report settings.
  app.get('/api/public/projects', async (req) => {
    const query = parse(projectListQuerySchema, req.query);
    const latest = await db.selectFrom('tracked_project').select((eb) => eb.fn.max('year').as('year')).executeTakeFirst();
    const year = query.year ?? latest?.year ?? null;
    const projects = year === null ? [] : await loadProjects(db, { year });
    const day = viewDate(ctx, query.asOf);
    // The county, as the year's report settings name it ('' when unset): the page says whose projects these are.
    const county = year === null ? '' : (await loadReportSettings(db, year)).county;
    return { year, county, asOf: day, projects: projects.map((p) => presentProject(p, day, ctx.lagMargin, view)) };
  });

  app.get('/api/public/projects/:id', async (req) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { asOf } = parse(projectViewQuerySchema, req.query);
    return { project: presentProject(await getProject(db, id), viewDate(ctx, asOf), ctx.lagMargin, { ...view, allReports: true }) };
  });

  app.get('/api/public/photos/:photoId', async (req, reply) => {
    const { photoId } = parse(photoParamsSchema, req.params);
    // Only a photo of an approved report is public (a pending one waits for the secretariat's review); a signed-in
    // staff member (the secretariat reviewing it, the unit that filed it) sees it on the console before that.
    let query = db
      .selectFrom('report_photo')
      .innerJoin('progress_report', 'progress_report.id', 'report_photo.report_id')
      .select(['report_photo.file', 'report_photo.content_type'])
      .where('report_photo.id', '=', photoId);
    if (!req.staff || req.staff.mustChangePassword) query = query.where('progress_report.review_status', '=', 'approved');
    const photo = await query.executeTakeFirst();
    if (!photo || ctx.dataDir === null) throw errors.notFound('photo');
    const bytes = await readPhotoFile(ctx.dataDir, photo.file).catch(() => {
      throw errors.notFound('photo');
    });
    reply.type(photo.content_type);
    return bytes;
  });
}
