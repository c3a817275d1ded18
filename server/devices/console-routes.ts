import type { FastifyInstance } from 'fastify';
import { emptyBodySchema, idParamsSchema, meetingParamsSchema } from '../../shared/api.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { parse } from '../validate.ts';

/** What the console shows of a device: an issued code, a paired tablet, or a revoked one. */
export type DeviceState = 'code' | 'expired' | 'paired' | 'revoked';

/**
 * The console's view of every tablet of every deputy (issue 12): list, revoke one, void every unused code. The list
 * (which holds no code) is also the scrutineers': they confirm re-pairings and sign the report that lists pairings.
 */
export default async function deviceConsoleRoutes(app: FastifyInstance) {
  const operators = { preHandler: app.requireStaff(...OPERATORS) };

  app.get('/api/meetings/:meetingId/devices', { preHandler: app.requireStaff(...ALL_STAFF) }, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    const now = app.now();
    const rows = await app.db
      .selectFrom('device')
      .innerJoin('deputy', 'deputy.id', 'device.deputy_id')
      .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
      .select([
        'device.id',
        'device.deputy_id as deputyId',
        'deputy.name as deputyName',
        'delegation.name as delegation',
        'deputy.seat',
        'device.created_at as createdAt',
        'device.code_expires_at as codeExpiresAt',
        'device.paired_at as pairedAt',
        'device.revoked_at as revokedAt',
        'device.approved_by as approvedBy',
      ])
      .where('deputy.meeting_id', '=', meetingId)
      .orderBy('delegation.position')
      .orderBy('deputy.seat')
      .orderBy('device.created_at')
      .execute();
    const stateOf = (d: (typeof rows)[number]): DeviceState =>
      d.revokedAt !== null ? 'revoked' : d.pairedAt !== null ? 'paired' : (d.codeExpiresAt ?? 0) > now ? 'code' : 'expired';
    return { devices: rows.map((d) => ({ ...d, state: stateOf(d) })) };
  });

  app.post('/api/devices/:id/revoke', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      const device = await trx.selectFrom('device').innerJoin('deputy', 'deputy.id', 'device.deputy_id').select(['device.id', 'device.revoked_at', 'deputy.meeting_id', 'deputy.id as deputyId']).where('device.id', '=', id).executeTakeFirst();
      if (!device) throw errors.notFound('device');
      if (device.revoked_at !== null) return;
      await trx.updateTable('device').set({ revoked_at: now, token_hash: null, pairing_code_hash: null, pairing_code_box: null }).where('id', '=', id).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'device.revoked', meetingId: device.meeting_id, detail: { deviceId: id, deputyId: device.deputyId } }, now);
    });
    app.bus.emit('device.revoked', { deviceId: id });
    return { ok: true };
  });

  // 作废未用配对码: every code issued for the meeting and not yet used stops working, in one audited action — for
  // the cards left over once the hall has paired, or a sheet that went missing.
  app.post('/api/meetings/:meetingId/pairing-codes/void', operators, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    const now = app.now();
    const voided = await app.db.transaction().execute(async (trx) => {
      await requireMeeting(trx, meetingId);
      const deputies = trx.selectFrom('deputy').select('id').where('meeting_id', '=', meetingId);
      const result = await trx.deleteFrom('device').where('paired_at', 'is', null).where('deputy_id', 'in', deputies).executeTakeFirst();
      const count = Number(result.numDeletedRows);
      await appendAudit(trx, { actor: actorOf(req), action: 'device.codes_voided', meetingId, detail: { count } }, now);
      return count;
    });
    return { voided };
  });
}
