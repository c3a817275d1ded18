import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { emptyBodySchema, idParamsSchema, meetingParamsSchema } from '../../shared/api.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { newId, newSecret, sha256 } from '../ids.ts';
import { actorOf, OPERATORS } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { parse } from '../validate.ts';
import { DISPLAY_SHOWS } from '../../shared/ws.ts';

/** A projector's token lives this long after the meeting's first day (or after its creation, if that is later). */
export const DISPLAY_TOKEN_DAYS = 7;

/**
 * When a display token made at `createdAt` for a meeting starting on `date` (YYYY-MM-DD, the server's local day)
 * expires (ms): DISPLAY_TOKEN_DAYS after the later of the two — a token made for the rehearsal still works
 * through a session of several days, and none outlives its meeting by more than a week (issue 12).
 */
export function displayTokenExpiry(date: string, createdAt: number): number {
  const meetingStart = new Date(`${date}T00:00:00`).getTime();
  return Math.max(createdAt, Number.isNaN(meetingStart) ? createdAt : meetingStart) + DISPLAY_TOKEN_DAYS * 24 * 3600_000;
}

const showBodySchema = z.strictObject({ show: z.enum(DISPLAY_SHOWS) });

const createDisplayBodySchema = z.strictObject({ label: z.string().trim().min(1).max(100).default('投影') });

/** Display tokens for the hall's projectors: read-only credentials the console hands out and revokes. */
export default async function projectorRoutes(app: FastifyInstance) {
  const operators = { preHandler: app.requireStaff(...OPERATORS) };

  // 投影切换 (issue 13): between ballots the console switches the hall screen to the attendance board and back to
  // the latest result. Sent to every projector and console over the realtime channel; audited. While a ballot is
  // open the hall shows it whatever is chosen: refused (ballot_state) so the button never seems to do nothing.
  app.post('/api/meetings/:meetingId/projector/show', operators, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const { show } = parse(showBodySchema, req.body);
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      await requireMeeting(trx, meetingId);
      const open = await trx.selectFrom('ballot').select('id').where('meeting_id', '=', meetingId).where('status', '=', 'open').executeTakeFirst();
      if (open) throw errors.state('ballot_state', 'a ballot is open: the hall screen shows it until it closes');
      await appendAudit(trx, { actor: actorOf(req), action: 'projector.switched', meetingId, detail: { show } }, now);
    });
    if (show === 'latest') app.projectorShow.delete(meetingId);
    else app.projectorShow.set(meetingId, show);
    app.hall.broadcast(meetingId, ['projector', 'console'], { type: 'display', show });
    return { show };
  });

  app.get('/api/meetings/:meetingId/projector/show', operators, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    return { show: app.projectorShow.get(meetingId) ?? 'latest' };
  });

  app.post('/api/meetings/:meetingId/display-tokens', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const { label } = parse(createDisplayBodySchema, req.body ?? {});
    const token = newSecret();
    const id = newId('v');
    const now = app.now();
    const expiresAt = await app.db.transaction().execute(async (trx) => {
      const meeting = await requireMeeting(trx, meetingId);
      const expiresAt = displayTokenExpiry(meeting.date, now);
      await trx.insertInto('display_token').values({ id, meeting_id: meetingId, token_hash: sha256(token), label, created_at: now, revoked_at: null, expires_at: expiresAt }).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'display_token.created', meetingId, detail: { id, label, expiresAt } }, now);
      return expiresAt;
    });
    reply.code(201);
    return { id, token, label, expiresAt };
  });

  // The screens made for a meeting (never their tokens), so a later visit can see and revoke them.
  app.get('/api/meetings/:meetingId/display-tokens', operators, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    const rows = await app.db
      .selectFrom('display_token')
      .select(['id', 'label', 'created_at as createdAt', 'revoked_at as revokedAt', 'expires_at as expiresAt'])
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
