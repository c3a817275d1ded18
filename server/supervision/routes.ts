import type { FastifyInstance } from 'fastify';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, correctionReasonBodySchema, photoParamsSchema, projectParamsSchema, projectViewQuerySchema } from '../../shared/projects.ts';
import {
  editInspectionBodySchema,
  inspectionBodySchema,
  inspectionParamsSchema,
  opinionBodySchema,
  opinionParamsSchema,
  opinionReplyBodySchema,
  opinionVerdictBodySchema,
  rectificationCloseBodySchema,
  rectificationDeadlineBodySchema,
  rectificationParamsSchema,
  rectificationReportBodySchema,
} from '../../shared/supervision.ts';
import { errors } from '../errors.ts';
import { actorOf, OPERATORS } from '../plugins/auth.ts';
import { assertMayRead, PROJECT_READERS, PROJECT_REPORTERS, todayOf, viewDate, type ProjectContext } from '../projects/context.ts';
import { readPhotoFile } from '../projects/photos.ts';
import { parse } from '../validate.ts';
import { projectDb } from '../projects/schema.ts';
import { getProject } from '../projects/store.ts';
import { editInspection, recordInspection, rosterOf, withdrawInspection } from './inspections.ts';
import { recordOpinion, recordVerdict, replyToOpinion } from './opinions.ts';
import { presentSupervision } from './presenters.ts';
import { closeRectification, reportRectification, setDeadline } from './rectification.ts';
import { loadSupervision } from './store.ts';

const BODY_LIMIT = MAX_PHOTOS_PER_REPORT * Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 256 * 1024;

/** Deputies' supervision of a project (DESIGN §11): inspections, opinions and replies, 整改. */
export default async function supervisionRoutes(app: FastifyInstance, ctx: ProjectContext) {
  const db = projectDb(app.db);
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const view = async (projectId: string, day: string, audience: 'staff' | 'public') =>
    presentSupervision((await loadSupervision(db, [projectId], ctx.timeZone)).get(projectId)!, day, audience);
  const staffView = (projectId: string) => view(projectId, todayOf(ctx), 'staff');

  // `?asOf=YYYY-MM-DD` (统计至): as it stood that day (presenters.ts); not after today (as_of_future).
  app.get('/api/projects/:id/supervision', { preHandler: app.requireStaff(...PROJECT_READERS) }, async (req) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { asOf } = parse(projectViewQuerySchema, req.query);
    const project = await getProject(db, id);
    assertMayRead(req.staff!, project);
    return { supervision: await view(id, viewDate(ctx, asOf), 'staff'), roster: await rosterOf(db, project) };
  });

  app.post('/api/projects/:id/inspections', { ...operators, bodyLimit: BODY_LIMIT }, async (req, reply) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { inspectionId, replayed } = await recordInspection(ctx, id, parse(inspectionBodySchema, req.body), actorOf(req));
    reply.code(replayed ? 200 : 201);
    return { inspectionId, replayed, supervision: await staffView(id) };
  });
  app.post('/api/projects/:id/inspections/:inspectionId/edit', operators, async (req) => {
    const { id, inspectionId } = parse(inspectionParamsSchema, req.params);
    await editInspection(ctx, id, inspectionId, parse(editInspectionBodySchema, req.body), actorOf(req));
    return { supervision: await staffView(id) };
  });
  app.post('/api/projects/:id/inspections/:inspectionId/withdraw', operators, async (req) => {
    const { id, inspectionId } = parse(inspectionParamsSchema, req.params);
    const { reason } = parse(correctionReasonBodySchema, req.body);
    await withdrawInspection(ctx, id, inspectionId, reason, actorOf(req));
    return { supervision: await staffView(id) };
  });

  app.post('/api/projects/:id/opinions', operators, async (req, reply) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { opinionId, replayed } = await recordOpinion(ctx, id, parse(opinionBodySchema, req.body), actorOf(req));
    reply.code(replayed ? 200 : 201);
    return { opinionId, replayed, supervision: await staffView(id) };
  });
  app.post('/api/projects/:id/opinions/:opinionId/reply', { preHandler: app.requireStaff('unit') }, async (req) => {
    const { id, opinionId } = parse(opinionParamsSchema, req.params);
    const { text } = parse(opinionReplyBodySchema, req.body);
    await replyToOpinion(ctx, id, opinionId, text, req.staff!, actorOf(req));
    return { supervision: await staffView(id) };
  });
  app.post('/api/projects/:id/opinions/:opinionId/verdict', operators, async (req) => {
    const { id, opinionId } = parse(opinionParamsSchema, req.params);
    const { verdict } = parse(opinionVerdictBodySchema, req.body);
    await recordVerdict(ctx, id, opinionId, verdict, actorOf(req));
    return { supervision: await staffView(id) };
  });

  app.post('/api/projects/:id/rectifications/:rectificationId/deadline', operators, async (req) => {
    const { id, rectificationId } = parse(rectificationParamsSchema, req.params);
    const { deadline, reason } = parse(rectificationDeadlineBodySchema, req.body);
    await setDeadline(ctx, id, rectificationId, deadline, reason, actorOf(req));
    return { supervision: await staffView(id) };
  });
  app.post('/api/projects/:id/rectifications/:rectificationId/reports', { preHandler: app.requireStaff(...PROJECT_REPORTERS) }, async (req, reply) => {
    const { id, rectificationId } = parse(rectificationParamsSchema, req.params);
    const body = parse(rectificationReportBodySchema, req.body);
    const { reportId, replayed } = await reportRectification(ctx, id, rectificationId, body, req.staff!, actorOf(req));
    reply.code(replayed ? 200 : 201);
    return { reportId, replayed, supervision: await staffView(id) };
  });
  app.post('/api/projects/:id/rectifications/:rectificationId/close', operators, async (req) => {
    const { id, rectificationId } = parse(rectificationParamsSchema, req.params);
    await closeRectification(ctx, id, rectificationId, parse(rectificationCloseBodySchema, req.body), actorOf(req));
    return { supervision: await staffView(id) };
  });

  // Public: no names of deputies, no opinions' texts, nothing withdrawn.
  app.get('/api/public/projects/:id/supervision', async (req) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { asOf } = parse(projectViewQuerySchema, req.query);
    await getProject(db, id);
    return { supervision: await view(id, viewDate(ctx, asOf), 'public') };
  });
  app.get('/api/public/inspection-photos/:photoId', async (req, reply) => {
    const { photoId } = parse(photoParamsSchema, req.params);
    const photo = await db
      .selectFrom('inspection_photo')
      .innerJoin('inspection', 'inspection.id', 'inspection_photo.inspection_id')
      .select(['inspection_photo.file', 'inspection_photo.content_type'])
      .where('inspection_photo.id', '=', photoId)
      .where('inspection.withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (!photo || ctx.dataDir === null) throw errors.notFound('photo');
    const bytes = await readPhotoFile(ctx.dataDir, photo.file).catch(() => {
      throw errors.notFound('photo');
    });
    reply.type(photo.content_type);
    return bytes;
  });
}
