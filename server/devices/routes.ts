import type { FastifyInstance } from 'fastify';
import { emptyBodySchema, idParamsSchema, meetingDeputyParamsSchema, pairBodySchema, pairingCodeBodySchema, submitPaperBodySchema } from '../../shared/api.ts';
import { checkIn } from '../attendance/commands.ts';
import { appendAudit } from '../audit/store.ts';
import { isCheckedIn } from '../attendance/store.ts';
import { requestApproval } from '../approvals/store.ts';
import { presentBallot } from '../ballots/presenters.ts';
import { ballotCandidates, toBallot } from '../ballots/store.ts';
import { errors } from '../errors.ts';
import { newSecret } from '../ids.ts';
import { actorOf, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import deviceConsoleRoutes from './console-routes.ts';
import { tabletsRoute } from './tablets-route.ts';
import { PAIRING_GLOBAL_PER_MINUTE, PairingGuard } from './guard.ts';
import { hasPaired, issuePairingCode, livePairedTablet, pairWithCode, seatedDeputy, sessionOpenedAt, type PairingSettings } from './store.ts';

/** Pairing and revoking tablets. `settings`: the server secret that keys the codes and how long codes live. */
export default async function deviceRoutes(app: FastifyInstance, settings: PairingSettings) {
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const deputyOnly = { preHandler: app.requireDevice };
  // The first time in a minute that the budget of wrong codes is found spent, the audit log says so (how many wrong
  // codes, from which addresses — never a code): the secretariat learns that someone is guessing (issue 12).
  const guard = new PairingGuard(app.db, app.now, async ({ wrongCodes, addresses }) => {
    await app.db.transaction().execute((trx) =>
      appendAudit(trx, { actor: 'system', action: 'pairing.budget_spent', detail: { wrongCodes, perMinute: PAIRING_GLOBAL_PER_MINUTE, addresses } }, app.now()),
    );
  });

  // A one-time pairing code for a deputy's tablet; issuing a new one voids the deputy's unused codes. After the
  // session opened, a code for a deputy who already paired a tablet waits for a scrutineer (202, pending). Before
  // that, a deputy with a live paired tablet gets a new code only on the explicit choice `replace: true`
  // (already_paired otherwise, issue 13): the console warns first.
  app.post('/api/meetings/:meetingId/deputies/:deputyId/pairing-code', operators, async (req, reply) => {
    const { meetingId, deputyId } = parse(meetingDeputyParamsSchema, req.params);
    const { replace } = parse(pairingCodeBodySchema, req.body ?? {});
    const now = app.now();
    const outcome = await app.db.transaction().execute(async (trx) => {
      const deputy = await seatedDeputy(trx, meetingId, deputyId);
      const opened = (await sessionOpenedAt(trx, meetingId)) !== null;
      if (!opened && !replace && (await livePairedTablet(trx, deputyId))) {
        throw errors.state('already_paired', 'this deputy already has a paired tablet: send replace: true to issue a new code');
      }
      if (opened && (await hasPaired(trx, deputyId))) {
        const pending = await requestApproval(trx, { meetingId, kind: 'pairing_code', deputyId, detail: {}, requestedBy: req.staff!.username, actor: actorOf(req) }, now);
        return { pending };
      }
      return issuePairingCode(trx, settings, { meetingId, deputyId, deputyName: deputy.name, actor: actorOf(req) }, now);
    });
    reply.code('pending' in outcome ? 202 : 201);
    return outcome;
  });

  // The tablet trades a code for a device token. A code works once; guessing is held back per address and by a
  // budget of wrong codes for the whole network, with a reserve for addresses that sent no wrong code (guard.ts). Pairing revokes the deputy's other tablets (their sockets close).
  app.post('/api/devices/pair', async (req) => {
    const { code } = parse(pairBodySchema, req.body);
    const attempt = await guard.admit(req.ip);
    const token = newSecret();
    const paired = await app.db.transaction().execute((trx) => pairWithCode(trx, settings, code, token, app.now()));
    if (!paired) {
      throw errors.state('pairing_code_invalid', '配对码无效或已使用 / the pairing code is wrong, used or expired');
    }
    await guard.succeeded(attempt);
    for (const deviceId of paired.revoked) app.bus.emit('device.revoked', { deviceId });
    return { token, deviceId: paired.id, deputy: { id: paired.deputyId, name: paired.name, meetingId: paired.meetingId } };
  });

  await app.register(deviceConsoleRoutes);
  tabletsRoute(app, settings.secret, guard);

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
