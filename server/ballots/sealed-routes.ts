import type { FastifyInstance } from 'fastify';
import { idParamsSchema, meetingParamsSchema, scrutineerKeyBodySchema, unsealBodySchema } from '../../shared/api.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { requireMeeting } from '../meetings/store.ts';
import { actorOf, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { keyRow } from './keys.ts';
import { presentBallot } from './presenters.ts';
import { ballotBox, ballotCandidates, getBallot, storedTally } from './store.ts';
import { openWithRecoveredKey } from './unseal.ts';

/** Sealed papers (DESIGN §5): the scrutineer key, the opening with the recovery sheet, the public ballot box. */
export default async function sealedRoutes(app: FastifyInstance) {
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  const scrutineers = { preHandler: app.requireStaff('scrutineer', 'admin') };

  // Set (or replace) the chief scrutineer's public key — only until the meeting's first secret ballot opens.
  app.put('/api/meetings/:meetingId/scrutineer-key', operators, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const { publicKey } = parse(scrutineerKeyBodySchema, req.body);
    await requireMeeting(app.db, meetingId);
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      const opened = await trx.selectFrom('ballot').select('id').where('meeting_id', '=', meetingId).where('seal_public_key', 'is not', null).executeTakeFirst();
      if (opened) throw errors.state('ballot_state', 'a secret ballot of this meeting has opened already; its key stays as it is');
      await trx.updateTable('meeting').set({ scrutineer_public_key: publicKey }).where('id', '=', meetingId).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'meeting.scrutineer_key_set', meetingId, detail: { publicKey } }, now);
    });
    return { meeting: await requireMeeting(app.db, meetingId) };
  });

  // The ballot key sealed to the scrutineer: the console opens it with the recovery sheet, in the browser.
  app.get('/api/ballots/:id/sealed-key', scrutineers, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const ballot = await getBallot(app.db, id);
    const row = await keyRow(app.db, id);
    if (!row || !ballot.openingPending) throw errors.state('ballot_state', 'this ballot does not wait for its key');
    return { ballotId: id, escrow: row.escrow, publicKey: row.publicKey, sealedSecretKey: row.sealed_secret_key };
  });

  app.post('/api/ballots/:id/unseal', scrutineers, async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const { secretKey } = parse(unsealBodySchema, req.body);
    const ballot = await openWithRecoveredKey(app.ballots, id, secretKey, actorOf(req));
    return { ballot: presentBallot(ballot, app.now()) };
  });

  // The public ballot box of an announced secret ballot: its trackers and tally, so a deputy can find their
  // receipt in it. The papers themselves (for a recount) go to scrutineers and auditors only.
  app.get('/api/public/ballots/:id/box', async (req) => {
    const { id } = parse(idParamsSchema, req.params);
    const ballot = await getBallot(app.db, id);
    if (ballot.status !== 'announced' || !ballot.rules.secret) throw errors.notFound('ballot');
    const meeting = await requireMeeting(app.db, ballot.meetingId);
    return {
      ballot: { id, title: ballot.title, kind: ballot.kind, options: ballot.rules.options, announcedAt: ballot.announcedAt, attendance: ballot.attendance },
      candidates: (await ballotCandidates(app.db, id)).map((c) => ({ id: c.id, seq: c.seq, name: c.name })),
      meeting: { id: meeting.id, name: meeting.name, year: meeting.year, keyEscrow: meeting.keyEscrow },
      box: await ballotBox(app.db, id),
      tally: await storedTally(app.db, id),
    };
  });

  // The announced secret ballots of a year, for the public page's list of boxes.
  app.get('/api/public/ballots', async (req) => {
    const year = Number((req.query as { year?: unknown }).year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw errors.badInput('year', 'a year such as 2023');
    const rows = await app.db
      .selectFrom('ballot')
      .innerJoin('meeting', 'meeting.id', 'ballot.meeting_id')
      .select(['ballot.id', 'ballot.title', 'ballot.announced_at', 'meeting.name as meetingName'])
      .where('meeting.year', '=', year)
      .where('ballot.status', '=', 'announced')
      .where('ballot.secret', '=', 1)
      .orderBy('ballot.announced_at')
      .execute();
    return { year, ballots: rows.map((r) => ({ id: r.id, title: r.title, announcedAt: r.announced_at, meeting: r.meetingName })) };
  });
}
