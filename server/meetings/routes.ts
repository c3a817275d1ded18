import type { FastifyInstance } from 'fastify';
import { createMeetingBodySchema, manualCheckInBodySchema, meetingParamsSchema } from '../../shared/api.ts';
import { requestApproval } from '../approvals/store.ts';
import { checkInWithin } from '../attendance/commands.ts';
import { attendanceOf, isCheckedIn } from '../attendance/store.ts';
import { appendAudit } from '../audit/store.ts';
import { seatedDeputy, sessionOpenedAt } from '../devices/store.ts';
import { newId } from '../ids.ts';
import { actorOf, ALL_STAFF, OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { requireMeeting } from './store.ts';

export default async function meetingRoutes(app: FastifyInstance) {
  const staff = { preHandler: app.requireStaff(...ALL_STAFF) };
  const operators = { preHandler: app.requireStaff(...OPERATORS) };

  const getMeeting = (meetingId: string) => requireMeeting(app.db, meetingId);

  app.post('/api/meetings', operators, async (req, reply) => {
    const body = parse(createMeetingBodySchema, req.body);
    const id = newId('m');
    const now = app.now();
    await app.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('meeting')
        .values({ id, name: body.name, date: body.date, year: Number(body.date.slice(0, 4)), created_at: now, scrutineer_public_key: body.scrutineerPublicKey ?? null })
        .execute();
      await appendAudit(trx, { actor: actorOf(req), action: 'meeting.created', meetingId: id, detail: body }, now);
    });
    reply.code(201);
    return { meeting: await getMeeting(id) };
  });

  app.get('/api/meetings', staff, async () => {
    const rows = await app.db.selectFrom('meeting').select(['id', 'name', 'date', 'year', 'scrutineer_public_key']).orderBy('date', 'desc').execute();
    return { meetings: rows.map(({ scrutineer_public_key, ...m }) => ({ ...m, keyEscrow: scrutineer_public_key ? 'scrutineer' : 'server' })) };
  });

  app.get('/api/meetings/:meetingId', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    // The zone the console prints this meeting's times in (the server's TIME_ZONE), so every screen and export agree.
    return { meeting: { ...(await getMeeting(meetingId)), timeZone: app.timeZone }, attendance: await attendanceOf(app.db, meetingId) };
  });

  app.get('/api/meetings/:meetingId/attendance', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await getMeeting(meetingId);
    return attendanceOf(app.db, meetingId);
  });

  // 手动补签到: the secretariat checks in a deputy whose tablet cannot (audited, with who did it). After the session
  // opened, it waits for a scrutineer's approval (202, pending) unless the deputy is checked in already.
  app.post('/api/meetings/:meetingId/check-ins', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const body = parse(manualCheckInBodySchema, req.body);
    await getMeeting(meetingId);
    const now = app.now();
    const outcome = await app.db.transaction().execute(async (trx) => {
      const input = { meetingId, deputyId: body.deputyId, method: 'manual' as const, byAccountId: req.staff!.id, actor: actorOf(req), note: body.note };
      await seatedDeputy(trx, meetingId, body.deputyId);
      const already = await isCheckedIn(trx, meetingId, body.deputyId);
      if (!already && (await sessionOpenedAt(trx, meetingId)) !== null) {
        const detail = { byAccountId: req.staff!.id, ...(body.note ? { note: body.note } : {}) };
        return { pending: await requestApproval(trx, { meetingId, kind: 'manual_check_in', deputyId: body.deputyId, detail, requestedBy: req.staff!.username, actor: actorOf(req) }, now) };
      }
      return { checkIn: await checkInWithin(trx, input, now) };
    });
    if (outcome.checkIn && !outcome.checkIn.already) app.bus.emit('attendance.changed', { meetingId });
    reply.code(outcome.pending ? 202 : outcome.checkIn?.already ? 200 : 201);
    return { ...outcome, attendance: await attendanceOf(app.db, meetingId) };
  });
}
