import type { FastifyInstance } from 'fastify';
import { correctionReasonBodySchema, projectParamsSchema } from '../../shared/projects.ts';
import { calendarQuerySchema, carryOverBodySchema } from '../../shared/projects-review.ts';
import { actorOf, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { milestoneCalendar } from './calendar.ts';
import { carryOver, undoCarryOver } from './carry-over.ts';
import { mayRead, PROJECT_READERS, todayOf, viewDate, type ProjectContext } from './context.ts';
import { presentProject } from './presenters.ts';
import { projectDb } from './schema.ts';
import { getProject, loadProjects } from './store.ts';

/** Through the year and at its end: the milestone calendar, carry-over (结转续建) and its undo. */
export default async function yearEndRoutes(app: FastifyInstance, ctx: ProjectContext) {
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const db = projectDb(app.db);
  const staffView = { audience: 'staff' as const, allReports: true };

  // A unit sees the milestones of its own projects only.
  app.get('/api/projects/calendar', { preHandler: app.requireStaff(...PROJECT_READERS) }, async (req) => {
    const { asOf, months } = parse(calendarQuerySchema, req.query);
    const day = viewDate(ctx, asOf);
    const projects = (await loadProjects(db)).filter((p) => mayRead(req.staff!, p));
    return milestoneCalendar(projects, day, months, ctx.lagMargin);
  });

  app.post('/api/projects/:id/carry-over', operators, async (req, reply) => {
    const { id } = parse(projectParamsSchema, req.params);
    const body = parse(carryOverBodySchema, req.body);
    const newId = await carryOver(ctx, id, body, actorOf(req));
    reply.code(201);
    const today = todayOf(ctx);
    return {
      project: presentProject(await getProject(db, id), today, ctx.lagMargin, staffView),
      next: presentProject(await getProject(db, newId), today, ctx.lagMargin, staffView),
    };
  });

  app.post('/api/projects/:id/carry-over/undo', operators, async (req) => {
    const { id } = parse(projectParamsSchema, req.params);
    const { reason } = parse(correctionReasonBodySchema, req.body);
    await undoCarryOver(ctx, id, reason, actorOf(req));
    return { project: presentProject(await getProject(db, id), todayOf(ctx), ctx.lagMargin, staffView) };
  });
}
