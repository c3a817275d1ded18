import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { emptyBodySchema, idParamsSchema } from '../../shared/api.ts';
import { paperDecisionBodySchema, paperEntryBodySchema, paperIssueBodySchema, paperPrintBodySchema } from '../../shared/paper-ballot.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { countPaperBallots, decidePaper, enterPaper, ownEntries, paperDisputes, paperProgress, type Counter } from './paper-count.ts';
import { issuePaperBallots } from './paper-issue.ts';
import { paperBallotSheet, printPaperBallots } from './paper-print.ts';

/**
 * Paper ballots (纸质选票, DESIGN §10; issue 17). Operators issue, print, enter (as clerks: two distinct accounts)
 * and count them in; scrutineers decide disputed papers; all staff read the progress. Every body is checked
 * with the shared zod schemas (shared/paper-ballot.ts); every action is audited by its command.
 */
export default async function paperRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const scrutineers = { preHandler: app.requireStaff('scrutineer') };
  const ctx = app.ballots;
  const counter = (req: FastifyRequest): Counter => ({ accountId: req.staff!.id, actor: actorOf(req) });
  // What one counter records on one paper (a clerk's entry, a scrutineer's decision): the body checked, then the
  // command run in this account's name; 201 with what it recorded.
  const record =
    <B extends z.ZodType>(body: B, run: (id: string, body: z.infer<B>, by: Counter) => Promise<unknown>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const { id } = parse(idParamsSchema, req.params);
      const parsed = parse(body, req.body);
      reply.code(201);
      return run(id, parsed, counter(req));
    };

  app.post('/api/ballots/:id/paper/issue', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const body = parse(paperIssueBodySchema, req.body);
    const out = await issuePaperBallots(ctx, id, body, actorOf(req));
    return { ...out, progress: await paperProgress(app.db, id) };
  });

  app.post('/api/ballots/:id/paper/print', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const body = parse(paperPrintBodySchema, req.body);
    return printPaperBallots(ctx, id, body, actorOf(req));
  });

  // What the printed sheets show: the meeting, the ballot, its candidates in order, the valid serials.
  app.get('/api/ballots/:id/paper/sheet', operators, async (req) => paperBallotSheet(app.db, parse(idParamsSchema, req.params).id));

  app.get('/api/ballots/:id/paper', staff, async (req) => paperProgress(app.db, parse(idParamsSchema, req.params).id));

  // A clerk's screen: their own entries only (never the other clerk's).
  app.get('/api/ballots/:id/paper/entries', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    return { entries: await ownEntries(app.db, id, req.staff!.id), progress: await paperProgress(app.db, id) };
  });

  app.post('/api/ballots/:id/paper/entries', operators, record(paperEntryBodySchema, (id, body, by) => enterPaper(ctx, id, body, by)));

  // The scrutineer's screen: each disputed paper with both entries.
  app.get('/api/ballots/:id/paper/disputes', scrutineers, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    return { disputes: await paperDisputes(app.db, id), progress: await paperProgress(app.db, id) };
  });

  app.post('/api/ballots/:id/paper/decisions', scrutineers, record(paperDecisionBodySchema, (id, body, by) => decidePaper(ctx, id, body, by)));

  app.post('/api/ballots/:id/paper/count', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    return countPaperBallots(ctx, id, actorOf(req));
  });
}
