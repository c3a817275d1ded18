import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { emptyBodySchema, idParamsSchema, meetingDeputyParamsSchema, pairBodySchema, submitPaperBodySchema } from '../../shared/api.ts';
import { checkIn } from '../attendance/commands.ts';
import { isCheckedIn } from '../attendance/store.ts';
import { appendAudit } from '../audit/store.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { presentBallot } from '../ballots/presenters.ts';
import { ballotCandidates, toBallot } from '../ballots/store.ts';
import { errors } from '../errors.ts';
import { newId, newSecret, sha256 } from '../ids.ts';
import { actorOf, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';

const CODE_TTL_MS = 12 * 3600 * 1000;
// Eight digits: typed on a tablet keypad in a few seconds, and with the lockout below not worth guessing.
const newPairingCode = () => String(randomInt(0, 100_000_000)).padStart(8, '0');

export default async function deviceRoutes(app: FastifyInstance) {
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const deputyOnly = { preHandler: app.requireDevice };
  const pairingFailures = new FailureThrottle(10, 10 * 60_000, app.now);

  // A one-time pairing code for a deputy's tablet. Issuing a new one voids the deputy's unused codes.
  app.post('/api/meetings/:meetingId/deputies/:deputyId/pairing-code', operators, async (req, reply) => {
    const { meetingId, deputyId } = parse(meetingDeputyParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    const now = app.now();
    const code = newPairingCode();
    await app.db.transaction().execute(async (trx) => {
      const deputy = await trx.selectFrom('deputy').select(['id', 'name', 'seated']).where('id', '=', deputyId).where('meeting_id', '=', meetingId).executeTakeFirst();
      if (!deputy) throw errors.notFound('deputy');
      if (deputy.seated !== 1) throw errors.state('not_on_roster', 'this deputy no longer holds a seat');
      await trx.deleteFrom('device').where('deputy_id', '=', deputyId).where('paired_at', 'is', null).execute();
      await trx
        .insertInto('device')
        .values({ id: newId('t'), deputy_id: deputyId, token_hash: null, pairing_code_hash: sha256(code), code_expires_at: now + CODE_TTL_MS, paired_at: null, revoked_at: null, created_at: now })
        .execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'device.code_issued', meetingId, detail: { deputyId, deputyName: deputy.name } }, now);
    });
    reply.code(201);
    return { code, expiresAt: now + CODE_TTL_MS };
  });

  // The tablet trades a code for a device token. A code works once; wrong guesses lock the address out.
  app.post('/api/devices/pair', async (req) => {
    const { code } = parse(pairBodySchema, req.body);
    if (pairingFailures.isLocked(req.ip)) throw errors.rateLimited();
    pairingFailures.fail(req.ip); // counted before the check, forgiven on success (see the login route)
    const now = app.now();
    const token = newSecret();
    const paired = await app.db.transaction().execute(async (trx) => {
      const device = await trx
        .selectFrom('device')
        .innerJoin('deputy', 'deputy.id', 'device.deputy_id')
        .select(['device.id', 'device.deputy_id as deputyId', 'deputy.meeting_id as meetingId', 'deputy.name', 'device.code_expires_at as expiresAt'])
        .where('device.pairing_code_hash', '=', sha256(code))
        .where('device.paired_at', 'is', null)
        .executeTakeFirst();
      if (!device || (device.expiresAt ?? 0) <= now) return null;
      await trx.updateTable('device').set({ token_hash: sha256(token), pairing_code_hash: null, paired_at: now }).where('id', '=', device.id).execute();
      await appendAudit(trx, { actor: `device:${device.id}`, action: 'device.paired', meetingId: device.meetingId, detail: { deputyId: device.deputyId } }, now);
      return device;
    });
    if (!paired) {
      throw errors.state('pairing_code_invalid', '配对码无效或已使用 / the pairing code is wrong, used or expired');
    }
    pairingFailures.forgive(req.ip);
    return { token, deviceId: paired.id, deputy: { id: paired.deputyId, name: paired.name, meetingId: paired.meetingId } };
  });

  app.post('/api/devices/:id/revoke', operators, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    parse(emptyBodySchema, req.body ?? {});
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      const device = await trx.selectFrom('device').innerJoin('deputy', 'deputy.id', 'device.deputy_id').select(['device.id', 'device.revoked_at', 'deputy.meeting_id']).where('device.id', '=', id).executeTakeFirst();
      if (!device) throw errors.notFound('device');
      if (device.revoked_at !== null) return;
      await trx.updateTable('device').set({ revoked_at: now, token_hash: null }).where('id', '=', id).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'device.revoked', meetingId: device.meeting_id, detail: { deviceId: id } }, now);
    });
    app.bus.emit('device.revoked', { deviceId: id });
    return { ok: true };
  });

  // ---- the deputy's own tablet ----

  app.get('/api/deputy/me', deputyOnly, async (req) => {
    const { deputyId, meetingId } = req.device!;
    const deputy = await app.db
      .selectFrom('deputy')
      .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
      .innerJoin('meeting', 'meeting.id', 'deputy.meeting_id')
      .select(['deputy.id', 'deputy.name', 'deputy.seat', 'delegation.name as delegation', 'meeting.name as meetingName'])
      .where('deputy.id', '=', deputyId)
      .executeTakeFirstOrThrow();
    const openRow = await app.db.selectFrom('ballot').selectAll().where('meeting_id', '=', meetingId).where('status', '=', 'open').executeTakeFirst();
    const voted = openRow
      ? (await app.db.selectFrom('cast').select('at').where('ballot_id', '=', openRow.id).where('deputy_id', '=', deputyId).executeTakeFirst()) !== undefined
      : false;
    return {
      deputy,
      checkedIn: await isCheckedIn(app.db, meetingId, deputyId),
      openBallot: openRow
        ? { ballot: presentBallot(toBallot(openRow), app.now()), candidates: await ballotCandidates(app.db, openRow.id), voted }
        : null,
      serverNow: app.now(),
    };
  });

  app.post('/api/deputy/check-in', deputyOnly, async (req, reply) => {
    parse(emptyBodySchema, req.body ?? {});
    const { deputyId, meetingId } = req.device!;
    const result = await checkIn(app, { meetingId, deputyId, method: 'tablet', byAccountId: null, actor: actorOf(req) }, app.now());
    reply.code(result.already ? 200 : 201);
    return { checkIn: result };
  });

  app.post('/api/deputy/ballots/:id/papers', deputyOnly, async (req, reply) => {
    const { id } = parse(idParamsSchema, req.params);
    const body = parse(submitPaperBodySchema, req.body);
    const outcome = await app.paperDesk.submit({ ballotId: id, deputyId: req.device!.deputyId, ...body });
    reply.code(outcome.duplicate ? 200 : 201);
    return outcome;
  });
}
