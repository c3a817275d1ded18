import type { Db, Executor } from '../db/database.ts';
import type { HallBus } from '../events.ts';
import { appendAudit } from '../audit/store.ts';
import { errors } from '../errors.ts';

export interface CheckInInput {
  meetingId: string;
  deputyId: string;
  method: 'tablet' | 'manual';
  byAccountId: string | null;
  actor: string;
  note?: string | undefined;
  /** The scrutineer (username) who approved a manual check-in made after the session opened. */
  approvedBy?: string | undefined;
}

/**
 * Checks a deputy in (签到, or 手动补签到 by the secretariat) at `now` (ms since the epoch). Checking in twice is
 * harmless and answers the first check-in; every new check-in is audited in the same transaction and, once
 * committed, announced to the hall (`attendance.changed` on the bus). Throws 404 `not_found` (no such deputy in
 * the meeting), 409 `not_on_roster` (the deputy no longer holds a seat).
 */
export async function checkIn(deps: { db: Db; bus: HallBus }, input: CheckInInput, now: number): Promise<{ at: number; already: boolean }> {
  const result = await deps.db.transaction().execute((trx) => checkInWithin(trx, input, now));
  if (!result.already) deps.bus.emit('attendance.changed', { meetingId: input.meetingId });
  return result;
}

/**
 * checkIn inside the caller's transaction (an approval carried out, a manual check-in decided with it); the caller
 * emits `attendance.changed` after its commit. Throws not_found, not_on_roster.
 */
export async function checkInWithin(trx: Executor, input: CheckInInput, now: number): Promise<{ at: number; already: boolean }> {
  const deputy = await trx
    .selectFrom('deputy')
    .select(['id', 'name', 'seated'])
    .where('id', '=', input.deputyId)
    .where('meeting_id', '=', input.meetingId)
    .executeTakeFirst();
  if (!deputy) throw errors.notFound('deputy');
  if (deputy.seated !== 1) throw errors.state('not_on_roster', 'this deputy no longer holds a seat');
  const existing = await trx
    .selectFrom('check_in')
    .select('at')
    .where('meeting_id', '=', input.meetingId)
    .where('deputy_id', '=', input.deputyId)
    .executeTakeFirst();
  if (existing) return { at: existing.at, already: true };
  await trx
    .insertInto('check_in')
    .values({ meeting_id: input.meetingId, deputy_id: input.deputyId, at: now, method: input.method, by_account_id: input.byAccountId, approved_by: input.approvedBy ?? null })
    .execute();
  await appendAudit(
    trx,
    {
      actor: input.actor,
      action: input.method === 'manual' ? 'check_in.manual' : 'check_in.tablet',
      meetingId: input.meetingId,
      detail: { deputyId: deputy.id, deputyName: deputy.name, ...(input.note ? { note: input.note } : {}), ...(input.approvedBy ? { approvedBy: input.approvedBy } : {}) },
    },
    now,
  );
  return { at: now, already: false };
}
