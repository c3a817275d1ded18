import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { deputyEditBodySchema, meetingDeputyParamsSchema, meetingParamsSchema } from '../../shared/api.ts';
import { previewOf } from '../../shared/import/grid.ts';
import { parseRosterCsv, parseRosterJson } from '../../shared/import/roster.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';
import { addFileParsers, importQuerySchema, readImportBody } from '../import/body.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { requireMeeting } from '../meetings/store.ts';
import { parse } from '../validate.ts';
import { assertRosterUnlocked, delegationId, insertDeputies, rosterConflicts } from './store.ts';

export default async function rosterRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };
  addFileParsers(app);

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

  // Roster import: the file itself (CSV, TSV, pasted cells, .xlsx, .docx — its media type as content-type), {csv}, or
  // JSON entries. ?dryRun=true previews; ?duplicates=skip|keep and ?sheet= answer what the preview asked.
  app.post('/api/meetings/:meetingId/deputies/import', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const query = parse(importQuerySchema, req.query);
    const body = await readImportBody(req, query);
    const table = body.kind === 'grid' ? previewOf(body.grid) : undefined;
    const parsed = body.kind === 'grid' ? parseRosterCsv(body.grid, query.duplicates) : parseRosterJson(body.value);
    if (!parsed.ok) throw errors.importProblems(parsed.problems, table);
    await requireMeeting(app.db, meetingId);
    const against = await rosterConflicts(app.db, meetingId, parsed.deputies, parsed.rows, query.duplicates);
    if (against.problems.length) throw errors.importProblems(against.problems, table);
    const deputies = parsed.deputies.filter((_, i) => !against.skip.has(i));
    const rows = parsed.rows.filter((_, i) => !against.skip.has(i));
    const notes = [...(parsed.notes ?? []), ...against.notes].sort((a, b) => a.row - b.row);
    if (query.dryRun) return { dryRun: true, deputies, rows, notes, ...(table ? { table } : {}) };
    const now = app.now();
    const count = await app.db.transaction().execute(async (trx) => {
      await assertRosterUnlocked(trx, meetingId);
      const n = deputies.length ? await insertDeputies(trx, meetingId, deputies, now) : 0;
      const format = body.kind === 'grid' ? body.grid.format : 'json';
      await appendAudit(trx, { actor: actorOf(req), action: 'roster.imported', meetingId, detail: { count: n, format, ...(notes.length ? { notes } : {}) } }, now);
      return n;
    });
    app.bus.emit('attendance.changed', { meetingId });
    reply.code(201);
    return { imported: count, notes };
  });

  // A deputy added by mistake (a duplicate, a wrong row): removed with their check-in and tablet pairing, audited —
  // only while no ballot of the meeting has opened, since after that the roster is what attendance was taken from.
  app.delete('/api/meetings/:meetingId/deputies/:deputyId', operators, async (req) => {
    const { meetingId, deputyId } = parse(meetingDeputyParamsSchema, req.params);
    const now = app.now();
    const removed = await app.db.transaction().execute(async (trx) => {
      const deputy = await trx
        .selectFrom('deputy')
        .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
        .select(['deputy.id', 'deputy.name', 'deputy.seat', 'deputy.code', 'delegation.name as delegation'])
        .where('deputy.id', '=', deputyId)
        .where('deputy.meeting_id', '=', meetingId)
        .executeTakeFirst();
      if (!deputy) throw errors.notFound('deputy');
      const opened = await trx.selectFrom('ballot').select(['title']).where('meeting_id', '=', meetingId).where('opened_at', 'is not', null).executeTakeFirst();
      if (opened) throw errors.state('roster_locked', `a ballot of this meeting has opened (${opened.title}): deputies can no longer be removed; mark one 不在册 instead`);
      await trx.deleteFrom('check_in').where('deputy_id', '=', deputyId).execute();
      await trx.deleteFrom('device').where('deputy_id', '=', deputyId).execute();
      await trx.deleteFrom('deputy').where('id', '=', deputyId).execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'deputy.removed', meetingId, detail: { deputyId, name: deputy.name, delegation: deputy.delegation, seat: deputy.seat, code: deputy.code } }, now);
      return deputy;
    });
    app.bus.emit('attendance.changed', { meetingId });
    return { removed: { id: removed.id, name: removed.name, delegation: removed.delegation } };
  });

  app.patch('/api/meetings/:meetingId/deputies/:deputyId', operators, async (req) => {
    const { meetingId, deputyId } = parse(meetingDeputyParamsSchema, req.params);
    const body = parse(deputyEditBodySchema, req.body);
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      const deputy = await trx.selectFrom('deputy').selectAll().where('id', '=', deputyId).where('meeting_id', '=', meetingId).executeTakeFirst();
      if (!deputy) throw errors.notFound('deputy');
      // 在册 and 代表团 decide who counts (应到/实到, by delegation): fixed while a ballot is open.
      if (body.seated !== undefined || body.delegation !== undefined) await assertRosterUnlocked(trx, meetingId);
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
