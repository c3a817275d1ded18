import type { FastifyInstance } from 'fastify';
import { createMeetingBodySchema, manualCheckInBodySchema, meetingParamsSchema } from '../../shared/api.ts';
import { checkIn } from '../attendance/commands.ts';
import { attendanceOf } from '../attendance/store.ts';
import { appendAudit } from '../audit/store.ts';
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

  app.get('/api/meetings', staff, async () => ({
    meetings: await app.db.selectFrom('meeting').select(['id', 'name', 'date', 'year']).orderBy('date', 'desc').execute(),
  }));

  app.get('/api/meetings/:meetingId', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    return { meeting: await getMeeting(meetingId), attendance: await attendanceOf(app.db, meetingId) };
  });

  app.get('/api/meetings/:meetingId/attendance', staff, async (req) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await getMeeting(meetingId);
    return attendanceOf(app.db, meetingId);
  });

  // 手动补签到: the secretariat checks in a deputy whose tablet cannot (audited, with who did it).
  app.post('/api/meetings/:meetingId/check-ins', operators, async (req, reply) => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    const body = parse(manualCheckInBodySchema, req.body);
    await getMeeting(meetingId);
    const result = await checkIn(
      app,
      { meetingId, deputyId: body.deputyId, method: 'manual', byAccountId: req.staff!.id, actor: actorOf(req), note: body.note },
      app.now(),
    );
    reply.code(result.already ? 200 : 201);
    return { checkIn: result, attendance: await attendanceOf(app.db, meetingId) };
  });
}
