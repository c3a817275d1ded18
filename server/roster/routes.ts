import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { deputyEditBodySchema, meetingDeputyParamsSchema, meetingParamsSchema } from '../../shared/api.ts';
import { parseRosterCsv, parseRosterJson } from '../../shared/import/roster.ts';
import { appendAudit } from '../audit/store.ts';
import { csvBodySchema, importQuerySchema } from '../candidates/routes.ts';
import { errors } from '../errors.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { parse } from '../validate.ts';
import { delegationId, insertDeputies, rosterConflicts } from './store.ts';

export default async function rosterRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };

  app.get('/api/meetings/:meetingId/deputies', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    const deputies = await app.db
      .selectFrom('deputy')
      .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
      .leftJoin('check_in', (j) => j.onRef('check_in.deputy_id', '=', 'deputy.id').onRef('check_in.meeting_id', '=', 'deputy.meeting_id'))
      .select([
        'deputy.id',
        'deputy.name',
        'deputy.seat',
        'deputy.code',
        'deputy.seated',
        'delegation.name as delegation',
        'check_in.at as checkedInAt',
        'check_in.method as checkInMethod',
        sql<number | null>`(select max(paired_at) from device where device.deputy_id = deputy.id and device.revoked_at is null)`.as('pairedAt'),
        // The tablet now paired for this deputy (revocable from the console), if any.
        sql<string | null>`(select id from device where device.deputy_id = deputy.id and device.revoked_at is null and device.paired_at is not null order by paired_at desc limit 1)`.as('deviceId'),
      ])
      .where('deputy.meeting_id', '=', meetingId)
      .orderBy('delegation.position')
      .orderBy('deputy.seat')
      .execute();
    return { deputies: deputies.map((d) => ({ ...d, seated: d.seated === 1 })) };
  });

  // Roster import: {csv: "姓名,代表团,座位号\n…"} (or English headers), or JSON entries. ?dryRun=true previews.
  app.post('/api/meetings/:meetingId/deputies/import', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const { dryRun } = parse(importQuerySchema, req.query);
    const isCsv = typeof req.body === 'object' && req.body !== null && 'csv' in req.body;
    const parsed = isCsv ? parseRosterCsv(parse(csvBodySchema, req.body).csv) : parseRosterJson(req.body);
    if (!parsed.ok) throw errors.importProblems(parsed.problems);
    await requireMeeting(app.db, meetingId);
    const conflicts = await rosterConflicts(app.db, meetingId, parsed.deputies, parsed.rows);
    if (conflicts.length) throw errors.importProblems(conflicts);
    if (dryRun) return { dryRun: true, deputies: parsed.deputies };
    const now = app.now();
    const count = await app.db.transaction().execute(async (trx) => {
      const n = await insertDeputies(trx, meetingId, parsed.deputies, now);
      await appendAudit(trx, { actor: actorOf(req), action: 'roster.imported', meetingId, detail: { count: n, format: isCsv ? 'csv' : 'json' } }, now);
      return n;
    });
    app.bus.emit('attendance.changed', { meetingId });
    reply.code(201);
    return { imported: count };
  });

  app.patch('/api/meetings/:meetingId/deputies/:deputyId', operators, async (req) => {
    const { meetingId, deputyId } = parse(meetingDeputyParamsSchema, req.params);
    const body = parse(deputyEditBodySchema, req.body);
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      const deputy = await trx.selectFrom('deputy').selectAll().where('id', '=', deputyId).where('meeting_id', '=', meetingId).executeTakeFirst();
      if (!deputy) throw errors.notFound('deputy');
      if (body.seat) {
        const taken = await trx.selectFrom('deputy').select('name').where('meeting_id', '=', meetingId).where('seat', '=', body.seat).where('id', '!=', deputyId).executeTakeFirst();
        if (taken) throw errors.badInput('seat', `seat ${body.seat} is taken by ${taken.name}`);
      }
      await trx
        .updateTable('deputy')
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.seat !== undefined ? { seat: body.seat } : {}),
          ...(body.seated !== undefined ? { seated: body.seated ? 1 : 0 } : {}),
          ...(body.delegation !== undefined ? { delegation_id: await delegationId(trx, meetingId, body.delegation) } : {}),
        })
        .where('id', '=', deputyId)
        .execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'deputy.edited', meetingId, detail: { deputyId, changes: body } }, now);
    });
    app.bus.emit('attendance.changed', { meetingId });
    return { ok: true };
  });
}
