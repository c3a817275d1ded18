import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { emptyBodySchema, idParamsSchema, meetingParamsSchema } from '../../shared/api.ts';
import { checkInWithin } from '../attendance/commands.ts';
import { issuePairingCode, seatedDeputy, sessionOpenedAt, type PairingSettings } from '../devices/store.ts';
import { actorOf, ALL_STAFF } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { parse } from '../validate.ts';
import { afterOpeningOf } from './after-opening.ts';
import { requireTrustedApprover } from './approver.ts';
import { decideApproval, getApproval, listApprovals } from './store.ts';

const approvalsQuerySchema = z.strictObject({ status: z.enum(['pending', 'approved', 'refused']).optional() });

/**
 * The second person (DESIGN §7): once a meeting's session has opened, an operator's re-pairing or manual check-in
 * waits as a pending request; a scrutineer approves it here (it is then carried out, in the same transaction) or
 * refuses it. Both the request and the decision are audited.
 */
export default async function approvalRoutes(app: FastifyInstance, settings: PairingSettings) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const scrutineers = { preHandler: app.requireStaff('scrutineer') };

  app.get('/api/meetings/:meetingId/approvals', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const { status } = parse(approvalsQuerySchema, req.query);
    await requireMeeting(app.db, meetingId);
    return { approvals: await listApprovals(app.db, meetingId, status) };
  });

  // Approving carries the request out: a pairing code (returned once, to the scrutineer, who hands it over) or
  // the manual check-in, recorded with the approver's name. Not by a scrutineer account an admin made or reset
  // after the opening (approver_untrusted): the admin would know its password.
  app.post('/api/approvals/:id/approve', scrutineers, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    const now = app.now();
    const scrutineer = req.staff!.username;
    const outcome = await app.db.transaction().execute(async (trx) => {
      const openedAt = await sessionOpenedAt(trx, (await getApproval(trx, id)).meetingId);
      if (openedAt !== null) await requireTrustedApprover(trx, scrutineer, openedAt);
      const approval = await decideApproval(trx, id, 'approved', scrutineer, actorOf(req), now);
      const deputy = await seatedDeputy(trx, approval.meetingId, approval.deputyId);
      if (approval.kind === 'pairing_code') {
        const issued = await issuePairingCode(trx, settings, { meetingId: approval.meetingId, deputyId: deputy.id, deputyName: deputy.name, actor: actorOf(req), approvedBy: scrutineer }, now);
        return { approval, ...issued };
      }
      const byAccountId = typeof approval.detail.byAccountId === 'string' ? approval.detail.byAccountId : null;
      const note = typeof approval.detail.note === 'string' ? approval.detail.note : undefined;
      const checkIn = await checkInWithin(
        trx,
        { meetingId: approval.meetingId, deputyId: deputy.id, method: 'manual', byAccountId, actor: `staff:${approval.requestedBy}`, note, approvedBy: scrutineer },
        now,
      );
      return { approval, checkIn };
    });
    if ('checkIn' in outcome && outcome.checkIn && !outcome.checkIn.already) app.bus.emit('attendance.changed', { meetingId: outcome.approval.meetingId });
    return outcome;
  });

  app.post('/api/approvals/:id/refuse', scrutineers, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    const now = app.now();
    const approval = await app.db.transaction().execute((trx) => decideApproval(trx, id, 'refused', req.staff!.username, actorOf(req), now));
    return { approval };
  });

  // For the printed 表决结果报告: every pairing and manual check-in made after the session opened (DESIGN §7).
  app.get('/api/meetings/:meetingId/after-opening', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    return afterOpeningOf(app.db, meetingId);
  });
}
