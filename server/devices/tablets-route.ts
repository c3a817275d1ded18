import type { FastifyInstance } from 'fastify';
import { meetingParamsSchema } from '../../shared/api.ts';
import type { TabletList, TabletRow } from '../../shared/responses/devices.ts';
import { requireMeeting } from '../meetings/store.ts';
import { OPERATORS } from '../plugins/auth.ts';
import { parse } from '../validate.ts';
import { openCode } from './codes.ts';
import type { PairingGuard } from './guard.ts';

/**
 * 平板: per seated deputy, the unused code (opened from its sealed box, so a reload loses no card), the paired
 * tablet, whether it is online, checked in, and voted in the open ballot. Nothing here touches papers (DESIGN §5).
 * `secret`: the server secret that seals the codes; `guard`: the pairing guard, whose figures make the warning that
 * someone is guessing codes (`guessing`, null while the budget of wrong codes was not spent in the last 10 minutes).
 * Operators and admin only (the codes pair tablets). Answer: shared/responses/devices.ts `tabletListSchema`.
 */
export function tabletsRoute(app: FastifyInstance, secret: Buffer, guard: PairingGuard) {
  app.get('/api/meetings/:meetingId/tablets', { preHandler: app.requireStaff(...OPERATORS) }, async (req): Promise<TabletList> => {
    const { meetingId } = parse(meetingParamsSchema, req.params);
    await requireMeeting(app.db, meetingId);
    const now = app.now();
    const deputies = await app.db
      .selectFrom('deputy')
      .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
      .select(['deputy.id', 'deputy.name', 'deputy.seat', 'delegation.name as delegation'])
      .where('deputy.meeting_id', '=', meetingId)
      .where('deputy.seated', '=', 1)
      .orderBy('delegation.position')
      .orderBy('deputy.seat')
      .orderBy('deputy.name')
      .execute();
    const inMeeting = app.db.selectFrom('deputy').select('id').where('meeting_id', '=', meetingId);
    const devices = await app.db
      .selectFrom('device')
      .select(['id', 'deputy_id', 'paired_at', 'code_expires_at', 'pairing_code_box', 'created_at'])
      .where('deputy_id', 'in', inMeeting)
      .where('revoked_at', 'is', null)
      .execute();
    const checkedIn = new Set((await app.db.selectFrom('check_in').select('deputy_id').where('meeting_id', '=', meetingId).execute()).map((r) => r.deputy_id));
    const open = await app.db.selectFrom('ballot').select('id').where('meeting_id', '=', meetingId).where('status', '=', 'open').executeTakeFirst();
    const voted = open ? new Set((await app.db.selectFrom('cast').select('deputy_id').where('ballot_id', '=', open.id).execute()).map((r) => r.deputy_id)) : null;
    const online = new Set(app.hasDecorator('hall') ? app.hall.all().flatMap((c) => (c.role === 'tablet' && c.deviceId ? [c.deviceId] : [])) : []);
    const rows: TabletRow[] = deputies.map((d) => {
      const mine = devices.filter((v) => v.deputy_id === d.id);
      const paired = mine.find((v) => v.paired_at !== null);
      const unused = mine.find((v) => v.paired_at === null && (v.code_expires_at ?? 0) > now && v.pairing_code_box !== null);
      const code = unused ? openCode(secret, unused.pairing_code_box!) : null;
      return {
        deputyId: d.id,
        name: d.name,
        delegation: d.delegation,
        seat: d.seat,
        code: unused && code ? { code, expiresAt: unused.code_expires_at!, issuedAt: unused.created_at } : null,
        paired: paired ? { deviceId: paired.id, pairedAt: paired.paired_at! } : null,
        online: paired !== undefined && online.has(paired.id),
        checkedIn: checkedIn.has(d.id),
        voted: voted ? voted.has(d.id) : null,
      };
    });
    const guessing = await guard.report();
    return { tablets: rows, ballotId: open?.id ?? null, guessing: guessing.spentAt === null ? null : { ...guessing, spentAt: guessing.spentAt } };
  });
}
