import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ALL_STAFF } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
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
}
