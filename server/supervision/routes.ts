import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
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
  // A change to one record of a project's supervision: the record's path (`params`, with the project's `id`) and the
  // body checked, the command run, then the project's supervision as staff see it now.
  const change =
    <P extends z.ZodType<{ id: string }>, B extends z.ZodType>(params: P, body: B, run: (at: z.infer<P>, body: z.infer<B>, req: FastifyRequest) => Promise<unknown>) =>
    async (req: FastifyRequest) => {
      const at = parse(params, req.params);
      await run(at, parse(body, req.body), req);
      return { supervision: await staffView(at.id) };
    };

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
  app.post('/api/projects/:id/inspections/:inspectionId/edit', operators, change(inspectionParamsSchema, editInspectionBodySchema, (at, body, req) => editInspection(ctx, at.id, at.inspectionId, body, actorOf(req))));
  app.post('/api/projects/:id/inspections/:inspectionId/withdraw', operators, change(inspectionParamsSchema, correctionReasonBodySchema, (at, { reason }, req) => withdrawInspection(ctx, at.id, at.inspectionId, reason, actorOf(req))));

  app.post('/api/projects/:id/opinions', operators, async (req, reply) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { opinionId, replayed } = await recordOpinion(ctx, id, parse(opinionBodySchema, req.body), actorOf(req));
    reply.code(replayed ? 200 : 201);
    return { opinionId, replayed, supervision: await staffView(id) };
  });
  app.post('/api/projects/:id/opinions/:opinionId/reply', { preHandler: app.requireStaff('unit') }, change(opinionParamsSchema, opinionReplyBodySchema, (at, { text }, req) => replyToOpinion(ctx, at.id, at.opinionId, text, req.staff!, actorOf(req))));
  app.post('/api/projects/:id/opinions/:opinionId/verdict', operators, change(opinionParamsSchema, opinionVerdictBodySchema, (at, { verdict }, req) => recordVerdict(ctx, at.id, at.opinionId, verdict, actorOf(req))));

  app.post('/api/projects/:id/rectifications/:rectificationId/deadline', operators, change(rectificationParamsSchema, rectificationDeadlineBodySchema, (at, b, req) => setDeadline(ctx, at.id, at.rectificationId, b.deadline, b.reason, actorOf(req))));
  app.post('/api/projects/:id/rectifications/:rectificationId/reports', { preHandler: app.requireStaff(...PROJECT_REPORTERS) }, async (req, reply) => {
    const { id, rectificationId } = parse(rectificationParamsSchema, req.params);
    const body = parse(rectificationReportBodySchema, req.body);
    const { reportId, replayed } = await reportRectification(ctx, id, rectificationId, body, req.staff!, actorOf(req));
    reply.code(replayed ? 200 : 201);
    return { reportId, replayed, supervision: await staffView(id) };
  });
  app.post('/api/projects/:id/rectifications/:rectificationId/close', operators, change(rectificationParamsSchema, rectificationCloseBodySchema, (at, body, req) => closeRectification(ctx, at.id, at.rectificationId, body, actorOf(req))));

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
