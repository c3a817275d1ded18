import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createBallotBodySchema,
  emptyBodySchema as emptyBody,
  extendBallotBodySchema,
  idParamsSchema,
  meetingParamsSchema,
  presidiumDecisionBodySchema,
  runoffBodySchema,
} from '../../shared/api.ts';
import { errors } from '../errors.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { parse } from '../validate.ts';
import {
  announceBallot,
  closeBallot,
  createBallot,
  createRunoff,
  extendBallot,
  openBallot,
  recordPresidiumDecision,
} from './commands.ts';
import { deleteDraft, editDraft } from './drafts.ts';
import { papersBySource } from './paper-sources.ts';
import { presentBallot } from './presenters.ts';
import { ballotRecord } from './record.ts';
import { ballotCandidates, castCount, getBallot, storedTally, toBallot } from './store.ts';
import { ballotTurnout } from './turnout.ts';

export default async function ballotRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const ctx = app.ballots;

  const present = async (ballotId: string) => {
    const ballot = await getBallot(app.db, ballotId);
    return {
      ballot: presentBallot(ballot, app.now()),
      candidates: await ballotCandidates(app.db, ballotId),
      voted: await castCount(app.db, ballotId),
    };
  };

  app.post('/api/meetings/:meetingId/ballots', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const body = parse(createBallotBodySchema, req.body);
    const id = await createBallot(ctx, meetingId, body, actorOf(req));
    reply.code(201);
    return present(id);
  });

  app.get('/api/meetings/:meetingId/ballots', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    const rows = await app.db.selectFrom('ballot').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at').execute();
    // How many candidates each ballot lists, so the list says "15 选 10" as the ballot page does.
    const counts = await app.db
      .selectFrom('ballot_candidate')
      .innerJoin('ballot', 'ballot.id', 'ballot_candidate.ballot_id')
      .select(['ballot_candidate.ballot_id as id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('ballot.meeting_id', '=', meetingId)
      .groupBy('ballot_candidate.ballot_id')
      .execute();
    const countOf = new Map(counts.map((c) => [c.id, Number(c.n)]));
    return { ballots: rows.map((r) => ({ ...presentBallot(toBallot(r), app.now()), candidateCount: countOf.get(r.id) ?? 0 })) };
  });

  // A draft's settings can be corrected, or the draft thrown away (audited); an opened ballot never changes.
  app.patch('/api/ballots/:id', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    await editDraft(ctx, id, parse(createBallotBodySchema, req.body), actorOf(req));
    return present(id);
  });

  app.post('/api/ballots/:id/delete', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBody, req.body ?? {});
    await deleteDraft(ctx, id, actorOf(req));
    return { ok: true };
  });

  app.get('/api/ballots/:id', staff, async (req) => present(parse(idParamsSchema, req.params).id));

  // A step of the ballot's life that takes no body (open, close, announce): the command, then the ballot as it is now.
  const step = (run: (id: string, actor: string) => Promise<unknown>) => async (req: FastifyRequest) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBody, req.body ?? {});
    await run(id, actorOf(req));
    return present(id);
  };

  app.post('/api/ballots/:id/open', operators, step((id, actor) => openBallot(ctx, id, actor)));

  app.post('/api/ballots/:id/extend', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const { seconds } = parse(extendBallotBodySchema, req.body);
    await extendBallot(ctx, id, seconds, actorOf(req));
    return present(id);
  });

  app.post('/api/ballots/:id/close', operators, step((id, actor) => closeBallot(ctx, id, 'manual', actor)));

  app.post('/api/ballots/:id/announce', operators, step((id, actor) => announceBallot(ctx, id, actor)));

  app.get('/api/ballots/:id/tally', staff, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const ballot = await getBallot(app.db, id);
    const tally = await storedTally(app.db, id);
    if (!tally) throw errors.state('ballot_not_closed', 'the tally exists once the ballot is closed');
    return { ballot: presentBallot(ballot, app.now()), tally, bySource: await papersBySource(app.db, ballot) };
  });

  app.get('/api/ballots/:id/record', staff, async (req, reply) => {
    const { id } = parse(idParamsSchema, req.params);
    const record = await ballotRecord(app.db, await getBallot(app.db, id));
    reply.header('content-disposition', `attachment; filename="ballot-record-${id}.json"`);
    return record;
  });

  // Who has voted (turnout) — public knowledge in the hall. Never what anyone voted.
  app.get('/api/ballots/:id/turnout', staff, async (req) => ballotTurnout(app.db, parse(idParamsSchema, req.params).id));

  app.post('/api/ballots/:id/runoff', operators, async (req, reply) => {
    const { id } = parse(idParamsSchema, req.params);
    const body = parse(runoffBodySchema, req.body ?? {});
    const runoffId = await createRunoff(ctx, id, body, actorOf(req));
    reply.code(201);
    return present(runoffId);
  });

  app.post('/api/ballots/:id/presidium-decision', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const body = parse(presidiumDecisionBodySchema, req.body);
    await recordPresidiumDecision(ctx, id, body.selected, body.note, actorOf(req));
    return present(id);
  });
}
