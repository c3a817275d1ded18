import { loadSupervision } from '../supervision/store.ts';
import type { FastifyInstance } from 'fastify';
import { emptyBodySchema, idParamsSchema, meetingParamsSchema } from '../../shared/api.ts';
import { completionReportQuerySchema, createEvaluationBodySchema, importCompletedBodySchema, reportSettingsQuerySchema, reportSettingsSchema } from '../../shared/projects.ts';
import { presentBallot } from '../ballots/presenters.ts';
import { ballotCandidates, getBallot } from '../ballots/store.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { buildCompletionReport, renderCompletionText } from './completion.ts';
import { todayOf, viewDate, type ProjectContext } from './context.ts';
import { createEvaluation } from './evaluation.ts';
import { importCompleted } from './import.ts';
import { presentProject } from './presenters.ts';
import { promoteSelection } from './promotion.ts';
import { loadReportSettings, saveReportSettings } from './report-settings.ts';
import { projectDb } from './schema.ts';
import { loadProjects } from './store.ts';

/** The secretariat's project tools: promotion, evaluation, the completion report, importing a completed year. */
export default async function secretariatRoutes(app: FastifyInstance, ctx: ProjectContext) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const db = projectDb(app.db);
  const present = async (ids: string[]) =>
    (await loadProjects(db, { ids })).map((p) => presentProject(p, todayOf(ctx), ctx.lagMargin, { audience: 'staff', allReports: false }));

  // Announcing promotes by itself; this re-runs it (after a presidium decision recorded late, say). Idempotent.
  app.post('/api/ballots/:id/promote', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    const result = await ctx.db.transaction().execute((trx) => promoteSelection(trx, id, ctx.now(), actorOf(req)));
    if (result.kind === 'evaluation') {
      const rated = await db.selectFrom('tracked_project').select('id').where('evaluation_ballot_id', '=', id).execute();
      return { kind: result.kind, changed: result.rated, projects: await present(rated.map((r) => r.id)) };
    }
    const all = await db.selectFrom('tracked_project').select('id').where('ballot_id', '=', result.rootBallotId).execute();
    return { kind: result.kind, rootBallotId: result.rootBallotId, changed: result.created, projects: await present(all.map((r) => r.id)) };
  });

  // What announcing this ballot did to the projects (issue 13: the ballot page says so and links them): the
  // projects its announcements promoted, from the audit log's `projects.promoted` events of this ballot.
  app.get('/api/ballots/:id/promoted', staff, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    await getBallot(app.db, id); // 404 not_found for a ballot that does not exist
    const events = await app.db.selectFrom('audit_event').select('detail').where('ballot_id', '=', id).where('action', '=', 'projects.promoted').orderBy('seq').execute();
    const projects = events.flatMap((e) => (JSON.parse(e.detail) as { projects?: { projectId: string; name: string }[] }).projects ?? []);
    const year = events.length ? ((JSON.parse(events[0]!.detail) as { year?: number }).year ?? null) : null;
    return { count: projects.length, year, projects: projects.map((p) => ({ id: p.projectId, name: p.name })) };
  });

  app.post('/api/meetings/:meetingId/evaluations', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const body = parse(createEvaluationBodySchema, req.body);
    const { ballotId, projects } = await createEvaluation(ctx, meetingId, body, actorOf(req));
    reply.code(201);
    return {
      ballot: presentBallot(await getBallot(app.db, ballotId), ctx.now()),
      candidates: await ballotCandidates(app.db, ballotId),
      projects,
    };
  });

  app.post('/api/projects/import-completed', operators, async (req, reply) => {
    const body = parse(importCompletedBodySchema, req.body);
    const ids = await importCompleted(ctx, body, req.staff!, actorOf(req));
    reply.code(201);
    return { imported: ids.length, projects: await present(ids) };
  });

  app.get('/api/projects/report', staff, async (req, reply) => {
    const { year, format, asOf } = parse(completionReportQuerySchema, req.query);
    const projects = await loadProjects(db, { year });
    const supervision = await loadSupervision(db, projects.map((p) => p.row.id), ctx.timeZone);
    const report = buildCompletionReport(year, projects, viewDate(ctx, asOf), ctx.lagMargin, await loadReportSettings(db, year), supervision);
    if (format === 'json') return { report };
    reply.type('text/plain; charset=utf-8');
    return renderCompletionText(report);
  });

  // The year's report settings: the county in the title, the themes and which projects each holds (DESIGN §11).
  app.get('/api/projects/report-settings', staff, async (req) => {
    const { year } = parse(reportSettingsQuerySchema, req.query);
    return { year, settings: await loadReportSettings(db, year) };
  });

  app.put('/api/projects/report-settings', operators, async (req) => {
    const { year } = parse(reportSettingsQuerySchema, req.query);
    const settings = parse(reportSettingsSchema, req.body);
    return { year, settings: await saveReportSettings(ctx, year, settings, actorOf(req)) };
  });
}
