import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { emptyBodySchema, idParamsSchema, meetingParamsSchema } from '../../shared/api.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { newId, newSecret, sha256 } from '../ids.ts';
import { actorOf, OPERATORS } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { parse } from '../validate.ts';

const createDisplayBodySchema = z.strictObject({ label: z.string().trim().min(1).max(100).default('投影') });

/** Display tokens for the hall's projectors: read-only credentials the console hands out and revokes. */
export default async function projectorRoutes(app: FastifyInstance) {
  const operators = { preHandler: app.requireStaff(...OPERATORS) };

  app.post('/api/meetings/:meetingId/display-tokens', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const { label } = parse(createDisplayBodySchema, req.body ?? {});
    const token = newSecret();
    const id = newId('v');
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      await requireMeeting(trx, meetingId);
      await trx.insertInto('display_token').values({ id, meeting_id: meetingId, token_hash: sha256(token), label, created_at: now, revoked_at: null }).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'display_token.created', meetingId, detail: { id, label } }, now);
    });
    reply.code(201);
    return { id, token, label };
  });

  // The screens made for a meeting (never their tokens), so a later visit can see and revoke them.
  app.get('/api/meetings/:meetingId/display-tokens', operators, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    const rows = await app.db
      .selectFrom('display_token')
      .select(['id', 'label', 'created_at as createdAt', 'revoked_at as revokedAt'])
      .where('meeting_id', '=', meetingId)
      .orderBy('created_at')
      .execute();
    return { displays: rows };
  });

  app.post('/api/display-tokens/:id/revoke', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('display_token').select(['meeting_id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
      if (!row) throw errors.notFound('display token');
      if (row.revoked_at !== null) return;
      await trx.updateTable('display_token').set({ revoked_at: now }).where('id', '=', id).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'display_token.revoked', meetingId: row.meeting_id, detail: { id } }, now);
    });
    app.bus.emit('display.revoked', { displayId: id });
    return { ok: true };
  });
}
