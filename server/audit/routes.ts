import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ALL_STAFF } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { idParamsSchema } from '../../shared/api.ts';
import { errors } from '../errors.ts';
import { ballotAnchor } from './anchors.ts';
import { verifyAudit } from './store.ts';

const auditQuerySchema = z.strictObject({
  meetingId: z.string().max(64).optional(),
  ballotId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export default async function auditRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };

  app.get('/api/audit', staff, async (req) => {
    const q = parse(auditQuerySchema, req.query);
    let query = app.db.selectFrom('audit_event').selectAll().orderBy('seq').limit(q.limit);
    if (q.meetingId) query = query.where('meeting_id', '=', q.meetingId);
    if (q.ballotId) query = query.where('ballot_id', '=', q.ballotId);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
    const rows = await query.execute();
    return {
      events: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        meetingId: r.meeting_id,
        ballotId: r.ballot_id,
        detail: JSON.parse(r.detail) as unknown,
        hash: r.hash,
      })),
    };
  });

  app.get('/api/audit/verify', staff, async () => verifyAudit(app.db));

  // The head to print on the 表决结果报告 for the scrutineers to sign (null before the announcement).
  app.get('/api/ballots/:id/anchor', staff, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const ballot = await app.db.selectFrom('ballot').select('id').where('id', '=', id).executeTakeFirst();
    if (!ballot) throw errors.notFound('ballot');
    return { anchor: await ballotAnchor(app.db, id) };
  });

  // Public: the head published after each announcement, newest first, so anyone holding a copy of the log (an
  // auditor, a deputy) can check it with `npm run audit:verify -- --expect SEQ:HASH`. Titles and times only.
  app.get('/api/public/audit-heads', async () => {
    const ballots = await app.db
      .selectFrom('ballot')
      .innerJoin('meeting', 'meeting.id', 'ballot.meeting_id')
      .select(['ballot.id', 'ballot.title', 'ballot.announced_at as announcedAt', 'meeting.name as meetingName'])
      .where('ballot.status', '=', 'announced')
      .orderBy('ballot.announced_at', 'desc')
      .execute();
    const heads = [];
    for (const b of ballots) {
      const anchor = await ballotAnchor(app.db, b.id);
      if (anchor) heads.push({ ballotId: b.id, meetingName: b.meetingName, title: b.title, announcedAt: b.announcedAt, seq: anchor.seq, hash: anchor.hash });
    }
    return { heads };
  });
}
